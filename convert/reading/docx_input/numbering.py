"""Lists from word/numbering.xml: a paragraph's w:numId and level lead to
an abstract list's w:lvl, whose w:numFmt says bullet or numbers and which
digits. ECMA-376 has one format for Arabic-Indic digits (hindiNumbers),
which Word also uses for Persian and Urdu ones: the article's language
tells them apart, as our exporter writes them."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .xml import W, attr, child

_INDIC = {"hindiNumbers", "arabicAbjad", "arabicAlpha", "hindiCounting", "hindiVowels", "hindiConsonants"}
_PERSIAN_DIGIT_LANGUAGES = ("fa", "ur", "ps")


@dataclass(frozen=True)
class ListKind:
    ordered: bool
    numbering: str | None = None  # the model's counter style of a numbered list


class Numbering:
    def __init__(self, root: etree._Element | None, lang: str) -> None:
        self._abstract: dict[str, etree._Element] = {}
        self._nums: dict[str, tuple[str, etree._Element]] = {}
        self._persian = lang.split("-")[0].lower() in _PERSIAN_DIGIT_LANGUAGES
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            self._abstract[attr(abstract, "abstractNumId") or ""] = abstract
        for num in root.iter(W + "num"):
            abstract_id = child(num, "abstractNumId")
            if abstract_id is not None:
                self._nums[attr(num, "numId") or ""] = (attr(abstract_id, "val") or "", num)

    def kind(self, num_id: str, level: str) -> ListKind | None:
        """The list a paragraph is in; None for numId 0 or an unknown one (not a list)."""
        found = self._nums.get(num_id)
        if found is None:
            return None
        abstract = self._abstract.get(found[0])
        override = found[1].find(f"{W}lvlOverride[@{W}ilvl='{level}']/{W}lvl")
        lvl = override if override is not None else (
            abstract.find(f"{W}lvl[@{W}ilvl='{level}']") if abstract is not None else None)
        number_format = child(lvl, "numFmt") if lvl is not None else None
        value = attr(number_format, "val") if number_format is not None else "decimal"
        if value == "none":  # numbered without a number: no list to the reader
            return None
        if value == "bullet":
            return ListKind(False)
        if value in _INDIC:
            return ListKind(True, "persian" if self._persian else "arabic-indic")
        return ListKind(True, "decimal")

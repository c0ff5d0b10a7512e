"""Lists from word/numbering.xml: a paragraph's w:numId and level lead to
an abstract list's w:lvl, whose w:numFmt says bullet or numbers and which
digits. ECMA-376 has one format for Arabic-Indic digits (hindiNumbers),
which Word also uses for Persian and Urdu ones: the article's language
tells them apart, as our exporter writes them.

The model's lists are bullets or numbers in one of three digits (decimal,
arabic-indic, persian). Every other w:numFmt becomes the closest of those,
and the reading says so (-v): letters of the Arabic alphabet (arabicAbjad
أ ب ج, arabicAlpha أ ب ت) and Hindi's counting styles count in the
article's own digits; Latin letters, Roman numerals, Hebrew letters,
Chicago's symbols, 01 02, ① ②, words and every other style in 1 2 3. A
level whose format is "none" shows no marker: no list of its own to its
reader, but inside an open list an unnumbered paragraph of the item above
(body.py joins it there; see unnumbered).
Word 2010's custom formats (w:numFmt "custom" with the digits spelt out in
w:format, LibreOffice's way of writing ۱, ۲, ۳) count in those digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .xml import W, attr, child

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_INDIC = "hindiNumbers"
# Counted in the article's own Arabic-script digits, with a warning: the
# model has no letter counters.
_NATIVE_APPROXIMATIONS = {"arabicAbjad", "arabicAlpha", "hindiCounting", "hindiVowels", "hindiConsonants"}
_PERSIAN_DIGIT_LANGUAGES = ("fa", "ur", "ps")
_DIGITS = (("٠١٢٣٤٥٦٧٨٩", "arabic-indic"), ("۰۱۲۳۴۵۶۷۸۹", "persian"), ("0123456789", "decimal"))
_SHOWN = {"decimal": "1 2 3", "arabic-indic": "١ ٢ ٣", "persian": "۱ ۲ ۳"}


@dataclass(frozen=True)
class ListKind:
    ordered: bool
    numbering: str | None = None  # the model's counter style of a numbered list
    # The w:numFmt read as that counter style, when the model has no such
    # numbering (lowerRoman, arabicAbjad…): not part of the list's identity.
    approximates: str | None = field(default=None, compare=False)

    def warning(self) -> str | None:
        if self.approximates is None:
            return None
        shown = _SHOWN[self.numbering or "decimal"]
        return f"list numbering {self.approximates} read as {shown} (the closest kept)"


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
        """The list a paragraph is in; None for numId 0 or an unknown one (not a
        list), and for a level numbered "none" (see unnumbered)."""
        found = self._level_format(num_id, level)
        if found is None:
            return None
        value, number_format = found
        if value == "none":  # numbered without a number: no list to the reader
            return None
        if value == "bullet":
            return ListKind(False)
        if value == "decimal":
            return ListKind(True, "decimal")
        native = "persian" if self._persian else "arabic-indic"
        if value == _INDIC:
            return ListKind(True, native)
        if value == "custom" and number_format is not None:
            return _custom(attr(number_format, "format") or "")
        counter = native if value in _NATIVE_APPROXIMATIONS else "decimal"
        return ListKind(True, counter, value or "(empty)")

    def unnumbered(self, num_id: str, level: str) -> bool:
        """Whether the paragraph is in a list whose level shows no number
        (w:numFmt "none"): Word draws it with the list's indent and no marker,
        as a paragraph of the item above when a list is open."""
        found = self._level_format(num_id, level)
        return found is not None and found[0] == "none"

    def _level_format(self, num_id: str, level: str) -> tuple[str, etree._Element | None] | None:
        """The w:numFmt value of the list's level (a w:lvlOverride's first) and
        its element; decimal when the level names none; None for no list."""
        found = self._nums.get(num_id)
        if found is None:
            return None
        abstract = self._abstract.get(found[0])
        override = found[1].find(f"{W}lvlOverride[@{W}ilvl='{level}']/{W}lvl")
        lvl = override if override is not None else (
            abstract.find(f"{W}lvl[@{W}ilvl='{level}']") if abstract is not None else None)
        number_format = _number_format(lvl) if lvl is not None else None
        value = attr(number_format, "val") if number_format is not None else "decimal"
        return value or "", number_format


def _custom(spelt: str) -> ListKind:
    """A custom format counts in the digits it spells ("٠٠١, ٠٠٢, …")."""
    for digits, counter in _DIGITS:
        if any(character in digits for character in spelt):
            return ListKind(True, counter)
    return ListKind(True, "decimal", f"custom {spelt!r}")


def _number_format(lvl: etree._Element) -> etree._Element | None:
    """A level's w:numFmt; in Word 2010's mc:AlternateContent, the w14 choice (custom formats)."""
    direct = child(lvl, "numFmt")
    if direct is not None:
        return direct
    return lvl.find(f"{_MC}AlternateContent/{_MC}Choice/{W}numFmt")

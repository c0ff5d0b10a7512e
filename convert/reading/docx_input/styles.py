"""What a paragraph's or a run's styles make of it: heading level, title,
quotation, list, bold and italic, each resolved through the style's
w:basedOn chain (a style inherits what it does not set).

Word writes built-in style names in English whatever the interface
language ("heading 1", "Title", "Quote"), while style ids are localised
("berschrift1", "Titre1"); LibreOffice and pandoc use the English ids too.
So a style is known by its name, then its id, and a heading also by its
outline level (w:outlineLvl), which localised and custom heading styles carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from .xml import W, attr, child, on

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$")
_TITLE_NAMES = {"title"}
_QUOTE_NAMES = {"quote", "intense quote", "block text", "blocktext", "intensequote", "quotations"}
_BYLINE_NAMES = {"byline", "author", "date"}  # ours; pandoc's
_DATE_NAMES = {"date"}
_CAPTION_NAMES = {"caption", "image caption"}  # Word's; pandoc's
_DISCLAIMER_NAMES = {"disclaimer"}
_HEADING_LINE_NAMES = {"heading line", "headingline"}
# Word's built-in character styles: what they mean, whatever look a theme gives them
# (ours writes emphasis in bold by default, as strong text is).
_EMPHASIS_NAMES = {"emphasis"}
_STRONG_NAMES = {"strong"}
_CREDIT_NAMES = {"picture credit"}  # ours (exporters/docx/styles.py)
_BODY_TEXT_LEVEL = 9  # w:outlineLvl 9: body text
_MAX_CHAIN = 32  # a loop of w:basedOn must end


@dataclass(frozen=True)
class StyleFacts:
    """One style with what it inherits: its names, heading level, list and run marks."""

    names: frozenset[str]
    outline: int | None = None  # 0-based w:outlineLvl, body text excluded
    num_id: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    hidden: bool | None = None

    def named(self, wanted: set[str]) -> bool:
        return bool(self.names & wanted)

    def heading_level(self) -> int | None:
        for name in self.names:
            match = _HEADING_NAME.match(name)
            if match:
                return int(match.group(1))
        return self.outline + 1 if self.outline is not None else None

    @property
    def title(self) -> bool:
        return self.named(_TITLE_NAMES)

    @property
    def quote(self) -> bool:
        return self.named(_QUOTE_NAMES)

    @property
    def byline(self) -> bool:
        return self.named(_BYLINE_NAMES)

    @property
    def caption(self) -> bool:
        return self.named(_CAPTION_NAMES)

    @property
    def date(self) -> bool:
        return self.named(_DATE_NAMES)

    @property
    def disclaimer(self) -> bool:
        return self.named(_DISCLAIMER_NAMES)

    @property
    def heading_line(self) -> bool:
        return self.named(_HEADING_LINE_NAMES)

    @property
    def credit(self) -> bool:
        return self.named(_CREDIT_NAMES)

    def meaning(self) -> StyleFacts:
        """A character style as what it means: the Emphasis style italic
        (emphasis) and never bold, the Strong style bold and never italic,
        whatever its look; any other as its look."""
        if self.named(_EMPHASIS_NAMES):
            return replace(self, bold=None, italic=True)
        if self.named(_STRONG_NAMES):
            return replace(self, bold=True, italic=None)
        return self


NO_STYLE = StyleFacts(frozenset())


def run_marks(r_pr: etree._Element | None) -> tuple[bool | None, bool | None, bool | None]:
    """(bold, italic, hidden) a w:rPr sets; None where it says nothing. The
    complex-script twins (w:bCs, w:iCs) count: Arabic runs are bold by them."""
    if r_pr is None:
        return None, None, None
    return (_toggle(r_pr, "b", "bCs"), _toggle(r_pr, "i", "iCs"), _toggle(r_pr, "vanish"))


def _toggle(r_pr: etree._Element, *names: str) -> bool | None:
    found = [on(element) for name in names if (element := child(r_pr, name)) is not None]
    return any(found) if found else None


class Styles:
    """The document's styles by id, each resolved through its chain."""

    def __init__(self, root: etree._Element | None) -> None:
        found = root.iter(W + "style") if root is not None else ()
        self._raw = {attr(style, "styleId"): style for style in found}
        self._resolved: dict[str, StyleFacts] = {}

    def facts(self, style_id: str | None) -> StyleFacts:
        if not style_id or style_id not in self._raw:
            return NO_STYLE
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id)
        return self._resolved[style_id]

    def _resolve(self, style_id: str) -> StyleFacts:
        names: set[str] = set()
        outline = num_id = bold = italic = hidden = None
        current: str | None = style_id
        for _ in range(_MAX_CHAIN):
            style = self._raw.get(current or "")
            if style is None:
                break
            name = child(style, "name")
            names.update(n.lower() for n in (attr(name, "val") if name is not None else "", current) if n)
            p_pr = child(style, "pPr")
            outline = outline if outline is not None else outline_level(p_pr)
            num_id = num_id if num_id is not None else list_id(p_pr)
            b, i, h = run_marks(child(style, "rPr"))
            bold, italic, hidden = _first(bold, b), _first(italic, i), _first(hidden, h)
            based = child(style, "basedOn")
            current = attr(based, "val") if based is not None else None
        return StyleFacts(frozenset(names), outline, num_id, bold, italic, hidden)


def _first(kept: bool | None, found: bool | None) -> bool | None:
    return kept if kept is not None else found


def outline_level(p_pr: etree._Element | None) -> int | None:
    level = child(p_pr, "outlineLvl") if p_pr is not None else None
    value = attr(level, "val") if level is not None else None
    if value is None or not value.isdigit() or int(value) >= _BODY_TEXT_LEVEL:
        return None
    return int(value)


def list_id(p_pr: etree._Element | None) -> str | None:
    """The w:numId a w:pPr puts its paragraph in ("0": none, which ends a list)."""
    num_pr = child(p_pr, "numPr") if p_pr is not None else None
    num = child(num_pr, "numId") if num_pr is not None else None
    return attr(num, "val") if num is not None else None

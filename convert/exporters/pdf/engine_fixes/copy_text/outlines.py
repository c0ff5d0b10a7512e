"""Glyph outlines as PDF forms, in font units.

The glyphs that stand for no text (marks, elongations, strokes) are drawn
as filled paths of their own outlines, so that no viewer takes them for
text. The outline comes from the font WeasyPrint embeds (its whole file,
before subsetting), read with fontTools; each glyph's is written once a
document, as a form XObject of the page resources, and drawn where needed
(a mark is drawn hundreds of times in a vocalised article).
"""

from __future__ import annotations

import io

import pydyf
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from .content import number
from .reading import UnexpectedLine

_FONTS: dict[tuple, TTFont] = {}
_PATHS: dict[tuple, bytes] = {}
_NOMINAL: dict[tuple, int | None] = {}


class _PathPen(BasePen):
    """Collects an outline as m/l/c/h operators (quadratic curves made cubic by BasePen)."""

    def __init__(self, glyph_set) -> None:
        super().__init__(glyph_set)
        self.operators: list[bytes] = []

    def _moveTo(self, point) -> None:
        self.operators.append(b"%s %s m" % (number(point[0]), number(point[1])))

    def _lineTo(self, point) -> None:
        self.operators.append(b"%s %s l" % (number(point[0]), number(point[1])))

    def _curveToOne(self, first, second, third) -> None:
        self.operators.append(b" ".join(number(value) for value in (*first, *second, *third)) + b" c")

    def _closePath(self) -> None:
        self.operators.append(b"h")


def _font_file(font) -> tuple[tuple, TTFont]:
    key = (font.hash, font.index, len(font.file_content))
    tt_font = _FONTS.get(key)
    if tt_font is None:
        tt_font = _FONTS[key] = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
    return key, tt_font


def blank_glyph(font) -> int:
    """The font's space glyph: drawn, it leaves no ink. UnexpectedLine for a
    font without one, or a variable font (its outlines are the instance's)."""
    _, tt_font = _font_file(font)
    space = nominal_glyph(font, " ")
    if space is None or "fvar" in tt_font:
        raise UnexpectedLine
    # If no space is drawn, subsetting empties the glyph: still blank.
    return space


def nominal_glyph(font, character: str) -> int | None:
    """The glyph the font's cmap gives a character, if any."""
    key, tt_font = _font_file(font)
    if (key, character) not in _NOMINAL:
        name = tt_font.getBestCmap().get(ord(character)) if "cmap" in tt_font else None
        _NOMINAL[key, character] = None if name is None else tt_font.getGlyphID(name)
    return _NOMINAL[key, character]


_FORMS = "_convert_glyph_forms"  # on a resources dictionary: (font, glyph) -> form name


def glyph_form(resources, font, glyph_id: int, compress: bool) -> tuple[bytes, float]:
    """The name of the form drawing the glyph, in the resources a page (or
    group) draws with, written there the first time; empty for a blank
    glyph. And the font's units per em."""
    forms = resources.__dict__.setdefault(_FORMS, {})
    key = (font.hash, glyph_id)
    if key not in forms:  # the first time in these resources
        path, _ = glyph_outline(font, glyph_id)
        forms[key] = _add_form(resources, f"g{font.hash}{glyph_id}", path, _bounds(font), compress) \
            if path else b""
    return forms[key], _font_file(font)[1]["head"].unitsPerEm


def _add_form(resources, name: str, path: bytes, bounds: list[int], compress: bool) -> bytes:
    resources["XObject"][name] = pydyf.Stream([path + b" f"], pydyf.Dictionary({
        "Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array(bounds)}), compress=compress)
    return name.encode()


def _bounds(font) -> list[int]:
    """The font's bounding box (head table), every glyph's outline inside it."""
    head = _font_file(font)[1]["head"]
    return [head.xMin, head.yMin, head.xMax, head.yMax]


def glyph_outline(font, glyph_id: int) -> tuple[bytes, float]:
    """The glyph's outline path (empty for a blank glyph) and the font's units per em."""
    key, tt_font = _font_file(font)
    path = _PATHS.get((key, glyph_id))
    if path is None and (font.png or font.svg or font.colr):
        path = b""  # a colour glyph: WeasyPrint draws it as an image
    if path is None:
        glyph_set = tt_font.getGlyphSet()
        pen = _PathPen(glyph_set)
        glyph_set[tt_font.getGlyphName(glyph_id)].draw(pen)
        path = _PATHS[(key, glyph_id)] = b" ".join(pen.operators)
    return path, tt_font["head"].unitsPerEm

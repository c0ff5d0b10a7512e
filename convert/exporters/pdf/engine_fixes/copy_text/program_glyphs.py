"""The companion's glyphs written into the embedded font program.

A companion code draws a real glyph at its cell's width, which is seldom
the glyph's own advance. Viewers place text by the font dictionary's
widths (W) alone, but PDF/A (ISO 19005-2 and -3, 6.2.11.5) and PDF/UA-1
(ISO 14289-1, 7.21.5) want those widths to agree with the embedded program
for every glyph drawn. For every PDF variant each (glyph, width) pair of a
companion becomes a glyph of its own appended to the program: a composite
of the real glyph (the same outline, so the page is unchanged) whose
advance is the width, or an empty glyph with that advance for a blank.
"""

from __future__ import annotations

import io

from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

# Tables with a record per glyph, read before glyphs are appended and
# written again with them (the others keep their bytes: appending leaves
# every glyph id as it was); and those a rasteriser can do without, dropped
# rather than extended.
_PER_GLYPH = ("glyf", "hmtx", "post", "vmtx")
_PER_GLYPH_EXTRAS = ("hdmx", "LTSH", "VDMX")


class UnsupportedProgram(Exception):
    """A font program the glyphs cannot be appended to (CFF, variable)."""


def append_glyphs(program: bytes, pairs: list[tuple[int, int]]) -> tuple[bytes, dict[tuple[int, int], int]]:
    """The program with a glyph for each (glyph id, width in thousandths of
    an em) pair appended, and the new glyph id of each pair."""
    # Not recalculating bounding boxes: the program's glyphs keep their
    # bytes (recompiling thousands of them took most of the time), and the
    # new ones get their base glyph's. Not touching the timestamp: the same
    # input gives the same PDF.
    tt_font = TTFont(io.BytesIO(program), recalcBBoxes=False, recalcTimestamp=False)
    if "glyf" not in tt_font or "fvar" in tt_font:
        raise UnsupportedProgram
    for tag in _PER_GLYPH:
        if tag in tt_font:
            tt_font[tag]  # read under the old glyph order
    for tag in _PER_GLYPH_EXTRAS:
        if tag in tt_font:
            del tt_font[tag]
    order = tt_font.getGlyphOrder()
    glyphs, metrics = tt_font["glyf"], tt_font["hmtx"].metrics
    units_per_em = tt_font["head"].unitsPerEm
    new_ids: dict[tuple[int, int], int] = {}
    names = list(order)
    for glyph_id, width in dict.fromkeys(pairs):
        if width < 0 or glyph_id >= len(order):
            raise UnsupportedProgram
        base = order[glyph_id]
        name = f"companion{len(names)}"
        new_ids[glyph_id, width] = len(names)
        names.append(name)
        glyphs.glyphs[name] = _copy_of(glyphs, base)
        metrics[name] = (round(width * units_per_em / 1000), metrics[base][1])
        if "vmtx" in tt_font:
            tt_font["vmtx"].metrics[name] = tt_font["vmtx"].metrics[base]
    tt_font.setGlyphOrder(names)
    glyphs.glyphOrder = names
    _count_components(tt_font)
    output = io.BytesIO()
    tt_font.save(output)
    return output.getvalue(), new_ids


def _copy_of(glyphs, base: str):
    """A composite of the base glyph, with its bounds, or an empty glyph if
    it draws nothing."""
    original = glyphs[base]
    pen = TTGlyphPen(glyphs)
    if original.numberOfContours == 0:
        return pen.glyph()
    pen.addComponent(base, (1, 0, 0, 1, 0, 0))
    glyph = pen.glyph()
    for bound in ("xMin", "yMin", "xMax", "yMax"):
        setattr(glyph, bound, getattr(original, bound))
    return glyph


def _count_components(tt_font) -> None:
    """maxp's composite limits, which a rasteriser sizes its work by: each
    new composite holds one component, one level above its base, and as
    many points and contours as the base, no more than the largest glyph."""
    maxp = tt_font["maxp"]
    if maxp.tableVersion < 0x00010000:
        return  # version 0.5 (CFF) has no such fields
    maxp.maxComponentElements = max(maxp.maxComponentElements, 1)
    maxp.maxComponentDepth += 1
    maxp.maxCompositePoints = max(maxp.maxCompositePoints, maxp.maxPoints)
    maxp.maxCompositeContours = max(maxp.maxCompositeContours, maxp.maxContours)

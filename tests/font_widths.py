"""Glyph widths a PDF's font dictionaries give against the embedded font
programs' own advances, read with pypdf and fontTools (not our code).

PDF/A (ISO 19005-2 and -3, 6.2.11.5) and PDF/UA-1 (ISO 14289-1, 7.21.5)
want them consistent for every glyph the page draws; veraPDF allows one
thousandth of an em.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import IndirectObject


@dataclass(frozen=True)
class WidthMismatch:
    font: str
    cid: int
    glyph_id: int
    dictionary: float  # thousandths of an em
    program: float


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _cid_widths(cid_font) -> dict[int, float]:
    """The W array as CID -> width."""
    widths: dict[int, float] = {}
    array = list(_resolve(cid_font.get("/W", [])))
    index = 0
    while index < len(array):
        first = int(array[index])
        second = _resolve(array[index + 1])
        if isinstance(second, list):
            for offset, width in enumerate(second):
                widths[first + offset] = float(width)
            index += 2
        else:
            for cid in range(first, int(second) + 1):
                widths[cid] = float(array[index + 2])
            index += 3
    return widths


def _cid_to_gid(cid_font, cids) -> dict[int, int]:
    mapping = _resolve(cid_font.get("/CIDToGIDMap", "/Identity"))
    if not hasattr(mapping, "get_data"):
        return {cid: cid for cid in cids}
    data = mapping.get_data()
    return {cid: int.from_bytes(data[2 * cid:2 * cid + 2], "big") for cid in cids}


def type0_fonts(path: Path) -> dict[tuple[int, int], object]:
    """Every Type0 font the pages use, by object reference."""
    found = {}
    for page in PdfReader(path).pages:
        stack = [page.get("/Resources")]
        while stack:
            resources = _resolve(stack.pop())
            if not resources:
                continue
            for reference in _resolve(resources.get("/Font", {})).values():
                if isinstance(reference, IndirectObject):
                    font = reference.get_object()
                    if font.get("/Subtype") == "/Type0":
                        found[(reference.idnum, reference.generation)] = font
            for xobject in _resolve(resources.get("/XObject", {})).values():
                stack.append(_resolve(xobject).get("/Resources"))
    return found


def embedded_programs(path: Path) -> Iterator[tuple]:
    """(Type0 font, its CID font, its TrueType program read by fontTools) for
    each font of the PDF that embeds one."""
    for font in type0_fonts(path).values():
        cid_font = _resolve(font["/DescendantFonts"][0])
        program = _resolve(_resolve(cid_font["/FontDescriptor"]).get("/FontFile2"))
        if program is not None:
            yield font, cid_font, TTFont(io.BytesIO(program.get_data()))


def width_mismatches(path: Path, tolerance: float = 1.0) -> list[WidthMismatch]:
    """Each CID whose W width differs from its glyph's advance in the
    embedded program by more than tolerance thousandths of an em."""
    mismatches = []
    for font, cid_font, tt_font in embedded_programs(path):
        units = tt_font["head"].unitsPerEm
        advances = tt_font["hmtx"].metrics
        order = tt_font.getGlyphOrder()
        widths = _cid_widths(cid_font)
        for cid, glyph_id in _cid_to_gid(cid_font, widths).items():
            advance = advances[order[glyph_id]][0] * 1000 / units if glyph_id < len(order) else 0.0
            if abs(advance - widths[cid]) > tolerance:
                mismatches.append(WidthMismatch(str(font["/BaseFont"]), cid, glyph_id, widths[cid], advance))
    return mismatches


_LIMITS = ("maxComponentElements", "maxComponentDepth", "maxCompositePoints", "maxCompositeContours")


def understated_limits(path: Path) -> list[str]:
    """Each embedded TrueType program whose maxp composite limits are below
    what fontTools computes from its glyphs (a rasteriser sizes its work by
    them): "font: field"."""
    found = []
    for font, _, tt_font in embedded_programs(path):
        maxp = tt_font["maxp"]
        stated = {field: getattr(maxp, field) for field in _LIMITS}
        maxp.recalc(tt_font)
        found += [f"{font['/BaseFont']}: {field}" for field in _LIMITS
                  if stated[field] < getattr(maxp, field)]
    return found

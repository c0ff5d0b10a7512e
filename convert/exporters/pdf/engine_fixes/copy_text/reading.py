"""The glyphs and clusters of the line a text box draws, read from Pango."""

from __future__ import annotations

from weasyprint.text.ffi import ffi, pango

from ..kashida import TATWEEL, kashida_on
from ..tounicode import run_glyph_ids
from .cells import Cluster, Glyph

# PangoGlyphInfo: glyph id, then geometry (width, x offset, y offset), then attributes.
_INFO_WORDS = ffi.sizeof("PangoGlyphInfo") // 4


class UnexpectedLine(Exception):
    """A line this fix leaves to WeasyPrint as it drew it."""


ELLIPSIS = "\u2026"


def line_glyphs(stream, textbox, ellipsis_glyph=None) -> tuple[list[Glyph], list[Cluster]]:
    """Every drawn glyph of the box's line (drawing order) and every cluster;
    UnexpectedLine for a bitmap or CFF font, or a glyph the font lacks.
    ellipsis_glyph(font), for a line Pango ellipsized: the glyph of "…",
    which Pango draws for the text it leaves out."""
    layout = textbox.pango_layout
    # A document justified by kashida has no tatweel of its author's: each
    # one is an elongation, part of the letter before it (kashida.py).
    elongated = kashida_on(textbox.style)
    line, _ = layout.get_first_line()
    utf8_text = layout.text.encode()
    glyphs: list[Glyph] = []
    clusters: list[Cluster] = []
    run = line.runs[0] if line.runs != ffi.NULL else ffi.NULL
    run_number = 0
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        run_number += 1
        first = len(clusters)
        _read_run(stream, textbox, glyph_item, utf8_text, elongated, run_number, glyphs, clusters)
        if ellipsis_glyph is not None:
            _name_the_ellipsis(glyphs, clusters[first:], ellipsis_glyph)
    return glyphs, clusters


def _name_the_ellipsis(glyphs: list[Glyph], run_clusters: list[Cluster], ellipsis_glyph) -> None:
    """The run Pango put in place of the text it left out stands for "…", not for that text."""
    drawn = [glyphs[index] for cluster in run_clusters for index in cluster.glyphs]
    if len(run_clusters) == 1 and len(drawn) == 1 and drawn[0].glyph_id == ellipsis_glyph(drawn[0].face):
        run_clusters[0].text = ELLIPSIS


def _read_run(stream, textbox, glyph_item, utf8_text: bytes, elongated: bool, run_number: int,
              glyphs: list[Glyph], clusters: list[Cluster]) -> None:
    item = glyph_item.item
    font, size = stream.add_font(item.analysis.font)
    if font.bitmap or font.type == "otf":
        # Bitmap (emoji) fonts are Type 3; CFF fonts take no CIDToGIDMap.
        raise UnexpectedLine
    if pango.pango_version() < 14802 or font.png:
        size = textbox.style["font_size"]  # the size WeasyPrint draws such a font at
    count = glyph_item.glyphs.num_glyphs
    starts = ffi.unpack(glyph_item.glyphs.log_clusters, count)
    glyph_ids = run_glyph_ids(glyph_item.glyphs)
    words = memoryview(ffi.buffer(glyph_item.glyphs.glyphs, count * _INFO_WORDS * 4)).cast("i")
    ends = _cluster_ends(starts, item.length)
    right_to_left = item.analysis.level % 2 == 1
    previous = None
    for index in range(count):
        glyph_id, start = glyph_ids[index], starts[index]
        if start != previous:
            text = utf8_text[item.offset + start:item.offset + ends[start]].decode("utf-8", "replace")
            clusters.append(Cluster(text.replace(TATWEEL, "") if elongated else text,
                                    right_to_left, run_number, item.offset + start))
            previous = start
        x_offset, y_offset = words[index * _INFO_WORDS + 2], words[index * _INFO_WORDS + 3]
        if glyph_id == pango.PANGO_GLYPH_EMPTY:
            continue  # no glyph (a joiner): its cluster keeps the text
        if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
            raise UnexpectedLine  # WeasyPrint draws .notdef with a glyph id of its own
        glyphs.append(Glyph(glyph_id, font, font.widths.get(glyph_id, 0), font.to_unicode.get(glyph_id, ""),
                            size, cluster=len(clusters) - 1,
                            # WeasyPrint moves a glyph by its offset in thousandths of a unit.
                            offset=x_offset / 1000, placed=not (x_offset or y_offset)))
        clusters[-1].glyphs.append(len(glyphs) - 1)


def _cluster_ends(starts, length: int) -> dict[int, int]:
    """Each cluster's start byte -> its end, whatever order the glyphs come in."""
    ordered = sorted(set(starts))
    return dict(zip(ordered, [*ordered[1:], length], strict=True))

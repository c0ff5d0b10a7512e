"""The glyphs and clusters of the line a text box draws, read from Pango."""

from __future__ import annotations

from weasyprint.text.ffi import ffi, pango

from ..kashida import TATWEEL, kashida_on
from ..tounicode import GLYPH_INFO_WORDS, glyph_info_words, run_glyph_ids
from .cells import Cluster, Glyph

_EMPTY, _UNKNOWN = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
_OLD_PANGO = pango.pango_version() < 14802  # WeasyPrint then draws at the style's size


class UnexpectedLine(Exception):
    """A line this fix leaves to WeasyPrint as it drew it."""


ELLIPSIS = "\u2026"
ZERO_WIDTH_SPACE = "\u200b"
NO_BREAK_SPACE = "\u00a0"


def _copies_as_typed(style) -> bool:
    """Whether the stylesheet asks for the text as typed (--convert-copy-typed:
    on): no-break spaces copied as spaces."""
    tokens = style["__convert_copy_typed"]
    return isinstance(tokens, tuple) and any(getattr(token, "value", None) == "on" for token in tokens)


def line_glyphs(stream, textbox, ellipsis_glyph=None) -> tuple[list[Glyph], list[Cluster]]:
    """Every drawn glyph of the box's line (drawing order) and every cluster;
    UnexpectedLine for a bitmap or CFF font, or a glyph the font lacks.
    ellipsis_glyph(font), for a line Pango ellipsized: the glyph of "…",
    which Pango draws for the text it leaves out."""
    layout = textbox.pango_layout
    # As WeasyPrint draws it (set first: setting it later would lay the line out again).
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    # A document justified by kashida has no tatweel of its author's: each
    # one is an elongation, part of the letter before it (kashida.py).
    elongated = kashida_on(textbox.style)
    # A Qur'anic quotation: the no-break spaces the exporter put there to
    # bind its signs to their words stand for the spaces typed (print.css).
    typed = _copies_as_typed(textbox.style)
    line, _ = layout.get_first_line()
    utf8_text = layout.text.encode()
    glyphs: list[Glyph] = []
    clusters: list[Cluster] = []
    run = line.runs[0] if line.runs != ffi.NULL else ffi.NULL
    run_number = 0
    fonts: dict = {}  # a justified line is a run a word, mostly in one font
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        run_number += 1
        first = len(clusters)
        _read_run(_font(stream, textbox, glyph_item.item.analysis.font, fonts), glyph_item, utf8_text,
                  elongated, run_number, glyphs, clusters, typed)
        if ellipsis_glyph is not None:
            _name_the_ellipsis(glyphs, clusters[first:], ellipsis_glyph)
    return glyphs, clusters


def _name_the_ellipsis(glyphs: list[Glyph], run_clusters: list[Cluster], ellipsis_glyph) -> None:
    """The run Pango put in place of the text it left out stands for "…", not for that text."""
    drawn = [glyphs[index] for cluster in run_clusters for index in cluster.glyphs]
    if len(run_clusters) == 1 and len(drawn) == 1 and drawn[0].glyph_id == ellipsis_glyph(drawn[0].face):
        run_clusters[0].text = ELLIPSIS


def _font(stream, textbox, pango_font, fonts: dict) -> tuple[object, float]:
    """WeasyPrint's font for a Pango font, and the size it draws it at."""
    key = int(ffi.cast("uintptr_t", pango_font))
    if key not in fonts:
        font, size = stream.add_font(pango_font)
        if font.bitmap or font.type == "otf":
            # Bitmap (emoji) fonts are Type 3; CFF fonts take no CIDToGIDMap.
            raise UnexpectedLine
        if _OLD_PANGO or font.png:
            size = textbox.style["font_size"]  # the size WeasyPrint draws such a font at
        fonts[key] = font, size
    return fonts[key]


def _read_run(font_and_size: tuple[object, float], glyph_item, utf8_text: bytes, elongated: bool,
              run_number: int, glyphs: list[Glyph], clusters: list[Cluster], typed: bool = False) -> None:
    item = glyph_item.item
    font, size = font_and_size
    count = glyph_item.glyphs.num_glyphs
    starts = ffi.unpack(glyph_item.glyphs.log_clusters, count)
    glyph_ids = run_glyph_ids(glyph_item.glyphs)
    words = glyph_info_words(glyph_item.glyphs, signed=True)  # offsets may be negative
    ends = _cluster_ends(starts, item.length)
    right_to_left = item.analysis.level % 2 == 1
    widths, offset = font.widths, item.offset
    cluster = None
    previous = None
    for index in range(count):
        glyph_id, start = glyph_ids[index], starts[index]
        if start != previous:
            text = utf8_text[offset + start:offset + ends[start]].decode("utf-8", "replace")
            # A break opportunity (a long token's: pdf/long_tokens.py) is no text to copy.
            text = text.replace(ZERO_WIDTH_SPACE, "")
            if typed:
                text = text.replace(NO_BREAK_SPACE, " ")
            cluster = Cluster(text.replace(TATWEEL, "") if elongated else text, right_to_left, run_number,
                              offset + start)
            clusters.append(cluster)
            previous = start
        if glyph_id == _EMPTY:
            continue  # no glyph (a joiner): its cluster keeps the text
        if glyph_id & _UNKNOWN:
            raise UnexpectedLine  # WeasyPrint draws .notdef with a glyph id of its own
        x_offset, y_offset = words[index * GLYPH_INFO_WORDS + 2], words[index * GLYPH_INFO_WORDS + 3]
        cluster.glyphs.append(len(glyphs))
        if right_to_left or cluster.base is None:
            cluster.base = len(glyphs)  # the logically first: the last drawn, right to left
        # WeasyPrint moves a glyph by its offset in thousandths of a unit.
        glyphs.append(Glyph(glyph_id, font, widths.get(glyph_id, 0), size, len(clusters) - 1,
                            x_offset / 1000, not (x_offset or y_offset)))


def _cluster_ends(starts, length: int) -> dict[int, int]:
    """Each cluster's start byte -> its end, whatever order the glyphs come in."""
    ordered = sorted(set(starts))
    return dict(zip(ordered, [*ordered[1:], length], strict=True))

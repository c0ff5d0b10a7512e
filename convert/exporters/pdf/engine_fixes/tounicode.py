"""Make each glyph copy as the letters it stands for (WeasyPrint issue #2841).

A PDF maps each glyph to text once (the ToUnicode map), and WeasyPrint fills
that map from the first place it draws a glyph, giving a cluster's text to
its logically *last* glyph and nothing to the others. Amiri draws some
letters as several glyphs: lam before kaf is "lam" + a connecting stroke.
So after "لقا" (lam alone: "ل") the stroke of "لكن" also becomes "ل" and
the word extracts as "للكن"; drawn in the other order, every later lone lam
extracts as nothing. Readers then find wrong words when they copy or search.

The fix gives a cluster's text to its logically *first* glyph, the base
letter, and nothing to the glyphs that follow it (connectors, extra
strokes), except vowel marks, which go to the glyphs that draw them: the
same glyph then gets the same text wherever it appears. In a document
justified by kashida, tatweel is left out of every cluster's text: the
elongations kashida.py inserted copy as nothing. It runs just before
WeasyPrint draws each line and only fills entries that are still empty, so
WeasyPrint's own code writes everything else as usual. If WeasyPrint's
drawing function changes shape, nothing is wrapped (the extraction tests
then show it). Remove this module when WeasyPrint maps clusters itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from weasyprint.draw import text as weasy_text
from weasyprint.text.ffi import ffi, pango

from .kashida import TATWEEL, kashida_on
from .wrap import wrap_once

_SKIPPED_GLYPHS = pango.PANGO_GLYPH_EMPTY
# Glyphs never mapped here; a run with an unknown glyph takes the slow path.
_UNMAPPED_HERE = frozenset({_SKIPPED_GLYPHS})
# PangoGlyphInfo: the glyph id (a 32-bit word) first, then geometry (width,
# x offset, y offset) and attributes.
GLYPH_INFO_WORDS = ffi.sizeof("PangoGlyphInfo") // 4
# WeasyPrint's draw_first_line, as this fix and copy_text wrap it.
DRAW_PARAMETERS = ["stream", "textbox", "text_overflow", "block_ellipsis", "matrix"]
# Arabic harakat, shadda, sukun, superscript alef and Quranic marks.
_COMBINING_MARKS = "".join(chr(code) for code in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)))


def install() -> bool:
    """Wrap WeasyPrint's line drawing once per process (idempotent)."""
    return wrap_once(weasy_text, "draw_first_line", DRAW_PARAMETERS, "maps_clusters_to_base_glyph",
                     _mapping_clusters_first)


def _mapping_clusters_first(draw_line):
    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        # With an ellipsis WeasyPrint rewrites the line before drawing it;
        # leave that rare case to its own mapping.
        if text_overflow != "ellipsis" and block_ellipsis == "none" and textbox.text.strip():
            map_line_clusters(stream, textbox)
        return draw_line(stream, textbox, text_overflow, block_ellipsis, matrix)

    return draw_first_line


def map_line_clusters(stream, textbox) -> None:
    """Fill the fonts' glyph -> text maps for the line this box will draw."""
    layout = textbox.pango_layout
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)  # as WeasyPrint draws it
    # A document justified by kashida has no tatweel of its author's: every
    # one is an elongation, which copies as nothing (kashida.py).
    elongated = kashida_on(textbox.style)
    line, _ = layout.get_first_line()
    utf8_text = None
    run = line.runs[0] if line.runs != ffi.NULL else ffi.NULL
    pango_font = mapped = None
    while run != ffi.NULL:
        glyph_item, run = run.data, run.next
        # A justified line is a run a word, mostly in one font: look the font
        # up when it changes (as WeasyPrint's drawing does), not once a run.
        run_font = glyph_item.item.analysis.font
        if run_font != pango_font:
            pango_font = run_font
            mapped = stream.add_font(pango_font)[0].to_unicode
        if mapped.keys() >= set(run_glyph_ids(glyph_item.glyphs)) - _UNMAPPED_HERE:
            continue  # the usual case after the first lines: every glyph met before
        utf8_text = utf8_text or layout.text.encode()
        for glyph_ids, text in glyph_clusters(glyph_item, utf8_text):
            # Most clusters were met before in this document: nothing to add.
            if all(glyph_id in mapped for glyph_id in glyph_ids):
                continue
            if elongated:
                text = text.replace(TATWEEL, "")
            for glyph_id, glyph_text in glyph_texts(glyph_ids, text):
                mapped.setdefault(glyph_id, glyph_text)


def glyph_texts(glyph_ids: list[int], text: str) -> list[tuple[int, str]]:
    """The text each glyph of a cluster stands for: the base letter on the
    first glyph and nothing on the others, except that vowel marks (harakat)
    ending the cluster go one by one on its last glyphs, which draw them."""
    base = text.rstrip(_COMBINING_MARKS)
    marks = text[len(base):]
    if len(glyph_ids) <= len(marks):
        marks, base = "", text
    head = glyph_ids[:len(glyph_ids) - len(marks)]
    return ([(head[0], base)] + [(glyph_id, "") for glyph_id in head[1:]]
            + list(zip(glyph_ids[len(head):], marks, strict=True)))


def glyph_info_words(glyphs, signed: bool = False) -> memoryview:
    """A PangoGlyphString's glyph infos as 32-bit words, GLYPH_INFO_WORDS a
    glyph, read from the C array in one go (element by element through cffi
    is slow): unsigned for glyph ids, signed for offsets."""
    size = glyphs.num_glyphs * GLYPH_INFO_WORDS * 4
    return memoryview(ffi.buffer(glyphs.glyphs, size)).cast("i" if signed else "I")


def run_glyph_ids(glyphs) -> memoryview:
    """The glyph ids of a PangoGlyphString in visual order."""
    return glyph_info_words(glyphs)[::GLYPH_INFO_WORDS]


def glyph_clusters(glyph_item, utf8_text: bytes) -> Iterator[tuple[list[int], str]]:
    """(glyph ids in logical order, text) for each cluster of a Pango run."""
    item = glyph_item.item
    glyphs = glyph_item.glyphs
    count = glyphs.num_glyphs
    starts = ffi.unpack(glyphs.log_clusters, count)
    glyph_ids = run_glyph_ids(glyphs)
    # Pango lists glyphs in visual order: right to left runs come reversed.
    right_to_left = item.analysis.level % 2 == 1
    order = range(count - 1, -1, -1) if right_to_left else range(count)
    groups: list[tuple[int, list[int]]] = []
    for index in order:
        start = starts[index]
        if groups and groups[-1][0] == start:
            groups[-1][1].append(glyph_ids[index])
        else:
            groups.append((start, [glyph_ids[index]]))
    ends = [start for start, _ in groups[1:]] + [item.length]
    for (start, cluster), end in zip(groups, ends, strict=True):
        kept = [glyph for glyph in cluster if not _unmapped(glyph)]
        if kept:
            text = utf8_text[item.offset + start:item.offset + end].decode("utf-8", "replace")
            yield kept, text


def _unmapped(glyph_id: int) -> bool:
    # Empty glyphs draw nothing; unknown ones (.notdef) WeasyPrint maps itself.
    return glyph_id == _SKIPPED_GLYPHS or bool(glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG)

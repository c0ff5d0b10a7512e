"""Text that copies and searches whole in every PDF viewer (issue 27).

WeasyPrint draws each glyph Pango shaped as text. For Arabic-script lines
that reads back broken in three of the four viewer families: elongations
and strokes that stand for no text come back as stray characters (PDFium,
MuPDF) or split words (poppler); vowel marks are read as letters of their
own, before their letter or on another line; Nastaliq and kerned words
show gaps and overlaps. This fix lets WeasyPrint draw each line, reads
back where it put every glyph, and draws the line again, looking the same
(every glyph at the same place) but as a text layer cells.py describes:
one text glyph per character, tiling the line, through a companion font
(companion.py), and the glyphs that stand for no text filled as outlines
(outlines.py).

It leaves a line as WeasyPrint drew it when anything is not as expected: a
bitmap (Type 3) font, a CFF or variable font, a glyph missing from the
font, items it does not know. Remove it when WeasyPrint writes a text
layer that every viewer reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint import pdf as weasy_pdf
from weasyprint.draw import text as weasy_text

from ..tounicode import DRAW_PARAMETERS
from ..wrap import wrap_once
from .cells import text_cells
from .companion import LineCodes, add_companions
from .content import locate, outline_items, text_layer
from .outlines import blank_glyph, glyph_form, nominal_glyph
from .reading import ELLIPSIS, UnexpectedLine, line_glyphs

_FONTS_PARAMETERS = ["pdf", "fonts", "compress", "subset", "options"]


def install() -> bool:
    """Wrap WeasyPrint's line drawing and font writing (idempotent)."""
    return (wrap_once(weasy_text, "draw_first_line", DRAW_PARAMETERS, "draws_a_text_layer",
                      _drawing_text_layers)
            and wrap_once(weasy_pdf, "build_fonts_dictionary", _FONTS_PARAMETERS, "writes_companion_fonts",
                          _with_companions))


def _drawing_text_layers(draw_line):
    # draw_line is tounicode's wrapper: every line is drawn with its
    # glyph-to-text map filled right, so a line this fix leaves as drawn (or
    # gives up on) copies as well as without this fix, and the real fonts'
    # maps hold no text that a later line left alone would inherit.
    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        read = _read(stream, textbox, text_overflow == "ellipsis") if _state.active else None
        start = len(stream.stream)
        # Colour emoji are drawn as images after the line, where WeasyPrint
        # put them; their glyphs in the line are blank.
        emojis = draw_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        if read is not None:
            rewrite_line(stream, start, *read, decoration=_is_decoration(textbox))
        return emojis

    return draw_first_line


def _with_companions(build_fonts_dictionary):
    def fonts_dictionary(pdf, fonts, compress, subset, options):
        pdf_fonts = build_fonts_dictionary(pdf, fonts, compress, subset, options)
        add_companions(pdf, fonts, pdf_fonts, compress, consistent_widths=bool(options.get("pdf_variant")))
        return pdf_fonts

    return fonts_dictionary


def _read(stream, textbox, ellipsized: bool) -> tuple[list, list, dict] | None:
    """The line's glyphs, clusters and each font's blank glyph, before it is
    drawn; None for a line this fix leaves alone."""
    if not textbox.text.strip() or textbox.style["font_size"] < 1e-6:
        return None  # WeasyPrint draws nothing for it
    ellipsis = (lambda font: nominal_glyph(font, ELLIPSIS)) if ellipsized else None
    try:
        glyphs, clusters = line_glyphs(stream, textbox, ellipsis)
        faces = {id(glyph.face): glyph.face for glyph in glyphs}
        return (glyphs, clusters, {key: blank_glyph(face) for key, face in faces.items()}) if glyphs else None
    except UnexpectedLine:
        return None


def _is_decoration(textbox) -> bool:
    """A list item's bullet: no letter or digit, nothing the article's text
    has (its author typed a hyphen, or nothing). As on a web page, copying
    the list copies its items, not the bullets; a number stays text."""
    return (textbox.element_tag or "").endswith("::marker") and not any(
        character.isalnum() for character in textbox.text)


def rewrite_line(stream, start: int, glyphs: list, clusters: list, blanks: dict,
                 decoration: bool = False) -> None:
    """Draw again, as a text layer and outlines, the line WeasyPrint drew
    from item start on; a decoration, as outlines alone."""
    drawn = stream.stream[start:]
    if any(glyph.glyph_id not in glyph.face.widths for glyph in glyphs):
        return  # WeasyPrint drew the line otherwise than it was read: left as it is
    for glyph in glyphs:
        glyph.width = glyph.face.widths[glyph.glyph_id]  # known once WeasyPrint has drawn it
    try:
        matrix, end = locate(drawn, glyphs)
    except UnexpectedLine:  # not what WeasyPrint 70 draws: left as it is
        return
    cells, outlined = ([], list(range(len(glyphs)))) if decoration else text_cells(glyphs, clusters, end)
    # Nothing after the line relies on its font: WeasyPrint sets the font
    # again at each line's first run, and closes the text object.
    items = [drawn[0], *text_layer(cells, LineCodes(blanks, stream._fonts))]
    resources = stream._resources  # the page's (or group's), where its forms go

    def form(glyph):
        return glyph_form(resources, glyph.face, glyph.glyph_id, stream.compress)

    paths = outline_items(matrix, (glyphs[index] for index in outlined), form)
    if paths:
        # Forms cannot be drawn inside a text object: close it, draw, reopen.
        items += [b"ET", *paths, b"BT"]
    stream.stream[start:] = items


class _State:
    active = True


_state = _State()


@contextmanager
def suspended() -> Iterator[None]:
    """Lines drawn as WeasyPrint (with tounicode) draws them, within the block:
    for the tests of what the other fixes do alone."""
    _state.active = False
    try:
        yield
    finally:
        _state.active = True

"""A PDF's notes: footnotes at the foot of the page that holds their call.

Each note is written at its first call as a span that print.css floats to
the page's footnote area (CSS `float: footnote`); WeasyPrint draws the call
and the note's number from its footnote counter, in the article's digits
(the span's digits-* class). A book resets the counter per article.

WeasyPrint 70 cannot break a footnote across pages. A note too tall for the
foot of a page (tall_notes, after a first layout) is set instead in a list
of notes closing its article, where it flows across pages like the text;
its call stays a raised number, a link to it. The page is then laid out
again (exporter.py); an article whose notes all fit is laid out once.
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import ConvertError
from ...html import NoteMarkup
from ...model import Document, note_texts, reader_texts
from ...reading.language import language_code
from ...theme import Theme


def footnotes(doc: Document, theme: Theme, tall: frozenset[str] = frozenset(),
              prefix: str = "") -> NoteMarkup:
    """How the PDF writes doc's notes: footnotes in its language's digits
    (the theme's digits, "native" being the article's own), but endnotes
    for those whose ids (with the ids' prefix, in a book) are in tall."""
    code = language_code(doc.meta.lang)
    # The endnotes' heading: the language's own (the first of the headings the theme reads).
    heading = next(iter(theme.language_rules(code).note_headings), NoteMarkup.heading)
    markup = NoteMarkup(place="footnote", digits=theme.for_language(code).digits(), heading=heading,
                        prefix=prefix)
    endnotes = frozenset(note.number for note in doc.notes if markup.note_id(note.number) in tall)
    return replace(markup, endnotes=endnotes)


def printed_texts(doc: Document) -> list[str]:
    """Every text the PDF draws of doc: what a reader finds, and its notes."""
    return reader_texts(doc) + note_texts(doc)


# A footnote taller than this share of the page's text block is an endnote.
# A note that does not fit under its call takes the call's line to the next
# page, leaving the rest of the page empty: at most this share (an A4 page:
# some fifteen lines of notes, 280 words; see test_pdf_notes.py).
ENDNOTE_SHARE = 0.4


def tall_notes(pages: list) -> frozenset[str]:
    """The ids of the footnotes of a laid-out PDF taller than ENDNOTE_SHARE
    of the text block (a page's content box, which holds the footnote area)."""
    tall: set[str] = set()
    for page in pages:
        room = ENDNOTE_SHARE * page._page_box.height
        for area in _footnote_areas(page._page_box):
            tall.update(note.element.get("id") for note in area.children
                        if note.element is not None and note.margin_height() > room)
    return frozenset(tall)


def _footnote_areas(box) -> list:
    return [area for area in box.children if type(area).__name__ == "FootnoteAreaBox"]


# CSS pixels: a footnote area this far above the page's text block is cut off.
_ROOM_TOLERANCE = 0.5


def check_footnotes_fit(pages: list) -> None:
    """Refuse a PDF whose notes would be cut off: a footnote area taller than
    the text block runs up past the page's top edge, its start lost. Each
    note that tall is an endnote (tall_notes); what is left is a page's
    notes together, each shorter than ENDNOTE_SHARE, called from one line."""
    for number, page in enumerate(pages, start=1):
        box = page._page_box
        top = box.content_box_y() - _ROOM_TOLERANCE
        for area in _footnote_areas(box):
            if area.position_y < top:
                raise ConvertError(f"PDF: {_first_note(area)} on page {number} and the notes called with it "
                                   "are longer than a page holds: shorten them or call them apart")


def _first_note(area) -> str:
    note_id = next((child.element.get("id") for child in area.children if child.element is not None), None)
    return f"note {note_id.rsplit('-', 1)[-1]}" if note_id else "a note"

"""A PDF's notes: footnotes at the foot of the page that holds their call.

Each note is written at its first call as a span that print.css floats to
the page's footnote area (CSS `float: footnote`); WeasyPrint draws the call
and the note's number from its footnote counter, in the article's digits
(the span's digits-* class). A book resets the counter per article.
"""

from __future__ import annotations

from ...errors import ConvertError
from ...html import NoteMarkup
from ...model import Document, note_texts, reader_texts
from ...reading.language import language_code
from ...theme import Theme


def footnotes(doc: Document, theme: Theme) -> NoteMarkup:
    """How the PDF writes doc's notes: footnotes in its language's digits
    (the theme's digits, "native" being the article's own)."""
    return NoteMarkup(place="footnote", digits=theme.for_language(language_code(doc.meta.lang)).digits())


def printed_texts(doc: Document) -> list[str]:
    """Every text the PDF draws of doc: what a reader finds, and its notes."""
    return reader_texts(doc) + note_texts(doc)


# CSS pixels: a footnote area this far above the page's text block is cut off.
_ROOM_TOLERANCE = 0.5


def check_footnotes_fit(pages: list) -> None:
    """Refuse a PDF whose notes would be cut off. WeasyPrint 70 cannot break a
    footnote across pages: a note that does not fit below its call goes to
    the next page with the call's line, but one taller than a whole text
    block would run up past the page's top edge, its start lost. Such a
    note is about six hundred words long (A4)."""
    for number, page in enumerate(pages, start=1):
        box = page._page_box
        top = box.content_box_y() - _ROOM_TOLERANCE
        for area in box.children:
            if type(area).__name__ == "FootnoteAreaBox" and area.position_y < top:
                raise ConvertError(f"PDF: {_first_note(area)} on page {number} is longer than a page holds; "
                                   "a PDF note cannot continue on the next page: shorten it or split it")


def _first_note(area) -> str:
    note_id = next((child.element.get("id") for child in area.children if child.element is not None), None)
    return f"note {note_id.rsplit('-', 1)[-1]}" if note_id else "a note"

"""A PDF's notes: footnotes at the foot of the page that holds their call.

Each note is written at its first call as a span that print.css floats to
the page's footnote area (CSS `float: footnote`); WeasyPrint draws the call
and the note's number from its footnote counter, in the article's digits
(the span's digits-* class). A book resets the counter per article.
"""

from __future__ import annotations

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

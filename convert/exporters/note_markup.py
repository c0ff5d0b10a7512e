"""How an HTML-based page writes an article's notes (html.NoteMarkup): the
article's digits, as its page numbers have them, and the title of its list
of notes in its language (the first of the theme's note_headings for it);
and whether a page needs the notes' stylesheet."""

from __future__ import annotations

from ..html import NoteMarkup
from ..model import Book, Document
from ..reading.language import DEFAULT_NOTE_HEADINGS, language_code
from ..theme import Theme

# The rules for calls and notes (styles/), added to a stylesheet only where
# there are notes: an article without any keeps its bytes.
NOTES_STYLESHEET = "notes.css"


def note_markup(doc: Document, theme: Theme, place: str) -> NoteMarkup:
    """place: "end" (HTML), "aside" (EPUB) or "footnote" (PDF); theme: the
    batch's or the book's (each article of a book keeps its own digits)."""
    code = language_code(doc.meta.lang)
    heading = (theme.language_rules(code).note_headings or DEFAULT_NOTE_HEADINGS)[0]
    return NoteMarkup(place=place, digits=theme.for_language(code).digits(), heading=heading)


def has_notes(content: Document | Book) -> bool:
    documents = content.documents if isinstance(content, Book) else (content,)
    return any(doc.notes for doc in documents)

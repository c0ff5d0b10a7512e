"""Book mode for PDF: every article a chapter of one paged HTML page.

The page holds the book title for the running header, the title page, the
contents (nav.contents, whose page numbers print-book.css fills in with
target-counter) and one <section class="chapter"> per article. Each chapter
opens with its article's running elements (see render_article); an article
without a disclaimer gets an empty one there: a running element shows on the
following pages until another replaces it, so without it the pages of that
article would repeat the previous article's disclaimer.
"""

from __future__ import annotations

from html import escape

from ...html import PageOptions, chapter_id, render_article, render_book_title, render_contents, wrap_page
from ...model import Book, Document
from ...text.shown import shortened, shown_title
from ...theme import Theme
from .notes import footnotes

NO_DISCLAIMER = '<footer class="disclaimer none"></footer>'


def render_pdf_book(book: Book, options: PageOptions, theme: Theme,
                    tall: frozenset[str] = frozenset()) -> str:
    """The whole book as one HTML page for WeasyPrint; each article's notes
    in its own digits (theme), those whose ids are in tall as endnotes."""
    meta = book.meta
    # The book's and each article's title share the head: half the line each.
    half = options.running_room // 2 if options.running_room else None
    parts = [running_book_title(book, half), render_book_title(book), render_contents(book)]
    parts += [render_chapter(doc, number, half, theme, tall)
              for number, doc in enumerate(book.documents, start=1)]
    return wrap_page(meta.title, meta.lang, meta.direction, "\n".join(parts), options)


def running_book_title(book: Book, room: int | None = None) -> str:
    """The book title for the running header. A running element, not a
    string-set: as body text it gets the exporter's direction spans, so a
    title such as "مقالات 2024" copies in reading order from every header."""
    title = shortened(book.title, room) if room else shown_title(book.title)
    return f'<div class="running-book-title">{escape(title)}</div>'


def render_chapter(doc: Document, number: int, running_room: int | None, theme: Theme,
                   tall: frozenset[str] = frozenset()) -> str:
    reset = "" if doc.meta.disclaimer else NO_DISCLAIMER
    anchor = chapter_id(number)
    # The note ids' prefix render_article gives a chapter's notes.
    notes = footnotes(doc, theme, tall, prefix=f"{anchor}-")
    article = render_article(doc, paged=True, anchor=anchor, running_room=running_room, notes=notes)
    return f'<section class="chapter">{reset}\n{article}\n</section>'

"""The pages of an EPUB that binds many articles: one chapter file per article, in book order.

The book's own title and author take the place of an article's on the cover,
the title page and the package metadata; each chapter is the article as the
single-article EPUB shows it, closed by that article's own disclaimer.
"""

from __future__ import annotations

from ...model import Book, Meta
from ...text.shown import shown_title
from ...theme import Theme
from ..note_markup import note_markup
from .package import Pages
from .pages import Chapter, PageNames, chapter_page, cover_page, nav_page, title_page


def book_chapters(book: Book, names: PageNames, theme: Theme) -> tuple[Chapter, ...]:
    chapters = []
    for number, doc in enumerate(book.documents, start=1):
        file_name = names.numbered_chapter(number)
        uid = file_name.removesuffix(".xhtml")
        page = chapter_page(doc, names, note_markup(doc, theme, "aside"))
        chapters.append(Chapter(uid, file_name, shown_title(doc.meta.title), page))
    return tuple(chapters)


def book_pages(book: Book, meta: Meta, names: PageNames, theme: Theme) -> Pages:
    """Cover, title page and contents for the book, then every article as a
    chapter, its notes in its own digits (theme: the book's)."""
    chapters = book_chapters(book, names, theme)
    return Pages(
        cover=cover_page(meta, names),
        titlepage=title_page(meta, names),
        nav=nav_page(meta, names, chapters),
        chapters=chapters,
        contents_in_flow=True,
    )

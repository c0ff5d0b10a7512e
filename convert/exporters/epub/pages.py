"""The XHTML pages of an EPUB: cover, title page, the chapters and the navigation.

Every page goes through the shared builder's wrap_page, so each carries the
XHTML namespace, lang, xml:lang and dir: reading systems take the direction
from the page, not from the package. Article text is always escaped. Pages
show a title and byline as text/shown.py shortens them; the package's
dc:title and dc:creator keep them whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ...html import CONTENTS_LABEL, NoteMarkup, PageOptions, render_article, wrap_page
from ...model import Document, Meta
from ...text.shown import shown_byline, shown_title

# The book's own words around the articles, in the language of the articles.
LABELS = {
    "contents": CONTENTS_LABEL,
    "landmarks": "معالم الكتاب",
    "cover": "الغلاف",
    "titlepage": "صفحة العنوان",
}


@dataclass(frozen=True)
class PageNames:
    """File names of the pages and resources, relative to the package document."""

    cover: str = "cover.xhtml"
    titlepage: str = "title.xhtml"
    chapter: str = "chapter.xhtml"  # the one chapter of a single-article book
    nav: str = "nav.xhtml"
    stylesheet: str = "styles/book.css"
    cover_image: str = "images/cover.png"

    def numbered_chapter(self, number: int) -> str:
        """A book's chapter file; zero-padded so a file listing shows the book order."""
        return f"chapter-{number:03d}.xhtml"


@dataclass(frozen=True)
class Chapter:
    """One article's page, serialised, and where it goes in the package."""

    uid: str  # the manifest id
    file_name: str
    title: str
    text: str


def _page(meta: Meta, title: str, body: str, names: PageNames) -> str:
    return wrap_page(title, meta.lang, meta.direction, body,
                     PageOptions(xhtml=True, stylesheet_href=names.stylesheet))


def chapter_page(doc: Document, names: PageNames, notes: NoteMarkup) -> str:
    """The article itself, its notes as asides after its text (each file
    numbers its own from 1); render_article closes it with the disclaimer <footer>."""
    return _page(doc.meta, shown_title(doc.meta.title), render_article(doc, paged=False, notes=notes), names)


def title_page(meta: Meta, names: PageNames) -> str:
    lines = [
        '<section class="titlepage" epub:type="titlepage">',
        f'<h1 class="title">{escape(shown_title(meta.title))}</h1>',
    ]
    if meta.author:
        lines.append(f'<p class="author">{escape(shown_byline(meta.author))}</p>')
    if meta.date:
        lines.append(f'<p class="date">{escape(meta.date)}</p>')
    lines.append("</section>")
    return _page(meta, shown_title(meta.title), "\n".join(lines), names)


def cover_page(meta: Meta, names: PageNames) -> str:
    alt = " - ".join(part for part in (shown_title(meta.title), shown_byline(meta.author)) if part)
    body = (
        '<section class="cover" epub:type="cover">'
        f'<img src="{escape(names.cover_image)}" alt="{escape(alt)}"/>'
        "</section>"
    )
    return _page(meta, LABELS["cover"], body, names)


def nav_page(meta: Meta, names: PageNames, chapters: Sequence[Chapter]) -> str:
    """The navigation document: every chapter in book order, then the (hidden) landmarks."""
    toc = [f'<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>{LABELS["contents"]}</h1>\n<ol>']
    toc += [f'<li><a href="{escape(chapter.file_name)}">{escape(chapter.title)}</a></li>'
            for chapter in chapters]
    toc.append("</ol>\n</nav>")
    first = chapters[0]
    landmarks = [
        f'<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>{LABELS["landmarks"]}</h2>\n<ol>',
        f'<li><a epub:type="cover" href="{names.cover}">{LABELS["cover"]}</a></li>',
        f'<li><a epub:type="titlepage" href="{names.titlepage}">{LABELS["titlepage"]}</a></li>',
        f'<li><a epub:type="toc" href="{names.nav}#toc">{LABELS["contents"]}</a></li>',
        f'<li><a epub:type="bodymatter" href="{escape(first.file_name)}">{escape(first.title)}</a></li>',
        "</ol>\n</nav>",
    ]
    return _page(meta, LABELS["contents"], "\n".join(toc + landmarks), names)

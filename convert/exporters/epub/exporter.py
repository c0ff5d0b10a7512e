"""EPUB 3: a right-to-left reflowable book per article, or one book of many articles.

The book holds a cover (an image drawn in the theme's colours, and its page), a
title page, the navigation document (contents and landmarks) and the articles as
chapters, each closed by its own disclaimer. The theme's font is embedded, subset
to the letters the book uses. The same content and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from lxml import etree

from ...errors import ConvertError
from ...font_subset import page_faces, theme_faces
from ...html import KEEP_WITH_NEXT, XHTML_NAMESPACE
from ...identifiers import book_identifier, content_identifier
from ...model import Book, Document, Meta
from ...options import Options
from ...publication import publication
from ...quran import QURAN_STYLESHEET, has_quotations
from ...text.page_breaks import PageStart
from ...text.shown import shown_byline, shown_title
from ...theme import Theme, fallback_families_css
from .. import get_exporter, warm_by_example
from ..note_markup import NOTES_STYLESHEET, has_notes, note_markup
from .cover import CoverStyle, cover_png
from .font import EmbeddedFont, embed_fonts, font_face_css
from .package import BookContent, Pages, Resource, epub_bytes
from .page_list import with_page_list
from .pages import Chapter, PageNames, chapter_page, cover_page, nav_page, title_page

HEADINGS = tuple(f"{{{XHTML_NAMESPACE}}}h{level}" for level in range(1, 7))


class EpubExporter:
    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"

    def __init__(self, subset_fonts: bool = True) -> None:
        self.subset_fonts = subset_fonts
        # base.css + epub.css (+ notes.css), rendered, by theme, the fallback
        # families the book uses and whether it has notes
        self._stylesheets: dict[tuple[Theme, tuple[str, ...], bool, bool], str] = {}

    def warm(self, options: Options) -> None:
        """Before workers fork: imports, the stylesheet, the HarfBuzz faces."""
        warm_by_example(self, options)

    def export(self, doc: Document, target: Path, options: Options) -> None:
        target.write_bytes(epub_bytes(self.book_content(doc, options)))

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        target.write_bytes(epub_bytes(self.bound_book_content(book, options)))

    def book_content(self, doc: Document, options: Options) -> BookContent:
        """Everything that goes into the book of one article, ready to package."""
        meta, names = doc.meta, PageNames()
        text = chapter_page(doc, names, note_markup(doc, options.theme, "aside"))
        chapter = Chapter("chapter", names.chapter, shown_title(meta.title), text)
        pages = Pages(
            cover=cover_page(meta, names),
            titlepage=title_page(meta, names),
            nav=nav_page(meta, names, [chapter]),
            chapters=(chapter,),
        )
        return self._content(doc, content_identifier(doc), pages, options)

    def bound_book_content(self, book: Book, options: Options) -> BookContent:
        """Everything that goes into the book of many articles, ready to package."""
        from .book import book_pages  # here: single articles never need it

        meta = book.meta
        pages = book_pages(book, meta, PageNames(), options.theme)
        return self._content(book, book_identifier(book), pages, options)

    def _content(self, content: Document | Book, identifier: str, pages: Pages,
                 options: Options) -> BookContent:
        names, theme, meta = PageNames(), options.theme, content.meta
        if options.page_list:
            pages = with_page_list(pages, print_page_starts(content, options), theme.digits())
        fonts, fallback = self._fonts(theme, pages)
        store = publication(content, theme)
        return BookContent(
            meta=meta,
            publication=store,
            identifier=identifier,
            # The article's date; a book is published the day it is bound, whatever its articles' dates.
            date=store.date or options.created.strftime("%Y-%m-%d"),
            modified=options.created,
            names=names,
            pages=pages,
            stylesheet=self._stylesheet(theme, fonts, fallback, names, has_notes(content),
                                        has_quotations(content)).encode("utf-8"),
            cover_image=cover_image(meta, theme),
            fonts=tuple(Resource(font.file_name, font.media_type, font.data) for font in fonts),
        )

    def _fonts(self, theme: Theme, pages: Pages) -> tuple[list[EmbeddedFont], tuple[str, ...]]:
        """The body face holds every letter of the book; the heading face only the headings';
        a fallback face only the characters those lack that it draws first. With the
        fallback families used, in chain order."""
        if not theme.embed.fonts:
            return [], ()
        # Grouped: books share their subsets, cut and compressed once a batch.
        faces, fallback = page_faces(theme, *pages_text(pages, HEADINGS), grouped=True)
        return embed_fonts(faces, subset=self.subset_fonts), fallback

    def _stylesheet(self, theme: Theme, fonts: list[EmbeddedFont], fallback: tuple[str, ...],
                    names: PageNames, notes: bool, quran: bool = False) -> str:
        key = (theme, fallback, notes, quran)
        if key not in self._stylesheets:
            extra = {"fonts_fallback": fallback_families_css(fallback)}
            sheets = ("base.css", "epub.css", NOTES_STYLESHEET) if notes else ("base.css", "epub.css")
            sheets += (QURAN_STYLESHEET,) if quran else ()
            self._stylesheets[key] = theme.render_css(*sheets, extra=extra)
        return font_face_css(fonts, _up_to_root(names.stylesheet)) + "\n\n" + self._stylesheets[key]


def print_page_starts(content: Document | Book, options: Options) -> tuple[PageStart, ...]:
    """Where the print PDF's pages start; none when there is no PDF to mark
    (one too long for --max-pages is refused, and then so is its page list)."""
    try:
        return get_exporter("pdf").page_starts(content, options)
    except ConvertError:
        return ()


@lru_cache(maxsize=4)
def cover_image(meta: Meta, theme: Theme) -> bytes:
    """The cover PNG of an article or a book; kept for the catalogue's cover
    and thumbnail of the same article, which ask for it next."""
    style = cover_style(theme)
    try:
        return cover_png(shown_title(meta.title), shown_byline(meta.author), style)
    except OSError as error:  # Pillow cannot read the theme's font file
        raise ConvertError(f"cover: cannot draw with {style.title_font}: {error}") from None


def cover_style(theme: Theme) -> CoverStyle:
    """The cover in the theme's colours: light letters on the accent colour."""
    faces = theme_faces(theme)
    return CoverStyle(
        ground=theme.colors.accent,
        ink=theme.colors.background,
        soft_ink=theme.colors.quote_background,
        title_font=faces[-1].path,
        text_font=faces[0].path,
    )


def pages_text(pages: Pages, tags: tuple[str, ...]) -> tuple[str, str]:
    """The characters a reader may see on the pages, and those inside elements with these
    tags or in a heading-like line (set in the headings' face, like them)."""
    texts, tagged = [], []
    for page in (pages.cover, pages.titlepage, *(chapter.text for chapter in pages.chapters), pages.nav):
        root = etree.fromstring(page.encode("utf-8"))
        texts.append("".join(root.itertext()))
        texts.extend(element.get("alt", "") for element in root.iter())
        tagged.extend("".join(element.itertext()) for element in root.iter()
                      if element.tag in tags or element.get("class") == KEEP_WITH_NEXT)
    return "".join(texts), "".join(tagged)


def _up_to_root(path: str) -> str:
    """The relative prefix from a file's folder back to the content folder."""
    return "../" * path.count("/")

"""Package finished pages and resources into an EPUB 3 file with ebooklib, byte for byte reproducibly.

ebooklib writes the package document, the NCX and the container; our pages go
in exactly as the HTML builder made them (ebooklib would otherwise re-parse and
rebuild them, dropping dir). Its zip would carry the wall-clock time, so the
entries it writes are collected instead and zipped by our writer: one fixed
timestamp, fixed attributes, stable order, ``mimetype`` first and stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ebooklib import epub

from ...model import Meta
from ...publication import Publication
from ...zipwriter import Entry, zip_bytes
from .pages import LABELS, Chapter, PageNames

APPLE_OPTIONS_PATH = "META-INF/com.apple.ibooks.display-options.xml"
# Apple Books uses the book's own fonts only when told to.
APPLE_OPTIONS = b"""<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
"""


@dataclass(frozen=True)
class Resource:
    file_name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class Pages:
    """The serialised XHTML pages, in reading order (the chapters in book order)."""

    cover: str
    titlepage: str
    nav: str
    chapters: tuple[Chapter, ...]
    # A book's contents page is read after its title page; one article's, listing
    # one chapter, stays a menu page outside the reading flow.
    contents_in_flow: bool = False
    # Markers of the print PDF's page breaks in the chapters, and a page list (page_list.py).
    page_list: bool = False


@dataclass(frozen=True)
class BookContent:
    meta: Meta
    publication: Publication
    identifier: str  # urn:uuid:…
    date: str  # dc:date, W3C date format
    modified: datetime  # dcterms:modified, in UTC
    names: PageNames
    pages: Pages
    stylesheet: bytes
    cover_image: bytes
    fonts: tuple[Resource, ...]
    images: tuple[Resource, ...] = ()  # the figures' pictures (figures.py)


class _ReadyPage(epub.EpubHtml):
    """An XHTML page we serialised ourselves; ebooklib writes its bytes untouched."""

    def __init__(self, uid: str, file_name: str, title: str, text: str, properties: tuple[str, ...] = ()):
        super().__init__(uid=uid, file_name=file_name, title=title, media_type="application/xhtml+xml")
        self.content = text.encode("utf-8")
        self.properties = list(properties)

    def get_content(self, default=None) -> bytes:
        return self.content


def epub_bytes(content: BookContent) -> bytes:
    """The whole EPUB file."""
    book = _build_book(content)
    writer = _CollectingWriter(book, {
        "mtime": content.modified,
        "epub2_guide": False,
        "spine_direction": True,
        "package_direction": True,
        "raise_exceptions": True,
    })
    writer.process()
    writer.write()
    return zip_bytes(writer.entries(), content.modified)


class PackageWriter(epub.EpubWriter):
    """ebooklib's writer, with the package document's language: ebooklib
    writes only dc:language, and Ace and reading systems read the language
    of the metadata itself from the package element's xml:lang."""

    def _write_opf_file(self, root) -> None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_file(root)


class _CollectingWriter(PackageWriter):
    """ebooklib's writer with its zip file swapped for a list of the entries
    it writes, in its order (mimetype first): zipping them ourselves spares
    writing an archive only to read it back and write it again."""

    def __init__(self, book: epub.EpubBook, options: dict) -> None:
        super().__init__(None, book, options)
        self._written: list[tuple[str, bytes]] = []

    def write(self) -> None:
        # EpubWriter.write, with this object standing in for its zip file.
        self.out = self
        self.writestr("mimetype", "application/epub+zip")
        self._write_container()
        self._write_opf()
        self._write_items()

    def writestr(self, name: str, data: str | bytes, compress_type: int | None = None) -> None:
        # zipfile stores text as UTF-8; so do we.
        self._written.append((name, data.encode("utf-8") if isinstance(data, str) else bytes(data)))

    def close(self) -> None:
        pass

    def entries(self) -> list[Entry]:
        return [Entry(name, data, compress=not _stored(name)) for name, data in self._written]


def _build_book(content: BookContent) -> epub.EpubBook:
    meta, names = content.meta, content.names
    book = epub.EpubBook()
    book.set_identifier(content.identifier)
    book.set_title(meta.title)
    book.set_language(meta.lang)
    book.set_direction(meta.direction)
    _add_store_metadata(book, content.publication)
    book.add_metadata("DC", "date", content.date)
    # EPUB 2 style meta read by Kindle's converter; EPUB 3 keeps it as legacy metadata.
    writing_mode = "horizontal-rl" if meta.direction == "rtl" else "horizontal-lr"
    book.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": writing_mode})
    _add_accessibility(book, content)
    book.set_cover(names.cover_image, content.cover_image, create_page=False)
    pages, chapters = _add_pages(book, content)
    book.add_item(epub.EpubItem(uid="style", file_name=names.stylesheet, media_type="text/css",
                                content=content.stylesheet))
    for index, font in enumerate(content.fonts):
        book.add_item(epub.EpubItem(uid=f"font-{index}", file_name=font.file_name,
                                    media_type=font.media_type, content=font.data))
    for index, image in enumerate(content.images):
        book.add_item(epub.EpubItem(uid=f"figure-{index}", file_name=image.file_name,
                                    media_type=image.media_type, content=image.data))
    book.add_item(epub.EpubItem(uid="apple-options", file_name=APPLE_OPTIONS_PATH,
                                content=APPLE_OPTIONS, manifest=False))
    book.add_item(epub.EpubNcx())  # for EPUB 2 reading systems
    book.toc = chapters
    contents = pages["nav"] if content.pages.contents_in_flow else (pages["nav"], "no")
    book.spine = [pages["cover"], pages["titlepage"], contents, *chapters]
    return book


def _add_store_metadata(book: epub.EpubBook, store: Publication) -> None:
    """Authors, publisher, description, subjects, series and ISBN, as stores
    and reading systems read them from the package document."""
    for number, creator in enumerate(store.creators, start=1):
        book.add_author(creator, uid=f"creator-{number}")
        book.add_metadata(None, "meta", "aut", {"refines": f"#creator-{number}", "property": "role",
                                                 "scheme": "marc:relators"})
    if store.publisher:
        book.add_metadata("DC", "publisher", store.publisher)
    if store.description:
        book.add_metadata("DC", "description", store.description)
    for subject in store.subjects:
        book.add_metadata("DC", "subject", subject)
    if store.isbn_urn:
        # Beside the package's own identifier, which stays the same edition after edition.
        book.add_metadata("DC", "identifier", store.isbn_urn, {"id": "isbn"})
        book.add_metadata(None, "meta", "15", {"refines": "#isbn", "property": "identifier-type",
                                               "scheme": "onix:codelist5"})
    if store.series:
        _add_series(book, store.series, store.series_position)


def _add_series(book: epub.EpubBook, series: str, position: str | None) -> None:
    """EPUB 3's collection, and Calibre's older meta that many readers still show."""
    book.add_metadata(None, "meta", series, {"property": "belongs-to-collection", "id": "series"})
    book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": series})
    if position:
        book.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
        book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})


# What the book offers a reader who uses assistive technology (EPUB Accessibility 1.1).
ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),  # the cover picture; its alt text repeats the title
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
)
# With a page list: the print edition's page breaks are marked, and listed.
PAGE_LIST_FEATURES = (
    ("schema:accessibilityFeature", "pageBreakMarkers"),
    ("schema:accessibilityFeature", "pageNavigation"),
)
# In the book's language: "reflowable right-to-left text with a table of
# contents", and with a page list "… and the page numbers of the print edition".
SUMMARY = "نص قابل لإعادة التدفق من اليمين إلى اليسار مع جدول للمحتويات."
SUMMARY_WITH_PAGES = SUMMARY.removesuffix(".") + " وأرقام صفحات النسخة المطبوعة."
# The conformance the books are checked for (Ace by DAISY in the tests, with
# EPUBCheck): the exact wording EPUB Accessibility 1.1 asks for.
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
# Who states it when the theme names no publisher: the tool that made and checked the book.
DEFAULT_CERTIFIER = "convert-arabic"


def _add_accessibility(book: epub.EpubBook, content: BookContent) -> None:
    page_list = content.pages.page_list
    features = ACCESSIBILITY + (PAGE_LIST_FEATURES if page_list else ())
    for name, value in features:
        book.add_metadata(None, "meta", value, {"property": name})
    book.add_metadata(None, "meta", SUMMARY_WITH_PAGES if page_list else SUMMARY,
                      {"property": "schema:accessibilitySummary"})
    if page_list:
        # The edition whose pages are marked: the print PDF of the same work,
        # named by its ISBN when it has one.
        source = content.publication.isbn_urn or content.identifier
        book.add_metadata(None, "meta", source, {"property": "pageBreakSource"})
    book.add_metadata(None, "meta", CONFORMANCE, {"property": "dcterms:conformsTo", "id": "conformance"})
    certifier = content.publication.publisher or DEFAULT_CERTIFIER
    book.add_metadata(None, "meta", certifier, {"property": "a11y:certifiedBy", "refines": "#conformance"})


def _add_pages(book: epub.EpubBook, content: BookContent) -> tuple[dict[str, _ReadyPage], list[_ReadyPage]]:
    """The front pages by role, and the chapters in book order, added to the manifest."""
    names, pages = content.names, content.pages
    front = {
        "cover": _ReadyPage("cover", names.cover, LABELS["cover"], pages.cover),
        "titlepage": _ReadyPage("titlepage", names.titlepage, LABELS["titlepage"], pages.titlepage),
        "nav": _ReadyPage("nav", names.nav, LABELS["contents"], pages.nav, ("nav",)),
    }
    chapters = [_ReadyPage(chapter.uid, chapter.file_name, chapter.title, chapter.text)
                for chapter in pages.chapters]
    for page in [*front.values(), *chapters]:
        book.add_item(page)
    return front, chapters


def _stored(name: str) -> bool:
    """Entries kept as they are: mimetype must be (a reading system looks for it
    uncompressed, first), and a PNG is deflated already."""
    return name == "mimetype" or name.endswith(".png")

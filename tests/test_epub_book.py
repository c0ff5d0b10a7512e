"""EPUB book mode: three articles bound as one book, opened as a reader and as EPUBCheck see it.

The book is made once through the CLI (twice, to compare bytes) and once in-process
with an article whose footer is switched off; EPUBCheck checks both, with every other
module's books, in one Java run.
"""

from __future__ import annotations

import io
import shutil
import uuid
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import pytest
from conftest import FIXTURES, epub_build, load, run_cli, source_texts
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image
from test_epub import CHAPTER_TEXT_XPATH, EPUB_TYPE, NS, XML_LANG, printed_lines
from test_epub import Book as EpubFile

from convert.errors import ConvertError
from convert.exporters.epub.cover import cover_png
from convert.exporters.epub.exporter import EpubExporter, book_identifier, content_identifier, cover_style
from convert.fonts import find_font
from convert.model import Book, Document, Paragraph, Text
from convert.options import Options

ARTICLES = [FIXTURES / "book" / name for name in ("one.txt", "two.txt", "three.txt")]
TITLE = "مقالات الشهر"
AUTHOR = "هيئة التحرير"
EPOCH = "1700000000"
# Letters of Persian and Maghrebi names, which the fixture articles do not use.
RARE_LETTERS = "ڤيتنام وگيلان وپاريس وچاد وژنيف"


@dataclass
class BoundBook:
    """A produced book, the articles it was made from, and the EPUB opened for reading."""

    path: Path
    docs: list[Document]

    @cached_property
    def epub(self) -> EpubFile:
        return EpubFile(self.path, self.docs[0], Options())

    @property
    def spine(self) -> list[tuple[str, str]]:
        itemrefs = self.epub.opf.findall(".//opf:itemref", NS)
        return [(ref.get("idref"), ref.get("linear", "yes")) for ref in itemrefs]

    def chapter_ids(self) -> list[str]:
        return [idref for idref, _ in self.spine[3:]]

    def chapter(self, number: int) -> etree._Element:
        return self.epub.page(self.chapter_ids()[number - 1])

    def chapter_member(self, number: int) -> str:
        return self.epub.member(self.epub.item(self.chapter_ids()[number - 1]).get("href"))


def make_cli_books(folder: Path) -> list[BoundBook]:
    """The same book made twice by the CLI under one SOURCE_DATE_EPOCH."""
    docs = [load(article) for article in ARTICLES]
    made = []
    for run in ("first", "second"):
        result = run_cli(*map(str, ARTICLES), "--to", "epub", "--book", TITLE, "--book-author", AUTHOR,
                         "--name", "book", "-o", str(folder / run), "-q", env={"SOURCE_DATE_EPOCH": EPOCH})
        assert result.returncode == 0, result.stderr
        made.append(BoundBook(folder / run / "book.epub", docs))
    return made


def make_variant_book(target: Path) -> BoundBook:
    """The second article with its footer switched off, as --no-disclaimer would leave it,
    and the last one with a paragraph of letters found nowhere else in the book."""
    docs = [load(article) for article in ARTICLES]
    docs[1] = docs[1].with_meta(disclaimer=None)
    docs[2] = replace(docs[2], blocks=(*docs[2].blocks, Paragraph((Text(RARE_LETTERS),))))
    EpubExporter().export_book(Book(TITLE, AUTHOR, tuple(docs)), target, Options())
    return BoundBook(target, docs)


@epub_build
def build_books(folder: Path) -> tuple[tuple[list[BoundBook], BoundBook], list[Path]]:
    """The CLI's two books and the variant; EPUBCheck checks the first CLI book and the variant."""
    cli_books = make_cli_books(folder)
    variant = make_variant_book(folder / "variant.epub")
    return (cli_books, variant), [cli_books[0].path, variant.path]


@pytest.fixture(scope="module")
def cli_books(epub_builds) -> list[BoundBook]:
    return epub_builds[build_books][0]


@pytest.fixture(scope="module")
def book(cli_books) -> BoundBook:
    return cli_books[0]


@pytest.fixture(scope="module")
def variant_book(epub_builds) -> BoundBook:
    return epub_builds[build_books][1]


@pytest.mark.parametrize("which", ["book", "variant_book"])
def test_epubcheck_reports_no_error_and_no_warning(epub_builds, request, which):
    assert epub_builds.problems(request.getfixturevalue(which).path) == []


# ---------------------------------------------------------------- chapters in book order

def test_spine_holds_one_chapter_per_article_in_book_order(book):
    # The contents page follows the title page in the reading flow.
    assert book.spine[:3] == [("cover", "yes"), ("titlepage", "yes"), ("nav", "yes")]
    assert book.spine[3:] == [(f"chapter-00{number}", "yes") for number in (1, 2, 3)]
    members = [book.chapter_member(number) for number in (1, 2, 3)]
    assert members == [f"EPUB/chapter-00{number}.xhtml" for number in (1, 2, 3)]
    titles = [book.chapter(number).findtext(".//h:h1", namespaces=NS) for number in (1, 2, 3)]
    assert titles == [doc.meta.title for doc in book.docs]
    assert len(set(titles)) == 3


def test_navigation_lists_every_chapter_and_the_landmarks(book):
    epub = book.epub
    nav = epub.page("nav")
    nav_member = epub.member(epub.item("nav").get("href"))
    links = nav.findall(".//h:nav[@epub:type='toc']//h:a", NS)
    assert ["".join(link.itertext()) for link in links] == [doc.meta.title for doc in book.docs]
    targets = [epub.member(link.get("href"), nav_member) for link in links]
    assert targets == [book.chapter_member(number) for number in (1, 2, 3)]
    landmarks = {a.get(EPUB_TYPE): epub.member(a.get("href"), nav_member)
                 for a in nav.findall(".//h:nav[@epub:type='landmarks']//h:a", NS)}
    assert landmarks == {
        "cover": epub.member(epub.item("cover").get("href")),
        "titlepage": epub.member(epub.item("titlepage").get("href")),
        "toc": nav_member,
        "bodymatter": book.chapter_member(1),
    }


def test_ncx_lists_every_chapter_for_older_readers(book):
    epub = book.epub
    ncx_id = epub.opf.find("opf:spine", NS).get("toc")
    ncx = etree.fromstring(epub.archive.read(epub.member(epub.item(ncx_id).get("href"))))
    points = ncx.iterfind(".//ncx:navPoint", NS)
    labels = [point.findtext("ncx:navLabel/ncx:text", namespaces=NS) for point in points]
    assert labels == [doc.meta.title for doc in book.docs]
    assert ncx.findtext(".//ncx:docTitle/ncx:text", namespaces=NS) == TITLE


def test_each_chapter_text_equals_its_source(book):
    for number, doc in enumerate(book.docs, start=1):
        elements = book.chapter(number).xpath(CHAPTER_TEXT_XPATH, namespaces=NS)
        assert ["".join(element.itertext()) for element in elements] == source_texts(doc), number


def test_each_chapter_closes_with_its_own_disclaimer(book, variant_book):
    disclaimers = [doc.meta.disclaimer for doc in book.docs]
    # The first and third carry their own; the second, none of its own, has the default text.
    assert len(set(disclaimers)) == 3 and disclaimers[1] == Options().theme.text.default_disclaimer
    for number, disclaimer in enumerate(disclaimers, start=1):
        article = book.chapter(number).find(".//h:article", NS)
        footers = article.findall(".//h:footer", NS)
        assert len(footers) == 1 and article[-1] is footers[0], number
        assert "".join(footers[0].itertext()) == disclaimer, number
    footers = [variant_book.chapter(number).findall(".//h:footer", NS) for number in (1, 2, 3)]
    assert [len(found) for found in footers] == [1, 0, 1]
    assert "".join(footers[2][0].itertext()) == disclaimers[2]


# ---------------------------------------------------------------- the book's own name

def test_package_names_the_book(book):
    opf = book.epub.opf
    assert opf.findtext(".//dc:title", namespaces=NS) == TITLE
    assert [creator.text for creator in opf.iterfind(".//dc:creator", NS)] == [AUTHOR]
    stamp = datetime.fromtimestamp(int(EPOCH), tz=UTC)
    assert opf.findtext(".//dc:date", namespaces=NS) == stamp.strftime("%Y-%m-%d")
    assert opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == "2023-11-14T22:13:20Z"


def test_title_page_shows_the_book_title_and_author(book):
    section = book.epub.page("titlepage").find(".//h:section", NS)
    assert section.get(EPUB_TYPE) == "titlepage"
    assert ["".join(element.itertext()) for element in section] == [TITLE, AUTHOR]


def test_cover_shows_the_book_title_and_author(book):
    epub = book.epub
    [cover] = [item for item in epub.items() if item.get("properties") == "cover-image"]
    drawn = epub.archive.read(epub.member(cover.get("href")))
    assert Image.open(io.BytesIO(drawn)).size == (1600, 2560)
    style = cover_style(Options().theme)
    assert drawn == cover_png(TITLE, AUTHOR, style)
    assert drawn != cover_png(book.docs[0].meta.title, book.docs[0].meta.author, style)
    alt = epub.page("cover").find(".//h:img", NS).get("alt")
    assert TITLE in alt and AUTHOR in alt


def test_every_page_says_arabic_right_to_left(book):
    epub = book.epub
    assert epub.opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    pages = epub.items("application/xhtml+xml")
    assert len(pages) == 6  # cover, title page, navigation, three chapters
    for item in pages:
        root = epub.page(item.get("id"))
        where = item.get("href")
        assert (root.get("dir"), root.get("lang"), root.get(XML_LANG)) == ("rtl", "ar", "ar"), where
        assert root.find("h:body", NS).get("dir") == "rtl", where


# ---------------------------------------------------------------- identity and bytes

def test_same_book_gives_the_same_bytes_under_source_date_epoch(cli_books):
    first, second = (made.path.read_bytes() for made in cli_books)
    assert first == second
    stamp = datetime.fromtimestamp(int(EPOCH), tz=UTC).timetuple()[:6]
    assert {entry.date_time for entry in zipfile.ZipFile(cli_books[0].path).infolist()} == {stamp}


def test_identifier_comes_from_the_whole_book(book, tmp_path):
    identifier = book.epub.opf.findtext(".//dc:identifier", namespaces=NS)
    assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5
    docs = book.docs
    assert book_identifier(Book(TITLE, AUTHOR, tuple(docs))) == identifier
    # The same articles from elsewhere: the same book.
    moved = []
    for article in ARTICLES:
        copy = tmp_path / f"copy-{article.name}"
        shutil.copy(article, copy)
        moved.append(load(copy))
    assert book_identifier(Book(TITLE, AUTHOR, tuple(moved))) == identifier
    others = {
        book_identifier(Book(TITLE, AUTHOR, (docs[1], docs[0], docs[2]))),  # another order
        book_identifier(Book(TITLE, AUTHOR, tuple(docs[:2]))),  # an article less
        book_identifier(Book("عنوان آخر", AUTHOR, tuple(docs))),
        content_identifier(docs[0]),
    }
    assert identifier not in others and len(others) == 4


# ---------------------------------------------------------------- font

def test_font_subset_covers_the_letters_of_every_chapter(variant_book):
    book, rare = variant_book, {ord(letter) for letter in RARE_LETTERS}
    epub = book.epub
    font_data = epub.archive.read(epub.member(epub.item("font-0").get("href")))
    subset = set(TTFont(io.BytesIO(font_data)).getBestCmap())
    full = set(TTFont(find_font("Amiri")).getBestCmap())
    texts = ["".join(book.chapter(number).itertext()) for number in (1, 2, 3)]
    letters = [{ord(char) for char in text} & full for text in texts]
    # Letters only the last chapter has: the subset was not cut to the first article alone.
    assert len(rare - letters[0] - letters[1]) >= 5 and rare <= letters[2]
    assert set().union(*letters) <= subset


def test_empty_book_is_refused(tmp_path):
    with pytest.raises(ConvertError, match="no article"):
        EpubExporter().export_book(Book(TITLE, AUTHOR, ()), tmp_path / "empty.epub", Options())


# ---------------------------------------------------------------- Chromium

def test_chromium_sets_a_later_chapter_right_to_left(book, tmp_path):
    book.epub.archive.extractall(tmp_path)
    lines = printed_lines(tmp_path / book.chapter_member(2), tmp_path / "chapter.pdf")
    right_edge = max(right for _, right, _ in lines)
    flush_right = [right for _, right, _ in lines if right > right_edge - 4]
    assert len(lines) > 10 and len(flush_right) / len(lines) > 0.9

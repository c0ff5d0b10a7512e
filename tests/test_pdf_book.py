"""PDF book mode, checked on the files it writes, as a reader meets them.

Where each article really starts is found from the page itself (the page
whose large title type spells the article's title); the contents, the
outline, the running header and the footers are all compared with that.
Text comes from pypdf (what copy-paste and search see), positions and type
sizes from pdfplumber. Each book is built once per module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import median

import pdfplumber
import pytest
from conftest import FIXTURES, load, run_cli, source_texts, squash
from pdf_readers import reading_direction
from pypdf import PdfReader

from convert.errors import ConvertError
from convert.exporters.pdf.exporter import PdfExporter
from convert.exporters.pdf.limits import TooManyPages
from convert.html import CONTENTS_LABEL
from convert.model import Book
from convert.options import Options
from convert.text.pages import estimate_article_pages
from convert.theme import load_theme

ARTICLES = [FIXTURES / "book" / name for name in ("one.txt", "two.txt", "three.txt")]
# Digits in the title: the running header must still copy in reading order.
TITLE = "مقالات فبراير 2024"
AUTHOR = "هيئة التحرير"
MM = 72 / 25.4  # PDF points per millimetre
THEME = load_theme()
# A contents line: the title, a dotted leader, the page in either digits.
CONTENTS_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>[٠-٩]+|[0-9]+)$")


@dataclass(frozen=True)
class Built:
    book: Book
    pdf: Path
    options: Options


def make_book(options: Options, no_disclaimer: int | None = None) -> Book:
    documents = [load(path, options) for path in ARTICLES]
    if no_disclaimer is not None:
        documents[no_disclaimer] = documents[no_disclaimer].with_meta(disclaimer=None)
    return Book(TITLE, AUTHOR, tuple(documents))


def build(folder: Path, name: str, options: Options, no_disclaimer: int | None = None) -> Built:
    book = make_book(options, no_disclaimer)
    target = folder / f"{name}.pdf"
    PdfExporter().export_book(book, target, options)
    return Built(book, target, options)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The three fixtures as read: each with a disclaimer of its own (the
    second has the theme's default)."""
    return build(tmp_path_factory.mktemp("pdf-book"), "plain", Options())


@pytest.fixture(scope="module")
def duplex(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Two-sided, and the second article without any disclaimer."""
    return build(tmp_path_factory.mktemp("pdf-book"), "duplex", Options(duplex=True), no_disclaimer=1)


# What the pages show ----------------------------------------------------------------------

def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def same_letters(text: str, expected: str) -> bool:
    """Equal up to order: pdfplumber gives margin text in visual order."""
    return sorted(squash(text)) == sorted(squash(expected))


@dataclass(frozen=True)
class PageView:
    header: str  # characters above the top margin line
    footer: str  # characters below the bottom margin line
    large: str  # characters set at the article title's size or larger
    empty: bool


@cache
def page_views(pdf: Path) -> list[PageView]:
    page_setup, title_size = THEME.page, THEME.fonts.title_size_pt
    views = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = page.chars
            views.append(PageView(
                header="".join(c["text"] for c in chars if c["bottom"] <= page_setup.margin_top_mm * MM),
                footer="".join(c["text"] for c in chars
                               if c["top"] >= page.height - page_setup.margin_bottom_mm * MM),
                large="".join(c["text"] for c in chars if c["size"] >= title_size - 0.5),
                empty=not chars,
            ))
    return views


def title_pages(built: Built) -> list[int]:
    """For each article, the page (from 1) whose title type spells its title."""
    views = page_views(built.pdf)
    found = []
    for doc in built.book.documents:
        pages = [number for number, view in enumerate(views, start=1)
                 if same_letters(view.large, doc.meta.title)]
        assert len(pages) == 1, f"{doc.meta.title!r} set as a title on pages {pages}"
        found.append(pages[0])
    return found


def article_pages(built: Built) -> list[list[int]]:
    """The pages of each article (blank pages left out)."""
    views = page_views(built.pdf)
    starts = [*title_pages(built), len(views) + 1]
    return [[number for number in range(start, end) if not views[number - 1].empty]
            for start, end in zip(starts, starts[1:], strict=False)]


def digits(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def contents_entries(pdf: Path) -> list[tuple[str, str]]:
    """(title, page as printed) per contents line, from the contents pages."""
    entries = []
    for text in page_texts(pdf):
        lines = text.splitlines()
        if lines and lines[0].strip() == CONTENTS_LABEL:
            entries += [(match["title"], match["page"])
                        for match in map(CONTENTS_LINE.match, (line.strip() for line in lines)) if match]
    return entries


def drop_last(text: str, part: str) -> str:
    index = text.rfind(part)
    assert index >= 0, f"{part!r} missing from {text[-300:]!r}"
    return text[:index] + text[index + len(part):]


# The book as a whole ----------------------------------------------------------------------

def test_title_page_then_contents_then_three_articles(plain: Built) -> None:
    texts = page_texts(plain.pdf)
    assert squash(texts[0]) == squash(TITLE + AUTHOR)
    assert texts[1].splitlines()[0].strip() == CONTENTS_LABEL
    starts = title_pages(plain)
    assert starts[0] == 3 and starts == sorted(starts)
    # One or two pages for each fixture article, no empty page anywhere.
    spans = article_pages(plain)
    assert all(1 <= len(span) <= 2 for span in spans), spans
    assert len(texts) == 2 + sum(map(len, spans))
    assert all(text.strip() for text in texts)


def test_a_book_reads_right_to_left_in_a_two_page_view(plain: Built) -> None:
    assert reading_direction(plain.pdf) == ("/R2L", "/R2L")


def test_contents_lists_the_titles_with_their_pages_in_arabic_indic_digits(plain: Built) -> None:
    entries = contents_entries(plain.pdf)
    assert [squash(title) for title, _ in entries] == [squash(doc.meta.title) for doc in plain.book.documents]
    assert [page for _, page in entries] == [digits(page) for page in title_pages(plain)]


def test_contents_follow_a_theme_with_latin_digits(tmp_path: Path) -> None:
    theme_file = tmp_path / "latin.toml"
    theme_file.write_text('[text]\ndigits = "latin"\n', encoding="utf-8")
    built = build(tmp_path, "latin", Options(theme=load_theme(str(theme_file))))
    assert [page for _, page in contents_entries(built.pdf)] == [str(page) for page in title_pages(built)]


def test_outline_has_one_bookmark_per_article_at_its_title(plain: Built) -> None:
    reader = PdfReader(plain.pdf)
    outline = reader.outline
    assert all(not isinstance(entry, list) for entry in outline), "no nested bookmarks"
    assert [entry.title for entry in outline] == [doc.meta.title for doc in plain.book.documents]
    assert [reader.get_destination_page_number(entry) + 1 for entry in outline] == title_pages(plain)


def test_each_article_starts_at_the_top_of_a_new_page(plain: Built) -> None:
    texts = page_texts(plain.pdf)
    documents = plain.book.documents
    for number, (doc, page) in enumerate(zip(documents, title_pages(plain), strict=True)):
        # The margins are drawn after the body: the page's text starts with its body.
        assert squash(texts[page - 1]).startswith(squash(doc.meta.title))
        if number:
            previous_end = source_texts(documents[number - 1].with_meta(disclaimer=None))[-1]
            assert squash(previous_end) in squash(texts[page - 2])


def test_metadata_names_the_book_and_its_author(plain: Built) -> None:
    metadata = PdfReader(plain.pdf).metadata
    assert metadata.title == TITLE
    assert metadata.author == AUTHOR


# Margins: each page shows its own article's -------------------------------------------------

@pytest.mark.parametrize("which", ["plain", "duplex"])
def test_each_page_shows_its_own_articles_disclaimer_and_number(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    views = page_views(built.pdf)
    for doc, pages in zip(built.book.documents, article_pages(built), strict=True):
        for page in pages:
            expected = (doc.meta.disclaimer or "") + digits(page)
            assert same_letters(views[page - 1].footer, expected), (page, views[page - 1].footer)


def test_the_articles_disclaimers_differ(plain: Built, duplex: Built) -> None:
    """Else the footer test could not tell one article's footer from another's."""
    assert len({doc.meta.disclaimer for doc in plain.book.documents}) == 3
    assert duplex.book.documents[1].meta.disclaimer is None


@pytest.mark.parametrize("which", ["plain", "duplex"])
def test_front_matter_has_no_header_or_disclaimer(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    views = page_views(built.pdf)
    front = range(1, title_pages(built)[0])
    assert views[0].footer == "" and views[0].header == ""
    for page in front:
        assert views[page - 1].header == ""
        assert views[page - 1].footer in ("", digits(page))


def test_running_header_shows_the_book_and_the_article_of_the_page(plain: Built) -> None:
    views = page_views(plain.pdf)
    continued = 0
    for doc, pages in zip(plain.book.documents, article_pages(plain), strict=True):
        opening, *rest = pages
        assert views[opening - 1].header == "", "an article's first page opens with its title block"
        for page in rest:
            assert same_letters(views[page - 1].header, TITLE + doc.meta.title), page
            continued += 1
    assert continued >= 2, "the fixtures must have pages after their first"


def test_header_lays_the_book_title_on_the_right_and_the_article_title_on_the_left(plain: Built) -> None:
    page = article_pages(plain)[0][1]
    with pdfplumber.open(plain.pdf) as document:
        pdf_page = document.pages[page - 1]
        header = [c for c in pdf_page.chars if c["bottom"] <= THEME.page.margin_top_mm * MM]
        right = "".join(c["text"] for c in header if c["x0"] > pdf_page.width / 2)
        left = "".join(c["text"] for c in header if c["x1"] < pdf_page.width / 2)
    assert same_letters(right, TITLE)
    assert same_letters(left, plain.book.documents[0].meta.title)


def test_text_extracts_in_reading_order(plain: Built) -> None:
    texts = page_texts(plain.pdf)
    found, expected = [], []
    for doc, pages in zip(plain.book.documents, article_pages(plain), strict=True):
        expected += source_texts(doc.with_meta(disclaimer=None))
        for page in pages:
            # The margins are drawn after the body: their text comes last.
            text = drop_last(squash(texts[page - 1]), digits(page))
            text = drop_last(text, squash(doc.meta.disclaimer))
            if page != pages[0]:
                text = drop_last(drop_last(text, squash(doc.meta.title)), squash(TITLE))
            found.append(text)
    assert "".join(found) == squash("".join(expected))


# Two-sided ---------------------------------------------------------------------------------

def right_margin(pdf_page) -> float:
    """Distance from the right edge of the page to the body's lines."""
    line_ends: dict[int, float] = {}
    for char in pdf_page.chars:
        if 0.15 * pdf_page.height < char["top"] < 0.85 * pdf_page.height:
            line = round(char["top"])
            line_ends[line] = max(line_ends.get(line, 0), char["x1"])
    return pdf_page.width - median(line_ends.values())


def test_duplex_opens_every_article_and_the_contents_on_a_recto(duplex: Built) -> None:
    """The first page is a recto and pages alternate, so a recto is an odd
    page; a recto binds on its right, so its right margin is the inner one."""
    views = page_views(duplex.pdf)
    starts = title_pages(duplex)
    contents = [number for number, text in enumerate(page_texts(duplex.pdf), start=1)
                if text.startswith(CONTENTS_LABEL)]
    assert [page % 2 for page in contents + starts] == [1] * 4
    # The pages added to get there are blank: no header, footer or text.
    assert any(view.empty for view in views)
    assert views[1].empty and views[starts[0] - 2].empty
    with pdfplumber.open(duplex.pdf) as document:
        for page in starts:
            margin = right_margin(document.pages[page - 1]) / MM
            assert abs(margin - THEME.page.margin_inner_mm) < 1.5, (page, margin)


def test_duplex_contents_point_to_the_rectos(duplex: Built) -> None:
    printed = [page for _, page in contents_entries(duplex.pdf)]
    assert printed == [digits(page) for page in title_pages(duplex)]


# Limits and errors --------------------------------------------------------------------------

def test_page_limit_applies_to_the_whole_book(tmp_path: Path) -> None:
    longest = max(estimate_article_pages(load(path), THEME) for path in ARTICLES)
    options = Options(max_pages=longest + 1)  # every article alone fits
    target = tmp_path / "refused.pdf"
    with pytest.raises(TooManyPages, match="too long for PDF"):
        PdfExporter().export_book(make_book(options), target, options)
    assert not target.exists()


def test_a_book_without_articles_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConvertError, match="no article"):
        PdfExporter().export_book(Book(TITLE), tmp_path / "empty.pdf", Options())


def test_cli_writes_the_book_under_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(*map(str, ARTICLES), "--to", "pdf", "--book", TITLE, "--book-author", AUTHOR,
                     "--name", "month", "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out / "month.pdf")
    assert reader.metadata.title == TITLE
    assert [entry.title for entry in reader.outline] == [load(path).meta.title for path in ARTICLES]

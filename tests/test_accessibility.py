"""EPUB accessibility (issue 21): Ace by DAISY finds no violation in our
EPUBs (the seed, a book, every hostile-input article), the package states
its conformance, and the page list marks where the print PDF's pages start,
checked against the PDF's own text (pypdf) page by page."""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from ace_helper import ace_violations
from conftest import FIXTURES, SEED, epub_build, run_cli
from lxml import etree
from test_hostile import accepted_epubs, build_batch

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
BOOK_ARTICLES = [SEED, FIXTURES / "mixed.txt", FIXTURES / "docx" / "markup.txt", FIXTURES / "emoji.txt",
                 *sorted((FIXTURES / "book").glob("*.txt"))]


def long_article(folder: Path) -> Path:
    """The seed's paragraphs joined six by six: paragraphs that run over page
    breaks, each text once (a repeated one would hide a misplaced marker)."""
    title, *paragraphs = SEED.read_text(encoding="utf-8").strip().split("\n\n")
    body = [paragraph for paragraph in paragraphs if not paragraph.startswith("تنويه")]
    joined = [" ".join(body[index:index + 6]) for index in range(0, len(body), 6)]
    path = folder / "long.txt"
    path.write_text("\n\n".join([title, *joined]) + "\n", encoding="utf-8")
    return path


@epub_build
def build_editions(folder: Path) -> tuple[Path, list[Path]]:
    """Distinct articles and a book, each as PDF and EPUB written together
    (the EPUBs with page lists and store metadata: EPUBCheck checks them)."""
    sources = folder / "src"
    sources.mkdir()
    articles = (SEED, FIXTURES / "mixed.txt", FIXTURES / "pdf" / "tashkeel.txt",
                FIXTURES / "store" / "memory.txt")
    for path in (*articles, long_article(folder)):
        shutil.copy(path, sources / path.name)
    out = folder / "out"
    result = run_cli(str(sources), "--to", "pdf,epub", "-o", str(out))
    assert result.returncode == 0, result.stderr
    book = run_cli(*map(str, BOOK_ARTICLES), "--to", "epub,pdf", "--book", "كتاب المقالات",
                   "--book-author", "هيئة التحرير", "--name", "book", "-o", str(out))
    assert book.returncode == 0, book.stderr
    return out, sorted(out.glob("*.epub"))


@pytest.fixture(scope="module")
def editions(epub_builds) -> Path:
    return epub_builds[build_editions]


def test_epubs_with_page_lists_and_store_metadata_pass_epubcheck(editions: Path, epub_builds) -> None:
    problems = {book.name: epub_builds.problems(book) for book in sorted(editions.glob("*.epub"))}
    assert {name: found for name, found in problems.items() if found} == {}


def test_ace_finds_no_violation_in_the_seed_and_a_book(editions: Path, tmp_path: Path) -> None:
    for name in ("iran-and-al-qaeda", "book", "long"):
        assert ace_violations(editions / f"{name}.epub", tmp_path) == [], name


def test_ace_finds_no_violation_in_hostile_articles(epub_builds, tmp_path: Path) -> None:
    """The hostile corpus as test_hostile converts it (--to all: with page lists)."""
    root, corpus, _ = epub_builds[build_batch]
    books = accepted_epubs(root, corpus)
    assert len(books) >= 15
    found = {book.name: ace_violations(book, tmp_path) for book in books}
    assert {name: violations for name, violations in found.items() if violations} == {}


def test_the_package_states_its_conformance_and_the_cover_its_alt_text(editions: Path) -> None:
    with zipfile.ZipFile(editions / "iran-and-al-qaeda.epub") as book:
        package = etree.fromstring(book.read("EPUB/content.opf"))
        cover = etree.fromstring(book.read("EPUB/cover.xhtml"))
    meta = {element.get("property"): element for element in package.iterfind(".//opf:meta", OPF)}
    claim = meta["dcterms:conformsTo"]
    assert claim.text == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    certifier = meta["a11y:certifiedBy"]
    assert certifier.get("refines") == f"#{claim.get('id')}" and certifier.text
    feature_path = ".//opf:meta[@property='schema:accessibilityFeature']"
    features = {element.text for element in package.iterfind(feature_path, OPF)}
    assert {"pageBreakMarkers", "pageNavigation"} <= features
    assert meta["pageBreakSource"].text.startswith("urn:")
    assert cover.find(f".//{XHTML}img").get("alt").startswith("إيران والقاعدة")


def test_an_epub_written_without_its_pdf_claims_no_page_list(tmp_path: Path) -> None:
    assert run_cli(str(SEED), "--to", "epub", "-o", str(tmp_path)).returncode == 0
    with zipfile.ZipFile(tmp_path / "iran-and-al-qaeda.epub") as book:
        package = book.read("EPUB/content.opf").decode()
        chapter = book.read("EPUB/chapter.xhtml").decode()
    assert "pageBreakMarkers" not in package and "doc-pagebreak" not in chapter


def letters(text: str) -> str:
    """What both editions share of a text: no spaces, tatweel, marks or format characters."""
    kept = (char for char in text if not char.isspace() and char != "\u0640")
    return "".join(char for char in kept if unicodedata.category(char) not in ("Mn", "Cf"))


def pdf_pages(pdf: Path) -> list[str]:
    import pypdf

    return [letters(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]


def marked_pages(epub: Path) -> list[tuple[int, str, str]]:
    """(page number, the letters before the marker in its chapter, those after it) for each marker."""
    found = []
    with zipfile.ZipFile(epub) as book:
        for name in sorted(name for name in book.namelist() if re.search(r"chapter[-\d]*\.xhtml$", name)):
            root = etree.fromstring(book.read(name))
            article = root.find(f".//{XHTML}article")
            markers = [span for span in article.iter(f"{XHTML}span") if span.get("role") == "doc-pagebreak"]
            for span in markers:
                span.text = f"\ue000{span.get('id')}\ue001"
            text = "".join(article.itertext())
            for span in markers:
                before, _, after = text.partition(span.text)
                after = re.sub("\ue000[^\ue001]*\ue001", "", after)
                before = re.sub("\ue000[^\ue001]*\ue001", "", before)
                found.append((int(span.get("id").removeprefix("page-")), letters(before), letters(after)))
    return found


@pytest.mark.parametrize("name", ["long", "tashkeel", "mixed", "memory", "book"])
def test_each_page_marker_sits_where_the_pdf_page_starts(editions: Path, name: str) -> None:
    """The 12 letters after a marker open the PDF's page; the 12 before it close the page before."""
    pages = pdf_pages(editions / f"{name}.pdf")
    marked = marked_pages(editions / f"{name}.epub")
    numbers = [number for number, _, _ in marked]
    assert numbers == sorted(set(numbers)) and numbers, numbers
    if name in ("long", "book"):
        assert len(numbers) >= 3  # breaks inside paragraphs and between chapters are both tried
    for number, before, after in marked:
        assert after[:12] in pages[number - 1], (number, after[:12])
        if before and number > 1:
            assert before[-12:] in pages[number - 2], (number, before[-12:])
            assert after[:12] not in pages[number - 2][-40:], number

"""EPUB notes: calls epub:type="noteref" leading to <aside epub:type="footnote"> notes
in the same chapter file, each note's number leading back, in the article's digits;
as EPUBCheck, Ace and Chromium read them."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import linked_calls
import pytest
from ace_helper import ace_violations
from conftest import epub_build
from lxml import etree
from note_articles import (
    BOOK,
    CALLS,
    LINK,
    LINK_TEXT,
    MIXED_NOTE,
    SECOND_PARAGRAPH,
    SINGLES,
    STRONG_TEXT,
    book_of,
    read,
)
from note_checks import call_beside, followed_links, glyphs, printed, shows_line, word_glyphs

from convert.exporters import get_exporter
from convert.options import Options

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def write_epub(name: str, target: Path, options: Options | None = None) -> Path:
    """As a run converts the article: read, then written in the theme of its language."""
    doc, article_options = read(name, options)
    get_exporter("epub").export(doc, target, article_options)
    return target


def write_book(target: Path) -> Path:
    book, options = book_of(BOOK)
    get_exporter("epub").export_book(book, target, options)
    return target


@epub_build
def build_note_books(folder: Path) -> tuple[dict[str, Path], list[Path]]:
    built = {name: write_epub(name, folder / f"{name}.epub") for name in SINGLES}
    built["book"] = write_book(folder / "book.epub")
    return built, list(built.values())


@pytest.fixture(scope="module")
def books(epub_builds) -> dict[str, Path]:
    return epub_builds[build_note_books]


def chapters(epub: Path) -> dict[str, etree._Element]:
    """Each chapter file of the book, by name, in book order."""
    with zipfile.ZipFile(epub) as archive:
        names = sorted(name for name in archive.namelist() if Path(name).name.startswith("chapter"))
        return {name: etree.fromstring(archive.read(name)) for name in names}


def calls_of(chapter: etree._Element) -> list[etree._Element]:
    return chapter.xpath("//h:a[@epub:type='noteref']", namespaces=NS)


def notes_of(chapter: etree._Element) -> list[etree._Element]:
    return chapter.xpath("//h:aside[@epub:type='footnote']", namespaces=NS)


def by_id(chapter: etree._Element) -> dict[str, etree._Element]:
    ids = [element.get("id") for element in chapter.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), f"ids repeated: {sorted(ids)}"
    return {element.get("id"): element for element in chapter.iter() if element.get("id")}


def backlink(note: etree._Element) -> etree._Element:
    [link] = note.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
    return link


def assert_linked_both_ways(chapter: etree._Element, where: str) -> None:
    """Every call leads to a note in the same file showing its number, and every
    note back to its first call."""
    elements = by_id(chapter)
    for call in calls_of(chapter):
        assert call.get("role") == "doc-noteref", where
        href = call.get("href")
        assert href.startswith("#") and href[1:] in elements, (where, href)  # in the same chapter file
        note = elements[href[1:]]
        assert note.tag == f"{{{NS['h']}}}aside" and note.get("role") == "doc-footnote", (where, href)
        assert note.get(EPUB_TYPE) == "footnote" and backlink(note).text == call.text, (where, href)
    for note in notes_of(chapter):
        back = backlink(note)
        called = elements[back.get("href").removeprefix("#")]
        assert called.get(EPUB_TYPE) == "noteref" and called.text == back.text, (where, note.get("id"))
        assert called.get("href") == f"#{note.get('id')}", (where, note.get("id"))


def test_every_call_leads_to_its_note_and_back_in_the_same_file(books: dict[str, Path]) -> None:
    for name, epub in books.items():
        articles = BOOK if name == "book" else (name,)
        for article, (file_name, chapter) in zip(articles, chapters(epub).items(), strict=True):
            assert len(calls_of(chapter)) == len(CALLS[article]), f"{name}: {file_name}"
            assert_linked_both_ways(chapter, f"{name}: {file_name}")


def test_calls_and_notes_in_the_article_digits(books: dict[str, Path]) -> None:
    for name in SINGLES:
        [chapter] = chapters(books[name]).values()
        assert [call.text for call in calls_of(chapter)] == CALLS[name], name
        assert [backlink(note).text for note in notes_of(chapter)] == list(dict.fromkeys(CALLS[name])), name


def test_a_theme_with_latin_digits_numbers_the_notes_so(tmp_path: Path) -> None:
    theme = Options().theme
    options = Options(theme=replace(theme, text=replace(theme.text, digits="latin")))
    [chapter] = chapters(write_epub("arabic", tmp_path / "latin.epub", options)).values()
    assert [call.text for call in calls_of(chapter)] == ["1", "2", "3", "4", "1"]


def test_a_book_numbers_each_articles_notes_from_one_in_its_own_digits(books: dict[str, Path]) -> None:
    found = chapters(books["book"])
    assert len(found) == len(BOOK)  # each article its own file
    for name, chapter in zip(BOOK, found.values(), strict=True):
        assert [call.text for call in calls_of(chapter)] == CALLS[name], name
        assert [note.get("id") for note in notes_of(chapter)] == [
            f"note-{number}" for number in range(1, len(set(CALLS[name])) + 1)], name


def test_the_notes_follow_the_text_before_the_disclaimer_in_the_articles_direction(books) -> None:
    [chapter] = chapters(books["arabic"]).values()
    [article] = chapter.xpath("//h:article", namespaces=NS)
    order = [child.get("class") for child in article]
    assert order == ["title-block", "body", "note", "note", "note", "note", "disclaimer"]
    assert {note.get("dir") for note in notes_of(chapter)} == {"rtl"}
    assert {call.get("dir") for call in calls_of(chapter)} == {"rtl"}  # each call a bidi isolate


def test_a_note_keeps_its_link_strong_text_and_second_paragraph(books: dict[str, Path]) -> None:
    [chapter] = chapters(books["arabic"]).values()
    notes = {note.get("id"): note for note in notes_of(chapter)}
    [link] = notes["note-3"].xpath(f".//h:a[@href='{LINK}']", namespaces=NS)
    assert link.text == LINK_TEXT
    assert notes["note-3"].xpath("string(.//h:strong)", namespaces=NS) == STRONG_TEXT
    paragraphs = notes["note-4"].xpath("h:p", namespaces=NS)
    assert len(paragraphs) == 2 and paragraphs[1].xpath(".//h:a", namespaces=NS) == []
    assert paragraphs[1].text == SECOND_PARAGRAPH


def test_a_book_without_notes_has_no_note_rules(books: dict[str, Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(write_epub("without", tmp_path / "plain.epub")) as plain:
        assert b"noteref" not in plain.read("EPUB/styles/book.css")
    with zipfile.ZipFile(books["arabic"]) as noted:
        assert b"aside.note" in noted.read("EPUB/styles/book.css")


@pytest.mark.parametrize("name", [*SINGLES, "book"])
def test_epubcheck_reports_no_error_and_no_warning(epub_builds, books: dict[str, Path], name: str) -> None:
    assert epub_builds.problems(books[name]) == []


def test_ace_finds_no_violation(books: dict[str, Path], tmp_path: Path) -> None:
    for name in ("arabic", "book"):
        assert ace_violations(books[name], tmp_path) == [], name


# ------------------------------------------------------------------------- Chromium

@pytest.fixture(scope="module")
def unpacked(books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    for name in ("arabic", "book"):
        with zipfile.ZipFile(books[name]) as archive:
            archive.extractall(folder / name)
    return folder


@pytest.mark.parametrize("chapter", ["arabic/EPUB/chapter.xhtml", "book/EPUB/chapter-002.xhtml",
                                     "book/EPUB/chapter-003.xhtml"])
def test_chromium_follows_each_call_to_its_note_and_back(unpacked: Path, tmp_path: Path,
                                                         chapter: str) -> None:
    followed = followed_links(unpacked / chapter, tmp_path)
    calls = [link for link in followed if link.kind == "noteref"]
    backs = [link for link in followed if link.kind == "note-number"]
    assert calls and len(backs) == len({call.text for call in calls})
    for call in calls:
        assert (call.tag, call.target, call.number, call.shown) == ("aside", call.href[1:], call.text, True)
    for back in backs:
        assert (back.tag, back.target, back.number, back.shown) == ("a", back.href[1:], back.text, True)


@pytest.fixture(scope="module")
def printed_chapter(unpacked: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return printed(unpacked / "arabic" / "EPUB" / "chapter.xhtml", tmp_path_factory.mktemp("printed"))


def test_chromium_shows_a_mixed_direction_note_as_the_bidi_algorithm_orders_it(printed_chapter: Path) -> None:
    # The note opens with its number; the rest as the same text in the body would show.
    assert shows_line(printed_chapter, f"٢ {MIXED_NOTE}")


def test_a_call_follows_a_number_and_a_latin_name_in_reading_order(printed_chapter: Path) -> None:
    """In a right-to-left line the call after 2024 or Le Monde stands on their left,
    touching them: not inside them (2024١ would show the call between the words)."""
    printed_glyphs = glyphs(printed_chapter)
    for word, number in (("2024", "١"), ("Le", "٢")):
        word_on_page = word_glyphs(printed_glyphs, word, size=11)
        call = call_beside(printed_glyphs, word_on_page, number)
        left_edge = min(glyph.x0 for glyph in word_on_page)
        assert call.x1 <= left_edge + 0.5 and left_edge - call.x1 < call.size, word


def test_two_calls_in_one_word_read_one_then_the_other(printed_chapter: Path) -> None:
    printed_glyphs = glyphs(printed_chapter)
    line = word_glyphs(printed_glyphs, "١٢", size=11)  # "١٢ قطاعا", the word the calls follow
    first, comma, second = (call_beside(printed_glyphs, line, text) for text in "٣،٤")
    assert first.x0 > comma.x0 > second.x0  # right to left: ٣ then ٤, a raised comma between


@epub_build
def build_linked_calls(folder: Path) -> tuple[Path, list[Path]]:
    epub = linked_calls.convert(folder, "epub") / "linked.epub"
    return epub, [epub]


def test_a_call_typed_inside_a_links_words_stands_beside_the_link(epub_builds) -> None:
    """[النص[^2]](https://…): the noteref after the link's words, never inside its <a>; EPUBCheck clean."""
    epub = epub_builds[build_linked_calls]
    chapter = next(root for root in chapters(epub).values() if "الجزء الأول" in "".join(root.itertext()))
    body = chapter.xpath("//h:a[not(ancestor::h:aside)]", namespaces=NS)
    linked_calls.check_calls_beside_links(body)
    assert all(call.get(EPUB_TYPE) == "noteref" for call in calls_of(chapter))
    assert len(calls_of(chapter)) == 3
    assert epub_builds.problems(epub) == []

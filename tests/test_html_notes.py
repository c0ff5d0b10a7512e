"""HTML notes: a list closing each article under a heading in its language, calls and
notes linked both ways, in the article's digits; a book page numbering each article's
notes from 1. Read back by html5lib (the WHATWG parser) and Chromium."""

from __future__ import annotations

from pathlib import Path

import html5lib
import linked_calls
import pytest
from conftest import run_cli
from lxml import html
from note_articles import (
    BOOK,
    CALLS,
    LINK,
    LINK_TEXT,
    MIXED_NOTE,
    SECOND_PARAGRAPH,
    SINGLES,
    STRONG_TEXT,
    read,
    written,
)
from note_checks import call_beside, followed_links, glyphs, printed, shows_line, word_glyphs

from convert.exporters import get_exporter

HEADINGS = {"arabic": "الهوامش", "persian": "پانوشت‌ها", "urdu": "حواشی", "kurdish": "پەراوێزەکان",
            "many": "الهوامش"}


def write_html(name: str, target: Path) -> Path:
    """As a run converts the article: read, then written in the theme of its language."""
    doc, options = read(name)
    get_exporter("html").export(doc, target, options)
    return target


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html-notes")
    built = {name: write_html(name, folder / f"{name}.html") for name in SINGLES}
    # The book as the command line binds it, in the order of BOOK.
    order = folder / "order.txt"
    order.write_text("\n".join(str(written(folder, name)) for name in BOOK) + "\n", encoding="utf-8")
    result = run_cli(str(folder), "--book", "كتاب الهوامش", "--name", "book", "--order", str(order),
                     "--to", "html", "-o", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    built["book"] = folder / "out" / "book.html"
    return built


def parsed(page: Path) -> html.HtmlElement:
    return html.document_fromstring(page.read_text(encoding="utf-8"))


def articles_of(page: Path) -> list[html.HtmlElement]:
    return parsed(page).xpath("//article")


def calls_of(article: html.HtmlElement) -> list[html.HtmlElement]:
    return article.xpath(".//a[@role='doc-noteref']")


def notes_of(article: html.HtmlElement) -> list[html.HtmlElement]:
    return article.xpath(".//section[@role='doc-endnotes']/ol/li")


def backlink(note: html.HtmlElement) -> html.HtmlElement:
    [link] = note.xpath(".//a[@role='doc-backlink']")
    return link


def assert_linked_both_ways(article: html.HtmlElement, where: str) -> None:
    """Every call leads to a note of its own article showing its number, every note back to its first call."""
    own = {element.get("id"): element for element in article.iter() if element.get("id")}
    for call in calls_of(article):
        note = own.get(call.get("href").removeprefix("#"))
        assert note is not None and note in notes_of(article), (where, call.get("href"))
        assert backlink(note).text == call.text, (where, call.get("href"))
    for note in notes_of(article):
        called = own.get(backlink(note).get("href").removeprefix("#"))
        assert called is not None and called in calls_of(article), (where, note.get("id"))
        assert called.text == backlink(note).text and called.get("href") == f"#{note.get('id')}", where


def test_every_call_leads_to_its_note_and_back_in_its_article(pages: dict[str, Path]) -> None:
    for name, page in pages.items():
        names = BOOK if name == "book" else (name,)
        ids = [element.get("id") for element in parsed(page).iter() if element.get("id")]
        assert len(ids) == len(set(ids)), name  # a book page: unique across its articles
        for article_name, article in zip(names, articles_of(page), strict=True):
            assert [call.text for call in calls_of(article)] == CALLS[article_name], (name, article_name)
            assert_linked_both_ways(article, f"{name}: {article_name}")


def test_the_notes_close_the_article_under_a_heading_in_its_language(pages: dict[str, Path]) -> None:
    for name in SINGLES:
        [article] = articles_of(pages[name])
        assert [child.get("class") for child in article][-2:] in (["notes", "disclaimer"], ["body", "notes"])
        assert article.xpath("string(section[@class='notes']/h2)") == HEADINGS[name], name
        # Numbered once: by each note's own number, in the article's digits.
        assert [backlink(note).text for note in notes_of(article)] == list(dict.fromkeys(CALLS[name])), name


def test_a_book_page_numbers_each_articles_notes_from_one(pages: dict[str, Path]) -> None:
    for number, (name, article) in enumerate(zip(BOOK, articles_of(pages["book"]), strict=True), start=1):
        notes = notes_of(article)
        assert [note.get("id") for note in notes] == [f"chapter-{number}-note-{index}"
                                                      for index in range(1, len(notes) + 1)], name
        heading = article.xpath("string(section[@class='notes']/h2)")
        assert heading == (HEADINGS[name] if CALLS[name] else ""), name


def test_a_note_keeps_its_link_strong_text_and_second_paragraph(pages: dict[str, Path]) -> None:
    [article] = articles_of(pages["arabic"])
    notes = notes_of(article)
    assert notes[2].xpath(f"string(.//a[@href='{LINK}'])") == LINK_TEXT
    assert notes[2].xpath("string(.//strong)") == STRONG_TEXT
    assert [paragraph.text_content() for paragraph in notes[3].xpath("p")][1] == SECOND_PARAGRAPH


def test_every_page_parses_as_a_browser_parses_it_without_error(pages: dict[str, Path]) -> None:
    for name, page in pages.items():
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_text(encoding="utf-8"))
        assert parser.errors == [], name


def test_only_a_page_with_notes_carries_their_rules(pages: dict[str, Path], tmp_path: Path) -> None:
    plain = parsed(write_html("without", tmp_path / "plain.html")).findtext(".//style")
    assert "noteref" not in plain and "section.notes" not in plain
    assert "a.noteref" in parsed(pages["arabic"]).findtext(".//style")


def test_chromium_follows_each_call_to_its_note_and_back(pages: dict[str, Path], tmp_path: Path) -> None:
    for name in ("arabic", "book"):
        followed = followed_links(pages[name], tmp_path)
        calls = [link for link in followed if link.kind == "noteref"]
        backs = [link for link in followed if link.kind == "note-number"]
        assert len(calls) == sum(len(CALLS[article]) for article in (BOOK if name == "book" else (name,)))
        for call in calls:
            assert (call.tag, call.target, call.number, call.shown) == ("li", call.href[1:], call.text, True)
        for back in backs:
            assert (back.tag, back.target, back.number, back.shown) == ("a", back.href[1:], back.text, True)


@pytest.fixture(scope="module")
def printed_page(pages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return printed(pages["arabic"], tmp_path_factory.mktemp("printed"))


def test_chromium_shows_a_mixed_direction_note_as_the_bidi_algorithm_orders_it(printed_page: Path) -> None:
    assert shows_line(printed_page, f"٢ {MIXED_NOTE}")


def test_a_call_follows_a_number_and_a_latin_name_in_reading_order(printed_page: Path) -> None:
    printed_glyphs = glyphs(printed_page)
    for word, number in (("2024", "١"), ("Le", "٢")):
        word_on_page = word_glyphs(printed_glyphs, word, size=13)
        call = call_beside(printed_glyphs, word_on_page, number)
        left_edge = min(glyph.x0 for glyph in word_on_page)
        assert call.x1 <= left_edge + 0.5 and left_edge - call.x1 < call.size, word


def test_a_persian_article_in_an_arabic_book_keeps_its_heading_and_digits(pages: dict[str, Path]) -> None:
    persian = articles_of(pages["book"])[BOOK.index("persian")]
    assert persian.xpath("string(section[@class='notes']/h2)") == "پانوشت‌ها"
    assert [call.text for call in calls_of(persian)] == ["۱", "۲"]


def test_a_call_typed_inside_a_links_words_stands_beside_the_link(tmp_path: Path) -> None:
    """[النص[^2]](https://…): the call after the link's words, never inside its <a>
    (an <a> in an <a> is not HTML: a browser's parser would cut the link)."""
    page = linked_calls.convert(tmp_path, "html") / "linked.html"
    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    linked_calls.check_calls_beside_links(list(tree.iter("a")))
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    calls = [a for a in tree.iter("a") if a.get("class") == "noteref"]
    assert all(call.get("href")[1:] in ids for call in calls)

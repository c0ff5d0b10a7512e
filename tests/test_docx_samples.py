"""Word files saved by Microsoft Word, from python-docx's own test files
(tests/fixtures/docx-in/README.md says which, and under what licence): each
reads as its content says; comments and headers are not article text."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.errors import InputError
from convert.model import Link, Paragraph, Table, Text, block_texts
from convert.reading.reader import read_bytes

SAMPLES = Path(__file__).parent / "fixtures" / "docx-in"


def _read(name: str):
    return read_bytes((SAMPLES / name).read_bytes(), name)


def _all_text(document) -> str:
    texts = (text for block in document.blocks for text in block_texts(block))
    return " ".join([document.meta.title, *texts])


def test_hyperlinks_by_relationship_and_the_core_author() -> None:
    document = _read("par-hyperlinks.docx").document
    assert (document.meta.title, document.meta.author) == ("No hyperlinks", "Steve Canny")
    assert document.blocks[0] == Paragraph((
        Text("One "), Link("http://yahoo.com/", (Text("awesome hyperlink"),)), Text(".")))
    links = [inline.href for inline in document.blocks[1].inlines if isinstance(inline, Link)]
    assert links == ["http://google.com/", "http://python.org/", "http://yahoo.com/"]


def test_a_fragment_in_w_anchor_bookmarks_and_a_local_file() -> None:
    reading = _read("par-hlink-frags.docx")
    paragraphs = {block.inlines[0].text.split()[0]: block for block in reading.document.blocks}
    # Word keeps a URL's fragment apart from its relationship: joined back.
    assert Link("http://foo.com/#intro", (Text("http://foo.com#introduction"),)) in paragraphs["Five"].inlines
    six = Link("https://foo.com?q=bar#baz", (Text("https://foo.com?q=bar#the-bar"),))
    assert six in paragraphs["Six"].inlines
    # A link to a bookmark inside the file, and one to a file beside it: text.
    assert paragraphs["Two"] == Paragraph((Text("Two with link to bookmark."),))
    assert paragraphs["Eight"] == Paragraph((Text("Eight with link to file."),))
    assert reading.warnings == ("language: en-US (found from the language its text is tagged with)",
                                "link to 'court-exif.jpg' left as text (only http, https and mailto links)")
    assert reading.document.meta.lang == "en-US"  # Word's English text, not Arabic


def test_comments_are_not_article_text() -> None:
    document = _read("comments-rich-para.docx").document
    assert document.meta.title == "Document text"
    assert [block_texts(block)[0] for block in document.blocks] == [
        "Some text worthy of note.", "Other document text.", "Other text worthy of note.",
        "Paragraph 5", "Paragraph 6", "Paragraph 7"]
    text = _all_text(document)
    for said in ("Text with hyperlink", "google.com", "inline image", "character style", "Heading 2"):
        assert said not in text


def test_a_table_first_an_empty_table_and_a_nested_one() -> None:
    document = _read("blk-paras-and-tables.docx").document
    # The file opens with an empty table and has no core title: its first paragraph is the title.
    assert document.meta.title == "Lorem ipsum dolor sit amet, consectetur adipiscing elit."
    nested, after = document.blocks
    assert isinstance(nested, Table) and nested.rows == ()
    # The table nested in the cell is read in its place, between the cell's paragraphs.
    assert "".join(inline.text for inline in nested.header[0]) == "Text before Table Between Text after"
    assert after == Paragraph((Text("Donec semper facilisis metus finibus malesuada."),))


def test_headers_and_footers_are_not_article_text() -> None:
    document = _read("hdr-header-footer.docx").document
    assert (document.meta.title, document.meta.author) == ("section with header", "Steve Canny")
    assert document.blocks == (Paragraph((Text("section without header of its own."),)),)
    assert "Header for section" not in _all_text(document) and "Footer" not in _all_text(document)


def test_core_properties_only_give_the_title() -> None:
    meta = _read("doc-coreprops.docx").document.meta
    assert (meta.title, meta.author, meta.description) == ("Title", "Steve Canny", "Description")
    assert meta.subjects == ("key", "word", "keyword", "Subject")


def test_pictures_without_text_are_one_line() -> None:
    with pytest.raises(InputError) as raised:
        _read("having-images.docx")
    assert str(raised.value) == "having-images.docx: empty Word document (no title, no text)"


def test_a_google_docs_export_with_no_properties_and_no_language() -> None:
    """Google Docs writes no docProps parts and tags no language: the title
    is the first paragraph, the language undetermined (said in a warning),
    never Arabic for an English sentence."""
    reading = _read("export_from_googledocs.docx")
    assert reading.document.meta.title == "Beauty will save the world."
    assert (reading.document.meta.author, reading.document.meta.date) == (None, None)
    assert reading.document.meta.lang == "und"
    assert reading.document.blocks == ()
    assert reading.warnings == ("language: und (Latin letters and no language set: give lang: or --lang)",)

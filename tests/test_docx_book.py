"""DOCX book mode: one Word document holding the three fixture articles.

The book is built once (and once more printed on both sides); the XML is
read as Word reads it, python-docx reopens it, and LibreOffice renders both
books in one conversion, blank pages included, so page parity is real.
The second article's disclaimer is taken away (None, as --no-disclaimer
gives), so its pages must show no disclaimer at all.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree

from convert.errors import ConvertError
from convert.exporters import get_exporter
from convert.exporters.docx.page import FOOTER_DISTANCE_MM, HEADER_DISTANCE_MM
from convert.html import CONTENTS_LABEL
from convert.model import Book, Document, Heading, inline_text
from convert.options import Options
from convert.text.digits import number_text
from convert.text.pages import sharing_one_line as running_titles
from tests.conftest import (
    FIXTURES,
    environment_without_amiri,
    libreoffice_pdfs,
    load,
    require_tool,
    run_cli,
    source_texts,
    squash,
)
from tests.test_docx import (
    NS,
    POINTS_PER_MM,
    R,
    band_text,
    part,
    text_of,
    w,
)

BOOK_SOURCES = [FIXTURES / "book" / f"{name}.txt" for name in ("one", "two", "three")]
BOOK_TITLE, BOOK_AUTHOR = "كتاب تجريبي", "هيئة التحرير"
TOC = ' TOC \\o "1-1" \\h \\z \\u '
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
# LibreOffice writes the tatweel glyphs it adds to justify Arabic lines
# without a Unicode value; pdftotext prints them as whatever the glyph's code
# is in the font subset: "<", U+0640 or, in a larger subset, a Latin letter.
# Between two joined Arabic letters none of these is text.
KASHIDA_GLYPHS = re.compile(r"(?<=[\u0621-\u064a])[<\u0640A-Za-z]+(?=[\u0621-\u064a])")
BOOK_PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def the_book() -> Book:
    documents = [load(path) for path in BOOK_SOURCES]
    documents[1] = documents[1].with_meta(disclaimer=None)
    return Book(BOOK_TITLE, BOOK_AUTHOR, tuple(documents))


BOOK = the_book()
TITLES = [doc.meta.title for doc in BOOK.documents]


def article_texts(doc: Document) -> list[str]:
    """The article's paragraphs in the body: its disclaimer is in the footer."""
    texts = source_texts(doc)
    return texts[:-1] if doc.meta.disclaimer else texts


# -- reading the package ---------------------------------------------------------------

def body_sections(path: Path) -> list[tuple[etree._Element, list[etree._Element]]]:
    """(w:sectPr, its paragraphs) for every section, in document order."""
    body = part(path, "word/document.xml").find("w:body", NS)
    sections, paragraphs = [], []
    for child in body:
        if child.tag == w("p"):
            paragraphs.append(child)
            sect_pr = child.find("w:pPr/w:sectPr", NS)
            if sect_pr is not None:
                sections.append((sect_pr, paragraphs))
                paragraphs = []
        elif child.tag == w("sectPr"):
            sections.append((child, paragraphs))
    return sections


def referenced(path: Path, sect_pr: etree._Element, kind: str) -> tuple[str, etree._Element] | None:
    """The part name and root of the section's default header or footer."""
    reference = sect_pr.find(f"w:{kind}Reference[@w:type='default']", NS)
    if reference is None:
        return None
    rels = part(path, "word/_rels/document.xml.rels")
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == reference.get(f"{{{R}}}id"))
    return target, part(path, f"word/{target}")


def style_of(paragraph: etree._Element) -> str | None:
    found = paragraph.find("w:pPr/w:pStyle", NS)
    return None if found is None else found.get(w("val"))


def visible_text(paragraph: etree._Element) -> str:
    """What a reader sees of a paragraph: its text, a tab as a tab."""
    return "".join(
        "\t" if node.tag == w("tab") else node.text or ""
        for node in paragraph.iter(w("t"), w("tab"))
        if node.getparent().tag == w("r")
    )


# -- building ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx_book")


@pytest.fixture(scope="module")
def book_docx(out_dir: Path) -> Path:
    target = out_dir / "book.docx"
    get_exporter("docx").export_book(BOOK, target, Options())
    return target


@pytest.fixture(scope="module")
def duplex_docx(out_dir: Path) -> Path:
    target = out_dir / "duplex.docx"
    get_exporter("docx").export_book(BOOK, target, Options(duplex=True))
    return target


# -- sections ---------------------------------------------------------------------------

def test_title_page_contents_then_one_section_per_article_in_order(book_docx: Path) -> None:
    sections = body_sections(book_docx)
    assert len(sections) == 2 + len(BOOK.documents)
    title_page, contents, *articles = sections
    title_lines = [(style_of(p), text_of(p)) for p in title_page[1]]
    assert title_lines == [("Title", BOOK_TITLE), ("Subtitle", BOOK_AUTHOR)]
    assert text_of(contents[1][0]) == CONTENTS_LABEL
    for (_, paragraphs), doc in zip(articles, BOOK.documents, strict=True):
        assert (style_of(paragraphs[0]), text_of(paragraphs[0])) == ("Heading1", doc.meta.title)
        assert [text_of(p) for p in paragraphs] == article_texts(doc)
    # Each break sits in the section's last paragraph; the last section is the body's own.
    assert all(p[-1].find("w:pPr/w:sectPr", NS) is not None for _, p in sections[:-1])
    assert sections[-1][0].getparent().tag == w("body")


def test_sections_are_right_to_left_new_pages_numbered_on(book_docx: Path, duplex_docx: Path) -> None:
    for path, start in ((book_docx, None), (duplex_docx, "oddPage")):
        for index, (sect_pr, _) in enumerate(body_sections(path)):
            assert sect_pr.find("w:bidi", NS) is not None and sect_pr.find("w:rtlGutter", NS) is not None
            number_type = sect_pr.find("w:pgNumType", NS)
            assert number_type.get(w("fmt")) == "hindiNumbers" and number_type.get(w("start")) is None
            kind = sect_pr.find("w:type", NS)
            if index:  # how the first section starts does not matter
                assert (None if kind is None else kind.get(w("val"))) == start, (path.name, index)


def test_article_titles_are_heading_1_and_their_headings_one_level_down(book_docx: Path) -> None:
    paragraphs = [p for _, section in body_sections(book_docx) for p in section]
    assert [text_of(p) for p in paragraphs if style_of(p) == "Heading1"] == TITLES
    inner = [(block.level, inline_text(block.inlines)) for doc in BOOK.documents for block in doc.blocks
             if isinstance(block, Heading)]
    assert inner, "the fixtures have headings"
    by_text = {text_of(p): style_of(p) for p in paragraphs}
    for level, text in inner:
        assert by_text[text] == f"Heading{min(level + 1, 3)}"
    styles = part(book_docx, "word/styles.xml")
    level_of = {s.get(w("styleId")): s.find("w:pPr/w:outlineLvl", NS) for s in styles.findall("w:style", NS)}
    assert level_of["Heading1"].get(w("val")) == "0"
    assert level_of["TOCHeading"].get(w("val")) == "9"  # "body text": not listed itself


def test_every_paragraph_of_every_story_and_every_style_is_bidi(book_docx: Path) -> None:
    with zipfile.ZipFile(book_docx) as package:
        names = package.namelist()
    stories = [n for n in names if re.fullmatch(r"word/(document|header\d+|footer\d+)\.xml", n)]
    assert len(stories) == 1 + 2 * (1 + len(BOOK.documents))
    for name in stories:
        for paragraph in part(book_docx, name).iter(w("p")):
            assert paragraph.find("w:pPr/w:bidi", NS) is not None, (name, text_of(paragraph))
    for style in part(book_docx, "word/styles.xml").findall("w:style[@w:type='paragraph']", NS):
        assert style.find("w:pPr/w:bidi", NS) is not None, style.get(w("styleId"))


# -- headers and footers --------------------------------------------------------------------

def test_each_article_has_its_own_footer_with_its_own_disclaimer(book_docx: Path) -> None:
    sections = body_sections(book_docx)
    assert referenced(book_docx, sections[0][0], "footer") is None  # the title page
    names = set()
    for (sect_pr, _), disclaimer in zip(sections[1:], [None, *(d.meta.disclaimer for d in BOOK.documents)],
                                        strict=True):
        name, footer = referenced(book_docx, sect_pr, "footer")
        names.add(name)
        styles = [style_of(p) for p in footer.findall("w:p", NS)]
        instructions = "".join(t.text for t in footer.iter(w("instrText"))).split()
        assert instructions == ["PAGE"]
        if disclaimer is None:
            assert "Disclaimer" not in styles and "تنويه" not in text_of(footer)
        else:
            assert styles[0] == "Disclaimer" and text_of(footer.find("w:p", NS)) == disclaimer
    assert len(names) == len(sections) - 1


def test_running_heads_hold_the_book_title_and_the_article_title(book_docx: Path) -> None:
    sections = body_sections(book_docx)
    assert referenced(book_docx, sections[0][0], "header") is None
    names = set()
    for (sect_pr, _), title in zip(sections[1:], [CONTENTS_LABEL, *TITLES], strict=True):
        assert sect_pr.find("w:titlePg", NS) is None  # the running head is on every page
        name, header = referenced(book_docx, sect_pr, "header")
        names.add(name)
        (paragraph,) = header.findall("w:p", NS)
        assert style_of(paragraph) == "RunningHead"
        assert visible_text(paragraph) == f"{BOOK_TITLE}\t{title}"
    assert len(names) == len(sections) - 1
    running_head = part(book_docx, "word/styles.xml").find("w:style[@w:styleId='RunningHead']", NS)
    tab = running_head.find("w:pPr/w:tabs/w:tab", NS)
    theme = Options().theme
    text_width_mm = theme.page.size_mm[0] - theme.page.margin_inner_mm - theme.page.margin_outer_mm
    assert tab.get(w("val")) == "end"
    assert abs(int(tab.get(w("pos"))) - text_width_mm / 25.4 * 1440) <= 1


def test_a_long_title_is_shortened_in_the_running_head_only(tmp_path: Path) -> None:
    long_title = " ".join(["عنوان طويل جدا يتكرر"] * 12)
    book = Book(BOOK_TITLE, None, (BOOK.documents[0].with_meta(title=long_title),))
    target = tmp_path / "long.docx"
    get_exporter("docx").export_book(book, target, Options())
    sect_pr, paragraphs = body_sections(target)[-1]
    start, end = visible_text(referenced(target, sect_pr, "header")[1].find("w:p", NS)).split("\t")
    assert start == BOOK_TITLE
    assert end.endswith("…") and long_title.startswith(end[:-1]) and len(end) < len(long_title) / 2
    assert text_of(paragraphs[0]) == long_title
    entry = next(p for p in part(target, "word/document.xml").iter(w("p")) if style_of(p) == "TOC1")
    assert visible_text(entry).split("\t")[0] == long_title


def test_running_titles_share_one_line() -> None:
    long = "كلمة " * 40
    start, end = running_titles(long, long, 100)
    assert len(start) + len(end) <= 100 - 8 and min(len(start), len(end)) >= (100 - 8) // 3
    start, end = running_titles(long, "قصير", 100)
    assert end == "قصير" and 60 < len(start) <= 100 - 8 - len(end)
    assert running_titles("كتاب", "مقال", 100) == ("كتاب", "مقال")


# -- the table of contents ------------------------------------------------------------------

def test_contents_is_a_toc_field_prefilled_with_every_title_in_order(book_docx: Path) -> None:
    body = part(book_docx, "word/document.xml").find("w:body", NS)
    entries = [p for p in body.iter(w("p")) if style_of(p) == "TOC1"]
    assert [visible_text(p).split("\t")[0] for p in entries] == TITLES
    first_runs = [child for child in entries[0] if child.tag == w("r")]
    assert [r.find("w:fldChar", NS).get(w("fldCharType")) if r.find("w:fldChar", NS) is not None
            else r.find("w:instrText", NS).text for r in first_runs] == ["begin", TOC, "separate"]
    closing = entries[-1].findall("w:r/w:fldChar", NS)
    assert closing and closing[-1].get(w("fldCharType")) == "end"
    kinds = [c.get(w("fldCharType")) for c in body.iter(w("fldChar"))]
    assert kinds.count("begin") == kinds.count("separate") == kinds.count("end")


def test_contents_entries_link_to_bookmarks_on_the_titles(book_docx: Path) -> None:
    body = part(book_docx, "word/document.xml").find("w:body", NS)
    marks = {}
    for paragraph in body.iter(w("p")):
        start = paragraph.find("w:bookmarkStart", NS)
        if start is not None:
            end = paragraph.find("w:bookmarkEnd", NS)
            assert end.get(w("id")) == start.get(w("id"))
            marks[start.get(w("name"))] = text_of(paragraph)
    links = [(link.get(w("anchor")), link) for link in body.iter(w("hyperlink"))]
    assert [marks[anchor] for anchor, _ in links] == TITLES
    for anchor, link in links:
        pageref = "".join(t.text for t in link.iter(w("instrText"))).split()
        assert pageref == ["PAGEREF", anchor, "\\h"]


def test_word_is_asked_to_update_fields_on_opening(book_docx: Path) -> None:
    settings = part(book_docx, "word/settings.xml")
    names = [etree.QName(child).localname for child in settings]
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"
    assert names.index("updateFields") < names.index("compat")  # CT_Settings order


# -- reading back ---------------------------------------------------------------------------

def test_python_docx_reopens_the_book(book_docx: Path) -> None:
    word = docx.Document(str(book_docx))
    texts = [p.text for p in word.paragraphs]
    entries = texts[3: 3 + len(TITLES)]
    assert texts[:3] == [BOOK_TITLE, BOOK_AUTHOR, CONTENTS_LABEL]
    assert [entry.split("\t")[0] for entry in entries] == TITLES
    articles = [text for doc in BOOK.documents for text in article_texts(doc)]
    assert texts[4 + len(TITLES):] == articles
    assert len(word.sections) == 2 + len(TITLES)
    footers = [section.footer.paragraphs[0].text for section in word.sections[2:]]
    assert footers[0] == BOOK.documents[0].meta.disclaimer and footers[2] == BOOK.documents[2].meta.disclaimer
    properties = word.core_properties
    assert (properties.title, properties.author) == (BOOK_TITLE, BOOK_AUTHOR)


def test_an_empty_book_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(ConvertError, match="no articles"):
        get_exporter("docx").export_book(Book(BOOK_TITLE), tmp_path / "empty.docx", Options())


def test_cli_book_is_reproducible_and_fills_in_the_default_disclaimer(tmp_path: Path) -> None:
    """Through the CLI the second article gets the theme's default disclaimer."""
    order = tmp_path / "order.txt"
    order.write_text("\n".join(map(str, BOOK_SOURCES)), encoding="utf-8")
    outputs = []
    for run in ("one", "two"):
        result = run_cli(*map(str, BOOK_SOURCES), "--order", str(order), "--to", "docx", "--book", BOOK_TITLE,
                         "--name", "book",
                         "-o", str(tmp_path / run), env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
        outputs.append(tmp_path / run / "book.docx")
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    footers = [text_of(referenced(outputs[0], sect_pr, "footer")[1].find("w:p", NS))
               for sect_pr, _ in body_sections(outputs[0])[2:]]
    assert footers[0] == load(BOOK_SOURCES[0]).meta.disclaimer
    assert footers[1] == Options().theme.text.default_disclaimer
    with zipfile.ZipFile(outputs[0]) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


# -- a real client: LibreOffice -------------------------------------------------------------

@dataclass(frozen=True)
class RenderedPage:
    number: int
    head: str  # running head band, white space and bidi marks removed
    body: str  # between the bands, as pdftotext reads it
    foot: str  # footer band, squashed


def _read_pages(pdf: Path) -> list[RenderedPage]:
    page = Options().theme.page
    with pdfplumber.open(pdf) as document:
        first, count = document.pages[0], len(document.pages)
        width, height = float(first.width), float(first.height)
    head_bottom = (HEADER_DISTANCE_MM + page.margin_top_mm) / 2 * POINTS_PER_MM
    foot_top = height - (FOOTER_DISTANCE_MM + 9 + page.margin_bottom_mm) / 2 * POINTS_PER_MM
    return [
        RenderedPage(number, squash(band_text(pdf, number, width, 0, head_bottom)),
                     band_text(pdf, number, width, head_bottom, foot_top),
                     squash(band_text(pdf, number, width, foot_top, height)))
        for number in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, book_docx: Path,
             duplex_docx: Path) -> dict[str, list[RenderedPage]]:
    """Both books through LibreOffice, blank pages kept, read band by band.

    As in test_docx, Amiri is hidden from LibreOffice's font configuration:
    the fonts embedded in the book are the ones drawn (and their kashida
    glyphs are the ones KASHIDA_GLYPHS knows).
    """
    require_tool("pdftotext")  # poppler-utils: the pages are read with it
    folder = tmp_path_factory.mktemp("libreoffice_book")
    documents = [book_docx, duplex_docx]
    rendered = libreoffice_pdfs(documents, folder, convert_to=BOOK_PDF_FILTER,
                                env=environment_without_amiri(folder))
    return {path.stem: _read_pages(pdf) for path, pdf in zip(documents, rendered, strict=True)}


def _owner(page: RenderedPage) -> int | None:
    """Which article a page belongs to, from its running head."""
    owners = [index for index, title in enumerate(TITLES) if squash(title) in page.head]
    assert len(owners) <= 1
    return owners[0] if owners else None


def _first_pages(pages: list[RenderedPage]) -> list[int]:
    firsts: dict[int, int] = {}
    for page in pages:
        owner = _owner(page)
        if owner is not None:
            firsts.setdefault(owner, page.number)
    return [firsts[index] for index in range(len(TITLES))]


def test_libreoffice_title_page_then_contents_listing_the_titles_in_order(rendered) -> None:
    title_page, contents = rendered["book"][:2]
    assert squash(title_page.body) == squash(BOOK_TITLE + BOOK_AUTHOR)
    assert title_page.head == title_page.foot == ""
    listed = squash(contents.body)
    assert listed.startswith(CONTENTS_LABEL)
    positions = [listed.find(squash(title)) for title in TITLES]
    assert -1 not in positions and positions == sorted(positions)
    assert squash(BOOK_TITLE) in contents.head and squash(CONTENTS_LABEL) in contents.head


def test_libreoffice_each_disclaimer_only_on_its_own_articles_pages(rendered) -> None:
    pages = rendered["book"]
    owned = [(page, _owner(page)) for page in pages[2:]]
    assert all(owner is not None for _, owner in owned), "every article page has its running head"
    assert sorted({owner for _, owner in owned}) == list(range(len(TITLES)))
    for page, owner in owned:
        for index, doc in enumerate(BOOK.documents):
            if doc.meta.disclaimer:
                assert (squash(doc.meta.disclaimer) in page.foot) == (index == owner), (page.number, index)
        if BOOK.documents[owner].meta.disclaimer is None:
            assert "تنويه" not in page.foot, page.number
    assert "تنويه" not in pages[0].foot + pages[1].foot


def test_libreoffice_running_heads_name_the_book_and_the_article(rendered) -> None:
    for page in rendered["book"][2:]:
        assert squash(BOOK_TITLE) in page.head and _owner(page) is not None


def test_libreoffice_pages_are_numbered_on_from_the_title_page(rendered) -> None:
    pages = rendered["book"]
    assert len(pages) > 2 + len(TITLES)  # some article runs over a page
    for page in pages[1:]:
        digits = re.sub(r"[^0-9\u0660-\u0669]", "", page.foot).translate(DIGITS)
        assert digits == str(page.number), page.number


def test_libreoffice_article_text_is_the_source_in_logical_order(rendered) -> None:
    read = "".join(KASHIDA_GLYPHS.sub("", page.body) for page in rendered["book"][2:])
    expected = [text for doc in BOOK.documents for text in article_texts(doc)]
    assert squash(read) == squash("".join(expected))


@pytest.mark.parametrize("which", ["book", "duplex"])
def test_libreoffice_contents_page_numbers_are_where_the_articles_start(rendered, which: str) -> None:
    """The page numbers written in the contents are estimates (Word recomputes
    them; LibreOffice shows them as written): they must hit the real pages."""
    pages = rendered[which]
    contents = next(page for page in pages if page.body.strip().startswith(CONTENTS_LABEL))
    numbers = [re.sub(r"[^0-9\u0660-\u0669]", "", line) for line in contents.body.splitlines()]
    listed = [int(number.translate(DIGITS)) for number in numbers if number]
    assert listed == _first_pages(pages)


def test_libreoffice_duplex_articles_start_on_rectos_after_blank_versos(rendered) -> None:
    """Odd pages are rectos in a right-to-left book too (see convert/exporters/docx/book.py)."""
    pages = rendered["duplex"]
    assert all(number % 2 == 1 for number in _first_pages(pages))
    contents = next(page for page in pages if page.body.strip().startswith(CONTENTS_LABEL))
    assert contents.number == 3
    blank = [page.number for page in pages if not (page.head or page.body.strip() or page.foot)]
    assert 2 in blank and all(number % 2 == 0 for number in blank)
    for page in pages[3:]:
        assert page.number in blank or _owner(page) is not None, page.number


def test_book_page_numbers_use_the_theme_digits() -> None:
    assert number_text(12, "arabic-indic") == "١٢" and number_text(12, "latin") == "12"

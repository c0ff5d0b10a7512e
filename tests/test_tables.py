"""Tables (issue 30): GFM pipe tables read by markdown-it's table rule, shown
right to left (first column at the right) in every format; read back by
pdfplumber (PDF), the ECMA-376 schemas and LibreOffice (DOCX), EPUBCheck,
Ace and Chromium (EPUB, HTML).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from ace_helper import ace_violations
from conftest import epub_build, libreoffice_pdfs, squash
from lxml import etree
from ooxml_schema import invalid_parts
from test_epub import chromium

from convert.exporters import get_exporter
from convert.model import Document, Paragraph, Strong, Table, Text, inline_text
from convert.options import Options
from convert.reading.reader import read_bytes
from convert.reading.transforms import prepare
from convert.text.geometry import POINTS_PER_MM

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LRI, PDI = "\u2066", "\u2069"
ROWS = 60


def read(text: str, options: Options | None = None) -> Document:
    """An article as the reader makes it and the exporters receive it."""
    return prepare(read_bytes(text.encode(), "article.txt").document, options or Options())


def blocks_of(body: str) -> tuple:
    return read(f"عنوان المقال\n\nمقدمة قصيرة.\n\n{body}\n").blocks[1:]


def cell_text(cell: tuple) -> str:
    return inline_text(cell)


# ------------------------------------------------------------------ the reader

def test_alignments_as_the_author_typed_them() -> None:
    (table,) = blocks_of("| أ | ب | ج | د |\n|:---|:---:|---:|---|\n| ١ | ٢ | ٣ | ٤ |")
    assert isinstance(table, Table)
    assert table.alignments == ("left", "center", "right", None)
    assert [cell_text(cell) for cell in table.header] == ["أ", "ب", "ج", "د"]
    assert [[cell_text(cell) for cell in row] for row in table.rows] == [["١", "٢", "٣", "٤"]]


def test_markup_in_cells_is_read_as_in_a_paragraph() -> None:
    (table,) = blocks_of("| المصدر | الرابط |\n| --- | --- |\n"
                         "| **وزارة المالية** | [التقرير](https://example.org/report) |")
    strong, link = table.rows[0]
    assert strong == (Strong((Text("وزارة المالية"),)),)
    assert link[0].href == "https://example.org/report" and cell_text(link) == "التقرير"


def test_an_escaped_pipe_is_a_pipe_in_the_cell() -> None:
    (table,) = blocks_of("| الأمر | المعنى |\n|---|---|\n| a \\| b | أو منطقي |")
    assert [cell_text(cell) for cell in table.rows[0]] == ["a | b", "أو منطقي"]


def test_a_ragged_row_is_padded_or_cut_to_the_header() -> None:
    (table,) = blocks_of("| س | ص | ع |\n|---|---|---|\n| ۱ |\n| x | y | z | زائد |")
    assert [[cell_text(cell) for cell in row] for row in table.rows] == [["۱", "", ""], ["x", "y", "z"]]


@pytest.mark.parametrize("prose", [
    "قال الخبير إن النسبة | وهي مرتفعة | تثير القلق.",
    "الخيار أ | الخيار ب\nوكلاهما صعب.",
    "سطر أول\n| a | b |\n|---|---|\n| 1 | 2 |",  # a paragraph line before: not a table
])
def test_pipes_in_prose_stay_text(prose: str) -> None:
    (block,) = blocks_of(prose)
    assert isinstance(block, Paragraph)
    assert "|" in inline_text(block.inlines)


def test_a_cell_of_a_number_alone_keeps_its_order() -> None:
    (table,) = blocks_of("| البند | التغير | الفترة | القيمة |\n|---|---|---|---|\n"
                         "| الصادرات | -3.5% | 10 - 20 | 2,5 مليار |")
    change, period, value = (cell_text(cell) for cell in table.rows[0][1:])
    assert change == f"{LRI}-3.5%{PDI}" and period == f"{LRI}10 - 20{PDI}"
    assert value == "2,5 مليار"  # letters: the bidi algorithm orders it right


# ------------------------------------------------------------------ the article

def long_article() -> str:
    """A 60-row table running over pages: distinct row markers K001… in the
    first column, V001… in the second, numbers, phone numbers, a long address."""
    rows = "\n".join(
        f"| محافظة رقم {i} K{i:03d} | V{i:03d} {i * 3},5 مليار | -{i}.5% | +966 11 {100 + i} 4567 | "
        f"ملاحظة عن البند {i} تمتد على أكثر من سطر، انظر https://example.org/reports/{i}/annex/population-"
        f"statistics-by-governorate |"
        for i in range(1, ROWS + 1))
    return f"""تقرير السكان

بقلم: ليلى حسن

تعرض اللجنة أرقام السكان في الجدول التالي، وفيه **ستون** صفا.

| المحافظة Region | السكان | النسبة GDP | الهاتف | ملاحظات |
|:---|:---:|---:|---|---|
{rows}

وختم التقرير بتوصيات عامة عن التعداد القادم.
"""


def narrow_article() -> str:
    """Seven columns of what cannot break (phone numbers, long Latin words): wider than a phone."""
    header = " | ".join(f"العمود {n}" for n in range(1, 8))
    row = " | ".join(["+964 770 123 4567", "Internationalisation", "Telecommunications", "٢٠٢٤-٠٣-١٥",
                      "Counterrevolutionary", "+98 21 8888 7777", "Establishment"])
    return (f"جدول عريض\n\nفقرة قبل الجدول العريض.\n\n| {header} |\n|{'---|' * 7}\n| {row} |\n| {row} |\n\n"
            "فقرة بعده.\n")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tables")
    options = Options()
    doc = read(long_article(), options)
    made = {}
    for fmt in ("pdf", "docx", "html"):
        made[fmt] = folder / f"long.{fmt}"
        get_exporter(fmt).export(doc, made[fmt], options)
    made["narrow-html"] = folder / "narrow.html"
    get_exporter("html").export(read(narrow_article(), options), made["narrow-html"], options)
    return made


# ------------------------------------------------------------------ PDF

def marker_x(page: pdfplumber.page.Page, marker: str) -> float | None:
    for word in page.extract_words():
        if marker in word["text"]:
            return word["x0"]
    return None


def test_pdf_first_column_is_at_the_right(outputs) -> None:
    with pdfplumber.open(outputs["pdf"]) as pdf:
        page = pdf.pages[0]
        first, second = marker_x(page, "K001"), marker_x(page, "V001")
        assert first is not None and second is not None
        assert first > second
        assert marker_x(page, "Region") > marker_x(page, "GDP")


def test_pdf_table_spans_pages_with_its_header_on_each(outputs) -> None:
    with pdfplumber.open(outputs["pdf"]) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    with_rows = [text for text in texts if re.search(r"K0\d\d", text)]
    assert len(with_rows) >= 3
    assert all("Region" in text and "GDP" in text for text in with_rows)
    # Every row once, in order.
    markers = [int(found) for text in with_rows for found in re.findall(r"K(\d{3})", text)]
    assert sorted(markers) == list(range(1, ROWS + 1))


def test_pdf_no_character_leaves_the_text_block(outputs) -> None:
    page_setup = Options().theme.page
    margin = min(page_setup.margin_inner_mm, page_setup.margin_outer_mm) * POINTS_PER_MM
    with pdfplumber.open(outputs["pdf"]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            outside = [char["text"] for char in page.chars
                       if char["x0"] < margin - 1 or char["x1"] > page.width - margin + 1]
            assert outside == [], f"page {number}"


def test_pdf_numbers_keep_their_order_in_cells(outputs) -> None:
    with pdfplumber.open(outputs["pdf"]) as pdf:
        text = squash(pdf.pages[0].extract_text())
    # Visual order, left to right, as typed: the minus before the digits, the
    # phone number's groups in a row, the decimal comma inside the number.
    assert "-1.5%" in text and "-3.5%" in text
    assert "+966111014567" in text
    assert "3,5" in text


# ------------------------------------------------------------------ DOCX

def docx_tables(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return root.findall(f".//{{{W}}}tbl")


def test_docx_table_is_right_to_left_with_a_repeated_header(outputs) -> None:
    (table,) = docx_tables(outputs["docx"])
    ns = {"w": W}
    assert table.find("w:tblPr/w:bidiVisual", ns) is not None
    width = table.find("w:tblPr/w:tblW", ns)
    assert (width.get(f"{{{W}}}w"), width.get(f"{{{W}}}type")) == ("5000", "pct")
    rows = table.findall("w:tr", ns)
    assert len(rows) == ROWS + 1
    assert rows[0].find("w:trPr/w:tblHeader", ns) is not None
    assert all(row.find("w:trPr/w:tblHeader", ns) is None for row in rows[1:])
    paragraphs = table.findall(".//w:p", ns)
    assert all(p.find("w:pPr/w:bidi", ns) is not None for p in paragraphs)
    # Left, centre, right as typed: logical in a bidi paragraph (left is its end; right is
    # "left", the start too, which tells it from an unaligned column's start).
    jcs = [cell.find(".//w:jc", ns).get(f"{{{W}}}val") for cell in rows[1].findall("w:tc", ns)]
    assert jcs == ["end", "center", "left", "start", "start"]


def test_docx_is_schema_valid(outputs) -> None:
    assert invalid_parts(outputs["docx"]) == {}


def styles_part(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/styles.xml"))


def test_docx_table_look_is_the_named_table_style(outputs) -> None:
    """Borders and the header's ground come from "Article Table" in styles.xml,
    not from each table and cell, so an editor restyles every table at once."""
    ns = {"w": W}
    (table,) = docx_tables(outputs["docx"])
    assert table.find("w:tblPr/w:tblStyle", ns).get(f"{{{W}}}val") == "ArticleTable"
    assert table.find("w:tblPr/w:tblLook", ns).get(f"{{{W}}}firstRow") == "1"
    assert table.find(".//w:tblBorders", ns) is None and table.find(".//w:shd", ns) is None
    (style,) = styles_part(outputs["docx"]).xpath("w:style[@w:styleId='ArticleTable']", namespaces=ns)
    assert style.get(f"{{{W}}}type") == "table"
    assert style.find("w:name", ns).get(f"{{{W}}}val") == "Article Table"
    muted = Options().theme.colors.muted.lstrip("#").upper()
    edges = style.find("w:tblPr/w:tblBorders", ns)
    assert [edge.get(f"{{{W}}}color") for edge in edges] == [muted] * 6
    fill = style.find("w:tblStylePr[@w:type='firstRow']/w:tcPr/w:shd", ns).get(f"{{{W}}}fill")
    assert fill == Options().theme.colors.quote_background.lstrip("#").upper()


def test_docx_without_a_table_has_no_table_style(tmp_path: Path) -> None:
    options = Options()
    target = tmp_path / "plain.docx"
    article = read("مقال بلا جدول\n\nفقرة 12 وحيدة | لا جدول فيها.\n", options)
    get_exporter("docx").export(article, target, options)
    ns = {"w": W}
    assert styles_part(target).xpath("w:style[@w:styleId='ArticleTable']", namespaces=ns) == []


@pytest.fixture(scope="module")
def libreoffice_pdf(outputs, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return libreoffice_pdfs([outputs["docx"]], tmp_path_factory.mktemp("lo"))[0]


def test_libreoffice_shows_the_first_column_at_the_right_and_the_header_on_each_page(libreoffice_pdf) -> None:
    with pdfplumber.open(libreoffice_pdf) as pdf:
        first_page = pdf.pages[0]
        assert marker_x(first_page, "K001") > marker_x(first_page, "V001")
        texts = [page.extract_text() for page in pdf.pages]
    with_rows = [text for text in texts if re.search(r"K0\d\d", text)]
    assert len(with_rows) >= 3
    assert all("Region" in text and "GDP" in text for text in with_rows)


def test_libreoffice_draws_the_styles_borders_and_header_ground(libreoffice_pdf) -> None:
    """What LibreOffice makes of the table style: the header row's cells filled
    in the quotations' ground, the rules in the muted colour."""
    colors = Options().theme.colors

    def rgb(hex_colour: str) -> tuple[float, ...]:
        return tuple(round(int(hex_colour.lstrip("#")[i:i + 2], 16) / 255, 2) for i in (0, 2, 4))

    with pdfplumber.open(libreoffice_pdf) as pdf:
        page = pdf.pages[0]
        region = next(word for word in page.extract_words() if "Region" in word["text"])
        fills = {tuple(round(c, 2) for c in rect["non_stroking_color"]) for rect in page.rects
                 if rect["top"] <= region["top"] and rect["bottom"] >= region["bottom"]}
        rules = [tuple(round(c, 2) for c in line["stroking_color"]) for line in page.lines
                 if line["top"] >= region["top"] - 20]
    assert fills == {rgb(colors.quote_background)}
    # The rules between rows and around the table (links are underlined in the accent colour).
    assert rules.count(rgb(colors.muted)) >= 4


def test_libreoffice_aligns_the_left_column_left(libreoffice_pdf) -> None:
    """The first column's text is left-aligned (":---"): its marker ends its
    line at the left, so "K001" starts left of the Arabic words of its cell."""
    with pdfplumber.open(libreoffice_pdf) as pdf:
        words = pdf.pages[0].extract_words()
    marker = next(word for word in words if "K001" in word["text"])
    region = next(word for word in words if "Region" in word["text"])
    # Left-aligned, the marker (the end of the right-to-left line) sits at the
    # cell's left, as the header's Latin word does.
    assert abs(marker["x0"] - region["x0"]) < 6


# ------------------------------------------------------------------ EPUB

@epub_build
def build_table_books(folder: Path) -> tuple[dict[str, Path], list[Path]]:
    options = Options()
    built = {}
    for name, text in (("long", long_article()), ("narrow", narrow_article())):
        built[name] = folder / f"{name}.epub"
        get_exporter("epub").export(read(text, options), built[name], options)
    return built, list(built.values())


@pytest.fixture(scope="module")
def books(epub_builds) -> dict[str, Path]:
    return epub_builds[build_table_books]


@pytest.mark.parametrize("name", ["long", "narrow"])
def test_epubcheck_reports_no_error_and_no_warning(epub_builds, books, name: str) -> None:
    assert epub_builds.problems(books[name]) == []


def test_ace_finds_no_violation(books, tmp_path: Path) -> None:
    for name in ("long", "narrow"):
        assert ace_violations(books[name], tmp_path / name) == [], name


# ------------------------------------------------------------------ Chromium, 360 px

HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>width</title></head><body style="margin:0">
<iframe id="page" src="{src}" style="width:360px;height:640px;border:0"></iframe>
<pre id="record">not run</pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {{
  const doc = frame.contentDocument, root = doc.documentElement;
  const heads = [...doc.querySelectorAll("th")].map(th => th.getBoundingClientRect().left);
  document.getElementById("record").textContent = JSON.stringify({{
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, heads: heads.slice(0, 2),
    direction: doc.querySelector("table").getAttribute("dir")}});
}});
</script></body></html>
"""
_RECORD = re.compile(r'<pre id="record">(.*?)</pre>', re.DOTALL)


def phone_width_layout(page: Path, folder: Path) -> dict:
    harness = folder / f"width-{page.stem}.html"
    harness.write_text(HARNESS.format(src=html.escape(page.as_uri())), encoding="utf-8")
    dom = chromium(harness, "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom")
    found = _RECORD.search(dom)
    assert found and found.group(1) != "not run", f"the harness did not run on {page}"
    return json.loads(html.unescape(found.group(1)))


def epub_chapter(epub: Path, folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    return next(path for path in folder.rglob("*.xhtml") if path.name.startswith("chapter"))


@pytest.mark.parametrize("name", ["long", "narrow"])
def test_epub_at_phone_width_does_not_overflow_the_page(books, tmp_path: Path, name: str) -> None:
    layout = phone_width_layout(epub_chapter(books[name], tmp_path / name), tmp_path)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout
    first, second = layout["heads"]
    assert first > second and layout["direction"] == "rtl"


@pytest.mark.parametrize("name", ["html", "narrow-html"])
def test_html_at_phone_width_does_not_overflow_the_page(outputs, tmp_path: Path, name: str) -> None:
    layout = phone_width_layout(outputs[name], tmp_path)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout
    first, second = layout["heads"]
    assert first > second and layout["direction"] == "rtl"


def test_html_table_markup(outputs) -> None:
    page = outputs["html"].read_text(encoding="utf-8")
    assert page.count('<table dir="rtl">') == 1 and "<thead>" in page
    assert page.count('<th scope="col"') == 5
    assert page.count('<td class="align-left">') == ROWS and page.count('<td class="align-right">') == ROWS
    assert ".table-frame" in page  # tables.css, only where a page has a table


def test_json_holds_the_table(tmp_path: Path) -> None:
    target = tmp_path / "long.json"
    options = Options()
    get_exporter("json").export(read(long_article(), options), target, options)
    data = target.read_text(encoding="utf-8")
    assert "K060" in data and "left" in data

"""Tables and poems together: their PDF/UA structure, a book that holds both
(PDF, EPUB, DOCX, HTML), and a hemistich too long for its column, which
wraps inside it in the PDF and in Word (read back through LibreOffice)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import epub_build, libreoffice_pdfs
from lxml import etree
from ooxml_schema import invalid_parts
from pypdf import PdfReader

from convert.bookmode import book_options
from convert.exporters import get_exporter
from convert.model import Book, Document
from convert.options import Options
from convert.outputs import prepared_reading
from convert.text.geometry import POINTS_PER_MM

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A table (Persian and Arabic names, digits of both kinds, Latin markers R1…)
# and a poem (vocalised, Abu al-Atahiya; a line of free verse) in one article.
TABLE_AND_POEM = """الجدول والقصيدة

تعرض اللجنة الأرقام ثم تستشهد بالشعر.

| الشهر ماه M0 | الإيرادات L0 | التغير |
|---|---:|:---|
| فروردین R1 | ۱۲۳٬۴ | +3.5% |
| أرديبهشت R2 | 98,7 | -1.25% |

وقال أبو العتاهية:

لِدوا لِلمَوتِ وَاِبنوا لِلخَرابِ *** فَكُلُّكُمُ يَصيرُ إِلى ذَهابِ
أَلا يا مَوتُ لَم أَرَ مِنكَ بُدّاً *** أَبَيتَ فَما تَحيفُ وَلا تُحابي

```شعر
سطرٌ حرٌّ أول ١٩٥٨
```

وفي الختام كلمة قصيرة.
"""

# One verse much longer than half the measure, with digits, a Latin word and
# an address that cannot break at a space; and a short verse after it.
FIRST_HALF = ("ALPHA وَما المَرءُ إِلّا كَالشِهابِ وَضَوئِهِ يَحورُ رَماداً بَعدَ إِذ هُوَ ساطِعُ "
              "وَما المالُ وَالأَهلونَ إِلّا وَدائِعٌ FIRST 2024")
SECOND_HALF = ("وَلا بُدَّ يَوماً أَن تُرَدَّ الوَدائِعُ وَما الناسُ إِلّا كَالدِيارِ وَأَهلِها "
               "بِها يَومَ حَلّوها وَغَدواً بَلاقِعُ SECOND https://example.org/an-unbroken-path/of/segments/1958")
LONG_VERSE = f"""بيت طويل

قال الشاعر في بيت أطول من عموده:

```شعر
{FIRST_HALF} *** {SECOND_HALF}
قصيرٌ أوّل *** قصيرٌ ثانٍ
```

فقرة بعد القصيدة.
"""


def prepared(text: str, name: str = "article.txt", options: Options | None = None
             ) -> tuple[Document, Options]:
    reading = prepared_reading(text.encode(), name, options or Options())
    return reading.document, reading.options


def export(text: str, target: Path, options: Options | None = None) -> Path:
    doc, article_options = prepared(text, target.with_suffix(".txt").name, options)
    get_exporter(target.suffix[1:]).export(doc, target, article_options)
    return target


# ------------------------------------------------------------------ PDF/UA

def struct_elements(pdf: Path) -> list[tuple[str, dict, list]]:
    """Every structure element as (type, element, the types of its ancestors), in document order."""
    found: list[tuple[str, dict, list]] = []

    def walk(node: object, ancestors: list[str]) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child, ancestors)
        elif isinstance(node, dict):
            kind = str(node.get("/S", ""))
            if kind:
                found.append((kind, node, ancestors))
            if "/K" in node:
                walk(node["/K"], [*ancestors, kind] if kind else ancestors)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"], [])
    return found


@pytest.fixture(scope="module")
def ua_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(TABLE_AND_POEM, tmp_path_factory.mktemp("ua") / "ua.pdf", Options(pdf_variant="pdf/ua-1"))


def test_pdf_ua_tags_the_table_with_rows_header_and_data_cells(ua_pdf: Path) -> None:
    """Table > THead/TBody > TR > TH/TD. WeasyPrint writes no /Scope: it gives
    each TH an /ID and each TD the /Headers of its column's TH (ISO 32000-1
    14.8.5.7), which PDF/UA-1 accepts in place of a scope (Matterhorn 15-003)."""
    elements = struct_elements(ua_pdf)
    kinds = [kind for kind, _, _ in elements]
    assert kinds.count("/Table") == 1
    rows = [(kind, ancestors) for kind, _, ancestors in elements if kind == "/TR"]
    assert len(rows) == 3 and all("/Table" in ancestors for _, ancestors in rows)
    heads = [element for kind, element, _ in elements if kind == "/TH"]
    cells = [element for kind, element, _ in elements if kind == "/TD"]
    assert len(heads) == 3 and len(cells) == 6
    ids = [str(head["/ID"]) for head in heads]
    assert len(set(ids)) == 3
    # Each data cell points at its own column's header, first column first.
    headers = [[str(key) for key in cell["/A"].get_object()["/Headers"]] for cell in cells]
    assert headers == [[key] for key in ids] * 2


def test_pdf_ua_does_not_tag_the_poem_as_a_data_table(ua_pdf: Path) -> None:
    """The poem's verses are laid out as CSS table rows, but tagged as
    paragraphs: no Table, TR, TH or TD beyond the data table's own, so a
    screen reader reads a verse as a line, its hemistichs in order."""
    elements = struct_elements(ua_pdf)
    cells = [kind for kind, _, ancestors in elements if kind in ("/TR", "/TH", "/TD")]
    assert len(cells) == 3 + 3 + 6
    assert all("/Table" in ancestors for kind, _, ancestors in elements if kind in ("/TR", "/TH", "/TD"))
    # The Divs after the table holding paragraphs: the classical poem (2 verses) and the free one (1 line).
    poem_divs = [element for kind, element, ancestors in elements
                 if kind == "/Div" and "/Table" not in ancestors and _child_kinds(element)
                 and set(_child_kinds(element)) == {"/P"}]
    assert [len(_child_kinds(div)) for div in poem_divs][-2:] == [2, 1]


def _child_kinds(element: dict) -> list[str]:
    children = element.get("/K", [])
    children = children if isinstance(children, list) else [children]
    kinds = []
    for child in children:
        child = child.get_object() if hasattr(child, "get_object") else child
        if isinstance(child, dict) and "/S" in child:
            kinds.append(str(child["/S"]))
    return kinds


# ------------------------------------------------------------------ a book

def the_book() -> tuple[Book, Options]:
    first, _ = prepared(TABLE_AND_POEM, "first.txt")
    second, _ = prepared("مقال ثان\n\nفقرة قصيرة فيها 42 رقما.\n", "second.txt")
    book = Book("كتاب الجداول والشعر", "هيئة التحرير", [first, second])
    return book, book_options(book, Options())


@pytest.fixture(scope="module")
def book_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("book")
    book, options = the_book()
    made = {}
    for fmt in ("pdf", "docx", "html"):
        made[fmt] = folder / f"book.{fmt}"
        get_exporter(fmt).export_book(book, made[fmt], options)
    return made


def words_with(page: pdfplumber.page.Page, marker: str) -> dict:
    return next(word for word in page.extract_words() if marker in word["text"])


def page_with(pdf: pdfplumber.PDF, marker: str) -> pdfplumber.page.Page:
    return next(page for page in pdf.pages if marker in page.extract_text())


def test_book_pdf_table_first_column_at_the_right(book_outputs: dict[str, Path]) -> None:
    with pdfplumber.open(book_outputs["pdf"]) as pdf:
        page = page_with(pdf, "R1")
        assert words_with(page, "M0")["x0"] > words_with(page, "L0")["x0"]
        assert words_with(page, "R1")["x0"] > words_with(page, "R2")["x0"] - 40
        assert words_with(page, "R1")["x0"] > words_with(page, "+3.5%")["x0"]


def test_book_pdf_poem_in_two_columns(book_outputs: dict[str, Path]) -> None:
    """Each verse is one printed line split by a wide gap, the first hemistich at the right."""
    from test_poetry import _letters, _text, verse_positions

    verses = [("لِدوا لِلمَوتِ وَاِبنوا لِلخَرابِ", "فَكُلُّكُمُ يَصيرُ إِلى ذَهابِ"),
              ("أَلا يا مَوتُ لَم أَرَ مِنكَ بُدّاً", "أَبَيتَ فَما تَحيفُ وَلا تُحابي")]
    for verse in verses:
        right, left = verse_positions(book_outputs["pdf"], verse)
        assert _letters(_text(right)) == _letters(verse[0])
        assert _letters(_text(left)) == _letters(verse[1])
        assert min(c["x0"] for c in right) - max(c["x1"] for c in left) > 20


def test_book_docx_is_schema_valid_with_the_table_style(book_outputs: dict[str, Path]) -> None:
    assert invalid_parts(book_outputs["docx"]) == {}
    with zipfile.ZipFile(book_outputs["docx"]) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    ns = {"w": W}
    assert len(styles.xpath("w:style[@w:styleId='ArticleTable']", namespaces=ns)) == 1
    tables = body.findall(".//w:tbl", ns)
    styled = [t for t in tables if t.find("w:tblPr/w:tblStyle", ns) is not None]
    # The data table takes the style; the poem's borderless table does not.
    assert len(styled) == 1 and len(tables) == 3


def test_book_html_holds_the_table_and_the_poem(book_outputs: dict[str, Path]) -> None:
    html = book_outputs["html"].read_text()
    assert html.count("<table") == 1 and html.count('<th scope="col"') == 3
    assert html.count('class="poem"') == 2 and html.count('class="hemistich"') == 4


@epub_build
def build_book_epub(folder: Path) -> tuple[dict[str, Path], list[Path]]:
    book, options = the_book()
    target = folder / "book.epub"
    get_exporter("epub").export_book(book, target, options)
    return {"book": target}, [target]


def test_book_epubcheck_reports_no_error_and_no_warning(epub_builds) -> None:
    built = epub_builds[build_book_epub]
    assert epub_builds.problems(built["book"]) == []


# ------------------------------------------------------------------ a hemistich too long for its column

@pytest.fixture(scope="module")
def long_verse_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("long")
    weasy = export(LONG_VERSE, folder / "long.pdf")
    docx = export(LONG_VERSE, folder / "long.docx")
    return {"pdf": weasy, "docx": libreoffice_pdfs([docx], folder / "lo")[0]}


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_long_hemistich_wraps_inside_its_column(long_verse_pdfs: dict[str, Path], kind: str) -> None:
    """Each hemistich breaks onto more lines within its own half: nothing
    leaves the text block, nothing crosses the gap between the columns, the
    first hemistich's words at the right, the second's at the left."""
    page_setup = Options().theme.page
    margin = min(page_setup.margin_inner_mm, page_setup.margin_outer_mm) * POINTS_PER_MM
    with pdfplumber.open(long_verse_pdfs[kind]) as pdf:
        page = pdf.pages[0]
        centre = page.width / 2
        first, second = words_with(page, "FIRST"), words_with(page, "SECOND")
        address = [word for word in page.extract_words()
                   if "example" in word["text"] or "1958" in word["text"]]
        inside = [margin - 1 <= c["x0"] and c["x1"] <= page.width - margin + 1 for c in page.chars]
        assert inside and all(inside)
        # The verse's block: from its first line (ALPHA) to the address' last piece.
        top, bottom = words_with(page, "ALPHA")["top"] - 2, max(word["bottom"] for word in address) + 2
        verse_chars = [c for c in page.chars if top <= c["top"] and c["bottom"] <= bottom]
        assert words_with(page, "ALPHA")["x0"] > centre and first["x0"] > centre
        assert second["x1"] < centre and all(word["x1"] < centre for word in address)
        # Nothing in the gap: a strip at the centre a third of the gap wide.
        assert [c["text"] for c in verse_chars if c["x0"] < centre + 8 and c["x1"] > centre - 8] == []
        # Wrapped: the verse takes three lines at least.
        assert len({round(c["top"] / 4) for c in verse_chars}) >= 3

"""Strong, emphasis and links (issue 29, first part), read back from every format."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from docx import Document as WordDocument
from lxml import etree, html

from convert.model import Emphasis, Link, Strong, Text, inline_text
from convert.reading.blocks import parse_inlines
from convert.reading.reader import read_bytes

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRONG_WORDS = "الحق في التعليم"
LINK_WORDS = "تقرير اليونسكو 2023"
LINK_URL = "https://example.org/unesco?id=7&lang=ar"
PLAIN_TRAPS = ("5*3*2", "[ملاحظة]", "كل**مة**", "[خطير](javascript:alert(1))")
ARTICLE = f"""مقالة عن التعليم

كتب الباحث أن **{STRONG_WORDS}** مكفول، وأن *Education First* شعار،
كما في [{LINK_WORDS}]({LINK_URL}) للمراسلة <editor@example.org>.

حساب {PLAIN_TRAPS[0]} ثم {PLAIN_TRAPS[1]} و{PLAIN_TRAPS[2]} ورابط {PLAIN_TRAPS[3]} انتهى.
"""
SHOWN = [f"كتب الباحث أن {STRONG_WORDS} مكفول، وأن Education First شعار، كما في {LINK_WORDS} للمراسلة "
         "editor@example.org.", "حساب " + " ثم ".join(PLAIN_TRAPS[:2]) + f" و{PLAIN_TRAPS[2]} ورابط "
         f"{PLAIN_TRAPS[3]} انتهى."]


def test_parser_builds_nodes_and_leaves_prose_as_text() -> None:
    inlines = parse_inlines(f"نص **{STRONG_WORDS}** و _تأكيد_ و [{LINK_WORDS}]({LINK_URL})")
    assert Strong((Text(STRONG_WORDS),)) in inlines
    assert Emphasis((Text("تأكيد"),)) in inlines
    assert Link(LINK_URL, (Text(LINK_WORDS),)) in inlines
    for trap in PLAIN_TRAPS:
        assert parse_inlines(f"قبل {trap} بعد") == (Text(f"قبل {trap} بعد"),)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x",
                                 "data:text/html,x"])
def test_other_schemes_stay_typed_with_a_warning(url: str) -> None:
    reading = read_bytes(f"عنوان\n\nانظر [المصدر]({url}) هنا\n".encode(), "a.txt")
    assert inline_text(reading.document.blocks[0].inlines) == f"انظر [المصدر]({url}) هنا"
    assert not any(isinstance(i, Link) for i in reading.document.blocks[0].inlines)
    assert any("left as text" in warning for warning in reading.warnings)


def test_heading_list_and_quote_carry_markup() -> None:
    text = "عنوان\n\n## قسم **مهم**\n\n> قال [أحدهم](https://a.example)\n\n- بند *أول*\n- بند ثان\n"
    blocks = read_bytes(text.encode(), "a.txt").document.blocks
    assert blocks[0].inlines[-1] == Strong((Text("مهم"),))
    assert blocks[1].paragraphs[0].inlines[-1] == Link("https://a.example", (Text("أحدهم"),))
    assert blocks[2].items[0][-1] == Emphasis((Text("أول"),))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inline")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "convert", str(folder / "article.txt"), "--to", "all",
                    "-o", str(folder / "out"), "-q"], cwd=ROOT, check=True)
    return folder / "out"


def test_json_carries_the_nodes(outputs: Path) -> None:
    data = json.loads((outputs / "article.json").read_text(encoding="utf-8"))
    assert data["schema"] == "convert.document/2"
    types = [inline["type"] for inline in data["blocks"][0]["inlines"]]
    assert {"Strong", "Emphasis", "Link"} <= set(types)


def _check_markup(root: etree._Element) -> None:
    paragraphs = ["".join(p.itertext()) for p in root.iter("{*}p", "p") if "".join(p.itertext()).startswith(
        ("كتب", "حساب"))]
    assert paragraphs == SHOWN
    assert [e.text for e in root.iter("{*}strong", "strong")] == [STRONG_WORDS]
    assert [e.text for e in root.iter("{*}em", "em")] == ["Education First"]
    links = {e.get("href"): "".join(e.itertext()) for e in root.iter("{*}a", "a")}
    assert links == {LINK_URL: LINK_WORDS, "mailto:editor@example.org": "editor@example.org"}


def test_html_shows_elements(outputs: Path) -> None:
    _check_markup(html.fromstring((outputs / "article.html").read_bytes()))


def test_epub_shows_elements(outputs: Path) -> None:
    with zipfile.ZipFile(outputs / "article.epub") as epub:
        name = next(n for n in epub.namelist() if n.endswith(".xhtml") and "article" in epub.read(n).decode()
                    and "كتب الباحث" in epub.read(n).decode())
        _check_markup(etree.fromstring(epub.read(name)))


def test_pdf_strong_bold_and_link_annotations(outputs: Path) -> None:
    with pdfplumber.open(outputs / "article.pdf") as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        words = [w for w in page.extract_words(extra_attrs=["fontname"])]
    # Only the typed traps keep their asterisks and brackets (pdfplumber gives lines in visual order).
    assert text.count("*") == "".join(PLAIN_TRAPS).count("*")
    assert sum(text.count(mark) for mark in "[]") == sum("".join(PLAIN_TRAPS).count(mark) for mark in "[]")
    # Every character of the strong words in a bold face, none of the plain ones.
    strong_letters = set(STRONG_WORDS.replace(" ", ""))
    bold = [w for w in words if "Bold" in w["fontname"]]
    assert {ch for w in bold for ch in w["text"]} >= strong_letters - {"ا"}
    assert not any("باحث"[::-1] in w["text"] or "الباحث" in w["text"] for w in bold)
    reader = pypdf.PdfReader(outputs / "article.pdf")
    annotations = [a.get_object() for a in reader.pages[0].get("/Annots") or []]
    uris = {a["/A"]["/URI"] for a in annotations if a.get("/Subtype") == "/Link"}
    assert uris == {LINK_URL, "mailto:editor@example.org"}
    link = next(a for a in annotations if a["/A"]["/URI"] == LINK_URL)
    x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
    height = float(reader.pages[0].mediabox.height)
    covered = page_chars_in(outputs / "article.pdf", min(x0, x1), height - max(y0, y1), max(x0, x1),
                            height - min(y0, y1))
    assert set("2023") <= covered and set("تقرير".replace("ت", "")) <= covered


def page_chars_in(path: Path, left: float, top: float, right: float, bottom: float) -> set[str]:
    with pdfplumber.open(path) as pdf:
        return {c["text"] for c in pdf.pages[0].chars if left - 1 <= (c["x0"] + c["x1"]) / 2 <= right + 1
                and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1}


def test_docx_bold_runs_and_hyperlinks(outputs: Path) -> None:
    word = WordDocument(str(outputs / "article.docx"))
    paragraph = next(p for p in word.paragraphs if p.text.startswith("كتب"))
    body = paragraph._p
    bold_text = "".join(t.text for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}bCs") is not None
                        for t in r.iter(f"{W}t"))
    assert bold_text == STRONG_WORDS
    # Emphasis: Word's Emphasis style, bold in the default theme (so it reads back as emphasis).
    styled = [(r.find(f"{W}rPr/{W}rStyle"), r) for r in body.iter(f"{W}r")]
    emphasised = "".join(t.text for ref, r in styled if ref is not None and ref.get(f"{W}val") == "Emphasis"
                         for t in r.iter(f"{W}t"))
    assert emphasised == "Education First"
    emphasis = word.styles.element.xpath("w:style[@w:styleId='Emphasis']")[0]
    assert emphasis.find(f"{W}rPr/{W}bCs") is not None and emphasis.find(f"{W}rPr/{W}b") is not None
    links = {}
    for hyperlink in body.iter(f"{W}hyperlink"):
        rel = word.part.rels[hyperlink.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                          "relationships}id")]
        assert rel.is_external
        links[rel.target_ref] = "".join(t.text for t in hyperlink.iter(f"{W}t"))
    assert links == {LINK_URL: LINK_WORDS, "mailto:editor@example.org": "editor@example.org"}
    # python-docx's paragraph.text skips hyperlinks in older versions: read every w:t.
    shown = ["".join(t.text for t in p._p.iter(f"{W}t")) for p in word.paragraphs]
    assert all(text in shown for text in SHOWN)

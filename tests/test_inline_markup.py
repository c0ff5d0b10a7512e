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

from convert.model import Emphasis, Link, Quote, Strong, Text, inline_text
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


# -- a quotation holding markup stays a quotation (the Quote's marks are the theme's colour) --------

@pytest.mark.parametrize(("typed", "quote"), [
    ("«**قول**»", Quote("قول", "«", "»", (Strong((Text("قول"),)),))),
    ("“*كلمة* أخرى”", Quote("كلمة أخرى", "“", "”", (Emphasis((Text("كلمة"),)), Text(" أخرى")))),
    # Mixed direction: a Latin name in strong text, a number after it.
    ("«قالت **Reuters** عام 2024»", Quote("قالت Reuters عام 2024", "«", "»",
                                          (Text("قالت "), Strong((Text("Reuters"),)), Text(" عام 2024")))),
    # Nested emphasis, and a quotation spanning a whole link.
    ("«**قول *مهم* جدا**»", Quote("قول مهم جدا", "«", "»",
                                  (Strong((Text("قول "), Emphasis((Text("مهم"),)), Text(" جدا"))),))),
    ("«انظر [المصدر](https://example.org/a) هنا»", Quote("انظر المصدر هنا", "«", "»", (
        Text("انظر "), Link("https://example.org/a", (Text("المصدر"),)), Text(" هنا")))),
    # A quotation of the other kind inside one holding markup.
    ("«**أ** “ب” ج»", Quote("أ “ب” ج", "«", "»", (Strong((Text("أ"),)), Text(" "), Quote("ب", "“", "”"),
                                                  Text(" ج")))),
])
def test_a_quotation_holding_markup_is_a_quote_holding_it(typed: str, quote: Quote) -> None:
    assert parse_inlines(f"قال {typed} هنا.") == (Text("قال "), quote, Text(" هنا."))


def test_a_quotation_inside_strong_text_and_two_in_a_row() -> None:
    inlines = parse_inlines("**«أ *ب*»** و«*ج*» و“د”")
    assert inlines == (Strong((Quote("أ ب", "«", "»", (Text("أ "), Emphasis((Text("ب"),)))),)), Text(" و"),
                       Quote("ج", "«", "»", (Emphasis((Text("ج"),)),)), Text(" و"), Quote("د", "“", "”"))


@pytest.mark.parametrize(("typed", "shown"), [
    ("**«قول**»", "«قول»"),  # the marks at two depths: crossing the strong text
    ("«قال [هذا» و](https://example.org/a)", "«قال هذا» و"),  # a quotation crossing a link's end
    ("«أ «ب» **ج**»", "«أ «ب» ج»"),  # a mark of its own kind inside (as «أ «ب» ج» in plain text)
    ("«**قول** بلا إغلاق", "«قول بلا إغلاق"),  # unbalanced
    ("**قول**» ثم «", "قول» ثم «"),
])
def test_a_quotation_crossing_markup_or_unbalanced_keeps_its_text(typed: str, shown: str) -> None:
    inlines = parse_inlines(typed)
    assert inline_text(inlines) == shown
    assert not any(isinstance(inline, Quote) and inline.inlines for inline in inlines)


def test_a_quotation_without_markup_keeps_its_json() -> None:
    """The new field is left out when empty: a plain quotation's JSON keeps its bytes."""
    from convert.exporters.json import to_data

    assert to_data(parse_inlines("قال «نص» هنا")[1]) == {"type": "Quote", "text": "نص", "open_mark": "«",
                                                        "close_mark": "»"}


QUOTED = """اقتباسات

قال «**قول**» ثم «نص عادي» و“*كلمة* أخرى” وعن «[Reuters](https://example.org/r) 2024» هنا.
"""
QUOTATIONS = ["«قول»", "«نص عادي»", "“كلمة أخرى”", "«Reuters 2024»"]
ACCENT_RGB = (0x7B / 255, 0x1E / 255, 0x1E / 255)  # styles/default.toml [colors] accent: the marks' colour


@pytest.fixture(scope="module")
def quoted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quoted")
    (folder / "quoted.txt").write_text(QUOTED, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "convert", str(folder / "quoted.txt"), "--to", "html,pdf,docx,epub",
                    "-o", str(folder / "out"), "-q"], cwd=ROOT, check=True)
    return folder / "out"


def _check_quotations(quotes: list) -> None:
    """Each quotation one quote span, its marks in spans of their own, its markup inside."""
    assert ["".join(q.itertext()) for q in quotes] == QUOTATIONS
    marks = [["".join(m.itertext()) for m in q if m.get("class") == "mark"] for q in quotes]
    assert marks == [[text[0], text[-1]] for text in QUOTATIONS]
    inner = [[child.tag.split("}")[-1] for child in q if child.get("class") != "mark"] for q in quotes]
    assert inner == [["strong"], [], ["em"], ["a"]]


def test_html_quotation_holding_markup_is_a_quote_span(quoted: Path) -> None:
    import html5lib

    page = html5lib.parse((quoted / "quoted.html").read_bytes(), namespaceHTMLElements=False)
    _check_quotations([span for span in page.iter("span") if span.get("class") == "quote"])


def test_epub_quotation_holding_markup_is_a_quote_span(quoted: Path) -> None:
    with zipfile.ZipFile(quoted / "quoted.epub") as epub:
        name = next(n for n in epub.namelist() if n.endswith(".xhtml") and "نص عادي" in epub.read(n).decode())
        root = etree.fromstring(epub.read(name))
    _check_quotations(root.xpath("//h:span[@class='quote']", namespaces={"h": "http://www.w3.org/1999/xhtml"}))


def test_pdf_marks_of_a_quotation_holding_markup_take_the_accent(quoted: Path) -> None:
    with pdfplumber.open(quoted / "quoted.pdf") as pdf:
        chars = [c for c in pdf.pages[0].chars if 12 < c["size"] < 20 and c["text"].strip()]
    marks = [c for c in chars if c["text"] in "«»“”"]
    assert len(marks) == 8
    assert all(tuple(c["non_stroking_color"]) == pytest.approx(ACCENT_RGB, abs=0.01) for c in marks)
    body = [c for c in chars if c["text"] not in "«»“”"]
    assert not any(tuple(c["non_stroking_color"]) == pytest.approx(ACCENT_RGB, abs=0.01) for c in body
                   if c["text"] in "قولكمة")
    assert {c["text"] for c in body if "Bold" in c["fontname"]} >= set("قولكمة")


def test_docx_quotation_holding_markup_keeps_its_mark_and_text_styles(quoted: Path) -> None:
    word = WordDocument(str(quoted / "quoted.docx"))
    body = next(p for p in word.paragraphs if "نص عادي" in "".join(t.text for t in p._p.iter(f"{W}t")))._p

    def styled(style: str) -> list:
        return [r for r in body.iter(f"{W}r") if (s := r.find(f"{W}rPr/{W}rStyle")) is not None
                and s.get(f"{W}val") == style]

    def text(runs: list) -> str:
        return "".join(t.text for r in runs for t in r.iter(f"{W}t"))

    assert text(styled("QuoteMark")) == "«»«»“”«»"
    assert text(styled("QuoteChar")) == "قولنص عادي أخرى 2024"
    assert all(r.find(f"{W}rPr/{W}bCs") is not None for r in styled("QuoteChar") if text([r]) == "قول")
    assert text(styled("Emphasis")) == "كلمة"
    assert "Reuters" in text(styled("Hyperlink"))

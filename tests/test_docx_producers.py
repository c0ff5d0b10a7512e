"""Word files from other producers, in Arabic, Persian and Urdu, read as
their authors put them: LibreOffice (from a flat ODT, and from HTML) and
pandoc (from Markdown). Each language has its own texts; each check names
what the producer was given: the title, headings, strong and emphasis, the
note, the link, the list items and their numbering, the table's cells (the
first column first), the figure's alt text and picture."""

from __future__ import annotations

import base64
import importlib.util
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require, require_tool
from PIL import Image

from convert.model import (
    Emphasis,
    Figure,
    Heading,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Table,
    Text,
)
from convert.reading.reader import read_bytes


@dataclass(frozen=True)
class Article:
    lang: str  # as the producer is told it
    title: str
    author: str
    heading: str
    subheading: str
    before: str
    strong: str
    middle: str
    emphasis: str
    after: str
    link: str
    href: str
    end: str
    note: str
    bullets: tuple[str, str]
    steps: tuple[str, str, str]
    header: tuple[str, str, str]
    row: tuple[str, str, str]
    alt: str
    size: tuple[int, int]
    colour: tuple[int, int, int]


ARTICLES = {
    "ar": Article(
        "ar", "دفتر المدينة ٢٠٢٥", "ليلى حدّاد", "ذاكرة الأزقّة", "قوائم وجداول", "قال ", "الراوي العجوز",
        " إن ", "المدينة القديمة", " ", "تحفظ", "https://example.org/ar/مدينة?id=7", " ذاكرتها F-16.",
        "حاشية عن الراوي سنة ١٩٤٨.", ("السوق المسقوف", "باب الحديد"), ("افتح الباب", "اصعد الدرج", "انظر"),
        ("البلد", "العاصمة", "السكان"), ("مصر", "القاهرة", "104 مليون"), "خريطة الحي القديم بالأخضر",
        (150, 90), (20, 120, 60)),
    "fa": Article(
        "fa-IR", "گزارش تهران ۱۴۰۲", "فاطمه زهرایی", "کوچه‌های قدیمی", "فهرست‌ها و جدول", "این ", "متن مهم",
        " است با ", "تأکید ویژه", " و ", "پیوند", "https://example.com/fa/گزارش", " به منبع.",
        "یادداشت پانویس درباره‌ی ۲۰۲۴.", ("گلوله الف", "گلوله ب"), ("مورد یکم", "مورد دوم", "مورد سوم"),
        ("استان", "مرکز", "جمعیت"), ("فارس", "شیراز", "۴٫۸ میلیون"), "نقشه‌ی قرمز کوچه",
        (130, 70), (200, 60, 30)),
    "ur": Article(
        "ur-PK", "لاہور کی ڈائری ۲۰۲۳", "عمران بٹ", "پرانے بازار", "فہرستیں اور جدول", "یہ ", "اہم بات",
        " ہے اور ", "زور دار جملہ", " اور ", "ربط", "https://example.net/ur/لاہور", " دیکھیں۔",
        "حاشیہ: یہ بات ۱۹۴۷ کی ہے۔", ("انارکلی", "شاہ عالمی"), ("پہلا قدم", "دوسرا قدم", "تیسرا قدم"),
        ("شہر", "صوبہ", "آبادی"), ("لاہور", "پنجاب", "13 ملین"), "نیلے رنگ کا نقشہ",
        (96, 128), (30, 60, 200)),
}


def _png(article: Article) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", article.size, article.colour).save(out, "PNG")
    return out.getvalue()


def _paragraph(article: Article) -> Paragraph:
    return Paragraph((
        Text(article.before), Strong((Text(article.strong),)), Text(article.middle),
        Emphasis((Text(article.emphasis),)), NoteRef(1), Text(article.after),
        Link(article.href, (Text(article.link),)), Text(article.end)))


def _cells(values: tuple[str, ...]) -> tuple[tuple[Text], ...]:
    return tuple((Text(value),) for value in values)


def _check_figure(block, article: Article) -> None:
    assert isinstance(block, Figure)
    assert block.alt == article.alt
    assert (block.image.width, block.image.height, block.image.media_type) == (*article.size, "image/png")
    with Image.open(io.BytesIO(block.image.data)) as picture:
        assert picture.size == article.size
        assert picture.convert("RGB").getpixel((article.size[0] // 2, article.size[1] // 2)) == article.colour


# ---- LibreOffice, from a flat ODT ------------------------------------------------------------------

_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:language>{a.lang}</dc:language><meta:initial-creator>{a.author}</meta:initial-creator></office:meta>
<office:automatic-styles>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"
 style:font-weight-complex="bold"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"
 style:font-style-complex="italic"/></style:style>
<text:list-style style:name="Num"><text:list-level-style-number text:level="1" style:num-format="1"
 style:num-suffix="."/></text:list-style>
<text:list-style style:name="Bul"><text:list-level-style-bullet text:level="1"
 text:bullet-char="•"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="Title">{a.title}</text:p>
<text:h text:outline-level="1">{a.heading}</text:h>
<text:p>{a.before}<text:span text:style-name="B">{a.strong}</text:span>{a.middle}<text:span
 text:style-name="I">{a.emphasis}</text:span><text:note text:id="n1" text:note-class="footnote"
 ><text:note-citation>1</text:note-citation><text:note-body><text:p>{a.note}</text:p></text:note-body
 ></text:note>{a.after}<text:a
 xlink:type="simple" xlink:href="{a.href}">{a.link}</text:a>{a.end}</text:p>
<text:h text:outline-level="2">{a.subheading}</text:h>
<text:list text:style-name="Bul">{bullets}</text:list>
<text:list text:style-name="Num">{steps}</text:list>
<table:table table:name="T"><table:table-column table:number-columns-repeated="3"/>
<table:table-header-rows><table:table-row>{header}</table:table-row></table:table-header-rows>
<table:table-row>{row}</table:table-row>
</table:table>
<text:p><draw:frame draw:name="pic" text:anchor-type="as-char" svg:width="4cm" svg:height="3cm"><draw:image>
<office:binary-data>{picture}</office:binary-data></draw:image><svg:desc>{a.alt}</svg:desc></draw:frame></text:p>
</office:text></office:body></office:document>
"""


def _fodt(article: Article) -> str:
    def items(values: tuple[str, ...]) -> str:
        return "".join(f"<text:list-item><text:p>{value}</text:p></text:list-item>" for value in values)

    def cells(values: tuple[str, ...]) -> str:
        return "".join(f"<table:table-cell><text:p>{value}</text:p></table:table-cell>" for value in values)

    return _FODT.format(a=article, bullets=items(article.bullets), steps=items(article.steps),
                        header=cells(article.header), row=cells(article.row),
                        picture=base64.b64encode(_png(article)).decode())


_HTML = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة</title></head>
<body>
<h1>مقالة من صفحة ويب ٢٠٢٦</h1><h2>الفصل الأول</h2>
<p>نص <b>ثقيل الوزن</b> ثم <i>مائل الخط</i> و<a href="https://example.org/html/صفحة">رابط الصفحة</a>.</p>
<ul><li>نقطة الشمال</li><li>نقطة الجنوب</li></ul>
<table border="1"><tr><th>اليوم</th><th>الحرارة</th></tr><tr><td>السبت</td><td>31°</td></tr></table>
<p><img src="beside.png" alt="صورة مجاورة لا تجلب" width="40" height="30"></p></body></html>
"""


def _soffice(folder: Path, sources: list[Path], target: str = "docx") -> None:
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    subprocess.run([require_tool("soffice"), "--headless", profile, "--convert-to", target,
                    "--outdir", str(folder), *map(str, sources)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three flat ODTs and the HTML page, converted by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for key, article in ARTICLES.items():
        sources.append(folder / f"{key}.fodt")
        sources[-1].write_text(_fodt(article), encoding="utf-8")
    (folder / "page.html").write_text(_HTML, encoding="utf-8")
    (folder / "beside.png").write_bytes(_png(ARTICLES["ar"]))
    _soffice(folder, sources)
    # A web page opens in Writer/Web, which has no default DOCX filter: named.
    _soffice(folder, [folder / "page.html"], "docx:MS Word 2007 XML")
    return folder


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_a_libreoffice_docx_reads_as_its_author_put_it(libreoffice: Path, key: str) -> None:
    article = ARTICLES[key]
    reading = read_bytes((libreoffice / f"{key}.docx").read_bytes(), f"{key}.docx")
    document = reading.document
    # LibreOffice's core-properties relationship has an early draft's type: still read.
    assert (document.meta.title, document.meta.author) == (article.title, article.author)
    assert document.meta.lang == article.lang
    blocks = document.blocks
    assert blocks[:6] == (
        Heading(1, (Text(article.heading),)),
        _paragraph(article),
        Heading(2, (Text(article.subheading),)),
        ListBlock(False, _cells(article.bullets)),
        ListBlock(True, _cells(article.steps), "decimal"),
        Table(_cells(article.header), (_cells(article.row),), (None, None, None)),
    )
    _check_figure(blocks[6], article)
    assert len(blocks) == 7
    assert document.notes == (Note(1, ((Text(article.note),),)),)
    assert reading.warnings == ()


def test_a_libreoffice_docx_from_html_links_its_picture_and_is_not_fetched(libreoffice: Path) -> None:
    """LibreOffice links an HTML page's pictures rather than embedding them:
    the link is never followed (the picture beside it is left out, with a
    warning), and the en-US it writes as the language (its own locale) gives
    way to the text's letters."""
    reading = read_bytes((libreoffice / "page.docx").read_bytes(), "page.docx")
    document = reading.document
    assert (document.meta.title, document.meta.lang) == ("مقالة من صفحة ويب ٢٠٢٦", "ar")
    assert document.blocks == (
        Heading(2, (Text("الفصل الأول"),)),
        Paragraph((Text("نص "), Strong((Text("ثقيل الوزن"),)), Text(" ثم "), Emphasis((Text("مائل الخط"),)),
                   Text(" و"), Link("https://example.org/html/صفحة", (Text("رابط الصفحة"),)), Text("."))),
        ListBlock(False, _cells(("نقطة الشمال", "نقطة الجنوب"))),
        Table(_cells(("اليوم", "الحرارة")), (_cells(("السبت", "31°")),), ("center", "center")),
    )
    assert len(reading.warnings) == 1 and "linked picture (never fetched) left out" in reading.warnings[0]


# ---- pandoc, from Markdown -------------------------------------------------------------------------

def _markdown(article: Article) -> str:
    bullets = "\n".join(f"- {item}" for item in article.bullets)
    steps = "\n".join(f"{index}. {item}" for index, item in enumerate(article.steps, 1))
    return (f"---\ntitle: {article.title}\nauthor: {article.author}\nlang: {article.lang}\n---\n\n"
            f"# {article.heading}\n\n{article.before}**{article.strong}**{article.middle}*{article.emphasis}*"
            f"[^1]{article.after}[{article.link}]({article.href}){article.end}\n\n## {article.subheading}\n\n"
            f"{bullets}\n\n{steps}\n\n| {' | '.join(article.header)} |\n|:---|:---:|---:|\n"
            f"| {' | '.join(article.row)} |\n\n![{article.alt}](img.png)\n\n[^1]: {article.note}\n")


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_a_pandoc_docx_reads_as_its_author_put_it(tmp_path: Path, key: str) -> None:
    require(importlib.util.find_spec("pypandoc") is not None, "needs pypandoc-binary (the test extras)")
    import pypandoc

    article = ARTICLES[key]
    (tmp_path / "img.png").write_bytes(_png(article))
    target = tmp_path / f"{key}.docx"
    pypandoc.convert_text(_markdown(article), "docx", format="md", outputfile=str(target),
                          extra_args=[f"--resource-path={tmp_path}"])
    reading = read_bytes(target.read_bytes(), target.name)
    document = reading.document
    assert (document.meta.title, document.meta.author, document.meta.lang) == (
        article.title, article.author, article.lang)
    blocks = document.blocks
    assert blocks[:6] == (
        Heading(1, (Text(article.heading),)),
        _paragraph(article),
        Heading(2, (Text(article.subheading),)),
        ListBlock(False, _cells(article.bullets)),
        ListBlock(True, _cells(article.steps), "decimal"),
        # pandoc's w:jc left/right in a left-to-right paragraph: the sides the author named.
        Table(_cells(article.header), (_cells(article.row),), ("left", "center", "right")),
    )
    _check_figure(blocks[6], article)
    assert blocks[6].caption == (Emphasis((Text(article.alt),)),)  # pandoc's implicit figure caption
    assert len(blocks) == 7
    assert document.notes == (Note(1, ((Text(article.note),),)),)
    assert reading.warnings == ()

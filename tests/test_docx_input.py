"""Word files in: .docx articles read into the document model.

What an editor receives from writers: Word files with styles (localised
ids, outline levels), emphasis set directly or by styles, links (relations
and HYPERLINK fields), notes, lists in their own digits, tracked changes,
hidden text and comments; our own exporter's DOCX (round trip: the source's
model back); LibreOffice's and pandoc's. Hostile packages: one line each,
the batch goes on.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import SEED, require, run_cli
from docx_inputs import core, make_docx, notes_part, numbering, p, r, style
from hypothesis import HealthCheck, given, settings
from test_markup_properties import ARTICLES, source_of

from convert.errors import InputError
from convert.exporters import get_exporter
from convert.model import (
    BlockQuote,
    Emphasis,
    Heading,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
)
from convert.options import Options
from convert.outputs import prepared_reading
from convert.reading.reader import read_bytes

FIXTURES = Path(__file__).parent / "fixtures"
ROUND_TRIP_SOURCES = [SEED, *sorted(FIXTURES.rglob("*.txt"))]


def _docx_of(document, options: Options) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "a.docx"
        get_exporter("docx").export(document, target, options)
        return target.read_bytes()


# ---- round trip ---------------------------------------------------------------------------------

@pytest.mark.parametrize("source", ROUND_TRIP_SOURCES, ids=lambda path: path.name)
def test_our_docx_reads_back_as_its_source(source: Path) -> None:
    options = Options()  # the default theme: emphasis in bold, as strong text is
    prepared = prepared_reading(source.read_bytes(), str(source), options, source.parent)
    back = read_bytes(_docx_of(prepared.document, prepared.options), str(source))
    assert back.document.meta == prepared.document.meta
    assert back.document.blocks == prepared.document.blocks
    assert back.document.notes == prepared.document.notes


def _check_random_article(article) -> None:
    source, _ = source_of(*article)
    options = Options()  # the default theme: emphasis in bold, as strong text is
    prepared = prepared_reading(source.encode(), "random.txt", options)
    back = read_bytes(_docx_of(prepared.document, prepared.options), "random.txt")
    assert (back.document.blocks, back.document.notes) == (prepared.document.blocks, prepared.document.notes)
    assert back.document.meta == prepared.document.meta
    assert back.warnings == ()


def test_random_marked_up_articles_read_back() -> None:
    settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))(
        given(ARTICLES)(_check_random_article))()


@pytest.mark.deep
def test_random_marked_up_articles_read_back_deep() -> None:
    settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))(
        given(ARTICLES)(_check_random_article))()


# ---- what a Word file holds -------------------------------------------------------------------

WORD_STYLES = "".join((
    style("Titre", "Title"),
    style("berschrift1", "heading 1"),  # Word's localised id, its English built-in name
    style("Fasl", "فصل", inner='<w:pPr><w:outlineLvl w:val="1"/></w:pPr>'),  # a custom heading
    style("Zitat", "Quote", inner="<w:rPr><w:i/><w:iCs/></w:rPr>"),
    style("Nachdruck", "Emphasis", "character", "<w:rPr><w:i/><w:iCs/></w:rPr>"),
    style("Fett", "Strong Para", inner="<w:rPr><w:b/><w:bCs/></w:rPr>"),
))


def _read(data: bytes, name: str = "article.docx", language: str | None = None):
    return read_bytes(data, name, language=language)


def test_title_byline_headings_and_emphasis_by_style() -> None:
    body = "".join((
        p(r("مقدمة قبل العنوان"), "Normal"),
        p(r("عنوانُ المقال 2024"), "Titre"),
        p(r("بقلم: ليلى حدّاد")),
        p(r("الفصل الأول"), "berschrift1"),
        p(r("نص ") + r("مائل بالأسلوب", '<w:rStyle w:val="Nachdruck"/>') + r(" ثم ") + r("غامق", "<w:bCs/>")),
        p(r("فصل بمستوى المخطط"), "Fasl"),
        p(r("اقتباس مائل بأسلوبه"), "Zitat"),
        p(r("فقرة غامقة بأسلوبها"), "Fett"),
        p(r("سطر أول") + "<w:r><w:br/></w:r>" + r("سطر ثان")),
    ))
    document = _read(make_docx(body, WORD_STYLES)).document
    assert document.meta.title == "عنوانُ المقال 2024"
    assert document.meta.author == "ليلى حدّاد"
    assert document.blocks == (
        Paragraph((Text("مقدمة قبل العنوان"),)),
        Heading(1, (Text("الفصل الأول"),)),
        Paragraph((Text("نص "), Emphasis((Text("مائل بالأسلوب"),)), Text(" ثم "), Strong((Text("غامق"),)))),
        Heading(2, (Text("فصل بمستوى المخطط"),)),
        BlockQuote((Paragraph((Text("اقتباس مائل بأسلوبه"),)),)),
        Paragraph((Strong((Text("فقرة غامقة بأسلوبها"),)),)),
        Paragraph((Text("سطر أول\nسطر ثان"),)),
    )


def test_tracked_changes_hidden_text_comments_and_fields() -> None:
    body = p("".join((
        r("بداية "),
        '<w:ins w:id="1" w:author="x"><w:r><w:t xml:space="preserve">مضاف </w:t></w:r></w:ins>',
        '<w:del w:id="2" w:author="x"><w:r><w:delText>محذوف </w:delText></w:r></w:del>',
        r("مخفي ", "<w:vanish/>"),
        '<w:commentRangeStart w:id="0"/>', r("معلق عليه"), '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r(" ٧"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )))
    comments = ('<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:comment w:id="0"><w:p><w:r><w:t>تعليق المحرر</w:t></w:r></w:p></w:comment></w:comments>')
    document = _read(make_docx(p(r("العنوان")) + body, parts={"word/comments.xml": comments})).document
    assert document.blocks == (Paragraph((Text("بداية مضاف معلق عليه ٧"),)),)


def test_links_by_relationship_and_by_field_and_a_refused_scheme() -> None:
    body = p(r("العنوان")) + p("".join((
        '<w:hyperlink r:id="rL1">', r("موقع الوكالة"), "</w:hyperlink>", r(" و"),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/قديم?a=1" </w:instrText>'
        "</w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("رابط قديم"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r(" و"),
        '<w:hyperlink r:id="rL2">', r("ملف محلي"), "</w:hyperlink>",
    )))
    reading = _read(make_docx(body, links={"rL1": "https://news.example/ar", "rL2": "file:///etc/passwd"}))
    assert reading.document.blocks == (Paragraph((
        Link("https://news.example/ar", (Text("موقع الوكالة"),)), Text(" و"),
        Link("https://example.org/قديم?a=1", (Text("رابط قديم"),)), Text(" وملف محلي"))),)
    assert reading.warnings == (
        "link to 'file:///etc/passwd' left as text (only http, https and mailto links)",)


def test_footnotes_and_endnotes_numbered_by_their_first_calls() -> None:
    body = p(r("العنوان")) + p("".join((
        r("جملة أولى"), '<w:r><w:endnoteReference w:id="4"/></w:r>',
        r(" وثانية"), '<w:r><w:footnoteReference w:id="2"/></w:r>', r("."),
    )))
    parts = {"word/footnotes.xml": notes_part("footnote", {"2": "حاشية سفلية ۱۴۰۲"}),
             "word/endnotes.xml": notes_part("endnote", {"4": "تعليق ختامي Reuters", "9": "غير مستدعى"})}
    document = _read(make_docx(body, parts=parts)).document
    assert document.blocks == (
        Paragraph((Text("جملة أولى"), NoteRef(1), Text(" وثانية"), NoteRef(2), Text("."))),)
    assert document.notes == (
        Note(1, ((Text("تعليق ختامي Reuters"),),)), Note(2, ((Text("حاشية سفلية ۱۴۰۲"),),)))


@pytest.mark.parametrize(("number_format", "lang", "expected"), [
    ("bullet", "ar", (False, None)), ("decimal", "ar", (True, "decimal")),
    ("hindiNumbers", "ar", (True, "arabic-indic")), ("hindiNumbers", "fa-IR", (True, "persian")),
])
def test_lists_from_numbering_definitions(number_format: str, lang: str, expected: tuple) -> None:
    item = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>'
    body = (p(r("العنوان")) + p(r("البند الأول"), p_pr=item) + p(r("البند الثاني"), p_pr=item)
            + p(r("بعد القائمة")))
    data = make_docx(body, parts={"word/numbering.xml": numbering(("7", number_format)),
                                  "docProps/core.xml": core(language=lang)})
    blocks = _read(data).document.blocks
    assert blocks == (ListBlock(expected[0], ((Text("البند الأول"),), (Text("البند الثاني"),)), expected[1]),
                      Paragraph((Text("بعد القائمة"),)))


def test_core_properties_as_front_matter_and_the_disclaimer() -> None:
    body = p(r("العنوان")) + p(r("نص المقال.")) + p(r("تنويه: الآراء لأصحابها."))
    data = make_docx(body, parts={"docProps/core.xml": core(
        creator="سلمى الخطيب; Omar Haddad", language="ur", keywords="ذاكرة, مدن", description="وصف قصير")})
    meta = _read(data).document.meta
    assert (meta.author, meta.authors, meta.lang) == (
        "سلمى الخطيب، Omar Haddad", ("سلمى الخطيب", "Omar Haddad"), "ur")
    assert (meta.subjects, meta.description, meta.disclaimer) == (
        ("ذاكرة", "مدن"), "وصف قصير", "تنويه: الآراء لأصحابها.")


# ---- recognised by content, everywhere a text article goes ------------------------------------------

def _seed_docx() -> bytes:
    options = Options()
    prepared = prepared_reading(SEED.read_bytes(), str(SEED), options)
    return _docx_of(prepared.document, prepared.options)


def test_a_folder_of_docx_beside_txt_mirrors_paths_and_refuses_a_clash(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    (source / "opinion").mkdir(parents=True)
    (source / "opinion" / "word.docx").write_bytes(_seed_docx())
    (source / "text.txt").write_text("عنوان\n\nنص قصير.", encoding="utf-8")
    (source / "both.txt").write_text("عنوان\n\nنص قصير.", encoding="utf-8")
    (source / "both.docx").write_bytes(_seed_docx())
    (source / "opinion" / "~$word.docx").write_bytes(b"\x00lock")  # Word's owner file: not an article
    out = tmp_path / "out"
    result = run_cli(str(source), "--to", "json", "-o", str(out))
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json") if not p.name.startswith("."))
    assert written == ["both.json", "opinion/word.json", "text.json"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {source / 'both.txt'}: its outputs would overwrite those of {source / 'both.docx'}"]
    assert '"title": "إيران والقاعدة"' in (out / "opinion" / "word.json").read_text(encoding="utf-8")


def test_a_docx_by_content_whatever_its_name_and_incremental(tmp_path: Path) -> None:
    misnamed = tmp_path / "article.txt"
    misnamed.write_bytes(_seed_docx())
    out = tmp_path / "out"
    first = run_cli(str(misnamed), "--to", "json", "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert '"title": "إيران والقاعدة"' in (out / "article.json").read_text(encoding="utf-8")
    second = run_cli(str(misnamed), "--to", "json", "-o", str(out))
    assert "0 written, 0 failed, 1 skipped" in second.stderr
    # Freshness keys on the bytes: another document under the same name is converted again.
    misnamed.write_bytes(make_docx(p(r("عنوان آخر")) + p(r("نص."))))
    third = run_cli(str(misnamed), "--to", "json", "-o", str(out))
    assert "1 written" in third.stderr
    assert '"title": "عنوان آخر"' in (out / "article.json").read_text(encoding="utf-8")


def test_book_mode_orders_docx_and_txt(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "one.docx").write_bytes(make_docx(p(r("مقالة وورد")) + p(r("نص أول."))))
    (source / "two.txt").write_text("مقالة نصية\n\nنص ثان.", encoding="utf-8")
    order = tmp_path / "order.txt"
    order.write_text(f"{source / 'two.txt'}\n{source / 'one.docx'}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(str(source), "--book", "كتاب", "--order", str(order), "--to", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = next(out.rglob("*.json")).read_text(encoding="utf-8")
    assert 0 <= text.index("مقالة نصية") < text.index("مقالة وورد")


# ---- hostile Word files ---------------------------------------------------------------------------

def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (60 * 1024 * 1024))
    return buffer.getvalue()


def _many_entries() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index in range(20_001):
            archive.writestr(f"x/{index}", b"")
    return buffer.getvalue()


_ENTITIES = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "هههههههههه"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             '<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
_EXTERNAL = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             '<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')


def _with_document(xml: str) -> bytes:
    good = make_docx(p(r("عنوان")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            replaced = item.filename == "word/document.xml"
            archive.writestr(item.filename, xml if replaced else source.read(item))
    return buffer.getvalue()


HOSTILE = {
    "truncated.docx": (lambda: make_docx(p(r("عنوان")))[:200],
                       "damaged Word file (not a readable ZIP archive)"),
    "bomb.docx": (_bomb, "unpacks 200× larger than it is stored (a ZIP bomb?): not read"),
    "entries.docx": (_many_entries, "Word file with too many parts (20,001; at most 20,000)"),
    "not-word.docx": (lambda: _zip_without_document(), "a ZIP archive, not a Word document"),
    "encrypted.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
                       + "EncryptedPackage".encode("utf-16-le"), "encrypted document"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
                "a Word 97-2003 document (.doc)"),
    "entities.docx": (lambda: _with_document(_ENTITIES), "declares a DTD or entities: not read"),
    "external.docx": (lambda: _with_document(_EXTERNAL), "declares a DTD or entities: not read"),
    "empty.docx": (lambda: make_docx(""), "empty Word document (no title, no text)"),
}


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_word_file_is_one_line(name: str) -> None:
    make, expected = HOSTILE[name]
    with pytest.raises(InputError) as raised:
        read_bytes(make(), name)
    assert expected in str(raised.value)
    assert str(raised.value).startswith(f"{name}: ") and "\n" not in str(raised.value)


def test_hostile_word_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for name in ("truncated.docx", "entities.docx", "not-word.docx", "encrypted.docx"):
        (source / name).write_bytes(HOSTILE[name][0]())
    (source / "good.docx").write_bytes(_seed_docx())
    given = [str(source / name) for name in sorted(path.name for path in source.iterdir())]
    result = run_cli(*given, "--to", "json", "-o", str(tmp_path / "out"))
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.stderr
    assert (tmp_path / "out" / "good.json").exists()


# ---- other producers --------------------------------------------------------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
<text:p text:style-name="Title">دفتر المدينة ۱۴۰۲</text:p>
<text:h text:outline-level="1">ذاكرة الأزقّة</text:h>
<text:p>قال الراوي<text:note text:id="n1" text:note-class="footnote">
<text:note-citation>1</text:note-citation>
<text:note-body><text:p>حاشية عن الراوي F-16</text:p></text:note-body>
</text:note> إن المدينة
<text:a xlink:type="simple" xlink:href="https://example.org/مدينة">تحفظ</text:a> ذاكرتها.</text:p>
<text:list><text:list-item><text:p>البند الأول</text:p></text:list-item>
<text:list-item><text:p>البند الثاني</text:p></text:list-item></text:list>
</office:text></office:body></office:document>
"""


@pytest.mark.skipif(subprocess.run(["which", "soffice"], capture_output=True).returncode != 0,
                    reason="LibreOffice is not installed")
def test_a_libreoffice_docx_reads_as_its_author_meant(tmp_path: Path) -> None:
    (tmp_path / "city.fodt").write_text(FODT, encoding="utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "docx", "--outdir", str(tmp_path), str(tmp_path / "city.fodt")],
                   check=True, capture_output=True, timeout=180)
    document = read_bytes((tmp_path / "city.docx").read_bytes(), "city.docx").document
    assert document.meta.title == "دفتر المدينة ۱۴۰۲"
    assert document.blocks[0] == Heading(1, (Text("ذاكرة الأزقّة"),))
    assert document.notes == (Note(1, ((Text("حاشية عن الراوي F-16"),),)),)
    paragraph = document.blocks[1]
    assert NoteRef(1) in paragraph.inlines
    assert Link("https://example.org/مدينة", (Text("تحفظ"),)) in paragraph.inlines
    assert document.blocks[2] == ListBlock(False, ((Text("البند الأول"),), (Text("البند الثاني"),)))


MARKDOWN = """---
title: مقالة من ماركداون
author: فاطمة زهراء
lang: fa
---

# بخش نخست

این یک **متن مهم** است با *تأکید* و [پیوند](https://example.com/fa)[^1].

1. مورد یکم
2. مورد دوم

- گلوله الف
- گلوله ب

[^1]: یادداشت پانویس ۲۰۲۴.
"""


def test_a_pandoc_docx_reads_as_its_author_meant(tmp_path: Path) -> None:
    require(importlib.util.find_spec("pypandoc") is not None, "needs pypandoc-binary (the test extras)")
    import pypandoc
    target = tmp_path / "pandoc.docx"
    pypandoc.convert_text(MARKDOWN, "docx", format="md", outputfile=str(target))
    document = read_bytes(target.read_bytes(), "pandoc.docx").document
    meta = document.meta
    assert (meta.title, meta.author, meta.lang) == ("مقالة من ماركداون", "فاطمة زهراء", "fa")
    assert document.blocks[0] == Heading(1, (Text("بخش نخست"),))
    assert document.blocks[1] == Paragraph((
        Text("این یک "), Strong((Text("متن مهم"),)), Text(" است با "), Emphasis((Text("تأکید"),)),
        Text(" و "),
        Link("https://example.com/fa", (Text("پیوند"),)), NoteRef(1), Text(".")))
    assert document.blocks[2] == ListBlock(True, ((Text("مورد یکم"),), (Text("مورد دوم"),)), "decimal")
    assert document.blocks[3] == ListBlock(False, ((Text("گلوله الف"),), (Text("گلوله ب"),)))
    assert document.notes == (Note(1, ((Text("یادداشت پانویس ۲۰۲۴."),),)),)


def test_tables_quotations_and_heading_lines_read_back() -> None:
    source = ("عنوان الجدول\n\nفقرة قبل الجدول.\n\n| البلد | السكان | النسبة | ملاحظة |\n"
              "|:---|:---:|---:|---|\n| مصر | 104 مليون | 15% | أ |\n| **الأردن** | -3.5% | ٣٪ | ب |\n\n"
              "> اقتباس أول\n\n> اقتباس ثان\n\n"
              "المادة 14\n\nنص المادة هنا طويل بما يكفي.\n")
    options = Options()  # the default theme: emphasis in bold, as strong text is
    prepared = prepared_reading(source.encode(), "table.txt", options)
    back = read_bytes(_docx_of(prepared.document, prepared.options), "table.txt")
    assert back.document.blocks == prepared.document.blocks


def test_ten_thousand_paragraphs_read_in_seconds() -> None:
    import time

    body = p(r("عنوان")) + "".join(p(r(f"فقرة رقم {index} فيها **نجوم** لا تعني شيئا هنا."))
                                   for index in range(10_000))
    started = time.perf_counter()
    document = _read(make_docx(body)).document
    assert len(document.blocks) == 10_000 and time.perf_counter() - started < 20
    assert document.blocks[-1] == Paragraph((Text("فقرة رقم 9999 فيها **نجوم** لا تعني شيئا هنا."),))


def test_figures_read_back_with_alt_text_and_caption(tmp_path: Path) -> None:
    from figure_files import picture

    (tmp_path / "map.png").write_bytes(picture((120, 80), (20, 90, 160)))
    source = ('---\nimage: map.png\nimage_alt: صورة أولى\nimage_credit: "تصوير: سلمى"\n---\n'
              'مقال بالصور ٢٠٢٤\n\nفقرة قبل الصورة.\n\n![خريطة المنطقة ١٤٤٥](map.png "*خريطة* توضح '
              '[الحدود](https://example.org)")\n\nفقرة بعد الصورة.\n')
    options = Options()  # the default theme: emphasis in bold, as strong text is
    prepared = prepared_reading(source.encode(), "figures.txt", options, tmp_path)
    back = read_bytes(_docx_of(prepared.document, prepared.options), "figures.docx")
    lead, read_lead = prepared.document.blocks[0], back.document.blocks[0]
    assert (read_lead.credit, read_lead.lead) == (lead.credit, lead.lead) == ("تصوير: سلمى", True)
    figure, read = prepared.document.blocks[2], back.document.blocks[2]
    assert (read.alt, read.caption, read.image.data) == (figure.alt, figure.caption, figure.image.data)
    assert (read.credit, read.lead) == (None, False)
    assert (read.image.width, read.image.height, read.image.media_type) == (120, 80, "image/png")
    assert back.document.blocks[1::2] == prepared.document.blocks[1::2]
    # The same file with its picture's bytes damaged: the text is read, the picture left out.
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_of(prepared.document, prepared.options))) as good, \
            zipfile.ZipFile(damaged, "w") as archive:
        for item in good.infolist():
            media = item.filename.startswith("word/media/")
            archive.writestr(item, b"\x89PNG broken" if media else good.read(item))
    reading = read_bytes(damaged.getvalue(), "damaged.docx")
    assert [type(block).__name__ for block in reading.document.blocks] == ["Paragraph"] * 3
    assert len(reading.warnings) == 2 and all("left out" in warning for warning in reading.warnings)


def test_poems_and_quran_quotations_read_back() -> None:
    source = ("عنوان الشعر\n\nقال تعالى: ﴿إِنَّ مَعَ الْعُسْرِ يُسْرًا﴾ صدق الله.\n\n```شعر\n"
              "على قدر أهل العزم تأتي العزائم ... وتأتي على قدر الكرام المكارم\nسطر حر وحده\n```\n\n"
              "نص أخير.\n")
    options = Options()  # the default theme: emphasis in bold, as strong text is
    prepared = prepared_reading(source.encode(), "poem.txt", options)
    assert {type(block).__name__ for block in prepared.document.blocks} >= {"Poem"}
    back = read_bytes(_docx_of(prepared.document, prepared.options), "poem.docx")
    assert back.document.blocks == prepared.document.blocks

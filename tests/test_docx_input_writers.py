"""Word files as writers send them (issue 31, round 2): the created date as
the article's date (but not in the files this tool wrote), a macro-enabled
.docm read for its text with its macros never kept, a document whose author
never set right to left, and soft line breaks (Shift+Enter) shown as line
breaks in every format. Each output is read back by an independent oracle:
pdfplumber for the PDF, Chromium for the HTML, LibreOffice for the DOCX."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import libreoffice_pdfs, run_cli
from docx_inputs import MACRO_TYPE, app, make_docx, p, r, style
from test_epub import chromium

from convert.errors import InputError
from convert.reading.reader import read_bytes

_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://'
         'schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
         'elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
         'XMLSchema-instance"><dc:creator>{creator}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">'
         "{created}</dcterms:created></cp:coreProperties>")


def _core(created: str, creator: str = "رضا کریمی") -> str:
    return _CORE.format(created=created, creator=creator)


# ---- the created date ---------------------------------------------------------------------------

@pytest.mark.parametrize("application", [None, "Microsoft Office Word", "LibreOffice/7.4.7.2$Linux_X86_64"])
def test_a_writers_created_date_is_the_articles_date(application: str | None) -> None:
    parts = {"docProps/core.xml": _core("2023-11-05T08:30:00Z")}
    if application:
        parts["docProps/app.xml"] = app(application)
    body = p(r("یادداشتی دربارهٔ شهر ۱۴۰۲")) + p(r("متن یادداشت با عدد 42 و نام Tehran."))
    meta = read_bytes(make_docx(body, parts=parts), "note.docx").document.meta
    assert (meta.date, meta.author) == ("2023-11-05", "رضا کریمی")


def test_a_date_in_the_body_wins_and_a_date_that_is_no_date_is_left_out() -> None:
    dated = make_docx(p(r("عنوان")) + p(r("١٢ مارس ٢٠٢٤"), "Date") + p(r("نص.")), style("Date", "Date"),
                      parts={"docProps/core.xml": _core("2019-01-02T00:00:00Z")})
    assert read_bytes(dated, "dated.docx").document.meta.date == "١٢ مارس ٢٠٢٤"
    wrong = make_docx(p(r("عنوان")) + p(r("نص.")), parts={"docProps/core.xml": _core("2023-02-30T10:00:00Z")})
    assert read_bytes(wrong, "wrong.docx").document.meta.date is None


def test_our_own_docx_created_date_is_the_build_time_not_the_articles(tmp_path: Path) -> None:
    """The exporter writes SOURCE_DATE_EPOCH's time as created; an undated article stays undated."""
    source = tmp_path / "undated.txt"
    source.write_text("مقال بلا تاريخ 7\n\nفقرة أولى فيها Reuters و٣٣ رقما.\n", encoding="utf-8")
    result = run_cli(str(source), "--to", "docx", "-o", str(tmp_path / "out"),
                     env={"SOURCE_DATE_EPOCH": "1600000000"})
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "undated.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "out" / "undated.docx") as archive:
        assert b"2020-09-13" in archive.read("docProps/core.xml")  # the build time is there
        assert b"<Application>convert-arabic</Application>" in archive.read("docProps/app.xml")
    assert read_bytes(written, "undated.docx").document.meta.date is None


# ---- a macro-enabled document -------------------------------------------------------------------

_MACRO_SENTINEL = b"Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\nShell \"calc\"\r\nEnd Sub"
_VBA_REL = ('<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
            ' Target="vbaProject.bin"/>')


def _docm() -> bytes:
    body = (p(r("مقالٌ في ملف بوحدات ماكرو 2025")) + p(r("بقلم: نور الهدى سالم"))
            + p(r("النص الذي كتبه الكاتب، وفيه Macro-free text و٧٧ رقما.")))
    return make_docx(body, main_type=MACRO_TYPE, document_rels=_VBA_REL,
                     extra={"word/vbaProject.bin": _MACRO_SENTINEL,
                            "word/_rels/vbaProject.bin.rels": b"<Relationships/>"})


def test_a_docm_is_read_for_its_text_and_its_macros_reach_no_output(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "macros.docm").write_bytes(_docm())
    out = tmp_path / "out"
    result = run_cli(str(source), "--to", "pdf,docx,epub,html,json", "-o", str(out), "-v")
    assert result.returncode == 0, result.stderr
    assert "macros neither run nor kept" in result.stderr
    outputs = sorted(out.glob("macros.*"))
    assert [path.suffix for path in outputs] == [".docx", ".epub", ".html", ".json", ".pdf"]
    for path in outputs:
        data = path.read_bytes()
        assert b"VB_Name" not in data and b"AutoOpen" not in data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                assert not [name for name in names if "vba" in name.lower()], names
                for name in names:
                    part = archive.read(name)
                    assert b"vbaProject" not in part and b"macroEnabled" not in part, name
    text = "النص الذي كتبه الكاتب"
    model = json.loads((out / "macros.json").read_text(encoding="utf-8"))
    assert text in json.dumps(model, ensure_ascii=False)
    assert text in (out / "macros.html").read_text(encoding="utf-8")
    with pdfplumber.open(out / "macros.pdf") as pdf:
        assert "Macro-free text" in "".join(char["text"] for char in pdf.pages[0].chars)
    back = read_bytes((out / "macros.docx").read_bytes(), "back.docx").document
    assert back.meta.author == "نور الهدى سالم" and text in back.blocks[0].inlines[0].text


# ---- direction from the text --------------------------------------------------------------------

# Written as a Latin-script Word would: no w:bidi, no w:rtl, no language.
_NO_DIRECTION = (p(r("بيان بلا اتجاه")) + p(r("BBC نقلت الخبر عن مصادر عديدة في المدينة"))
                 + p(r("2031 سنةٌ بعيدة في خطط الوزارة")))


def _page_script(html: Path, script: str) -> Path:
    """A copy of the page that writes script's result into its DOM (--dump-dom reads it)."""
    page = html.read_text(encoding="utf-8")
    probe = html.with_name("probe.html")
    script = f"<script>document.body.setAttribute('data-probe', JSON.stringify({script}));</script>"
    probe.write_text(page.replace("</body>", script + "</body>"), encoding="utf-8")
    return probe


def _probe(html: Path, script: str):
    dom = chromium(_page_script(html, script), "--allow-file-access-from-files", "--dump-dom")
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[:500]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


_FIRST_WORD_SIDE = """[...document.querySelectorAll('main p, article p, body p')].slice(0, 3).map(p => {
  const range = document.createRange(); const text = p.firstChild; const word = text.textContent.indexOf(' ');
  range.setStart(text, 0); range.setEnd(text, word); const first = range.getBoundingClientRect();
  range.setStart(text, text.textContent.length - 4); range.setEnd(text, text.textContent.length);
  const last = range.getBoundingClientRect();
  return [getComputedStyle(p).direction, first.left > last.left, p.textContent.slice(0, 4)]; })"""


def test_a_document_without_right_to_left_settings_reads_right_to_left(tmp_path: Path) -> None:
    (tmp_path / "plain.docx").write_bytes(make_docx(_NO_DIRECTION))
    out = tmp_path / "out"
    assert run_cli(str(tmp_path / "plain.docx"), "--to", "pdf,html,docx", "-o", str(out)).returncode == 0
    found = _probe(out / "plain.html", _FIRST_WORD_SIDE)
    rows = [row for row in found if row[2] in ("BBC ", "2031")]
    assert rows == [["rtl", True, "BBC "], ["rtl", True, "2031"]], found
    with pdfplumber.open(out / "plain.pdf") as pdf:
        chars = [char for char in pdf.pages[0].chars if char["text"].strip()]
    for word in ("BBC", "2031"):
        line = _line_of(chars, word)
        spelled = [char for char in line if char["text"] in word]
        others = [char for char in line if char["text"] not in word]
        assert min(char["x0"] for char in spelled) > max(char["x1"] for char in others), word
    with zipfile.ZipFile(out / "plain.docx") as archive:
        document = archive.read("word/document.xml").decode()
    assert document.count("<w:bidi/>") >= 3  # every paragraph right to left, as the PDF shows it


def _line_of(chars: list[dict], word: str) -> list[dict]:
    """The characters of the printed line holding word (its first character's baseline)."""
    first = next(char for char in chars if char["text"] == word[0])
    return [char for char in chars if abs(char["bottom"] - first["bottom"]) < 2]


# ---- soft line breaks ---------------------------------------------------------------------------

_BREAK = "<w:r><w:br/></w:r>"
_LINES = ("بيت أول 111", "بيت ثان 222", "بيت ثالث 333")


def _broken_docx() -> bytes:
    body = p(r("قصيدة بأسطر مكسورة")) + p(r(_LINES[0]) + _BREAK + r(_LINES[1]) + _BREAK + r(_LINES[2]))
    return make_docx(body)


def _baselines(chars: list[dict], digits: str) -> set[int]:
    return {round(char["bottom"]) for char in chars if char["text"] == digits[0]}


def test_a_soft_line_break_is_a_line_break_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "lines.docx").write_bytes(_broken_docx())
    out = tmp_path / "out"
    assert run_cli(str(tmp_path / "lines.docx"), "--to", "pdf,html,epub,docx", "-o", str(out)).returncode == 0
    # HTML, in Chromium: three lines, each its own text (no space joining them, no word glued).
    shown = _probe(out / "lines.html", "[...document.querySelectorAll('p')].map(p => p.innerText)")
    assert "\n".join(_LINES) in shown
    # EPUB: the same markup, as XHTML.
    with zipfile.ZipFile(out / "lines.epub") as archive:
        chapter = next(archive.read(name).decode() for name in archive.namelist() if "chapter" in name)
    assert "<br/>".join(_LINES) in chapter
    # PDF (WeasyPrint) and DOCX (as LibreOffice lays it out): each line on a baseline of its own.
    (tmp_path / "lo").mkdir()
    shutil.copy(out / "lines.docx", tmp_path / "lo" / "lines.docx")
    libre = libreoffice_pdfs([tmp_path / "lo" / "lines.docx"], tmp_path / "lo")[0]
    for pdf_path in (out / "lines.pdf", libre):
        with pdfplumber.open(pdf_path) as pdf:
            page = pdf.pages[0]
            chars = [char for char in page.chars if char["bottom"] < page.height / 2]  # no page number
        rows = [_baselines(chars, digits) for digits in ("1", "2", "3")]
        assert all(len(row) == 1 for row in rows) and len(set().union(*rows)) == 3, (pdf_path, rows)



# ---- parts read only when needed ----------------------------------------------------------------

_DRAWING = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            'wordprocessingDrawing"><wp:docPr id="1" name="صورة ٣"/><a:graphic xmlns:a="http://schemas.'
            'openxmlformats.org/drawingml/2006/main"><a:graphicData><a:blip xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdImg"/></a:graphicData>'
            "</a:graphic></wp:inline></w:drawing></w:r>")


def test_a_picture_whose_part_is_missing_is_left_out_with_a_warning() -> None:
    rel = ('<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/image" Target="media/gone.png"/>')
    data = make_docx(p(r("عنوان مع صورة مفقودة")) + p(_DRAWING) + p(r("نص بعد الصورة 9")), document_rels=rel)
    reading = read_bytes(data, "gone.docx")
    assert reading.warnings == ("'صورة ٣': its picture is not in the file; left out",)
    assert [block.inlines[0].text for block in reading.document.blocks] == ["نص بعد الصورة 9"]


def test_a_part_nothing_relates_to_is_never_read() -> None:
    """A DTD in a part the article does not need (here a stray one) no longer refuses the file:
    it is never parsed; one in a part that is read still does."""
    stray = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    data = make_docx(p(r("عنوان")) + p(r("نص")), extra={"word/stray.xml": stray})
    assert read_bytes(data, "stray.docx").document.meta.title == "عنوان"
    with pytest.raises(InputError, match="'word/styles.xml' declares a DTD"):
        read_bytes(_styles_with(stray), "styles.docx")


def _styles_with(xml: bytes) -> bytes:
    """A package whose styles part is xml."""
    good = make_docx(p(r("عنوان")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(item.filename, xml if item.filename == "word/styles.xml" else source.read(item))
    return buffer.getvalue()

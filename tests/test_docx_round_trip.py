"""Word round trip, the losses issue 31 left: our DOCX read back gives its
source's model also for a title the file shows shortened, emphasis in a
theme that shows it bold, a column aligned right, a figure's credit and the
lead flag; and a Word file in Latin letters takes the language Word tagged
its text with. LibreOffice judges the look (the rendered PDF), the ECMA-376
schemas the markup.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import require_tool
from docx_inputs import make_docx, p, r, style
from lxml import etree
from ooxml_schema import invalid_parts

from convert.exporters import get_exporter
from convert.model import Emphasis, Figure, Paragraph, Strong, Table, Text
from convert.options import Options
from convert.outputs import prepared_reading
from convert.reading.reader import read_bytes
from convert.text.shown import shown_title

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _options(emphasis: str = "bold") -> Options:
    options = Options()
    return replace(options, theme=replace(options.theme, text=replace(options.theme.text, emphasis=emphasis)))


def _written(source: str, options: Options, folder: Path | None = None, name: str = "a.txt"):
    """(the prepared reading of source, the bytes of its DOCX)."""
    prepared = prepared_reading(source.encode(), name, options, folder)
    with tempfile.TemporaryDirectory() as temporary:
        target = Path(temporary) / "a.docx"
        get_exporter("docx").export(prepared.document, target, prepared.options)
        return prepared, target.read_bytes()


def _back(data: bytes):
    """The Document our DOCX reads back as (named as its source, so Meta.source agrees)."""
    return read_bytes(data, "a.txt").document


def _pictureless(blocks: tuple) -> tuple:
    """blocks with each figure's image named alike (the DOCX names its part word/media/…)."""
    return tuple(replace(block, image=replace(block.image, source="")) if isinstance(block, Figure) else block
                 for block in blocks)


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode()


def _libreoffice_pdf(data: bytes, folder: Path) -> Path:
    soffice = require_tool("soffice")
    (folder / "a.docx").write_bytes(data)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(folder / "a.docx")],
                   check=True, capture_output=True, timeout=180)
    return folder / "a.pdf"


# ---- 1. a title over 255 characters -------------------------------------------------------------

LONG_TITLE = " ".join(["عنوان طويل جدا عن مفاوضات F-16 في New York عام ٢٠٢٤ و۱۴۰۲ و2024 «الاتفاق»"] * 6)
MARKED_TITLE = "مُحَمَّــــدٌ" + "\u064e" * 9 + " قصير"  # nine fathas on one letter: shown with four


@pytest.mark.parametrize("title", [LONG_TITLE, MARKED_TITLE], ids=["long", "marks"])
def test_a_title_the_file_shows_shortened_reads_back_whole(title: str) -> None:
    prepared, data = _written(f"{title}\n\nفقرة أولى.\n", _options())
    assert prepared.document.meta.title == title
    first = etree.fromstring(_part(data, "word/document.xml").encode()).find(f"{W}body/{W}p")
    shown = "".join(t.text or "" for t in first.iter(f"{W}t"))
    assert shown == shown_title(title) != title  # the file shows it shortened, as designed
    back = _back(data)
    assert back.meta.title == title and back.meta == prepared.document.meta


def test_a_title_changed_in_word_wins_over_the_stale_full_title() -> None:
    _, data = _written(f"{LONG_TITLE}\n\nفقرة أولى.\n", _options())
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as good, zipfile.ZipFile(edited, "w") as archive:
        for item in good.infolist():
            content = good.read(item)
            if item.filename == "word/document.xml":
                text = content.decode()
                first, rest = text.split("</w:p>", 1)
                first = re.sub(r"(<w:t[^>]*>)[^<]*(</w:t>)", r"\1عنوان جديد\2", first, count=1)
                first = re.sub(r"(<w:r>.*?</w:r>)(<w:r>.*)$", r"\1", first)  # one run left
                content = (first + "</w:p>" + rest).encode()
            archive.writestr(item, content)
    assert read_bytes(edited.getvalue(), "a.docx").document.meta.title == "عنوان جديد"


def test_a_short_title_writes_no_full_title_property() -> None:
    _, data = _written("عنوان قصير\n\nفقرة.\n", _options())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "docProps/custom.xml" not in archive.namelist()


# ---- 2. emphasis in the theme's look, read back as emphasis ------------------------------------

EMPHASES = ("عنوان\n\nنص *مؤكد* و **قوي** و [رابط *مؤكد* فيه](https://example.org/a?b=1) و *«اقتباس» "
            "مؤكد* و *Reuters ١٤٤٥* ثم **غامق F-16**.\n\nحاشية *مؤكدة*[^1].\n\n[^1]: نص *مؤكد* في الحاشية.\n")


@pytest.mark.parametrize("emphasis", ["bold", "italic", "colour"])
def test_emphasis_reads_back_as_emphasis_in_every_theme(emphasis: str) -> None:
    prepared, data = _written(EMPHASES, _options(emphasis))
    assert Emphasis((Text("مؤكد"),)) in prepared.document.blocks[0].inlines
    back = _back(data)
    assert back.blocks == prepared.document.blocks
    assert back.notes == prepared.document.notes
    assert invalid_parts_of(data) == {}


def invalid_parts_of(data: bytes) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.docx").write_bytes(data)
        return invalid_parts(Path(folder) / "a.docx")


def test_the_emphasis_style_carries_the_themes_look() -> None:
    _, data = _written(EMPHASES, _options("bold"))
    styles = _part(data, "word/styles.xml")
    found = re.search(r'<w:style w:type="character" w:styleId="Emphasis">.*?</w:style>', styles).group()
    assert '<w:name w:val="Emphasis"/>' in found and "<w:b/><w:bCs/>" in found
    _, colour = _written(EMPHASES, _options("colour"))
    assert re.search(r'w:styleId="Emphasis">.*?<w:color w:val="7B1E1E"/>', _part(colour, "word/styles.xml"))
    _, plain = _written("عنوان\n\nنص بلا تأكيد.\n", _options())
    assert 'w:styleId="Emphasis"' not in _part(plain, "word/styles.xml")  # on demand only


def test_a_foreign_files_emphasis_and_strong_styles_mean_what_they_are_called() -> None:
    """Word's Emphasis style made bold by a writer is still emphasis, its Strong
    style made italic still strong; a style of another name is its look."""
    styles = "".join((style("Emph", "Emphasis", "character", "<w:rPr><w:b/><w:bCs/></w:rPr>"),
                      style("Str", "Strong", "character", "<w:rPr><w:i/><w:iCs/></w:rPr>"),
                      style("Loud", "Loud", "character", "<w:rPr><w:b/><w:bCs/></w:rPr>")))
    body = p(r("Title")) + p(r("أ ") + r("مؤكد", '<w:rStyle w:val="Emph"/>') + r(" ب ")
                             + r("قوي", '<w:rStyle w:val="Str"/>') + r(" ج ")
                             + r("عال", '<w:rStyle w:val="Loud"/>') + r(" د ")
                             + r("كلاهما", '<w:rStyle w:val="Emph"/><w:b/>'))
    (paragraph,) = read_bytes(make_docx(body, styles), "w.docx").document.blocks
    assert paragraph == Paragraph((Text("أ "), Emphasis((Text("مؤكد"),)), Text(" ب "), Strong((Text("قوي"),)),
                                   Text(" ج "), Strong((Text("عال"),)), Text(" د "),
                                   Strong((Emphasis((Text("كلاهما"),)),))))


def test_libreoffice_shows_emphasis_as_the_theme_says(tmp_path: Path) -> None:
    """The look the Emphasis style gives: bold (the default theme) in the
    emphasised words as in the strong ones, the link's colour and underline
    kept on an emphasised word of a link; plain words regular."""
    import pdfplumber

    source = "عنوان\n\nكلمة *مؤكدة* ثم **قوية** ثم [رابط *داخل*](https://example.org) عادية ثم.\n"
    _, data = _written(source, _options("bold"))
    with pdfplumber.open(_libreoffice_pdf(data, tmp_path)) as pdf:
        page = pdf.pages[0]
        words = {w["text"]: w for w in page.extract_words(extra_attrs=["fontname", "non_stroking_color"])}
        lines = page.lines + page.rects
    # pdfplumber gives Arabic words in visual order: reversed letters.
    def word(text: str):
        return words[text[::-1]]
    assert "Bold" in word("مؤكدة")["fontname"] and "Bold" in word("قوية")["fontname"]
    assert "Bold" not in word("عادية")["fontname"]
    inside, link = word("داخل"), word("رابط")
    assert "Bold" in inside["fontname"] and "Bold" not in link["fontname"]
    assert inside["non_stroking_color"] == link["non_stroking_color"] != word("عادية")["non_stroking_color"]
    underlined = [line for line in lines if line["x0"] <= inside["x0"] + 1 and line["x1"] >= inside["x1"] - 1
                  and 0 <= line["top"] - inside["bottom"] < 6]
    assert underlined, "the emphasised word of a link is underlined as the link is"


# ---- 3. a column aligned right ------------------------------------------------------------------

TABLE = ("عنوان الجدول\n\nفقرة.\n\n| البلد | السكان | النسبة | ملاحظة |\n|:---|:---:|---:|---|\n"
         "| مصر | 104 مليون | عالية | نص |\n| الأردن الهاشمية | 11 | منخفضة 3.5% | نص أطول بكثير |\n")


def test_a_right_aligned_column_reads_back_right_aligned() -> None:
    prepared, data = _written(TABLE, _options())
    table = prepared.document.blocks[1]
    assert isinstance(table, Table) and table.alignments == ("left", "center", "right", None)
    assert _back(data).blocks == prepared.document.blocks
    assert invalid_parts_of(data) == {}


def test_libreoffice_sets_each_column_on_its_side(tmp_path: Path) -> None:
    """Right to left, the first column at the right: "left" flush left,
    "right" and unaligned (the text's own side) flush right."""
    import pdfplumber

    _, data = _written(TABLE, _options())
    with pdfplumber.open(_libreoffice_pdf(data, tmp_path)) as pdf:
        words = pdf.pages[0].extract_words()
    def edges(*texts: str) -> list[tuple[float, float]]:
        found = [next(w for w in words if w["text"] == text[::-1] or w["text"] == text) for text in texts]
        return [(round(w["x0"]), round(w["x1"])) for w in found]
    left = edges("البلد", "مصر")
    assert left[0][0] == left[1][0] and left[0][1] != left[1][1]
    right = edges("النسبة", "عالية", "منخفضة")
    assert max(edge[1] for edge in right) - min(edge[1] for edge in right) <= 1
    assert len({edge[0] for edge in right}) == 3
    unaligned = edges("ملاحظة", "نص")
    assert abs(unaligned[0][1] - unaligned[1][1]) <= 1 and unaligned[0][0] != unaligned[1][0]


# ---- 4. a figure's credit and the lead flag -----------------------------------------------------

def test_a_figures_credit_and_the_lead_flag_read_back(tmp_path: Path) -> None:
    from figure_files import picture

    (tmp_path / "lead.png").write_bytes(picture((120, 80), (20, 90, 160)))
    (tmp_path / "map.png").write_bytes(picture((90, 60), (160, 90, 20)))
    (tmp_path / "plain.png").write_bytes(picture((60, 40), (90, 160, 20)))
    source = ('---\nimage: lead.png\nimage_alt: صورة الغلاف\nimage_caption: "مشهد *عام* للمدينة"\n'
              'image_credit: "تصوير: سلمى Reuters ٢٠٢٤"\n---\nعنوان مع صور\n\nفقرة.\n\n'
              '![خريطة](map.png "خريطة المنطقة")\n\n![](plain.png)\n\nفقرة بعد.\n')
    prepared, data = _written(source, _options(), tmp_path)
    figures = [block for block in prepared.document.blocks if isinstance(block, Figure)]
    assert [(f.lead, f.credit) for f in figures] == [(True, "تصوير: سلمى Reuters ٢٠٢٤"), (False, None),
                                                     (False, None)]
    assert _pictureless(_back(data).blocks) == _pictureless(prepared.document.blocks)
    assert invalid_parts_of(data) == {}


def test_a_credit_without_a_caption_reads_back(tmp_path: Path) -> None:
    from figure_files import picture

    (tmp_path / "lead.png").write_bytes(picture((120, 80), (20, 90, 160)))
    source = ('---\nimage: lead.png\nimage_alt: صورة\nimage_credit: "AP / </script> ١٤٤٥"\n---\n'
              'عنوان\n\nفقرة.\n')
    prepared, data = _written(source, _options(), tmp_path)
    assert _pictureless(_back(data).blocks) == _pictureless(prepared.document.blocks)


def test_a_caption_in_words_own_file_has_no_credit() -> None:
    """A Caption paragraph with no Picture Credit runs: all caption (a writer's file)."""
    body = p(r("عنوان")) + p(r("التعليق كله: تصوير فلان"), "Caption")
    document = read_bytes(make_docx(body, style("Caption", "caption")), "w.docx").document
    assert document.blocks == (Paragraph((Text("التعليق كله: تصوير فلان"),)),)


# ---- 5. a Word file in Latin letters ------------------------------------------------------------

def _defaults(lang: str) -> str:
    return ('<w:docDefaults><w:rPrDefault><w:rPr>'
            f'<w:lang w:val="{lang}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults>')


ENGLISH = p(r("An English title")) + p(r("This paragraph is written in English, with a name: محمد."))


def test_a_latin_text_takes_the_language_word_tagged_it_with() -> None:
    reading = read_bytes(make_docx(ENGLISH, _defaults("en-US")), "en.docx")
    assert reading.document.meta.lang == "en-US"
    assert reading.warnings == ("language: en-US (found from the language its text is tagged with)",)


def test_the_runs_own_language_outweighs_the_default() -> None:
    body = p(r("Un titre")) + p(r("Ceci est un article écrit en français.", '<w:lang w:val="fr-FR"/>'))
    assert read_bytes(make_docx(body, _defaults("en-US")), "fr.docx").document.meta.lang == "fr-FR"


def test_arabic_letters_with_an_english_default_stay_arabic() -> None:
    body = p(r("عنوان")) + p(r("نص عربي فيه اسم Reuters وكلمات كثيرة أخرى."))
    assert read_bytes(make_docx(body, _defaults("en-US")), "ar.docx").document.meta.lang == "ar"
    persian = p(r("عنوان")) + p(r("این یک متن فارسی است که کلمه‌های زیادی دارد."))
    assert read_bytes(make_docx(persian, _defaults("en-US")), "fa.docx").document.meta.lang == "fa"


def test_a_latin_text_with_no_language_anywhere_is_undetermined() -> None:
    reading = read_bytes(make_docx(ENGLISH), "en.docx")
    assert reading.document.meta.lang == "und"
    assert reading.warnings == ("language: und (Latin letters and no language set: give lang: or --lang)",)
    assert read_bytes(make_docx(ENGLISH), "en.docx", language="en").document.meta.lang == "en"


def test_a_libreoffice_english_file_reads_as_english(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    (tmp_path / "en.html").write_text("<html><body><h1>A title</h1><p>An English paragraph with"
                                      " enough words to tell.</p></body></html>", encoding="utf-8")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path),
                    str(tmp_path / "en.html")],
                   check=True, capture_output=True, timeout=180)
    lang = read_bytes((tmp_path / "en.docx").read_bytes(), "en.docx").document.meta.lang
    assert lang.startswith("en")

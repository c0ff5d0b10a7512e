"""Word lists the model cannot hold as they are, and VML pictures (issue 31):
nested levels joined to the item above them, list number formats read as
the closest numbering the model has (with a warning), one list per w:numId,
and w:pict pictures read as figures through the image checks. Inputs are
written by hand, by LibreOffice (from HTML) and by pandoc (from Markdown)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from conftest import require, require_tool
from docx_inputs import REL, _xml, core, make_docx, numbering, p, r
from PIL import Image as PillowImage

from convert.model import Figure, Heading, ListBlock, Paragraph, Strong, Text
from convert.reading.reader import read_bytes

JOINED = "nested list item(s) joined to the item above them (lists are flat)"
VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"


def _item(num_id: str, level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def _levels(*formats: str, num_ids: tuple[str, ...] = ("3",)) -> str:
    """One abstract list whose level n has formats[n], and a w:num per id for it."""
    levels = "".join(f'<w:lvl w:ilvl="{level}"><w:numFmt w:val="{value}"/></w:lvl>'
                     for level, value in enumerate(formats))
    nums = "".join(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/></w:num>' for num_id in num_ids)
    return _xml("numbering", f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>{nums}')


def _read(body: str, numbering_part: str, lang: str = "ar", **parts: object):
    data = make_docx(p(r("عنوان القوائم ٢٠٢٤")) + body,
                     parts={"word/numbering.xml": numbering_part, "docProps/core.xml": core(language=lang)},
                     **parts)
    return read_bytes(data, "lists.docx")


def _lines(*texts: str) -> tuple[Text, ...]:
    """An item's inlines: its text, each nested item's after a line break."""
    return (Text("\n".join(texts)),)


# ---- nested levels ------------------------------------------------------------------------------

def test_nested_items_join_the_item_above_and_the_outer_numbers_stay() -> None:
    body = (p(r("البند الأول ١"), p_pr=_item("3", 0)) + p(r("فرعي أ Beirut"), p_pr=_item("3", 1))
            + p(r("أعمق ۱۴۰۲"), p_pr=_item("3", 2)) + p(r("فرعي ب"), p_pr=_item("3", 1))
            + p(r("البند الثاني"), p_pr=_item("3", 0)) + p(r("بعد القائمة.")))
    reading = _read(body, _levels("hindiNumbers", "bullet", "lowerRoman"))
    assert reading.document.blocks == (
        ListBlock(True, (_lines("البند الأول ١", "فرعي أ Beirut", "أعمق ۱۴۰۲", "فرعي ب"),
                         _lines("البند الثاني")), "arabic-indic"),
        Paragraph((Text("بعد القائمة."),)))
    # The joined items' own format (lowerRoman) numbers nothing: no warning about it.
    assert reading.warnings == (f"3 {JOINED}",)


def test_a_list_opening_at_a_deeper_level_counts_from_there() -> None:
    body = (p(r("أ"), p_pr=_item("3", 1)) + p(r("ب"), p_pr=_item("3", 2)) + p(r("ج"), p_pr=_item("3", 1))
            + p(r("د"), p_pr=_item("3", 0)))
    blocks = _read(body, _levels("bullet", "bullet", "bullet")).document.blocks
    assert blocks == (ListBlock(False, (_lines("أ", "ب"), _lines("ج"), _lines("د"))),)


def test_each_word_list_is_its_own_list_even_of_one_kind() -> None:
    body = (p(r("أول"), p_pr=_item("3", 0)) + p(r("ثان"), p_pr=_item("3", 0))
            + p(r("واحد"), p_pr=_item("4", 0)) + p(r("اثنان"), p_pr=_item("4", 0)))
    blocks = _read(body, _levels("decimal", num_ids=("3", "4"))).document.blocks
    assert blocks == (ListBlock(True, (_lines("أول"), _lines("ثان")), "decimal"),
                      ListBlock(True, (_lines("واحد"), _lines("اثنان")), "decimal"))


# ---- number formats -----------------------------------------------------------------------------

@pytest.mark.parametrize(("number_format", "lang", "numbering_style", "warned"), [
    ("decimal", "ar", "decimal", False),
    ("hindiNumbers", "ur-PK", "persian", False),
    ("arabicAbjad", "ar", "arabic-indic", True),
    ("arabicAlpha", "fa-IR", "persian", True),
    ("hindiVowels", "ar", "arabic-indic", True),
    ("lowerLetter", "ar", "decimal", True),
    ("upperLetter", "ar", "decimal", True),
    ("lowerRoman", "ar", "decimal", True),
    ("upperRoman", "fa-IR", "decimal", True),
    ("decimalZero", "ar", "decimal", True),
    ("hebrew1", "ar", "decimal", True),
    ("chicago", "ar", "decimal", True),
    ("ordinalText", "ar", "decimal", True),
    ("decimalEnclosedCircle", "ar", "decimal", True),
])
def test_number_formats_read_as_the_closest_numbering(number_format: str, lang: str, numbering_style: str,
                                                      warned: bool) -> None:
    # Two lists in the same format: one warning for both.
    body = (p(r("البند الأول"), p_pr=_item("7", 0)) + p(r("البند الثاني"), p_pr=_item("7", 0)) + p(r("فاصل"))
            + p(r("بند آخر"), p_pr=_item("8", 0)))
    reading = _read(body, numbering(("7", number_format), ("8", number_format)), lang)
    assert reading.document.blocks == (
        ListBlock(True, (_lines("البند الأول"), _lines("البند الثاني")), numbering_style),
        Paragraph((Text("فاصل"),)), ListBlock(True, (_lines("بند آخر"),), numbering_style))
    shown = {"decimal": "1 2 3", "arabic-indic": "١ ٢ ٣", "persian": "۱ ۲ ۳"}[numbering_style]
    expected = (f"list numbering {number_format} read as {shown} (the closest kept)",) if warned else ()
    assert tuple(w for w in reading.warnings if not w.startswith("language:")) == expected


def test_a_level_numbered_with_none_is_no_list() -> None:
    body = p(r("سطر أول"), p_pr=_item("7", 0)) + p(r("سطر ثان"), p_pr=_item("7", 0))
    reading = _read(body, numbering(("7", "none")))
    assert reading.document.blocks == (Paragraph((Text("سطر أول"),)), Paragraph((Text("سطر ثان"),)))
    assert reading.warnings == ()


@pytest.mark.parametrize(("spelt", "numbering_style", "warned"), [
    ("۰۰۱, ۰۰۲, ۰۰۳, ...", "persian", False), ("١, ٢, ٣, ...", "arabic-indic", False),
    ("001, 002, 003, ...", "decimal", False), ("α, β, γ, ...", "decimal", True),
])
def test_word_2010_custom_formats_count_in_the_digits_they_spell(spelt: str, numbering_style: str,
                                                                 warned: bool) -> None:
    level = (f'<w:lvl w:ilvl="0"><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="w14">'
             f'<w:numFmt w:val="custom" w:format="{spelt}"/></mc:Choice><mc:Fallback>'
             '<w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent></w:lvl>')
    part = _xml("numbering", f'<w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>'
                             '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>')
    reading = _read(p(r("یکم"), p_pr=_item("3", 0)) + p(r("دوم"), p_pr=_item("3", 0)), part, "fa-IR")
    assert reading.document.blocks == (ListBlock(True, (_lines("یکم"), _lines("دوم")), numbering_style),)
    assert any("custom" in warning for warning in reading.warnings) is warned


# ---- real producers -----------------------------------------------------------------------------

_NESTED_HTML = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>قوائم</title>
</head><body><h1>قوائم متداخلة ٢٠٢٥</h1>
<ol><li>البند الأول<ul><li>فرعي أ</li><li>فرعي ب<ol type="i"><li>أعمق 7</li></ol></li></ul></li>
<li>البند الثاني</li></ol>
<ol type="a"><li>حرف أول</li><li>حرف ثان</li></ol>
<p>النهاية.</p></body></html>"""


def test_a_libreoffice_nested_list_in_arabic(tmp_path: Path) -> None:
    source = tmp_path / "nested.html"
    source.write_text(_NESTED_HTML, encoding="utf-8")
    subprocess.run([require_tool("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    reading = read_bytes((tmp_path / "nested.docx").read_bytes(), "nested.docx")
    assert reading.document.blocks == (
        ListBlock(True, (_lines("البند الأول", "فرعي أ", "فرعي ب", "أعمق 7"), _lines("البند الثاني")),
                  "decimal"),
        ListBlock(True, (_lines("حرف أول"), _lines("حرف ثان")), "decimal"),
        Paragraph((Text("النهاية."),)))
    assert f"3 {JOINED}" in reading.warnings
    assert "list numbering lowerLetter read as 1 2 3 (the closest kept)" in reading.warnings


def test_a_pandoc_nested_list_in_persian(tmp_path: Path) -> None:
    require(importlib.util.find_spec("pypandoc") is not None, "needs pypandoc-binary (the test extras)")
    import pypandoc

    markdown = ("---\ntitle: فهرست تو در تو ۱۴۰۳\nlang: fa-IR\n---\n\n"
                "1. مورد یکم\n    - زیرمورد الف\n    - زیرمورد ب\n2. مورد دوم\n\n"
                "پاراگراف میانی.\n\n"
                "i. رومی یکم\nii. رومی دوم\n")
    target = tmp_path / "nested.docx"
    pypandoc.convert_text(markdown, "docx", format="md", outputfile=str(target))
    reading = read_bytes(target.read_bytes(), target.name)
    assert reading.document.blocks == (
        ListBlock(True, (_lines("مورد یکم", "زیرمورد الف", "زیرمورد ب"), _lines("مورد دوم")), "decimal"),
        Paragraph((Text("پاراگراف میانی."),)),
        ListBlock(True, (_lines("رومی یکم"), _lines("رومی دوم")), "decimal"))
    assert f"2 {JOINED}" in reading.warnings
    assert "list numbering lowerRoman read as 1 2 3 (the closest kept)" in reading.warnings


# ---- VML pictures -------------------------------------------------------------------------------

def _png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 30)) -> bytes:
    out = BytesIO()
    PillowImage.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def _pict(imagedata: str, shape: str = "") -> str:
    return (f'<w:r><w:pict {VML}><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:30pt;height:22pt"'
            f" {shape}>{imagedata}</v:shape></w:pict></w:r>")


def _image_rel(rid: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{REL}/image" Target="{target}"{mode}/>'


def test_vml_pictures_read_as_figures_linked_ones_never_fetched(tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel.png"
    sentinel.write_bytes(_png((1, 2, 3)))
    red, blue = _png((200, 10, 10)), _png((10, 10, 200), (20, 60))
    body = (p(r("فقرة قبل الصور"))
            + p(_pict('<v:imagedata r:id="rIdV1" o:title="عنوان الصورة"/>',
                      'alt="خريطة حمراء &lt;/w:p&gt; 9"'))
            + p(_pict('<v:imagedata r:id="rIdV2" o:title="صورة زرقاء ۱۴۰۲"/>'))
            + p(_pict('<v:imagedata r:id="rIdV3"/>'))  # linked: an external relationship
            + p(_pict(f'<v:imagedata o:href="{sentinel.as_uri()}"/>'))  # linked: an address only
            + p(_pict('<v:imagedata r:id="rIdV4"/>'))  # not a picture: refused by the checks
            + p(f'<w:r><w:pict {VML}><v:shape id="box"><v:textbox/></v:shape></w:pict></w:r>')
            + p(r("فقرة بعد الصور")))
    rels = (_image_rel("rIdV1", "media/red.png") + _image_rel("rIdV2", "media/blue.png")
            + _image_rel("rIdV3", sentinel.as_uri(), external=True) + _image_rel("rIdV4", "media/bad.png"))
    data = make_docx(p(r("عنوان الصور القديمة")) + body, document_rels=rels,
                     extra={"word/media/red.png": red, "word/media/blue.png": blue,
                            "word/media/bad.png": b"<script>not a picture</script>"})
    reading = read_bytes(data, "vml.docx")
    blocks = reading.document.blocks
    figures = [block for block in blocks if isinstance(block, Figure)]
    assert [figure.alt for figure in figures] == ["خريطة حمراء </w:p> 9", "صورة زرقاء ۱۴۰۲"]
    assert [(figure.image.width, figure.image.height) for figure in figures] == [(40, 30), (20, 60)]
    assert [block.inlines for block in blocks if isinstance(block, Paragraph)] == [
        (Text("فقرة قبل الصور"),), (Text("فقرة بعد الصور"),)]
    assert sum("linked picture (never fetched)" in warning for warning in reading.warnings) == 2
    assert any("bad.png" in warning for warning in reading.warnings)
    assert "1 old-style picture(s) or embedded object(s) left out" in reading.warnings  # the text box
    assert all(sentinel.as_uri() not in str(figure) for figure in figures)


def test_a_vml_fallback_of_a_drawing_is_not_read_twice() -> None:
    drawing = ('<w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
               'wordprocessingDrawing"><wp:docPr id="1" name="p" descr="الصورة الحديثة"/><a:graphic '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><a:blip '
               f'xmlns:r="{REL}" r:embed="rIdV1"/></a:graphicData></a:graphic></wp:inline></w:drawing>')
    fallback = (f'<w:pict {VML}><v:shape id="s" alt="الصورة القديمة"><v:imagedata r:id="rIdV1"/>'
                "</v:shape></w:pict>")
    run = (f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps">{drawing}</mc:Choice>'
           f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>")
    data = make_docx(p(r("عنوان")) + p(r("نص.")) + p(run), document_rels=_image_rel("rIdV1", "media/a.png"),
                     extra={"word/media/a.png": _png((0, 120, 0))})
    reading = read_bytes(data, "fallback.docx")
    assert [block.alt for block in reading.document.blocks if isinstance(block, Figure)] == ["الصورة الحديثة"]


def test_a_joined_item_keeps_its_markup_and_round_trips(tmp_path: Path) -> None:
    """A nested item in bold after a plain one: the break between them, the
    bold kept; written back as DOCX and read again, the same list."""
    from convert.exporters import get_exporter
    from convert.model import Strong
    from convert.options import Options

    body = (p(r("أول"), p_pr=_item("3", 0)) + p(r("مهم جدا", "<w:b/><w:bCs/>"), p_pr=_item("3", 1))
            + p(r("بعده ٣"), p_pr=_item("3", 1)) + p(r("ثان"), p_pr=_item("3", 0)))
    document = _read(body, _levels("hindiNumbers", "bullet")).document
    expected = ListBlock(True, ((Text("أول\n"), Strong((Text("مهم جدا"),)), Text("\nبعده ٣")),
                                (Text("ثان"),)), "arabic-indic")
    assert document.blocks == (expected,)
    target = tmp_path / "again.docx"
    get_exporter("docx").export(document, target, Options())
    assert read_bytes(target.read_bytes(), target.name).document.blocks == (expected,)


# ---- levels numbered "none" inside a list --------------------------------------------------------

def _levels_with_override(*formats: str, overridden: str = "4", level: int = 0, value: str = "none") -> str:
    """_levels' abstract list for w:num 3, and w:num overridden on it whose level shows value."""
    levels = "".join(f'<w:lvl w:ilvl="{n}"><w:numFmt w:val="{fmt}"/></w:lvl>'
                     for n, fmt in enumerate(formats))
    override = (f'<w:num w:numId="{overridden}"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="{level}">'
                f'<w:lvl w:ilvl="{level}"><w:numFmt w:val="{value}"/></w:lvl></w:lvlOverride></w:num>')
    return _xml("numbering", f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
                             f'<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>{override}')


def test_an_unnumbered_level_inside_a_list_continues_the_item_above() -> None:
    """Word draws a "none" level's paragraph with no marker under the item: the
    item's second paragraph. The list goes on, so the next item is 2, not a new 1."""
    body = (p(r("البند الأول ١"), p_pr=_item("3", 0))
            + p(r("تتمة بلا رقم: Beirut 2024 و"), p_pr=_item("3", 1))
            + p(r("سطر ثالث ۱۴۰۲"), p_pr=_item("3", 1))
            + p(r("البند الثاني"), p_pr=_item("3", 0)) + p(r("بعد القائمة.")))
    reading = _read(body, _levels("hindiNumbers", "none"))
    assert reading.document.blocks == (
        ListBlock(True, (_lines("البند الأول ١", "تتمة بلا رقم: Beirut 2024 و", "سطر ثالث ۱۴۰۲"),
                         _lines("البند الثاني")), "arabic-indic"),
        Paragraph((Text("بعد القائمة."),)))
    assert reading.warnings == ()  # nothing lost: no nested item joined, no format approximated


def test_an_unnumbered_paragraph_keeps_its_markup_after_the_line_break() -> None:
    body = (p(r("أول"), p_pr=_item("3", 0)) + p(r("غامق &lt;/w:t&gt;", "<w:b/><w:bCs/>") + r(" ثم نص"),
                                                p_pr=_item("3", 1))
            + p(r("ثان"), p_pr=_item("3", 0)))
    blocks = _read(body, _levels("decimal", "none")).document.blocks
    assert blocks == (ListBlock(True, ((Text("أول\n"), Strong((Text("غامق </w:t>"),)), Text(" ثم نص")),
                                       _lines("ثان")), "decimal"),)


def test_another_lists_unnumbered_level_at_the_items_level_continues_it() -> None:
    """A "none" list of its own (w:num 4, by a w:lvlOverride) between the items
    of list 3: unnumbered paragraphs of the item above; list 3 goes on."""
    body = (p(r("يکم"), p_pr=_item("3", 0)) + p(r("ادامه بی‌شماره"), p_pr=_item("4", 0))
            + p(r("دوم"), p_pr=_item("3", 0)))
    reading = _read(body, _levels_with_override("decimal"), "fa-IR")
    assert reading.document.blocks == (ListBlock(True, (_lines("يکم", "ادامه بی‌شماره"), _lines("دوم")),
                                                 "decimal"),)


def test_an_unnumbered_level_after_a_nested_item_joins_the_same_item() -> None:
    body = (p(r("أ"), p_pr=_item("3", 0)) + p(r("فرعي"), p_pr=_item("3", 1))
            + p(r("تتمة"), p_pr=_item("3", 2)) + p(r("ب"), p_pr=_item("3", 0)))
    reading = _read(body, _levels("decimal", "bullet", "none"))
    expected = ListBlock(True, (_lines("أ", "فرعي", "تتمة"), _lines("ب")), "decimal")
    assert reading.document.blocks == (expected,)
    assert reading.warnings == (f"1 {JOINED}",)  # the nested item only


def test_an_unnumbered_level_above_the_list_ends_it() -> None:
    """An outline whose top level shows no number: its paragraph is outside the
    deeper list (Word restarts the deeper numbers after it), a paragraph of its own."""
    body = (p(r("بند أ"), p_pr=_item("3", 1)) + p(r("مدخل بلا رقم"), p_pr=_item("3", 0))
            + p(r("بند ب"), p_pr=_item("3", 1)))
    blocks = _read(body, _levels("none", "decimal")).document.blocks
    assert blocks == (ListBlock(True, (_lines("بند أ"),), "decimal"), Paragraph((Text("مدخل بلا رقم"),)),
                      ListBlock(True, (_lines("بند ب"),), "decimal"))


def test_an_unnumbered_level_with_no_list_open_is_a_paragraph_and_a_heading_stays_one() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
              '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>')
    body = (p(r("قبل القائمة"), p_pr=_item("3", 1)) + p(r("أول"), p_pr=_item("3", 0))
            + p(r("عنوان فرعي"), "Heading2", p_pr=_item("3", 1)) + p(r("ثان"), p_pr=_item("3", 0)))
    blocks = _read(body, _levels("decimal", "none"), styles=styles).document.blocks
    assert blocks == (Paragraph((Text("قبل القائمة"),)), ListBlock(True, (_lines("أول"),), "decimal"),
                      Heading(2, (Text("عنوان فرعي"),)), ListBlock(True, (_lines("ثان"),), "decimal"))


_UNNUMBERED_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>
<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1"
 style:num-suffix="."/><text:list-level-style-number text:level="2" style:num-format=""/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-format=""/>
<text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="."/></text:list-style>
</office:automatic-styles><office:body><office:text>
<text:p>قوائم بلا أرقام ٢٠٢٥</text:p><text:p>فقرة قبل القائمة.</text:p>
<text:list text:style-name="L1"><text:list-item><text:p>البند الأول</text:p><text:list><text:list-item>
<text:p>تتمة البند الأول بلا رقم</text:p></text:list-item></text:list></text:list-item>
<text:list-item><text:p>البند الثاني</text:p></text:list-item></text:list>
<text:p>فقرة بين القائمتين.</text:p>
<text:list text:style-name="L2"><text:list-item><text:list><text:list-item><text:p>بند أ</text:p>
</text:list-item></text:list></text:list-item><text:list-item><text:p>مدخل بلا رقم</text:p>
<text:list><text:list-item>
<text:p>بند ب</text:p></text:list-item></text:list></text:list-item></text:list>
</office:text></office:body></office:document>"""


def test_libreoffice_unnumbered_levels_read_as_it_draws_them(tmp_path: Path) -> None:
    """LibreOffice writes an ODF level with no number format as w:numFmt "none";
    its own PDF of that DOCX is the oracle: 1. / continuation / 2., then 1. /
    an unnumbered top-level paragraph / 1. again."""
    source = tmp_path / "unnumbered.fodt"
    source.write_text(_UNNUMBERED_FODT, encoding="utf-8")
    soffice = require_tool("soffice")
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo'}"
    subprocess.run([soffice, "--headless", profile, "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=300)
    docx = tmp_path / "unnumbered.docx"
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    str(docx)], check=True, capture_output=True, timeout=300)
    drawn = subprocess.run([require_tool("pdftotext"), str(tmp_path / "pdf" / "unnumbered.pdf"), "-"],
                           check=True, capture_output=True, text=True).stdout
    # Each line's marker (pdftotext wraps the lines in bidi controls), after the title's line.
    lines = [line for line in drawn.splitlines()[1:] if line.strip(_BIDI_CONTROLS + " \f")]
    markers = [re.findall(r"[0-9](?=\.)", line) for line in lines]
    assert markers == [[], ["1"], [], ["2"], [], ["1"], [], ["1"]], drawn
    blocks = read_bytes(docx.read_bytes(), docx.name).document.blocks
    assert blocks == (
        Paragraph((Text("فقرة قبل القائمة."),)),
        ListBlock(True, (_lines("البند الأول", "تتمة البند الأول بلا رقم"), _lines("البند الثاني")),
                  "decimal"),
        Paragraph((Text("فقرة بين القائمتين."),)),
        ListBlock(True, (_lines("بند أ"),), "decimal"), Paragraph((Text("مدخل بلا رقم"),)),
        ListBlock(True, (_lines("بند ب"),), "decimal"))

"""DOCX: the produced file, read back as Word, python-docx and LibreOffice see it.

Every document is built once per module; LibreOffice renders the three that
need a real client in one conversion, with Amiri hidden from its font
configuration so that only the fonts embedded in the DOCX can supply it.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree

from convert.errors import ThemeError
from convert.exporters.docx.fonts import key_bytes, obfuscate, os2_fields
from convert.exporters.docx.oxml import set_table_bidi_visual
from convert.exporters.docx.page import FOOTER_DISTANCE_MM, HEADER_DISTANCE_MM
from convert.exporters.docx.script import split_runs
from convert.fonts import family_faces
from convert.model import Quote
from convert.options import Options
from convert.theme import load_theme
from tests.conftest import (
    FIXTURES,
    MIXED,
    SEED,
    environment_without_amiri,
    export,
    libreoffice_pdfs,
    load,
    require_tool,
    run_cli,
    source_texts,
    squash,
)

MARKUP = FIXTURES / "docx" / "markup.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
KASHIDA_GLYPHS = re.compile(r"(?<=[\u0621-\u064a])[<\u0640]+(?=[\u0621-\u064a])")
POINTS_PER_MM = 72 / 25.4
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def text_runs(paragraph: etree._Element) -> list[etree._Element]:
    return [run for run in paragraph.iter(w("r")) if run.find(w("t")) is not None]


def has_rtl(run: etree._Element) -> bool:
    return run.find("w:rPr/w:rtl", NS) is not None


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, f"no style {style_id}"
    return found


def story_parts(path: Path) -> list[str]:
    """document.xml and every header and footer part."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    stories = sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d+\.xml", n))
    return ["word/document.xml", *stories]


def referenced_part(path: Path, kind: str, which: str) -> etree._Element:
    """The header or footer the section uses for "default" or "first" pages."""
    sect_pr = part(path, "word/document.xml").find("w:body/w:sectPr", NS)
    reference = sect_pr.find(f"w:{kind}Reference[@w:type='{which}']", NS)
    rels = part(path, "word/_rels/document.xml.rels")
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == reference.get(f"{{{R}}}id"))
    return part(path, f"word/{target}")


# -- building -------------------------------------------------------------------

@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module")
def seed_docx(out_dir: Path) -> Path:
    return export("docx", SEED, out_dir / "seed.docx")


@pytest.fixture(scope="module")
def mixed_docx(out_dir: Path) -> Path:
    return export("docx", MIXED, out_dir / "mixed.docx")


@pytest.fixture(scope="module")
def markup_docx(out_dir: Path) -> Path:
    return export("docx", MARKUP, out_dir / "markup.docx")


@pytest.fixture(scope="module")
def variant_theme(tmp_path_factory: pytest.TempPathFactory):
    """A theme that changes every DOCX-relevant text rule and turns embedding off."""
    path = tmp_path_factory.mktemp("theme") / "gulf.toml"
    path.write_text(
        '[text]\nlanguage = "ar-AE"\ndigits = "latin"\njustify = "mediumKashida"\n'
        '[page]\nsize = "A5"\n[embed]\nfonts = false\n',
        encoding="utf-8",
    )
    return load_theme(str(path))


@pytest.fixture(scope="module")
def variant_docx(out_dir: Path, variant_theme) -> Path:
    return export("docx", MIXED, out_dir / "variant.docx", Options(theme=variant_theme))


@pytest.fixture(scope="module")
def undisclaimed_docx(out_dir: Path) -> Path:
    return export("docx", MIXED, out_dir / "undisclaimed.docx", Options(footer=False))


# -- right to left everywhere ---------------------------------------------------------

@pytest.mark.parametrize("which", ["seed_docx", "mixed_docx"])
def test_section_is_right_to_left_with_title_page(which: str, request: pytest.FixtureRequest) -> None:
    sect_pr = part(request.getfixturevalue(which), "word/document.xml").find("w:body/w:sectPr", NS)
    for tag in ("bidi", "rtlGutter", "titlePg"):
        assert sect_pr.find(w(tag)) is not None, tag
    assert sect_pr.find("w:pgNumType", NS).get(w("fmt")) == "hindiNumbers"


@pytest.mark.parametrize("which", ["seed_docx", "mixed_docx"])
def test_every_paragraph_of_every_story_is_bidi(which: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(which)
    for name in story_parts(path):
        paragraphs = list(part(path, name).iter(w("p")))
        assert paragraphs, name
        for paragraph in paragraphs:
            assert paragraph.find("w:pPr/w:bidi", NS) is not None, f"{name}: {text_of(paragraph)!r}"


def test_every_paragraph_style_and_the_defaults_are_bidi(mixed_docx: Path) -> None:
    styles = part(mixed_docx, "word/styles.xml")
    assert styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:bidi", NS) is not None
    paragraph_styles = styles.findall("w:style[@w:type='paragraph']", NS)
    assert len(paragraph_styles) >= 10
    for paragraph_style in paragraph_styles:
        assert paragraph_style.find("w:pPr/w:bidi", NS) is not None, paragraph_style.get(w("styleId"))


def test_arabic_runs_are_rtl_and_latin_runs_are_not(mixed_docx: Path) -> None:
    body = part(mixed_docx, "word/document.xml").find("w:body", NS)
    arabic = latin = 0
    for run in (run for p in body.iter(w("p")) for run in text_runs(p)):
        text = text_of(run)
        if ARABIC.search(text):
            arabic += 1
            assert has_rtl(run), text
        elif LATIN_OR_DIGIT.search(text):
            latin += 1
            assert not has_rtl(run), text
    assert arabic > 10 and latin > 10


def test_latin_words_and_numbers_are_runs_of_their_own(mixed_docx: Path) -> None:
    body = part(mixed_docx, "word/document.xml").find("w:body", NS)
    ltr_runs = {text_of(run) for p in body.iter(w("p")) for run in text_runs(p) if not has_rtl(run)}
    # UAX #9: the % after a number that follows Arabic resolves right to left.
    for expected in ("COVID-19", "F-16", "2011", "10", "editor@example.com", "0096650123456", "2021-03-15"):
        assert expected in ltr_runs


def test_run_texts_in_order_rebuild_each_paragraph(mixed_docx: Path) -> None:
    body = part(mixed_docx, "word/document.xml").find("w:body", NS)
    rebuilt = ["".join(text_of(run) for run in text_runs(p)) for p in body.iter(w("p"))]
    assert rebuilt == source_texts(load(MIXED))[:-1]


def test_inline_quotation_runs_take_the_quote_character_styles(mixed_docx: Path) -> None:
    """The quoted text in Quote Char, its marks in Quote Mark: styled apart, as
    the PDF and the EPUB colour only the marks (theme [text] quotation)."""
    body = part(mixed_docx, "word/document.xml").find("w:body", NS)

    def styled(style_id: str) -> str:
        return "".join(text_of(run) for run in body.iter(w("r"))
                       if run.find(f"w:rPr/w:rStyle[@w:val='{style_id}']", NS) is not None)

    inlines = [inline for block in load(MIXED).blocks for inline in _inlines(block)]
    quotes = [inline for inline in inlines if isinstance(inline, Quote)]
    assert styled("QuoteChar") == "".join(quote.text for quote in quotes)
    assert styled("QuoteMark") == "".join(quote.open_mark + quote.close_mark for quote in quotes)
    styles = part(mixed_docx, "word/styles.xml")
    accent = load_theme().colors.accent.lstrip("#").upper()
    assert style(styles, "QuoteMark").find("w:rPr/w:color", NS).get(w("val")) == accent
    assert style(styles, "QuoteChar").find("w:rPr/w:color", NS) is None


def _inlines(block) -> Iterator:
    if hasattr(block, "inlines"):
        yield from block.inlines
    for paragraph in getattr(block, "paragraphs", ()):
        yield from paragraph.inlines
    for item in getattr(block, "items", ()):
        yield from item


def test_complex_script_twins_on_defaults_and_styles(mixed_docx: Path) -> None:
    styles = part(mixed_docx, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    carriers = [("docDefaults", defaults)] + [
        (s.get(w("styleId")), s.find("w:rPr", NS)) for s in styles.findall("w:style", NS)
        if s.find("w:rPr", NS) is not None
    ]
    assert len(carriers) >= 12
    for name, r_pr in carriers:
        fonts = r_pr.find("w:rFonts", NS)
        assert fonts.get(w("cs")) == "Amiri" and fonts.get(w("ascii")) == "Amiri", name
        assert r_pr.find("w:szCs", NS).get(w("val")) == r_pr.find("w:sz", NS).get(w("val")), name
        assert r_pr.find("w:lang", NS).get(w("bidi")) == "ar-SA", name
        if r_pr.find("w:b", NS) is not None:
            assert r_pr.find("w:bCs", NS) is not None, name


def test_typing_defaults_are_the_theme_font_and_size(mixed_docx: Path) -> None:
    defaults = part(mixed_docx, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:szCs", NS).get(w("val")) == "28"  # 14 pt body size
    assert defaults.find("w:rFonts", NS).get(w("cs")) == "Amiri"


def test_table_helper_puts_bidi_visual_in_schema_order() -> None:
    table = docx.Document().add_table(rows=2, cols=2)
    tbl_pr = table._tbl.tblPr
    set_table_bidi_visual(tbl_pr)
    names = [etree.QName(child).localname for child in tbl_pr]
    assert "bidiVisual" in names
    assert names.index("bidiVisual") < names.index("tblW")
    set_table_bidi_visual(tbl_pr)
    assert [etree.QName(child).localname for child in tbl_pr].count("bidiVisual") == 1


def test_default_table_style_reads_right_to_left(mixed_docx: Path) -> None:
    table_style = style(part(mixed_docx, "word/styles.xml"), "TableNormal")
    assert table_style.get(w("default")) == "1"
    assert table_style.find("w:tblPr/w:bidiVisual", NS) is not None


# -- splitting text by script -------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("في عام 2011 ارتفعت", [("في عام ", True), ("2011", False), (" ارتفعت", True)]),
    ("بنسبة 10% خلال", [("بنسبة ", True), ("10", False), ("% خلال", True)]),
    ("في 2024-03-15 حدث", [("في ", True), ("2024", False), ("-", True), ("03", False), ("-", True),
                           ("15", False), (" حدث", True)]),
    ("طائرات F-16 وصلت", [("طائرات ", True), ("F-16", False), (" وصلت", True)]),
    ("مثل NATO.", [("مثل ", True), ("NATO", False), (".", True)]),
    ("(NATO) و New York", [("(", True), ("NATO", False), (") و ", True), ("New York", False)]),
    ("عام 2011، ثم", [("عام ", True), ("2011", False), ("، ثم", True)]),
    ("كلمة عربية فقط", [("كلمة عربية فقط", True)]),
])
def test_split_runs(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(run.text, run.rtl) for run in split_runs([(text, "")])] == expected


def test_split_runs_keeps_piece_tags_and_sees_across_pieces() -> None:
    runs = split_runs([("قال ", ""), ("“COVID-19”", "quote"), (" اليوم", "")])
    assert [(r.text, r.rtl, r.tag) for r in runs] == [
        ("قال ", True, ""), ("“", True, "quote"), ("COVID-19", False, "quote"),
        ("”", True, "quote"), (" اليوم", True, ""),
    ]


# -- structure and look ---------------------------------------------------------------

def test_paragraphs_use_named_styles(mixed_docx: Path) -> None:
    body = part(mixed_docx, "word/document.xml").find("w:body", NS)
    used = [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in body.iter(w("p"))]
    assert used[:3] == ["Title", "Byline", "Byline"]
    assert {"Normal", "Heading1", "Quote", "ListParagraph"} <= set(used)
    for run in body.iter(w("r")):
        r_pr = run.find("w:rPr", NS)
        names = {etree.QName(child).localname for child in r_pr} if r_pr is not None else set()
        assert names <= {"rtl", "rStyle"}, "direct run formatting besides rtl and a character style"


def test_headings_have_outline_levels(mixed_docx: Path) -> None:
    styles = part(mixed_docx, "word/styles.xml")
    for level in (1, 2, 3):
        heading = style(styles, f"Heading{level}")
        assert heading.find("w:name", NS).get(w("val")) == f"heading {level}"
        assert heading.find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)


def test_body_is_justified_and_block_quotes_are_set_in_from_the_right(mixed_docx: Path) -> None:
    styles = part(mixed_docx, "word/styles.xml")
    assert style(styles, "Normal").find("w:pPr/w:jc", NS).get(w("val")) == "both"
    indent = style(styles, "Quote").find("w:pPr/w:ind", NS)
    assert int(indent.get(w("start"))) > 0 and int(indent.get(w("end"))) == 0
    assert style(styles, "QuoteChar").get(w("type")) == "character"


def test_theme_colours_fonts_and_spacing_reach_the_styles(mixed_docx: Path) -> None:
    theme = Options().theme
    styles = part(mixed_docx, "word/styles.xml")
    title = style(styles, "Title")
    assert title.find("w:rPr/w:color", NS).get(w("val")) == theme.colors.accent.lstrip("#").upper()
    assert title.find("w:rPr/w:szCs", NS).get(w("val")) == str(round(theme.fonts.title_size_pt * 2))
    spacing = style(styles, "Normal").find("w:pPr/w:spacing", NS)
    assert spacing.get(w("line")) == str(round(theme.fonts.size_pt * theme.fonts.line_height * 20))
    muted = theme.colors.muted.lstrip("#").upper()
    assert style(styles, "Disclaimer").find("w:rPr/w:color", NS).get(w("val")) == muted


def test_lists_are_right_to_left_numbered_paragraphs(mixed_docx: Path) -> None:
    body = part(mixed_docx, "word/document.xml").find("w:body", NS)
    items = [p for p in body.iter(w("p")) if p.find("w:pPr/w:numPr", NS) is not None]
    assert [text_of(p) for p in items] == [
        "البند الأول عن الاقتصاد", "البند الثاني عن الصحة", "البند الثالث عن التعليم",
    ]
    num_id = items[0].find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
    numbering = part(mixed_docx, "word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
    abstract = numbering.find(
        f"w:abstractNum[@w:abstractNumId='{num.find('w:abstractNumId', NS).get(w('val'))}']", NS)
    level = abstract.find("w:lvl", NS)
    assert level.find("w:numFmt", NS).get(w("val")) == "bullet"
    assert level.find("w:pPr/w:bidi", NS) is not None


def test_page_size_and_margins_come_from_the_theme(seed_docx: Path, variant_docx: Path) -> None:
    theme = Options().theme
    sect_pr = part(seed_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    size, margins = sect_pr.find("w:pgSz", NS), sect_pr.find("w:pgMar", NS)
    twips = lambda mm: round(mm / 25.4 * 1440)  # noqa: E731
    assert abs(int(size.get(w("w"))) - twips(theme.page.size_mm[0])) <= 1
    assert abs(int(size.get(w("h"))) - twips(theme.page.size_mm[1])) <= 1
    assert abs(int(margins.get(w("right"))) - twips(theme.page.margin_inner_mm)) <= 1
    assert abs(int(margins.get(w("left"))) - twips(theme.page.margin_outer_mm)) <= 1
    a5 = part(variant_docx, "word/document.xml").find("w:body/w:sectPr/w:pgSz", NS)
    assert abs(int(a5.get(w("w"))) - twips(148)) <= 1


def test_theme_language_digits_and_kashida_are_followed(variant_docx: Path) -> None:
    styles = part(variant_docx, "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(w("bidi")) == "ar-AE"
    assert style(styles, "Normal").find("w:pPr/w:jc", NS).get(w("val")) == "mediumKashida"
    sect_pr = part(variant_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    assert sect_pr.find("w:pgNumType", NS).get(w("fmt")) == "decimal"


# -- header and footer ------------------------------------------------------------------

@pytest.mark.parametrize("which", ["default", "first"])
def test_footer_has_disclaimer_then_page_field(which: str, seed_docx: Path) -> None:
    footer = referenced_part(seed_docx, "footer", which)
    paragraphs = footer.findall("w:p", NS)
    assert text_of(paragraphs[0]) == load(SEED).meta.disclaimer
    assert paragraphs[0].find("w:pPr/w:pStyle", NS).get(w("val")) == "Disclaimer"
    instructions = "".join(t.text for t in paragraphs[-1].iter(w("instrText")))
    assert instructions.split() == ["PAGE"]
    kinds = [c.get(w("fldCharType")) for c in paragraphs[-1].iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_footer_without_disclaimer_still_numbers_pages(undisclaimed_docx: Path) -> None:
    for which in ("default", "first"):
        footer = referenced_part(undisclaimed_docx, "footer", which)
        assert all(p.find("w:pPr/w:pStyle", NS).get(w("val")) != "Disclaimer" for p in footer.iter(w("p")))
        assert "PAGE" in "".join(t.text for t in footer.iter(w("instrText")))
        assert "تنويه" not in text_of(footer)


def test_running_title_header_from_page_two(seed_docx: Path) -> None:
    assert text_of(referenced_part(seed_docx, "header", "default")) == load(SEED).meta.title
    first = referenced_part(seed_docx, "header", "first")
    assert text_of(first) == ""
    assert first.find("w:p/w:pPr/w:bidi", NS) is not None


# -- reading back ---------------------------------------------------------------------------

@pytest.mark.parametrize(("which", "source"),
                         [("seed_docx", SEED), ("mixed_docx", MIXED), ("markup_docx", MARKUP)])
def test_python_docx_reads_back_the_source(which: str, source: Path, request: pytest.FixtureRequest) -> None:
    word = docx.Document(str(request.getfixturevalue(which)))
    expected = source_texts(load(source))
    assert [p.text for p in word.paragraphs] == expected[:-1]
    assert word.sections[0].footer.paragraphs[0].text == expected[-1]


def test_core_properties(mixed_docx: Path) -> None:
    properties = docx.Document(str(mixed_docx)).core_properties
    meta = load(MIXED).meta
    # The article's language tag, as the EPUB's dc:language and the PDF's /Lang carry it.
    assert (properties.title, properties.author, properties.language) == (meta.title, meta.author, meta.lang)
    assert properties.created is not None and properties.created == properties.modified


def test_a_title_too_long_for_core_properties_is_shortened_there_only(tmp_path: Path) -> None:
    title = " ".join(["عنوان"] * 45)  # 269 characters: core properties hold 255, the page shows 300
    source = tmp_path / "long.txt"
    source.write_text(f"{title}\n\nفقرة قصيرة.\n", encoding="utf-8")
    word = docx.Document(str(export("docx", source, tmp_path / "long.docx")))
    assert word.paragraphs[0].text == title
    shortened = word.core_properties.title
    assert len(shortened) <= 255 and shortened.endswith("…") and title.startswith(shortened[:-1])


def test_markup_in_an_article_stays_literal_text(markup_docx: Path) -> None:
    with zipfile.ZipFile(markup_docx) as package:
        names = [name for name in package.namelist() if name.endswith((".xml", ".rels"))]
        everything = b"".join(package.read(name) for name in names)
    document = part(markup_docx, "word/document.xml")
    text = text_of(document)
    for literal in ("<script>alert('x')</script>", "&amp;", "<img src='file:///etc/passwd'>", "<b>وسم</b>"):
        assert literal in text
    # The one link is the bare address typed inside the <a> (linked as any bare
    # http address is); the tag around it stays text.
    links = document.findall(".//w:hyperlink", NS)
    assert ["".join(link.itertext()) for link in links] == ["http://example.com"]
    assert document.find(".//w:drawing", NS) is None
    assert b"<script" not in everything and b'Target="file:' not in everything


# -- fonts and the package ------------------------------------------------------------------

def test_fonts_are_embedded_obfuscated_as_ecma_376_describes(mixed_docx: Path) -> None:
    faces = family_faces("Amiri")
    table = part(mixed_docx, "word/fontTable.xml")
    rels = {rel.get("Id"): rel for rel in part(mixed_docx, "word/_rels/fontTable.xml.rels")}
    content_types = part(mixed_docx, "[Content_Types].xml")
    font = table.find("w:font[@w:name='Amiri']", NS)
    embedded = {"embedRegular": "Regular", "embedBold": "Bold"}
    with zipfile.ZipFile(mixed_docx) as package:
        for tag, face in embedded.items():
            embed = font.find(f"w:{tag}", NS)
            rel = rels[embed.get(f"{{{R}}}id")]
            assert rel.get("Type").endswith("/relationships/font")
            name = "word/" + rel.get("Target")
            stored = package.read(name)
            assert stored != faces[face].read_bytes()  # really obfuscated
            assert obfuscate(stored, embed.get(w("fontKey"))) == faces[face].read_bytes()
            declared = content_types.find(f"{{*}}Override[@PartName='/{name}']")
            assert declared.get("ContentType") == OBFUSCATED_FONT
    assert part(mixed_docx, "word/settings.xml").find("w:embedTrueTypeFonts", NS) is not None


@pytest.mark.parametrize("face", ["Regular", "Bold", "Italic", "BoldItalic"])
def test_font_table_reads_the_os2_fields_fonttools_reads(mixed_docx: Path, face: str) -> None:
    from fontTools.ttLib import TTFont

    path = family_faces("Amiri")[face]
    os2 = TTFont(path, lazy=True)["OS/2"]
    panose = os2.panose
    fields = os2_fields(path)
    assert fields.panose == bytes([panose.bFamilyType, panose.bSerifStyle, panose.bWeight,
                                   panose.bProportion, panose.bContrast, panose.bStrokeVariation,
                                   panose.bArmStyle, panose.bLetterForm, panose.bMidline, panose.bXHeight])
    assert fields.unicode_ranges == (os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3,
                                     os2.ulUnicodeRange4)
    assert fields.code_pages == (os2.ulCodePageRange1, os2.ulCodePageRange2)
    if face == "Regular":  # and so the font table says
        font = part(mixed_docx, "word/fontTable.xml").find("w:font[@w:name='Amiri']", NS)
        assert font.find("w:panose1", NS).get(w("val")) == fields.panose.hex().upper()
        assert font.find("w:sig", NS).get(w("usb0")) == f"{os2.ulUnicodeRange1:08X}"


# A font file holding one table, OS/2 version 0 (78 bytes: no code page ranges).
_OS2_VERSION_0 = (b"\x00\x01\x00\x00" + struct.pack(">HHHH", 1, 16, 0, 0)
                  + b"OS/2" + struct.pack(">III", 0, 28, 78) + bytes(78))


@pytest.mark.parametrize(("data", "problem"), [
    (b"<html>not a font</html>", "not a TrueType or OpenType font"),
    (b"\x00\x01\x00\x00\x00\x00" + bytes(6), "not a TrueType or OpenType font"),  # no tables
    (_OS2_VERSION_0, "too old or cut short"),
])
def test_a_font_without_a_readable_os2_table_is_a_theme_error(tmp_path: Path, data: bytes,
                                                               problem: str) -> None:
    broken = tmp_path / "Broken-Regular.ttf"
    broken.write_bytes(data)
    with pytest.raises(ThemeError, match=problem):
        os2_fields(broken)


def test_obfuscation_key_is_the_guid_read_backwards() -> None:
    key = key_bytes("{B03B02B0-0B16-0EF8-0B31-82D0A1AB3A46}")
    assert key[:4] == bytes.fromhex("463AABA1") and key[-2:] == bytes.fromhex("3BB0")
    font = bytes(range(40))
    hidden = obfuscate(font, "{B03B02B0-0B16-0EF8-0B31-82D0A1AB3A46}")
    assert hidden[0] == 0x46 and hidden[16] == 16 ^ 0x46 and hidden[32:] == font[32:]


def test_no_fonts_are_embedded_when_the_theme_says_so(variant_docx: Path) -> None:
    with zipfile.ZipFile(variant_docx) as package:
        assert not [n for n in package.namelist() if n.endswith(".odttf")]
    assert part(variant_docx, "word/settings.xml").find("w:embedTrueTypeFonts", NS) is None


def test_reproducible_builds_are_byte_identical(tmp_path: Path) -> None:
    environment = {"SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for run in ("one", "two"):
        result = run_cli(str(SEED), "--to", "docx", "-o", str(tmp_path / run), env=environment)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / run / "iran-and-al-qaeda.docx").read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "one" / "iran-and-al-qaeda.docx") as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert package.namelist()[0] == "[Content_Types].xml"
    properties = docx.Document(str(tmp_path / "one" / "iran-and-al-qaeda.docx")).core_properties
    assert properties.created == datetime.fromtimestamp(1700000000, tz=UTC)


# -- a real client: LibreOffice --------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, seed_docx: Path, mixed_docx: Path,
             variant_docx: Path) -> dict[str, Path]:
    """LibreOffice's PDF of each document, from one conversion without Amiri installed."""
    require_tool("soffice")
    require_tool("pdftotext")  # poppler-utils: the tests read LibreOffice's PDF with it
    folder = tmp_path_factory.mktemp("libreoffice")
    environment = environment_without_amiri(folder)
    installed = subprocess.run(["fc-list"], capture_output=True, text=True, env=environment).stdout
    assert "amiri" not in installed.lower(), "Amiri must come only from the DOCX"
    # LibreOffice keeps a document's embedded fonts registered for the rest of
    # the process: the file without embedded fonts goes first, so nothing
    # can lend it Amiri.
    sources = {"variant": variant_docx, "seed": seed_docx, "mixed": mixed_docx}
    rendered = libreoffice_pdfs(list(sources.values()), folder, env=environment)
    return dict(zip(sources, rendered, strict=True))


def _page_count(pdf: Path) -> int:
    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def _band_text(pdf: Path, page: int, top_pt: float, bottom_pt: float) -> str:
    """pdftotext of one page between two heights (points from the top), bidi marks removed."""
    with pdfplumber.open(pdf) as document:
        width = float(document.pages[page - 1].width)
    return band_text(pdf, page, width, top_pt, bottom_pt)


def band_text(pdf: Path, page: int, width: float, top_pt: float, bottom_pt: float) -> str:
    """_band_text for a page whose width is known already."""
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y", str(int(top_pt)),
         "-W", str(int(width)), "-H", str(int(bottom_pt - top_pt)), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    return BIDI_CONTROLS.sub("", text)


def _body_band(pdf: Path) -> tuple[float, float]:
    """Between the running header and the top margin, and the bottom margin and the footer."""
    page = Options().theme.page
    with pdfplumber.open(pdf) as document:
        height = float(document.pages[0].height)
    top = (HEADER_DISTANCE_MM + page.margin_top_mm) / 2 * POINTS_PER_MM
    footer_top_mm = FOOTER_DISTANCE_MM + 9  # two 9 pt footer lines
    bottom = height - (footer_top_mm + page.margin_bottom_mm) / 2 * POINTS_PER_MM
    return top, bottom


def _body_text(pdf: Path) -> str:
    """The text between header and footer on every page, kashida glyphs dropped.

    pdftotext, not pypdf: LibreOffice writes Amiri's ligatures with
    /ActualText, which pypdf ignores, scrambling the word order. The tatweel
    glyphs LibreOffice adds to justify Arabic lines come out as "<" or U+0640
    between two letters; they are drawing, not text.
    """
    top, bottom = _body_band(pdf)
    text = "".join(_band_text(pdf, page, top, bottom) for page in range(1, _page_count(pdf) + 1))
    return KASHIDA_GLYPHS.sub("", text)


def test_libreoffice_text_is_the_source_in_logical_order(rendered: dict[str, Path]) -> None:
    assert squash(_body_text(rendered["seed"])) == squash("".join(source_texts(load(SEED))[:-1]))


def test_libreoffice_mixed_text_keeps_every_word_in_order(rendered: dict[str, Path]) -> None:
    # Around Latin words and numbers pdftotext guesses where a neutral sign
    # (%, a full stop, a colon) belongs, so the words are compared, in order.
    words = re.compile(r"[\u0621-\u064a]+|[A-Za-z0-9](?:[A-Za-z0-9@.-]*[A-Za-z0-9])?")
    expected = words.findall(" ".join(source_texts(load(MIXED))[:-1]))
    assert words.findall(_body_text(rendered["mixed"])) == expected


def test_libreoffice_disclaimer_in_bottom_band_of_every_page(rendered: dict[str, Path]) -> None:
    pdf = rendered["seed"]
    disclaimer = squash(load(SEED).meta.disclaimer)
    with pdfplumber.open(pdf) as document:
        pages = len(document.pages)
        height = float(document.pages[0].height)
        bands = [
            [c for c in page.chars if c["top"] > height * 0.86 and c["text"].strip()]
            for page in document.pages
        ]
    assert pages >= 3
    for number, chars in enumerate(bands, start=1):
        assert len(chars) >= len(disclaimer) * 0.9, f"page {number}: footer text missing"
        assert disclaimer in squash(_band_text(pdf, number, height * 0.86, height)), f"page {number}"


def test_libreoffice_body_lines_end_flush_at_the_right_margin(rendered: dict[str, Path]) -> None:
    pdf = rendered["seed"]
    right_margin = Options().theme.page.margin_inner_mm * POINTS_PER_MM
    top, bottom = _body_band(pdf)
    with pdfplumber.open(pdf) as document:
        width = float(document.pages[0].width)
        lines: dict[tuple[int, int], list[dict]] = {}
        for number, page in enumerate(document.pages):
            for char in page.chars:
                if top < char["top"] < bottom and char["text"].strip():
                    lines.setdefault((number, round(char["top"] / 3)), []).append(char)
    edges = [max(c["x1"] for c in chars) for chars in lines.values() if len(chars) >= 15]
    assert len(edges) > 30
    flush = [edge for edge in edges if abs(edge - (width - right_margin)) <= 2]
    assert len(flush) / len(edges) >= 0.95


def test_libreoffice_shows_embedded_amiri(rendered: dict[str, Path]) -> None:
    for name, expect_amiri in (("seed", True), ("mixed", True), ("variant", False)):
        listing = subprocess.run(["pdffonts", str(rendered[name])], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
        amiri = [line for line in listing if "Amiri" in line.split()[0]]
        assert bool(amiri) == expect_amiri, (name, listing)
        assert all(line.split()[-5] == "yes" for line in amiri)


def test_libreoffice_numbers_every_page(rendered: dict[str, Path]) -> None:
    pdf = rendered["seed"]
    with pdfplumber.open(pdf) as document:
        height = float(document.pages[0].height)
    for number in range(1, _page_count(pdf) + 1):
        footer = squash(_band_text(pdf, number, height * 0.86, height))
        digits = re.sub(r"[^0-9\u0660-\u0669]", "", footer.replace(squash(load(SEED).meta.disclaimer), ""))
        assert digits.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")) == str(number)


@pytest.mark.xfail(strict=True, reason="LibreOffice 7.4 imports w:pgNumType fmt=hindiNumbers as "
                   "Latin digits; Word shows Arabic-Indic ones")
def test_libreoffice_page_numbers_are_arabic_indic(rendered: dict[str, Path]) -> None:
    pdf = rendered["seed"]
    with pdfplumber.open(pdf) as document:
        height = float(document.pages[0].height)
    footer = _band_text(pdf, 1, height * 0.86, height)
    assert "١" in footer and "1" not in footer


def test_each_article_starts_from_an_untouched_template(tmp_path: Path) -> None:
    """Articles are written on copies of one parsed template: what one article
    writes never shows up in the next (the same bytes as from a new exporter)."""
    from convert.exporters.docx.exporter import DocxExporter

    options = Options(created=datetime(2023, 11, 14, tzinfo=UTC))
    seed, mixed = load(SEED), load(MIXED)
    shared = DocxExporter()
    for name, doc in (("seed-1", seed), ("mixed", mixed), ("seed-2", seed)):
        shared.export(doc, tmp_path / f"{name}.docx", options)
    DocxExporter().export(seed, tmp_path / "fresh.docx", options)
    fresh = (tmp_path / "fresh.docx").read_bytes()
    assert (tmp_path / "seed-1.docx").read_bytes() == fresh
    assert (tmp_path / "seed-2.docx").read_bytes() == fresh
    assert (tmp_path / "mixed.docx").read_bytes() != fresh

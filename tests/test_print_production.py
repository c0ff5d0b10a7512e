"""Print production: PDF/X-4 and PDF/X-1a as a print shop's preflight reads them.

A preflight checks, and so do these tests, on the files read back with pypdf
and poppler (pdfinfo, pdffonts, pdftoppm): the output intent (/GTS_PDFX, an
embedded CMYK ICC profile, a named printing condition), the PDF/X version in
the Info dictionary and the XMP, a TrimBox on every page and a BleedBox that
is the trim plus --bleed, crop marks outside the bleed, every font embedded,
and every colour operator of every content stream (pages, form XObjects,
annotation appearances) in CMYK or grey, no RGB colour space anywhere, no
image, no transparency in PDF/X-1a. The screen formats keep the theme's RGB.

No PDF/X validator is packaged for Debian or PyPI (veraPDF checks PDF/A and
PDF/UA only), so the oracle is this list of checks on what pypdf and poppler
read, and Ghostscript separating the inks as a RIP would.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, export, load, require_tool, run_cli
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject

from convert.errors import ConvertError, ThemeError, UsageError
from convert.exporters.pdf.exporter import PdfExporter
from convert.exporters.pdf.output_intent import DEFAULT_PROFILE, output_intent, rgb_to_cmyk
from convert.exporters.pdf.print_production import CROP_LENGTH_MM, CROP_OFFSET_MM
from convert.exporters.pdf.style import pdfx_values, print_values
from convert.font_subset import font_characters
from convert.fonts import find_fallback_font
from convert.model import Book
from convert.options import Options
from convert.theme import load_theme, parse_cmyk

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
BOOK = [FIXTURES / "book" / name for name in ("one.txt", "two.txt", "three.txt")]
SYMBOLS = "عنوان فيه رموز\n\nوجه 😀 ونجمة ★ وسهم ➜ وهاتف ☎ في نص عربي.\n"
# Colour operators and the colour spaces a print PDF may name.
RGB_OPERATORS = {b"rg", b"RG"}
SET_SPACE = {b"cs", b"CS"}
SET_COLOUR = {b"sc", b"scn", b"SC", b"SCN"}
COMPONENTS = {"/DeviceCMYK": 4, "/DeviceGray": 1}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """built(name, source, **options) -> the PDF, exported once per module."""
    folder = tmp_path_factory.mktemp("pdfx")
    made: dict[tuple, Path] = {}

    def make(source: Path, **changes) -> Path:
        key = (source, tuple(sorted(changes.items())))
        if key not in made:
            made[key] = export("pdf", source, folder / f"{source.stem}-{len(made)}.pdf", Options(**changes))
        return made[key]

    return make


@pytest.fixture(scope="module")
def x4(built) -> Path:
    return built(SEED, pdf_variant="pdf/x-4", bleed_mm=3.0, crop_marks=True)


@pytest.fixture(scope="module")
def x4_plain(built) -> Path:
    return built(SEED, pdf_variant="pdf/x-4")


@pytest.fixture(scope="module")
def x1a(built) -> Path:
    return built(SEED, pdf_variant="pdf/x-1a", crop_marks=True)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-sided A5 book in PDF/X-4 (title page, contents with links, chapters)."""
    options = Options(pdf_variant="pdf/x-4", duplex=True, bleed_mm=5.0, crop_marks=True,
                      theme=replace(load_theme(), page=replace(load_theme().page, size="A5")))
    documents = tuple(load(path, options) for path in BOOK)
    target = tmp_path_factory.mktemp("pdfx-book") / "book.pdf"
    PdfExporter().export_book(Book("كتاب المقالات 2024", "هيئة التحرير", documents), target, options)
    return target


@pytest.fixture(scope="module")
def symbols(tmp_path_factory: pytest.TempPathFactory, built) -> Path:
    source = tmp_path_factory.mktemp("symbols") / "symbols.txt"
    source.write_text(SYMBOLS, encoding="utf-8")
    return built(source, pdf_variant="pdf/x-4")


ALL_PRINT = ["x4", "x4_plain", "x1a", "book", "symbols"]


def pdf_named(request: pytest.FixtureRequest, name: str) -> Path:
    return request.getfixturevalue(name)


# ---------------------------------------------------------------- reading a PDF as preflight does

def box(page, name: str) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(value) for value in page[name])
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def colour_uses(reader: PdfReader) -> list[tuple[str, bytes, tuple]]:
    """(where, operator, operands) of every colour operator in every content
    stream: each page's, each form XObject's it draws, each annotation's appearance."""
    found: list[tuple[str, bytes, tuple]] = []
    for number, page in enumerate(reader.pages, start=1):
        _scan(page.get_contents(), page["/Resources"], reader, f"page {number}", found, set())
        for annotation in page.get("/Annots", []) or []:
            appearance = annotation.get_object().get("/AP")
            if appearance is not None:
                normal = appearance["/N"].get_object()
                _scan(normal, normal.get("/Resources", page["/Resources"]), reader,
                      f"page {number} annotation", found, set())
    return found


def _scan(content, resources, reader, where: str, found: list, seen: set) -> None:
    resources = resources.get_object() if resources is not None else {}
    for operands, operator in ContentStream(content, reader).operations:
        if operator in RGB_OPERATORS | SET_SPACE | SET_COLOUR | {b"k", b"K", b"g", b"G"}:
            found.append((where, operator, tuple(operands), resources))
        if operator == b"Do":
            xobject = resources["/XObject"][operands[0]]
            key = xobject.indirect_reference.idnum if isinstance(xobject, IndirectObject) else id(xobject)
            xobject = xobject.get_object()
            assert xobject.get("/Subtype") != "/Image", f"{where}: an image ({operands[0]})"
            if xobject.get("/Subtype") == "/Form" and key not in seen:
                seen.add(key)
                _scan(xobject, xobject.get("/Resources", resources), reader, f"{where} form", found, seen)


def colour_space(name, resources) -> tuple[str, int]:
    """A colour space operand as (family, components): /DeviceCMYK, or a
    resource name resolved (/ICCBased with its N, /Lab, /DeviceRGB…)."""
    if name in COMPONENTS or name == "/DeviceRGB":
        return str(name), COMPONENTS.get(name, 3)
    space = resources["/ColorSpace"][name].get_object()
    family = space[0] if isinstance(space, list) else space
    if family == "/ICCBased":
        return "/ICCBased", int(space[1].get_object()["/N"])
    return str(family), 0


def rgb_problems(reader: PdfReader) -> list[str]:
    """Every colour use that is not CMYK or grey, as one line each."""
    problems, current = [], {}
    for where, operator, operands, resources in colour_uses(reader):
        if operator in RGB_OPERATORS:
            problems.append(f"{where}: {operator.decode()} {operands}")
        elif operator in SET_SPACE:
            family, components = colour_space(operands[0], resources)
            current[operator.lower()] = components
            if family not in ("/DeviceCMYK", "/DeviceGray") and not (family == "/ICCBased"
                                                                      and components in (1, 4)):
                problems.append(f"{where}: colour space {operands[0]} ({family} {components})")
        elif operator in SET_COLOUR:
            space = b"cs" if operator.islower() else b"CS"
            if len(operands) not in (1, 4) or current.get(space, 1) != len(operands):
                problems.append(f"{where}: {operator.decode()} {operands} in a space of {current.get(space)}")
    return problems


def resource_colour_spaces(reader: PdfReader) -> list[tuple[str, int]]:
    spaces = []
    for page in reader.pages:
        for name in (page["/Resources"].get("/ColorSpace") or {}):
            spaces.append(colour_space(name, page["/Resources"]))
    return spaces


def crop_marks(page) -> list[tuple[float, float, float, float]]:
    """The lines of the page's crop marks: the paths stroked in the artifact
    block that follows the page's own content (print_production.py)."""
    operations = ContentStream(page.get_contents(), page.pdf).operations
    starts = [index for index, (operands, operator) in enumerate(operations)
              if operator == b"BMC" and operands[0] == "/Artifact"
              and operations[index + 2][1] == b"w" and float(operations[index + 2][0][0]) == 0.25]
    if not starts:
        return []
    lines, point = [], None
    for operands, operator in operations[starts[-1]:]:
        if operator == b"m":
            point = tuple(map(float, operands))
        elif operator == b"l":
            end = tuple(map(float, operands))
            lines.append((*point, *end))
            point = end
        elif operator == b"EMC":
            break
    return lines


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


# ---------------------------------------------------------------- the output intent and the version

@pytest.mark.parametrize("name", ALL_PRINT)
def test_output_intent_is_gts_pdfx_with_the_embedded_cmyk_profile(request, name: str) -> None:
    reader = PdfReader(pdf_named(request, name))
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/Type"] == "/OutputIntent" and intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    assert "ISO 12647-2" in intent["/OutputCondition"]
    assert intent["/Info"] == "ISO Coated v2 300% (basICColor)"
    profile = intent["/DestOutputProfile"].get_object()
    data = profile.get_data()
    assert profile["/N"] == 4
    assert data[36:40] == b"acsp" and data[16:20] == b"CMYK" and data[12:16] == b"prtr"
    assert data == DEFAULT_PROFILE.read_bytes()


def test_every_pdfx_of_a_worker_embeds_the_print_shops_profile_unchanged(tmp_path: Path) -> None:
    """One exporter (one worker) writing three PDF/X in turn: each embeds the
    profile's file byte for byte (WeasyPrint's profile object, written again,
    came out 132 bytes longer from the second PDF on)."""
    exporter = PdfExporter()
    options = Options(pdf_variant="pdf/x-4")
    embedded = []
    for index, source in enumerate((SEED, BOOK[0], BOOK[1])):
        target = tmp_path / f"{index}.pdf"
        exporter.export(load(source, options), target, options)
        intent = PdfReader(target).trailer["/Root"]["/OutputIntents"][0].get_object()
        embedded.append(intent["/DestOutputProfile"].get_object().get_data())
    assert embedded == [DEFAULT_PROFILE.read_bytes()] * 3


@pytest.mark.parametrize(("name", "version", "header"), [("x4", "PDF/X-4", b"%PDF-1.6"),
                                                         ("x1a", "PDF/X-1a:2003", b"%PDF-1.4")])
def test_pdfx_version_in_the_info_dictionary_and_the_xmp(request, name: str, version: str,
                                                         header: bytes) -> None:
    path = pdf_named(request, name)
    reader = PdfReader(path)
    assert path.read_bytes().startswith(header)
    assert reader.metadata["/GTS_PDFXVersion"] == version
    assert reader.metadata["/Trapped"] == "/False"
    metadata = xmp(reader)
    assert f"<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>" in metadata
    assert "<pdf:Trapped>False</pdf:Trapped>" in metadata
    # poppler, a reader of its own, recognises the standard
    info = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True).stdout
    assert re.search(rf"PDF subtype:\s+{re.escape(version)}\n", info), info


def test_pdfx_is_byte_identical_for_the_same_input(tmp_path: Path) -> None:
    """The XMP's document identifier comes from the content, not from uuid4()."""
    options = Options(pdf_variant="pdf/x-4", bleed_mm=3.0, crop_marks=True)
    first, second = (export("pdf", SEED, tmp_path / f"{run}.pdf", options) for run in ("first", "second"))
    other = export("pdf", FIXTURES / "mixed.txt", tmp_path / "other.pdf", options)
    assert first.read_bytes() == second.read_bytes()
    identifiers = [re.search(r"xmp\.did:([0-9a-f-]{36})", xmp(PdfReader(path))).group(1)
                   for path in (first, other)]
    assert identifiers[0] != identifiers[1]


# ---------------------------------------------------------------- boxes and marks

@pytest.mark.parametrize(("name", "bleed"), [("x4", 3.0), ("x4_plain", 0.0), ("x1a", 0.0), ("book", 5.0)])
def test_every_page_has_a_trim_box_and_a_bleed_box_of_the_bleed(request, name: str, bleed: float) -> None:
    reader = PdfReader(pdf_named(request, name))
    size = (148 * MM, 210 * MM) if name == "book" else A4
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert "/TrimBox" in page and "/BleedBox" in page
        trim, bleed_box, media = box(page, "/TrimBox"), box(page, "/BleedBox"), box(page, "/MediaBox")
        assert trim[2] - trim[0] == pytest.approx(size[0], abs=0.05)
        assert trim[3] - trim[1] == pytest.approx(size[1], abs=0.05)
        for index, sign in enumerate((-1, -1, 1, 1)):
            assert bleed_box[index] == pytest.approx(trim[index] + sign * bleed * MM, abs=0.01)
            assert sign * media[index] >= sign * bleed_box[index] - 0.01  # media ⊇ bleed ⊇ trim


@pytest.mark.parametrize(("name", "bleed"), [("x4", 3.0), ("x1a", 0.0), ("book", 5.0)])
def test_crop_marks_at_every_corner_outside_the_bleed(request, name: str, bleed: float) -> None:
    reader = PdfReader(pdf_named(request, name))
    offset = max(bleed, CROP_OFFSET_MM) * MM
    for page in reader.pages:
        trim, bleed_box, media = box(page, "/TrimBox"), box(page, "/BleedBox"), box(page, "/MediaBox")
        lines = crop_marks(page)
        assert len(lines) == 8
        for x0, y0, x1, y1 in lines:
            for x, y in ((x0, y0), (x1, y1)):
                # on the line of a trim edge, outside the bleed box, inside the media box
                assert min(abs(x - trim[0]), abs(x - trim[2]), abs(y - trim[1]), abs(y - trim[3])) < 0.01
                assert not (bleed_box[0] + 0.01 < x < bleed_box[2] - 0.01
                            and bleed_box[1] + 0.01 < y < bleed_box[3] - 0.01)
                assert media[0] - 0.01 <= x <= media[2] + 0.01 and media[1] - 0.01 <= y <= media[3] + 0.01
            length = abs(x1 - x0) + abs(y1 - y0)
            assert length == pytest.approx(CROP_LENGTH_MM * MM, abs=0.01)
            nearest = min(abs(x0 - trim[0]), abs(x0 - trim[2])) if y0 == y1 else \
                min(abs(y0 - trim[1]), abs(y0 - trim[3]))
            assert nearest == pytest.approx(offset, abs=0.01)


def test_no_crop_marks_unless_asked(x4_plain: Path) -> None:
    reader = PdfReader(x4_plain)
    assert all(crop_marks(page) == [] for page in reader.pages)
    page = reader.pages[0]
    assert box(page, "/MediaBox") == pytest.approx(box(page, "/TrimBox"), abs=0.01)


def test_crop_marks_show_outside_the_trim_when_rendered(x4: Path, tmp_path: Path) -> None:
    """pdftoppm draws the page: the marks are dark strokes past the bleed, on
    the lines of the trim's edges; the page's own corner inside is blank paper."""
    pdftoppm = require_tool("pdftoppm")
    dpi = 150
    subprocess.run([pdftoppm, "-r", str(dpi), "-png", "-f", "1", "-l", "1", str(x4), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    page = PdfReader(x4).pages[0]
    media, trim = box(page, "/MediaBox"), box(page, "/TrimBox")
    scale = dpi / 72
    margin, mark_end = (trim[0] - media[0]) * scale, (trim[0] - media[0] - 3 * MM) * scale
    width, height = image.size
    # the top left corner: a horizontal mark on the line of the top edge, a vertical one on the left edge's
    horizontal = image.crop((0, round(margin) - 2, round(mark_end) - 1, round(margin) + 3))
    vertical = image.crop((round(margin) - 2, 0, round(margin) + 3, round(mark_end) - 1))
    assert horizontal.getextrema()[0] < 160 and vertical.getextrema()[0] < 160
    # and at the bottom right, mirrored
    bottom = height - round(margin)
    corner = image.crop((width - round(mark_end) + 1, bottom - 3, width, bottom + 2))
    assert corner.getextrema()[0] < 160
    inside = image.crop((round(margin) + 2, round(margin) + 2, round(margin) + 40, round(margin) + 40))
    assert inside.getextrema()[0] > 230


# ---------------------------------------------------------------- colours, fonts, images

@pytest.mark.parametrize("name", ALL_PRINT)
def test_only_cmyk_or_grey_colour_operators_and_spaces(request, name: str) -> None:
    reader = PdfReader(pdf_named(request, name))
    assert rgb_problems(reader) == []
    assert all(family in ("/DeviceCMYK", "/DeviceGray") or (family == "/ICCBased" and n in (1, 4))
               for family, n in resource_colour_spaces(reader))
    used = {(operator, tuple(round(float(value), 2) for value in operands))
            for _, operator, operands, _ in colour_uses(reader) if operator in SET_COLOUR | {b"k", b"K"}}
    assert used  # the scan saw the page's colours at all


def test_the_screen_pdf_is_rgb_so_the_scan_would_see_rgb(built) -> None:
    """The oracle's own check: the same article without a variant paints in RGB."""
    reader = PdfReader(built(SEED))
    problems = rgb_problems(reader)
    assert any(" rg " in problem or "rg (" in problem for problem in problems)
    assert "/OutputIntents" not in reader.trailer["/Root"]


def test_theme_colours_print_as_the_colors_print_table(x4: Path) -> None:
    reader = PdfReader(x4)
    fills = {tuple(round(float(value), 2) for value in operands)
             for _, operator, operands, _ in colour_uses(reader) if operator == b"scn"}
    assert (0.0, 0.0, 0.0, 1.0) in fills  # text: black ink alone
    assert (0.3, 0.92, 0.8, 0.43) in fills  # the accent: title, quotation marks
    assert (0.0, 0.0, 0.0, 0.75) in fills  # muted: disclaimer, page numbers, rules
    strokes = {tuple(round(float(value), 2) for value in operands)
               for _, operator, operands, _ in colour_uses(reader) if operator == b"K"}
    assert strokes == {(0.0, 0.0, 0.0, 1.0)}  # the crop marks


def ink_coverage(path: Path) -> list[tuple[float, float, float, float]]:
    """Ghostscript's inkcov device: the share of each page each ink covers (C, M, Y, K)."""
    output = subprocess.run([require_tool("gs"), "-q", "-o", "-", "-sDEVICE=inkcov", str(path)],
                            capture_output=True, text=True, check=True).stdout
    return [tuple(map(float, line.split()[:4])) for line in output.splitlines() if line.endswith("OK")]


def test_ghostscript_separates_the_text_onto_the_black_plate(x4: Path, built) -> None:
    """A second renderer, as a RIP separates the inks: the text prints on the
    black plate alone, the colour plates carry only the accent (the title,
    quotation marks: a few hundredths of the black); the screen PDF's RGB
    text becomes four-colour black there, which a print shop's preflight
    complains about."""
    pages = ink_coverage(x4)
    assert len(pages) == len(PdfReader(x4).pages)
    for cyan, magenta, yellow, black in pages:
        assert black > 0 and max(cyan, magenta, yellow) < 0.05 * black
    assert pages[0][0] > 0  # the title in the accent colour
    screen = ink_coverage(built(SEED))
    assert all(min(cyan, magenta, yellow) > 0.9 * black for cyan, magenta, yellow, black in screen)


@pytest.mark.parametrize("name", ALL_PRINT)
def test_every_font_is_embedded(request, name: str) -> None:
    path = pdf_named(request, name)
    output = subprocess.run([require_tool("pdffonts"), str(path)], capture_output=True, text=True,
                            check=True).stdout
    rows = output.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the emb column (a type may hold spaces)
        assert "Type 3" not in row


def test_pdfx_1a_has_no_transparency(x1a: Path, book: Path) -> None:
    data = x1a.read_bytes()
    assert b"/SMask" not in data and b"/BM" not in data and b"/Group" not in data
    assert set(re.findall(rb"/[cC][aA] ([0-9.]+)", data)) <= {b"1", b"1.0"}
    assert b"/ObjStm" not in data  # PDF 1.4: no object streams


def test_symbols_and_emoji_are_drawn_in_ink(symbols: Path) -> None:
    """The colour emoji font is left out: 😀 ★ ➜ ☎ come from the black-and-white
    fallback (DejaVu Sans), and no image (Noto Color Emoji's bitmaps) is on the page."""
    output = subprocess.run([require_tool("pdffonts"), str(symbols)], capture_output=True, text=True,
                            check=True).stdout
    assert "DejaVu" in output and "Emoji" not in output
    text = subprocess.run([require_tool("pdftotext"), str(symbols), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert all(symbol in text for symbol in "😀★➜☎")


def test_an_urdu_article_in_latin_less_nastaliq_is_printed_with_its_latin_words(tmp_path: Path) -> None:
    """Noto Nastaliq Urdu has no Latin letters: the text presentation
    selector (U+FE0E) went after every one of them and after the page's own
    markup (< and "), and the page could not be parsed. Letters never take
    an emoji presentation: only symbols get the selector, only in the text."""
    source = tmp_path / "urdu.txt"
    source.write_text("اردو مضمون\n\nیہ Kindle اور <b>HTML</b> کے بارے میں ایک جملہ ہے ★۔\n",
                      encoding="utf-8")
    result = run_cli(str(source), "--to", "pdf", "--pdf-variant", "pdf/x-4", "-o", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    text = subprocess.run([require_tool("pdftotext"), str(tmp_path / "urdu.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Kindle" in text and "HTML" in text and "\ufe0e" not in text.replace("★\ufe0e", "")


def test_a_character_only_a_colour_font_has_refuses_the_article(tmp_path: Path) -> None:
    emoji = find_fallback_font("Noto Color Emoji")
    dejavu = find_fallback_font("DejaVu Sans")
    if emoji is None or dejavu is None:
        pytest.skip("needs fonts-noto-color-emoji and fonts-dejavu-core (scripts/install)")
    only_colour = sorted(set(font_characters(emoji)) - set(font_characters(dejavu)) - {"\u20e3"}
                         - {chr(code) for code in range(0x1F1E6, 0x1F200)})
    character = next(c for c in only_colour if ord(c) >= 0x1F300)
    source = tmp_path / "colour.txt"
    source.write_text(f"عنوان\n\nنص فيه {character} هنا.\n", encoding="utf-8")
    refusal = rf"PDF/X: U\+{ord(character):04X} {character} is only in a colour font"
    with pytest.raises(ConvertError, match=refusal):
        export("pdf", source, tmp_path / "colour.pdf", Options(pdf_variant="pdf/x-4"))
    # the screen PDF draws it from the colour font, as before
    export("pdf", source, tmp_path / "screen.pdf", Options())


# ---------------------------------------------------------------- the theme's [colors.print]

def test_parse_cmyk_takes_the_function_or_four_numbers() -> None:
    assert parse_cmyk("cmyk(0, 0, 0, 90)") == (0, 0, 0, 90)
    assert parse_cmyk("CMYK(10% 20% 30% 40%)") == (10, 20, 30, 40)
    assert parse_cmyk([0, 50.5, 0, 100]) == (0, 50.5, 0, 100)
    for bad in ("cmyk(0, 0, 0)", "cmyk(0, 0, 0, 101)", [0, 0, 0], [True, 0, 0, 0], "#000000", 5,
                "rgb(0, 0, 0, 0)", [0, 0, 0, "x"]):
        assert parse_cmyk(bad) is None, bad


def test_default_theme_has_every_colour_in_cmyk() -> None:
    theme = load_theme()
    assert set(theme.colors.print_cmyk()) == set(theme.colors.screen())
    assert all(value is not None for value in theme.colors.print_cmyk().values())


@pytest.mark.parametrize(("toml", "message"), [
    ('[colors.print]\nmuted = "cmyk(0, 0, 0, 120)"\n', "[colors.print] muted"),
    ("[colors.print]\nmuted = [0, 0, 0]\n", "[colors.print] muted"),
    ('[colors.print]\ngold = "cmyk(0, 20, 90, 0)"\n', "no such colour"),
    ('[colors]\nprint = "cmyk(0, 0, 0, 0)"\n', "[colors.print]"),
])
def test_bad_print_colours_are_one_theme_error(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ThemeError, match=re.escape(message)):
        load_theme(str(path))


def test_a_theme_changing_a_colour_without_its_twin_gets_it_converted(tmp_path: Path) -> None:
    path = tmp_path / "blue.toml"
    path.write_text('[colors]\naccent = "#1f4e99"\nmuted = "#777777"\n'
                    '[colors.print]\nmuted = [0, 0, 0, 60]\n', encoding="utf-8")
    theme = load_theme(str(path))
    given = theme.colors.print_cmyk()
    assert "accent" not in given and given["muted"] == (0, 0, 0, 60)
    assert given["text"] == (0, 0, 0, 100)  # untouched colours keep the default's CMYK
    values = pdfx_values(Options(theme=theme, pdf_variant="pdf/x-4"))
    cyan, magenta, yellow, black = rgb_to_cmyk("#1f4e99", output_intent())
    assert cyan > 80 and yellow < 20  # a blue, through the profile
    assert values["colors_accent"] == f"device-cmyk({cyan:g}% {magenta:g}% {yellow:g}% {black:g}%)"
    assert values["colors_muted"] == "device-cmyk(0% 0% 0% 60%)"
    assert values["quote_mark_color"] == values["colors_accent"]


def test_a_grey_converts_to_black_ink_alone() -> None:
    for grey in ("#5c5c5c", "#1b1b1b", "#bbbbbb"):
        cyan, magenta, yellow, black = rgb_to_cmyk(grey, output_intent())
        assert (cyan, magenta, yellow) == (0, 0, 0) and 0 < black <= 100
    assert rgb_to_cmyk("#ffffff", output_intent()) == (0, 0, 0, 0)


# ---------------------------------------------------------------- screen formats keep RGB

def test_screen_formats_keep_the_rgb_colours(tmp_path: Path) -> None:
    theme = load_theme()
    css = theme.render_css("base.css", "print.css", extra=print_values(Options(theme=theme)))
    assert "device-cmyk" not in css and theme.colors.accent in css
    html = export("html", SEED, tmp_path / "a.html").read_text(encoding="utf-8")
    assert "device-cmyk" not in html and theme.colors.accent in html
    with zipfile.ZipFile(export("epub", SEED, tmp_path / "a.epub")) as epub:
        css = "".join(epub.read(name).decode() for name in epub.namelist() if name.endswith(".css"))
    assert "device-cmyk" not in css and theme.colors.accent in css
    with zipfile.ZipFile(export("docx", SEED, tmp_path / "a.docx")) as docx:
        styles = docx.read("word/styles.xml").decode()
    assert theme.colors.accent.lstrip("#").upper() in styles.upper()
    reader = PdfReader(export("pdf", SEED, tmp_path / "a.pdf", Options(pdf_variant="pdf/a-3u")))
    assert reader.trailer["/Root"]["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert any(operator == b"rg" for _, operator, _, _ in colour_uses(reader))


# ---------------------------------------------------------------- the command line

def test_output_intent_needs_a_pdfx_variant(tmp_path: Path) -> None:
    result = run_cli(str(SEED), "--to", "pdf", "--output-intent", str(DEFAULT_PROFILE), "-o", str(tmp_path))
    assert result.returncode == 2
    assert "--output-intent needs --pdf-variant pdf/x-4 or pdf/x-1a" in result.stderr


@pytest.mark.parametrize(("profile", "message"), [
    ("missing.icc", "cannot read it"),
    ("README.md", "not an ICC profile"),
    ("sRGB", "not a CMYK output profile"),
])
def test_a_bad_output_intent_is_one_usage_error(tmp_path: Path, profile: str, message: str) -> None:
    if profile == "sRGB":  # an RGB display profile WeasyPrint ships
        import weasyprint

        path = Path(weasyprint.__file__).parent / "pdf" / "sRGB2014.icc"
    else:
        path = tmp_path / profile if profile == "missing.icc" else Path(__file__).parent.parent / profile
    with pytest.raises(UsageError, match=message):
        output_intent(path)
    result = run_cli(str(SEED), "--to", "pdf", "--pdf-variant", "pdf/x-4", "--output-intent", str(path),
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_output_intent_file_is_embedded(tmp_path: Path) -> None:
    """--output-intent FILE: the profile the print shop sent is the one embedded."""
    shop = tmp_path / "shop.icc"
    shop.write_bytes(DEFAULT_PROFILE.read_bytes())
    result = run_cli(str(SEED), "--to", "pdf", "--pdf-variant", "pdf/x-1a", "--output-intent", str(shop),
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out" / f"{SEED.stem}.pdf")
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/DestOutputProfile"].get_object().get_data() == shop.read_bytes()


def test_colour_emphasis_prints_in_the_accents_inks(tmp_path: Path) -> None:
    theme_path = tmp_path / "colour.toml"
    theme_path.write_text('[text]\nemphasis = "colour"\n', encoding="utf-8")
    source = tmp_path / "emphasis.txt"
    source.write_text("عنوان\n\nنص فيه *تأكيد ملون* وسط الكلام.\n", encoding="utf-8")
    options = Options(theme=load_theme(str(theme_path)), pdf_variant="pdf/x-4")
    assert pdfx_values(options)["emphasis_color"] == pdfx_values(options)["colors_accent"]
    target = tmp_path / "emphasis.pdf"
    PdfExporter().export(load(source), target, options)
    assert rgb_problems(PdfReader(target)) == []

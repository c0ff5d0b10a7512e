"""The PDF exporter, checked on the files it writes, as a reader meets them.

Text is read back with pypdf (what copy-paste and search see), positions with
pdfplumber, fonts with pdffonts. Each PDF is built once per module.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path
from statistics import median

import pdfplumber
import pytest
from conftest import BIDI_MARKS, FIXTURES, MIXED, SEED, export, load, run_cli, source_texts, squash
from pdf_readers import reading_direction
from pypdf import PdfReader

from convert.errors import ConvertError
from convert.exporters.pdf.exporter import PdfExporter
from convert.exporters.pdf.fetcher import AllowListFetcher, RefusedURL, file_url
from convert.fonts import family_faces
from convert.options import Options
from convert.theme import load_theme

MARKUP = FIXTURES / "pdf" / "markup.txt"
TASHKEEL = FIXTURES / "pdf" / "tashkeel.txt"  # vowelled, then the same words bare
MM = 72 / 25.4  # PDF points per millimetre
PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory):
    """build(source, **options) -> the PDF, converted once per module."""
    folder = tmp_path_factory.mktemp("pdf")
    built: dict[tuple, Path] = {}

    def make(source: Path, **changes) -> Path:
        key = (source, tuple(sorted(changes.items(), key=lambda item: item[0])))
        if key not in built:
            target = folder / f"{source.stem}-{len(built)}.pdf"
            built[key] = export("pdf", source, target, Options(**changes))
        return built[key]

    return make


def page_number(number: int) -> str:
    return str(number).translate(ARABIC_INDIC)


def drop_last(text: str, part: str) -> str:
    """text without the last occurrence of part, which must be there."""
    index = text.rfind(part)
    assert index >= 0, f"{part!r} missing from {text[-300:]!r}"
    return text[:index] + text[index + len(part):]


def body_text(pdf: Path, source: Path) -> str:
    """Squashed text of every page without what repeats in the margins.

    The header, the disclaimer and the page number are drawn after the body
    of each page, so the last occurrence of each on a page is the margin's.
    """
    doc = load(source)
    pages = [squash(page.extract_text()) for page in PdfReader(pdf).pages]
    body = []
    for number, text in enumerate(pages, start=1):
        text = drop_last(text, squash(doc.meta.disclaimer))
        text = drop_last(text, page_number(number))
        if number > 1:
            text = drop_last(text, squash(doc.meta.title))
        body.append(text)
    return "".join(body).replace("•", "")  # list bullets are drawn, not written


def margin_chars(pdf: Path, theme=None) -> list[tuple[str, str, float]]:
    """(header text, footer text, top of the footer / page height) per page."""
    page_setup = (theme or load_theme()).page
    rows = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            header = [c for c in page.chars if c["bottom"] <= page_setup.margin_top_mm * MM]
            footer = [c for c in page.chars if c["top"] >= page.height - page_setup.margin_bottom_mm * MM]
            rows.append((
                "".join(c["text"] for c in header),
                "".join(c["text"] for c in footer),
                min((c["top"] for c in footer), default=0) / page.height,
            ))
    return rows


def same_letters(text: str, expected: str) -> bool:
    return sorted(squash(text)) == sorted(squash(expected))


def right_margins(pdf: Path) -> list[float]:
    """Distance from the right edge of the page to the text block, per page:
    the median right end of the body lines (a glyph may overhang a little)."""
    margins = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            line_ends: dict[int, float] = {}
            for char in page.chars:
                if 0.15 * page.height < char["top"] < 0.85 * page.height:
                    line = round(char["top"])
                    line_ends[line] = max(line_ends.get(line, 0), char["x1"])
            margins.append(page.width - median(line_ends.values()))
    return margins


# The text a reader copies and searches ------------------------------------------------------

@pytest.mark.parametrize("source", [SEED, MIXED, MARKUP, TASHKEEL],
                         ids=["seed", "mixed", "markup", "tashkeel"])
def test_extracted_text_is_the_source_in_reading_order(build, source: Path) -> None:
    pdf = build(source)
    expected = squash("".join(source_texts(load(source))[:-1]))  # the disclaimer is in the margin
    assert body_text(pdf, source) == expected


@pytest.mark.parametrize("source", [SEED, *sorted((FIXTURES / "book").glob("*.txt"))],
                         ids=["seed", "book-one", "book-three", "book-two"])
def test_pdftotext_reads_a_plain_arabic_article_in_reading_order(build, source: Path) -> None:
    """poppler rebuilds reading order from where glyphs are drawn; on a plain
    Arabic article it finds every paragraph of the source, in order. (It
    reads a number and the sign UAX #9 shows beside it, %48 for 48%, in the
    order they are drawn, and vowel marks where they are drawn.)"""
    text = subprocess.run(["pdftotext", str(build(source)), "-"], capture_output=True, text=True,
                          check=True).stdout
    found = squash(re.sub(r"[\u202a-\u202e]", "", text))  # its own embedding marks
    expected = [squash(part) for part in source_texts(load(source))]
    position = 0
    for part in expected:  # each paragraph, in order (headers and footers between pages)
        position = found.index(part, position) + len(part)


@pytest.mark.parametrize("source", [SEED, MIXED], ids=["seed", "mixed"])
def test_no_presentation_forms(build, source: Path) -> None:
    text = "".join(page.extract_text() for page in PdfReader(build(source)).pages)
    assert re.findall(r"[\u0621-\u064a]", text), "no Arabic letters extracted"
    assert PRESENTATION_FORMS.findall(text) == []


def test_words_drawn_with_extra_glyphs_copy_whole(build) -> None:
    # Amiri draws lam before kaf as two glyphs; the seed has "القاعدة" (a lone
    # lam glyph) before "لكن" and "لكي" (WeasyPrint #2841).
    text = squash("".join(page.extract_text() for page in PdfReader(build(SEED)).pages))
    assert text.count("لكن") == "".join(source_texts(load(SEED))).count("لكن") > 0
    assert "للك" not in text


def test_latin_words_and_numbers_keep_their_place(build) -> None:
    text = squash(PdfReader(build(MIXED)).pages[0].extract_text())
    for phrase in ("لقاحاتCOVID-19وطائراتF-16", "فيعام2011ارتفعت", "بنسبة10%خلال",
                   "إلىeditor@example.comأو", "في3دفعات."):
        assert phrase in text


def test_latin_words_and_numbers_read_left_to_right_on_the_page(build) -> None:
    with pdfplumber.open(build(MIXED)) as document:
        words = {word["text"].translate(BIDI_MARKS) for word in document.pages[0].extract_words()}
    # "10%" after Arabic shows as "%10" (UAX #9, as every other renderer shows it).
    assert {"COVID-19", "F-16", "2011", "%10", "editor@example.com", "0096650123456"} <= words


def test_arabic_is_shaped_into_joining_forms(build) -> None:
    """Shaped text uses a different glyph for each form of a letter (alone,
    initial, medial, final, and the lam-alef pair); unshaped text uses one."""
    glyphs_per_letter: dict[str, set[tuple[str, str]]] = {}
    for name, font in PdfReader(build(SEED)).pages[0]["/Resources"]["/Font"].items():
        cmap = font.get_object()["/ToUnicode"].get_object().get_data().decode()
        for glyph, text in re.findall(r"<([0-9a-f]{4})> <([0-9a-f]{4})>", cmap, re.IGNORECASE):
            glyphs_per_letter.setdefault(chr(int(text, 16)), set()).add((name, glyph))
    assert len(glyphs_per_letter["ل"]) >= 4 and len(glyphs_per_letter["ب"]) >= 3


def test_quotation_marks_in_the_accent_colour_and_block_quote_set_in(build) -> None:
    accent = tuple(int(load_theme().colors.accent[i:i + 2], 16) / 255 for i in (1, 3, 5))
    with pdfplumber.open(build(MIXED)) as document:
        page = document.pages[0]
        marks = [c for c in page.chars if c["text"] and c["text"] in "“”«»"]
        assert marks and all(c["non_stroking_color"] == pytest.approx(accent, abs=0.01) for c in marks)
        text_edge = page.width - load_theme().page.margin_inner_mm * MM
        quote_line = [c for c in page.chars if c["text"] == "«"][0]["top"]
        quote_edge = max(c["x1"] for c in page.chars if abs(c["top"] - quote_line) < 2)
    assert text_edge - quote_edge > 20  # points: the quote starts well inside the text's right edge


def test_markup_in_an_article_is_printed_literally(build) -> None:
    text = squash(" ".join(page.extract_text() for page in PdfReader(build(MARKUP)).pages))
    for literal in ("<b>HTML</b>", "<img src='file:///etc/passwd'>",
                    "<style>body { background: url(file:///etc/passwd) }</style>",
                    '<link rel="stylesheet" href="http://example.com/evil.css">'):
        assert squash(literal) in text
    content = build(MARKUP).read_bytes()
    assert b"/Subtype /Image" not in content and b"root:x:0" not in content


# Fonts --------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [SEED, MIXED], ids=["seed", "mixed"])
def test_every_font_is_an_embedded_subset_of_the_theme_font(build, source: Path) -> None:
    listing = subprocess.run(["pdffonts", str(build(source))], capture_output=True, text=True, check=True)
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert rows
    for row in rows:
        name, embedded, subset = row[0], row[-5], row[-4]
        assert re.fullmatch(r"[A-Z]{6}\+Amiri(-LTR)?(-Bold)?", name), name  # no DejaVu fallback
        assert (embedded, subset) == ("yes", "yes"), row


# Pages: footer, header, numbers, sizes ------------------------------------------------------

def test_disclaimer_and_page_number_close_every_page(build) -> None:
    doc = load(SEED)
    rows = margin_chars(build(SEED))
    assert len(rows) >= 3
    for number, (_, footer, top) in enumerate(rows, start=1):
        assert same_letters(footer, doc.meta.disclaimer + page_number(number)), number
        assert top > 0.85


def test_running_header_from_page_two(build) -> None:
    title = load(SEED).meta.title
    headers = [header for header, *_ in margin_chars(build(SEED))]
    assert squash(headers[0]) == ""
    assert all(same_letters(header, title) for header in headers[1:])


def test_latin_digits_theme_numbers_pages_1_2_3(build, tmp_path: Path) -> None:
    theme_file = tmp_path / "latin.toml"
    theme_file.write_text('[text]\ndigits = "latin"\n', encoding="utf-8")
    theme = load_theme(str(theme_file))
    rows = margin_chars(build(SEED, theme=theme), theme)
    disclaimer = load(SEED).meta.disclaimer
    for number, (_, footer, _) in enumerate(rows, start=1):
        assert same_letters(footer, disclaimer + str(number))


def test_page_numbers_stay_without_a_disclaimer(build) -> None:
    rows = margin_chars(build(SEED, footer=False))
    for number, (_, footer, _) in enumerate(rows, start=1):
        assert squash(footer) == page_number(number)


def test_duplex_mirrors_the_binding_margin(build) -> None:
    page = load_theme().page
    inner, outer = page.margin_inner_mm * MM, page.margin_outer_mm * MM
    one_sided = right_margins(build(SEED))
    two_sided = right_margins(build(SEED, duplex=True))
    # Page 1 is a recto, bound on its right; page 2 a verso, bound on its left.
    assert all(abs(margin - inner) < 2 for margin in one_sided)
    assert abs(two_sided[0] - inner) < 2 and abs(two_sided[1] - outer) < 2


@pytest.mark.parametrize(("changes", "grow"), [({"bleed_mm": 3.0, "crop_marks": True}, 3 * MM),
                                               ({"crop_marks": True}, 6.0)], ids=["bleed", "marks"])
def test_bleed_and_crop_marks_enlarge_the_page(build, changes: dict, grow: float) -> None:
    first = PdfReader(build(SEED, **changes)).pages[0]
    media, trim, bleed = (list(map(float, box)) for box in (first.mediabox, first.trimbox, first.bleedbox))
    assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.1)
    assert trim[3] - trim[1] == pytest.approx(297 * MM, abs=0.1)
    assert media[2] - media[0] == pytest.approx(210 * MM + 2 * grow, abs=0.1)
    assert bleed[0] < trim[0] and bleed[2] > trim[2]


# The file -----------------------------------------------------------------------------------

def test_metadata_title_author_language_date(build) -> None:
    reader = PdfReader(build(MIXED))
    doc = load(MIXED)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.metadata.title == doc.meta.title
    assert reader.metadata.author == doc.meta.author
    assert reader.metadata["/CreationDate"].startswith("D:20")


@pytest.mark.parametrize("variant", [None, "pdf/ua-1", "pdf/x-4"])
def test_pages_read_right_to_left_in_a_two_page_view(build, variant: str | None) -> None:
    """A viewer's two-page view puts page 2 at the right of page 3."""
    pdf = build(SEED, pdf_variant=variant) if variant else build(SEED)
    assert reading_direction(pdf) == ("/R2L", "/R2L")


def test_a_left_to_right_document_reads_left_to_right(tmp_path: Path) -> None:
    doc = load(MIXED)
    doc = doc.with_meta(direction="ltr")
    target = tmp_path / "ltr.pdf"
    PdfExporter().export(doc, target, Options())
    assert reading_direction(target) == ("/L2R", "/L2R")


def test_pdf_ua_1_is_tagged_with_its_language(build) -> None:
    reader = PdfReader(build(SEED, pdf_variant="pdf/ua-1"))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "ar"
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_pdf_a_3u_identifies_itself(build) -> None:
    reader = PdfReader(build(SEED, pdf_variant="pdf/a-3u"))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="U"' in xmp
    assert "/OutputIntents" in root and root["/Lang"] == "ar"


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The CLI run twice, as two builds of a release would run it."""
    root = tmp_path_factory.mktemp("cli")
    outputs = []
    for run in ("first", "second"):
        result = run_cli(str(SEED), "--to", "pdf", "-o", str(root / run), "--page-size", "A5",
                         env={"SOURCE_DATE_EPOCH": EPOCH})
        assert result.returncode == 0, result.stderr
        outputs.append(root / run / "iran-and-al-qaeda.pdf")
    return outputs


def test_source_date_epoch_gives_byte_identical_files(cli_runs: list[Path]) -> None:
    first, second = cli_runs
    assert first.read_bytes() == second.read_bytes()
    assert PdfReader(first).metadata["/CreationDate"] == "D:20231114221320Z"


def test_page_size_option_sets_the_media_box(cli_runs: list[Path]) -> None:
    box = PdfReader(cli_runs[0]).pages[0].mediabox
    assert float(box.width) == pytest.approx(148 * MM, abs=0.1)
    assert float(box.height) == pytest.approx(210 * MM, abs=0.1)


# Safety and the per-process cache -----------------------------------------------------------

@pytest.fixture
def font_file() -> Path:
    return family_faces("Amiri")["Regular"]


def test_fetcher_serves_only_the_allowed_files(font_file: Path) -> None:
    response = AllowListFetcher([font_file]).fetch(file_url(font_file))
    assert response.read() == font_file.read_bytes()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://example.com/evil.css", "https://example.com/font.ttf",
    "data:font/ttf;base64,AAEAAAA=", "{allowed}?query", "{allowed}/../../../../../../etc/passwd",
    "{folder}/Amiri-Bold.ttf", "FILE://{path}",
])
def test_fetcher_refuses_everything_else_without_reading(font_file: Path, url: str, monkeypatch) -> None:
    fetcher = AllowListFetcher([font_file])
    reads = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self))
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: reads.append(args))
    url = url.format(allowed=file_url(font_file), folder=font_file.parent.as_uri(), path=font_file)
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert reads == []


def test_weasyprint_gets_nothing_the_theme_does_not_name(tmp_path: Path, font_file: Path) -> None:
    from weasyprint import HTML

    secret = tmp_path / "secret.png"
    secret.write_bytes(_tiny_png())
    page = (f'<p style="background: url({secret.as_uri()})">x<img src="{secret.as_uri()}"/>'
            f'<img src="file:///etc/passwd"/></p>')
    pdf = HTML(string=page, base_url=tmp_path.as_uri() + "/",
               url_fetcher=AllowListFetcher([font_file])).write_pdf()
    assert b"/Subtype /Image" not in pdf
    # The same page with WeasyPrint's own fetcher does embed the image.
    assert b"/Subtype /Image" in HTML(string=page).write_pdf()


def test_a_conversion_fetches_exactly_the_theme_fonts(tmp_path: Path, monkeypatch) -> None:
    fetched = []
    original = AllowListFetcher.fetch
    monkeypatch.setattr(AllowListFetcher, "fetch",
                        lambda self, url, headers=None: fetched.append(url) or original(self, url, headers))
    options = Options()
    PdfExporter().export(load(MARKUP, options), tmp_path / "markup.pdf", options)
    assert set(fetched) == {file_url(path) for path in family_faces("Amiri").values()}


def test_an_unknown_pdf_variant_is_a_clear_error(tmp_path: Path) -> None:
    options = Options(pdf_variant="pdf/x-9")
    with pytest.raises(ConvertError, match="PDF variant 'pdf/x-9'"):
        PdfExporter().export(load(SEED, options), tmp_path / "x.pdf", options)


def test_stylesheet_and_fonts_are_built_once_per_theme_and_print_options() -> None:
    exporter = PdfExporter()
    options = Options()
    assert exporter.resources_for(options) is exporter.resources_for(Options())
    a5 = replace(options, theme=replace(options.theme, page=replace(options.theme.page, size="A5")))
    assert exporter.resources_for(a5) is not exporter.resources_for(options)
    assert exporter.resources_for(replace(options, duplex=True)) is not exporter.resources_for(options)


def _tiny_png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()

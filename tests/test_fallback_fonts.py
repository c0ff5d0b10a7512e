"""Characters the theme's fonts lack (emoji, symbols): the fallback chain of
[fonts] fallback as the PDF draws it (the EPUB's and the HTML's embedded faces:
test_epub.py, test_html.py), the -v warning for a character no font has, and the
cmap reader and fontconfig lookup they share. Each PDF is built once per module.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, SEED, export, load, require, require_tool, run_cli
from PIL import Image, ImageChops
from pypdf import PdfReader

import convert.font_subset as font_subset
import convert.fonts as fonts
from convert.errors import ThemeError
from convert.exporters.pdf.exporter import PdfExporter
from convert.exporters.pdf.fetcher import AllowListFetcher, file_url
from convert.exporters.pdf.style import pdf_fallback_faces
from convert.font_subset import font_characters, uncovered_warnings
from convert.fonts import fallback_chain, family_faces, find_font
from convert.model import reader_texts
from convert.options import Options
from convert.theme import fallback_families_css, load_theme

EMOJI = FIXTURES / "emoji.txt"
CHAIN = ("Noto Color Emoji", "DejaVu Sans")
# Drawn by no font of the default chain: a private-use character and an Egyptian hieroglyph.
NO_FONT = "\ue000\U00013000"
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def chain() -> dict[str, Path]:
    """The default chain's faces; CI installs both (scripts/install)."""
    found = dict(fallback_chain(CHAIN).faces)
    require(set(CHAIN) <= set(found), "needs fonts-noto-color-emoji and fonts-dejavu-core (scripts/install)")
    return found


@pytest.fixture(scope="module")
def emoji_pdf(chain, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export("pdf", EMOJI, tmp_path_factory.mktemp("fallback") / "emoji.pdf")


def write_theme(folder: Path, fallback: str) -> Path:
    path = folder / "theme.toml"
    path.write_text(f"[fonts]\nfallback = {fallback}\n", encoding="utf-8")
    return path


# The theme key ------------------------------------------------------------------------------

def test_default_theme_names_the_fallback_chain() -> None:
    theme = load_theme()
    assert theme.fonts.fallback == CHAIN
    assert hash(theme)  # a tuple: the theme stays a cache key
    assert fallback_families_css(CHAIN) == ', "Noto Color Emoji", "DejaVu Sans"'
    assert fallback_families_css(()) == ""
    assert '"Amiri", "Noto Color Emoji", "DejaVu Sans", serif' in theme.render_css("base.css")


@pytest.mark.parametrize("value", ['"Noto Color Emoji"', "[1]", '[""]', '["a\\"b"]', "true"])
def test_a_bad_fallback_value_is_a_theme_error(tmp_path: Path, value: str) -> None:
    with pytest.raises(ThemeError, match="fallback"):
        load_theme(str(write_theme(tmp_path, value)))


def test_an_empty_chain_is_allowed(tmp_path: Path) -> None:
    assert load_theme(str(write_theme(tmp_path, "[]"))).fonts.fallback == ()


# Finding the faces --------------------------------------------------------------------------

def test_fallback_families_are_found_among_the_system_fonts(chain) -> None:
    assert chain["Noto Color Emoji"].name == "NotoColorEmoji.ttf"
    assert all(path.is_file() for path in chain.values())


def test_a_family_not_installed_is_left_out_not_an_error() -> None:
    found = fallback_chain(("No Such Family 7f3a", "DejaVu Sans"))
    assert found.not_found == ("No Such Family 7f3a",)
    assert [family for family, _ in found.faces] in (["DejaVu Sans"], [])


def test_fontconfig_must_name_the_family_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    require_tool("fc-match")
    # fc-match answers any family with some font: a near name is not the family.
    assert fonts._fontconfig_face("DejaVu Sans Mono Nope") is None
    monkeypatch.setenv("PATH", "")  # no fontconfig tools: no system fonts, no crash
    assert fonts._fontconfig_face("DejaVu Sans") is None


@pytest.mark.parametrize("face", ["Amiri", "Amiri-Bold", "DejaVu Sans", "Noto Color Emoji"])
def test_the_cmap_reader_agrees_with_harfbuzz(face: str, chain) -> None:
    import uharfbuzz

    path = {"Amiri": find_font("Amiri"), "Amiri-Bold": find_font("Amiri", 700), **chain}[face]
    expected = uharfbuzz.Face(uharfbuzz.Blob(path.read_bytes())).unicodes
    assert font_characters(path) == frozenset(map(chr, expected))


# The PDF ------------------------------------------------------------------------------------

def test_pdf_embeds_the_fallback_faces_subset(emoji_pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(emoji_pdf)], capture_output=True, text=True, check=True)
    rows = {row.split()[0].split("+")[1]: row.split() for row in listing.stdout.splitlines()[2:]}
    assert {"Noto-Color-Emoji-fallback", "DejaVu-Sans-fallback", "Amiri"} <= set(rows)
    assert all(row[-5:-3] == ["yes", "yes"] for row in rows.values())  # embedded, subset


def test_pdf_draws_the_emoji_in_colour(emoji_pdf: Path, tmp_path: Path) -> None:
    require_tool("pdftoppm")
    page = PdfReader(emoji_pdf).pages[0]
    images = page["/Resources"]["/XObject"]
    assert len(images) >= 7  # each emoji a colour bitmap, drawn as an image
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(emoji_pdf),
                    str(tmp_path / "p")], check=True)
    red, green, blue = Image.open(tmp_path / "p-1.png").convert("RGB").split()
    # The smiling face is yellow; the text is black and the title dark red.
    yellow = ImageChops.multiply(ImageChops.multiply(red.point(lambda v: 255 * (v > 200)),
                                                     green.point(lambda v: 255 * (v > 150))),
                                 blue.point(lambda v: 255 * (v < 90)))
    assert yellow.histogram()[255] > 40


def test_justified_lines_with_emoji_stay_inside_the_margins(emoji_pdf: Path) -> None:
    """Named "Noto Color Emoji", the system's copy of the font set the word spaces
    of justified lines wider than measured: lines ran off the page."""
    page_setup = load_theme().page
    with pdfplumber.open(emoji_pdf) as document:
        page = document.pages[0]
        body = [c for c in page.chars if page_setup.margin_top_mm * MM < c["top"]
                < page.height - page_setup.margin_bottom_mm * MM]
        assert body
        # A glyph may overhang a few points; those lines started past the page's edge.
        assert min(c["x0"] for c in body) > page_setup.margin_outer_mm * MM - 5
        assert max(c["x1"] for c in body) < page.width - page_setup.margin_inner_mm * MM + 5


def test_emoji_copy_as_written(emoji_pdf: Path) -> None:
    text = "".join(page.extract_text() for page in PdfReader(emoji_pdf).pages)
    for character in "😀❤🌙⭐★✓→✎":
        assert character in text, character


def test_a_plain_article_asks_for_no_fallback_face(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path: plain Arabic is one set difference, never a fallback lookup."""
    def refuse(families):
        raise AssertionError("the fallback chain was looked up")

    monkeypatch.setattr(font_subset, "fallback_chain", refuse)
    options = Options()
    doc = load(SEED, options)
    assert pdf_fallback_faces(doc, options.theme) == ()
    assert uncovered_warnings(reader_texts(doc), options.theme) == []


def test_the_pdf_fetches_the_fallback_faces_only_for_an_article_that_needs_them(
        chain, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fetched = []
    original = AllowListFetcher.fetch
    monkeypatch.setattr(AllowListFetcher, "fetch",
                        lambda self, url, headers=None: fetched.append(url) or original(self, url, headers))
    options, exporter = Options(), PdfExporter()
    theme_files = {file_url(path) for path in family_faces("Amiri").values()}
    exporter.export(load(SEED, options), tmp_path / "seed.pdf", options)
    assert set(fetched) == theme_files
    fetched.clear()
    exporter.export(load(EMOJI, options), tmp_path / "emoji.pdf", options)
    assert set(fetched) == theme_files | {file_url(path) for path in chain.values()}


def test_a_theme_whose_fallback_family_is_missing_still_converts(tmp_path: Path) -> None:
    theme = load_theme(str(write_theme(tmp_path, '["No Such Family 7f3a"]')))
    options = Options(theme=theme)
    target = export("pdf", EMOJI, tmp_path / "emoji.pdf", options)
    assert target.read_bytes().startswith(b"%PDF")
    warnings = uncovered_warnings(["وجه 😀"], theme)
    assert warnings == ["no font has U+1F600 😀 (not installed: No Such Family 7f3a)"]


# -v: a character no font has ----------------------------------------------------------------

def test_verbose_names_each_character_no_font_has_once(chain, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    text = f"عنوان\n\nنص فيه {NO_FONT} ووجه 😀 ونجمة ★ ثم {NO_FONT} مرة أخرى.\n"
    article.write_text(text, encoding="utf-8")
    result = run_cli(str(article), "--to", "json", "-o", str(tmp_path / "out"), "-v")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "no font has" in line]
    assert lines == [f"warning: {article}: no font has U+E000 \ue000",
                     f"warning: {article}: no font has U+13000 \U00013000"]
    quiet = run_cli(str(article), "--to", "json", "-o", str(tmp_path / "quiet"))
    assert "no font has" not in quiet.stderr + quiet.stdout
    assert "2 warning(s) (-v shows them)" in quiet.stderr + quiet.stdout


def test_many_such_characters_make_a_short_list() -> None:
    characters = [chr(code) for code in range(0xE000, 0xE000 + 30)]
    warnings = uncovered_warnings(characters, load_theme())
    assert len(warnings) == 21 and warnings[-1] == "and 10 more characters no font has"
    assert warnings[0] == "no font has U+E000 \ue000"

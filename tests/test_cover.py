"""The cover image: Arabic joined and right to left through raqm and through the basic layout."""

from __future__ import annotations

import io
import subprocess
from difflib import SequenceMatcher

import pytest
from conftest import require, require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps, features

from convert.exporters.epub.cover import (
    ELLIPSIS,
    CoverStyle,
    LineSetter,
    TextBox,
    cover_png,
    default_shaping,
    draw_cover,
    draw_palette_cover,
    fit_lines,
    visual_order,
)
from convert.fonts import find_font

TITLE = "إيران والقاعدة"
AUTHOR = "سارة الأحمد"
WORDS = ("مستشفى", "تنظيم القاعدة في إيران", "لقاحات COVID-19 وطائرات")
needs_raqm = pytest.mark.skipif(not features.check("raqm"), reason="Pillow built without raqm")


@pytest.fixture(scope="module")
def style() -> CoverStyle:
    return CoverStyle(ground="#7b1e1e", ink="#ffffff", soft_ink="#f5f1ea",
                      title_font=find_font("Amiri", 700), text_font=find_font("Amiri"))


# ---------------------------------------------------------------- comparing drawn words

def ink(text: str, draw_line) -> Image.Image:
    """The ink of one line as a black and white picture, cropped and brought to one size."""
    image = Image.new("L", (2000, 300), 0)
    draw_line(ImageDraw.Draw(image), text)
    image = image.point(lambda value: 255 if value > 127 else 0)
    return image.crop(image.getbbox()).resize((600, 120))


def shaped_by(shaping: str):
    setter = LineSetter(find_font("Amiri", 700), 120, shaping)
    return lambda canvas, text: setter.draw(canvas, (1000, 150), text, "white")


def drawn_as_given():
    """Characters drawn one after another from left to right: no joining, no reordering."""
    font = ImageFont.truetype(str(find_font("Amiri", 700)), 120, layout_engine=ImageFont.Layout.BASIC)
    return lambda canvas, text: canvas.text((1000, 150), text, font=font, fill="white", anchor="mm")


def likeness(first: Image.Image, second: Image.Image) -> float:
    """How much of each picture's ink lies near ink of the other (1: the same shapes)."""
    def covered(image: Image.Image, other: Image.Image) -> float:
        near_other = other.filter(ImageFilter.MaxFilter(7))
        return ImageChops.darker(image, near_other).histogram()[255] / image.histogram()[255]

    return min(covered(first, second), covered(second, first))


@needs_raqm
@pytest.mark.parametrize("text", WORDS)
def test_basic_layout_draws_what_raqm_draws(text):
    raqm = ink(text, shaped_by("raqm"))
    basic = ink(text, shaped_by("basic"))
    assert likeness(raqm, basic) > 0.65


@needs_raqm
@pytest.mark.parametrize("text", WORDS)
def test_wrong_order_or_unjoined_letters_look_different(text):
    raqm = ink(text, shaped_by("raqm"))
    reversed_order = ink(text[::-1], shaped_by("raqm"))
    unjoined = ink(text[::-1], drawn_as_given())  # visual order, isolated letters
    unordered = ink(visual_order(text)[::-1], drawn_as_given())  # joined forms, logical order
    for wrong in (reversed_order, unjoined, unordered):
        assert likeness(raqm, wrong) < 0.6
        assert likeness(raqm, ink(text, shaped_by("basic"))) - likeness(raqm, wrong) > 0.2


def test_basic_path_uses_joined_forms_in_visual_order():
    shaped = visual_order("سلام")
    assert all(0xFE70 <= ord(char) <= 0xFEFF for char in shaped)  # presentation forms: joined
    # From the left: meem alone, the lam-alef ligature joined to the seen, the seen's initial form.
    assert shaped == "\ufee1\ufefc\ufeb3"


# ---------------------------------------------------------------- the whole cover

def ocr(image: Image.Image) -> str:
    """Tesseract's Arabic reading of the cover's letters (light on dark, made dark on light)."""
    width, height = image.size
    inner = image.convert("L").crop((width // 10, height // 10, width - width // 10, height - height // 10))
    page = ImageOps.invert(inner).resize((inner.width // 3, inner.height // 3), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    result = subprocess.run(["tesseract", "stdin", "stdout", "-l", "ara", "--psm", "6"],
                            input=buffer.getvalue(), capture_output=True, timeout=120, check=True)
    return result.stdout.decode("utf-8")


def read_alike(expected: str, seen: str) -> float:
    return SequenceMatcher(None, "".join(expected.split()), "".join(seen.split())).ratio()


@pytest.fixture(scope="module")
def tesseract_arabic() -> None:
    """Tesseract and its Arabic data (skips the test without them, fails it in CI)."""
    tesseract = require_tool("tesseract")
    languages = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True).stdout
    require("ara" in languages.split(), "needs Tesseract's Arabic data (tesseract-ocr-ara)")


@pytest.mark.usefixtures("tesseract_arabic")
@pytest.mark.parametrize("shaping", [pytest.param("raqm", marks=needs_raqm), "basic"])
def test_cover_reads_back_as_title_and_author(style, shaping):
    seen = ocr(draw_cover(TITLE, AUTHOR, style, shaping))
    assert read_alike(TITLE + AUTHOR, seen) > 0.8, seen
    wrong = ocr(draw_cover(TITLE[::-1], AUTHOR[::-1], style, shaping))
    assert read_alike(TITLE + AUTHOR, wrong) < 0.6, wrong  # OCR would notice letters in the wrong order


def test_cover_in_theme_colours(style):
    image = draw_cover(TITLE, AUTHOR, style, "basic")
    colours = {colour for _, colour in image.getcolors(maxcolors=100_000)}
    assert image.getpixel((5, 5)) == (0x7B, 0x1E, 0x1E)
    assert (0xFF, 0xFF, 0xFF) in colours and (0xF5, 0xF1, 0xEA) in colours
    assert image.size == (1600, 2560)


def test_cover_png_is_the_same_every_time(style):
    first = cover_png(TITLE, AUTHOR, style)
    assert first == cover_png(TITLE, AUTHOR, style)
    assert Image.open(io.BytesIO(first)).format == "PNG"


def test_cover_without_author(style):
    with_author = draw_cover(TITLE, AUTHOR, style, "basic")
    without = draw_cover(TITLE, None, style, "basic")
    # The author sits under the title; without one that band stays empty.
    band = (200, 1250, 1400, 1500)
    assert len(with_author.crop(band).getcolors(maxcolors=100_000)) > 1
    assert len(without.crop(band).getcolors(maxcolors=100_000)) == 1


# ---------------------------------------------------------------- long titles

@pytest.mark.parametrize("shaping", [pytest.param("raqm", marks=needs_raqm), "basic"])
def test_long_title_wraps_into_the_box(shaping):
    title = " ".join(["عنوان طويل يلتف على عدة أسطر"] * 4)
    box = TextBox(width=1150, max_lines=6, largest=145, smallest=53)
    setter, lines = fit_lines(title, find_font("Amiri", 700), box, shaping)
    assert 1 < len(lines) <= box.max_lines
    assert " ".join(lines) == title  # every word, in order
    assert all(setter.width(line) <= box.width for line in lines)


@pytest.mark.parametrize("shaping", [pytest.param("raqm", marks=needs_raqm), "basic"])
def test_title_too_long_for_the_box_ends_with_an_ellipsis(shaping):
    title = " ".join(["كلمة"] * 400)
    box = TextBox(width=1150, max_lines=6, largest=145, smallest=53)
    setter, lines = fit_lines(title, find_font("Amiri", 700), box, shaping)
    assert len(lines) == box.max_lines and setter.size == box.smallest
    assert lines[-1].endswith(ELLIPSIS)
    assert all(setter.width(line) <= box.width for line in lines)


def test_word_wider_than_the_box_is_cut(style):
    word = "ب" * 600
    box = TextBox(width=1150, max_lines=6, largest=145, smallest=53)
    setter, lines = fit_lines(word, style.title_font, box, "basic")
    assert lines[0].endswith(ELLIPSIS) and setter.width(lines[0]) <= box.width
    draw_cover(word, word, style, "basic")  # draws without error


def test_default_shaping_follows_pillow():
    assert default_shaping() == ("raqm" if features.check("raqm") else "basic")


ARABIC_WORDS = ("إيران", "القاعدة", "لكنّ", "بِسْمِ", "اللَّهِ", "الرَّحْمَٰنِ", "ﷺ", "ـــ", "COVID-19", "٢٠٢١", "مستشفى",
                "ۖ", "ٰ", "ِّ")


@pytest.mark.parametrize("shaping", ["raqm", "basic"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.lists(st.sampled_from(ARABIC_WORDS), min_size=1, max_size=60).map(" ".join),
       author=st.none() | st.lists(st.sampled_from(ARABIC_WORDS), min_size=1, max_size=20).map(" ".join))
def test_cover_png_shows_exactly_the_drawn_cover(style, shaping, title, author):
    """The PNG deflates only the rows the title, rule and author are drawn on
    (band_png): stacked marks, long titles or a missing author must never
    fall outside them."""
    if shaping == "raqm" and not features.check("raqm"):
        pytest.skip("Pillow built without raqm")
    decoded = Image.open(io.BytesIO(cover_png(title, author, style, shaping)))
    decoded.load()
    drawn = draw_palette_cover(title, author, style, shaping)
    assert decoded.tobytes() == drawn.tobytes()
    assert decoded.getpalette() == drawn.getpalette()

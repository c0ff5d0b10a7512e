"""Mixed-direction text shows in every format what the Unicode Bidirectional
Algorithm shows for a right-to-left paragraph.

The expected visual order of each one-line probe comes from python-bidi
(``get_display(line, base_dir="R")``); the actual one is read back from what
a reader sees: the PDF's glyphs left to right (pdfplumber), the DOCX as
LibreOffice prints it, the EPUB chapter as Chromium prints it.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import libreoffice_pdfs, load, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from test_epub import chromium
from visual_order import comparable, expected_visual, oracle_agrees, pdf_lines

from convert.exporters import get_exporter
from convert.options import Options
from convert.reading.phones import mark_phone_numbers

MM = 72 / 25.4
# One paragraph each, short enough for one line in every format.
PROBES = [
    "ارتفعت الأسعار بنسبة 48% هذا العام",
    "بلغ المعدل 5‰ فقط في الربع الأول",
    "سعر البرميل $75 اليوم في السوق",
    "سعر السهم 5$ اليوم في البورصة",
    "بلغت الديون 300€ للفرد الواحد",
    "بلغت الحرارة 45° في الظل أمس",
    "البند #3 من الاتفاق لم ينفذ",
    "صدر القرار في 2024-03-15 رسميا",
    "صدر القرار في 15/03/2024 رسميا",
    "بدأ الاجتماع الساعة 10:30 صباحا",
    "في الفترة 2020-2024 تضاعف العدد",
    "للتواصل: +966 11 123 4567 على مدار الساعة",
    "المعادلة E=mc² شهيرة في الفيزياء",
    "صدر الإصدار v2.1.3 أمس للمستخدمين",
    "راجع https://example.com/news?id=5&lang=ar للمزيد",
    "راسلنا على editor@example.com يوميا",
    "غرد @AlJazeera بوسم #Gaza أمس",
    "قال «Breaking News» في المقدمة",
    "كتب “The End” في الختام",
    "ارتفع العدد إلى ٤٨٪ هذا العام",
    "وصل العدد إلى ۱۴۰۲ نسخة",
    "قال \u2066COVID-19 (v2.1)\u2069 اليوم",
    "قالت \u2067عربي English\u2069 ثم مضت",
    "سجل \u2068Paris باريس\u2069 أمس",
    "بنسبة (97%) تقريبا",
    "التقى Joe Biden بنظيره أمس",
    "منظمة (NATO) اجتمعت في New York",
    "العلامة \u200eA-1\u200e والعلامة \u200fB-2\u200f هنا",
]
TITLE = "اختبار الاتجاهات"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("mixed-direction")
    article = folder / "probes.txt"
    article.write_text(TITLE + "\n\n" + "\n\n".join(PROBES) + "\n", encoding="utf-8")
    result = run_cli(str(article), "--to", "pdf,docx,epub", "-o", str(folder / "out"), "--no-disclaimer")
    assert result.returncode == 0, result.stderr
    return {suffix: folder / "out" / f"probes.{suffix}" for suffix in ("pdf", "docx", "epub")}


def body_lines(lines: list[str]) -> list[str]:
    """The probes' lines: the title comes first."""
    assert comparable(lines[0]) == expected_visual(TITLE)
    return lines[1:]


def assert_probes_in_visual_order(lines: list[str]) -> None:
    actual = [comparable(line) for line in body_lines(lines)]
    # UAX #9 over the text the reader gives every format: a phone number
    # comes in a left-to-right isolate (reading/phones.py).
    expected = [expected_visual(mark_phone_numbers(probe)) for probe in PROBES]
    pairs = zip(PROBES, expected, actual, strict=True)
    wrong = [(probe, want, got) for probe, want, got in pairs if want != got]
    assert not wrong, "\n".join(f"{probe!r}: UAX #9 {want!r}, shown {got!r}" for probe, want, got in wrong)


def test_the_pdf_shows_what_the_bidi_algorithm_shows(outputs: dict[str, Path]) -> None:
    assert_probes_in_visual_order(pdf_lines(outputs["pdf"], top_pt=20 * MM, bottom_pt=20 * MM))


def test_the_docx_shows_in_libreoffice_what_the_bidi_algorithm_shows(outputs: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    [rendered] = libreoffice_pdfs([outputs["docx"]], tmp_path)
    assert_probes_in_visual_order(pdf_lines(rendered, top_pt=20 * MM, bottom_pt=20 * MM))


def test_the_epub_shows_in_chromium_what_the_bidi_algorithm_shows(outputs: dict[str, Path],
                                                                   tmp_path: Path) -> None:
    with zipfile.ZipFile(outputs["epub"]) as book:
        book.extractall(tmp_path / "book")
    chapter = next((tmp_path / "book").rglob("chapter.xhtml"))
    chromium(chapter, "--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'chapter.pdf'}")
    assert_probes_in_visual_order(pdf_lines(tmp_path / "chapter.pdf"))


# Random mixes ----------------------------------------------------------------------------------

ARABIC_WORDS = ["قال", "الوزير", "إن", "نسبة", "ارتفعت", "في", "عام", "المدينة", "أمس", "وكتب", "العدد"]
RUNS = [
    st.integers(0, 10**6).map(str),
    st.integers(0, 999).map(lambda n: f"{n}%"),
    st.integers(0, 999).map(lambda n: f"${n}"),
    st.integers(0, 999).map(lambda n: f"{n}°"),
    st.integers(0, 99).map(lambda n: f"#{n}"),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28)).map(
        lambda d: f"{d[0]}-{d[1]:02}-{d[2]:02}"),
    st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(1990, 2030)).map(
        lambda d: f"{d[0]}/{d[1]}/{d[2]}"),
    st.sampled_from(["COVID-19", "F-16", "New York", "E=mc²", "v2.1.3", "editor@example.com",
                     "https://example.com/a?b=1", "@handle", "#tag", "Joe Biden", "NATO"]),
    st.sampled_from(["(NATO)", "«Breaking News»", "“The End”", "(97%)", "[v2]"]),
    st.integers(0, 9999).map(lambda n: "".join(chr(0x0660 + int(d)) for d in str(n))),
    st.integers(0, 9999).map(lambda n: "".join(chr(0x06F0 + int(d)) for d in str(n))),
    st.sampled_from(["\u2066COVID-19 (v2)\u2069", "\u2067عربي English\u2069", "\u2068Paris\u2069",
                     "\u200eA-1\u200e"]),
]


# Short enough to fit one line of the PDF: UAX #9 reorders each line apart.
paragraph = st.lists(st.one_of(st.sampled_from(ARABIC_WORDS), *RUNS), min_size=2, max_size=5).map(
    lambda words: " ".join([ARABIC_WORDS[0], *words, ARABIC_WORDS[-1]])).filter(
    lambda text: len(text) <= 64 and oracle_agrees(text))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(st.lists(paragraph, min_size=4, max_size=8))
def test_random_mixes_show_in_the_pdf_what_the_bidi_algorithm_shows(tmp_path: Path, lines: list[str]) -> None:
    source, target = tmp_path / "mix.txt", tmp_path / "mix.pdf"
    source.write_text(TITLE + "\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    options = Options(footer=False)
    get_exporter("pdf").export(load(source, options), target, options)
    shown = body_lines(pdf_lines(target, top_pt=20 * MM, bottom_pt=20 * MM))
    assert [comparable(line) for line in shown] == [expected_visual(line) for line in lines]


# Nothing leaves the text block -------------------------------------------------------------

LONG_TOKENS = [
    "راجع https://www.example.com/news/2024/03/15/an-article-with-a-very-long-path-name"
    "?id=12345&lang=ar&utm_source=newsletter&utm_medium=email للمزيد من التفاصيل",
    "بصمة الملف sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 "
    "وعنوان editor.in.chief@newsroom.example.com ورقم " + "1234567890" * 6 + " في النص",
    "وهذا رمز طويل جدا " + "".join("abcdefghijklmnopqrstuvwxyz0123456789"[(n * 7919) % 36]
                                   for n in range(2400)) + " ثم يستمر النص العربي بعده",
]
WORDS = ["قال", "الوزير", "إن", "نسبة", "النمو", "ارتفعت", "في", "عام", "المدينة", "أمس", "وكتب", "الحكومة"]
RUNS_IN_TEXT = ["48%", "COVID-19", "2024-03-15", "New York", "editor@example.com", "$75", "45°", "#3",
                "(NATO)", "v2.1.3", "+966 11 123 4567", "E=mc²", "«Breaking News»", "١٢٣"]


def justified_paragraphs(count: int = 5, words: int = 60) -> list[str]:
    """Long paragraphs, a quarter of their words left-to-right runs (deterministic)."""
    paragraphs = []
    for number in range(count):
        picks = [(number * 31 + index * 17) % 97 for index in range(words)]
        paragraphs.append(" ".join(RUNS_IN_TEXT[pick % len(RUNS_IN_TEXT)] if pick % 4 == 0
                                   else WORDS[pick % len(WORDS)] for pick in picks) + ".")
    return paragraphs


@pytest.fixture(scope="module")
def crowded_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crowded")
    source = folder / "crowded.txt"
    paragraphs = justified_paragraphs() + LONG_TOKENS
    source.write_text(TITLE + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    options = Options(footer=False)
    get_exporter("pdf").export(load(source, options), folder / "crowded.pdf", options)
    return folder / "crowded.pdf"


def glyphs_outside_the_text_block(pdf: Path) -> list[tuple[int, str, float]]:
    """Glyphs whose origin lies left of the text block or right of its end.

    (pdfplumber places glyphs by their full advances, while Amiri kerns: the
    letters at a line's right end read up to a point or so past the margin
    they are set against, and their right ends a few points; the ink is
    checked apart.)"""
    theme = Options().theme
    left = theme.page.margin_outer_mm * MM
    outside = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            right = page.width - theme.page.margin_inner_mm * MM
            outside += [(number, char["text"], char["x0"]) for char in page.chars
                        if not left - 0.5 <= char["x0"] <= right + 1.5]
    return outside


def ink_outside_the_text_block(pdf: Path, folder: Path,
                               overhang_pt: float = 2.5) -> list[tuple[int, float, float]]:
    """Pages whose drawn ink reaches past the margins by more than a glyph's
    overhang (Amiri's waw reaches 2 pt past its advance)."""
    theme, scale = Options().theme, 2
    subprocess.run(["pdftoppm", "-r", str(72 * scale), "-gray", "-png", str(pdf), str(folder / "page")],
                   check=True)
    outside = []
    for number, image_path in enumerate(sorted(folder.glob("page-*.png")), start=1):
        image = Image.open(image_path).convert("L")
        width, height = image.size
        ink = image.point(lambda value: 255 if value < 128 else 0).getbbox()
        left, right = ink[0] / scale, ink[2] / scale
        if (left < theme.page.margin_outer_mm * MM - overhang_pt
                or right > width / scale - theme.page.margin_inner_mm * MM + overhang_pt):
            outside.append((number, left, right))
    return outside


def test_no_glyph_leaves_the_text_block(crowded_pdf: Path, tmp_path: Path) -> None:
    """Justified lines full of direction boxes, a long URL, a hash, an e-mail
    address, a 60-digit number and a 2,400-character token: every glyph stays
    between the margins."""
    with pdfplumber.open(crowded_pdf) as document:
        drawn = "".join(char["text"] for page in document.pages for char in page.chars)
    assert drawn.count("sha256") == 1 and drawn.count("7") >= 2400 // 36  # the long token is on the pages
    assert glyphs_outside_the_text_block(crowded_pdf) == []
    assert ink_outside_the_text_block(crowded_pdf, tmp_path) == []


def test_long_tokens_break_after_their_punctuation(crowded_pdf: Path) -> None:
    lines = pdf_lines(crowded_pdf, top_pt=20 * MM)
    url_lines = [line for line in lines if "example.com" in line or "utm_" in line]
    assert len(url_lines) >= 2
    # The URL's first line ends at a break point of its own (after / . - _ ? & =).
    first = next(line for line in lines if "https://" in line)
    url_part = first[first.index("https://"):].split()[0]
    assert url_part[-1] in "/.-_?&="


def words_per_line(pdf: Path) -> list[list[int]]:
    """For each paragraph-like block of lines (a blank gap between them), the
    number of words on each of its lines."""
    blocks: list[list[int]] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            previous_bottom = None
            for line in page.extract_text_lines(return_chars=False):
                if line["top"] < 20 * MM or line["bottom"] > page.height - 20 * MM:
                    continue  # running head, page number
                # Lines of a paragraph are 11 pt apart, paragraphs 22 pt.
                if previous_bottom is None or line["top"] - previous_bottom > 16:
                    blocks.append([])
                blocks[-1].append(len(line["text"].split()))
                previous_bottom = line["bottom"]
    return blocks


def test_no_justified_line_is_broken_early(crowded_pdf: Path) -> None:
    """No line but a paragraph's last holds a single word (a box that did not
    fit would push the rest of its line down)."""
    blocks = words_per_line(crowded_pdf)[1:1 + 5]  # the title, then the justified paragraphs
    assert all(len(block) >= 2 for block in blocks), blocks
    assert all(count >= 4 for block in blocks for count in block[:-1]), blocks

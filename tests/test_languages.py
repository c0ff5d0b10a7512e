"""Persian, Urdu and Kurdish articles: each article's own language tag,
digits, font and disclaimer marker, in every format."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import SEED, run_cli
from fontTools.ttLib import TTFont
from lxml import etree
from pypdf import PdfReader

from convert.options import Options
from convert.outputs import prepared_reading
from convert.reading.language import detect_language, language_tag
from convert.reading.reader import read_bytes
from convert.theme import load_theme

PERSIAN = ("زبان فارسی در ایران\n\nاین یک نوشتار کوتاه به زبان فارسی است که برای آزمایش نوشته شده و "
           "کلمه‌های فارسی زیادی دارد. پژوهشگران گفتند که این کار مهم است.\n\n"
           "توجه: این یک یادداشت آزمایشی است.\n")
URDU = ("اردو زبان\n\nیہ ایک مختصر مضمون ہے جو اردو زبان میں لکھا گیا ہے۔ پاکستان میں بہت سے لوگ اردو "
        "بولتے ہیں اور یہ قومی زبان ہے۔ ہم نے ٹیسٹ کے لیے یہ لکھا۔\n\nنوٹ: یہ ایک آزمائشی تحریر ہے۔\n")
KURDISH = ("کوردی\n\nئەمە وتارێکی کورتە بە زمانی کوردی کە بۆ تاقیکردنەوە نووسراوە. خەڵکێکی زۆر بەم زمانە "
           "قسە دەکەن و ڕۆژنامەکان دەیخوێننەوە.\n")
ARABIC_WITH_A_PERSIAN_NAME = "عنوان\n\nزار الرئيس مدينة گرگان الإيرانية أمس والتقى المسؤولين فيها.\n"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(("text", "expected"), [
    (PERSIAN, "fa"), (URDU, "ur"), (KURDISH, "ckb"), (ARABIC_WITH_A_PERSIAN_NAME, "ar"),
    (SEED.read_text(encoding="utf-8"), "ar"),
])
def test_the_language_is_found_from_the_letters(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_front_matter_wins_then_the_batch_then_the_letters() -> None:
    markers = load_theme().disclaimer_markers()
    tagged = ("---\nlang: ur\n---\n" + PERSIAN).encode()
    assert read_bytes(tagged, "a.txt", markers, language="ar").document.meta.lang == "ur"
    assert read_bytes(PERSIAN.encode(), "a.txt", markers, language="ckb").document.meta.lang == "ckb"
    reading = read_bytes(PERSIAN.encode(), "a.txt", markers)
    assert reading.document.meta.lang == "fa" and "language: fa (found from its letters)" in reading.warnings


def test_a_bad_language_tag_is_a_clear_error(tmp_path: Path) -> None:
    assert language_tag("FA-ir") == "fa-ir" and language_tag("فارسی") is None
    (tmp_path / "a.txt").write_text("---\nlang: فارسی\n---\n" + PERSIAN, encoding="utf-8")
    result = run_cli(str(tmp_path / "a.txt"), "--to", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "front matter lang 'فارسی' is not a language tag" in result.stderr
    result = run_cli(str(tmp_path / "a.txt"), "--to", "json", "--lang", "??", "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "--lang '??': give a language tag" in result.stderr


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("languages")
    for name, text in (("fa", PERSIAN), ("ur", URDU), ("ckb", KURDISH)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run_cli(str(folder / "fa.txt"), str(folder / "ur.txt"), str(folder / "ckb.txt"),
                     "--to", "all", "-o", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.mark.parametrize(("name", "tag"), [("fa", "fa-IR"), ("ur", "ur-PK"), ("ckb", "ckb-IQ")])
def test_every_format_carries_the_articles_language(outputs: Path, name: str, tag: str) -> None:
    html = (outputs / f"{name}.html").read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{name}" dir="rtl">', html)
    with zipfile.ZipFile(outputs / f"{name}.epub") as book:
        opf = book.read(next(n for n in book.namelist() if n.endswith(".opf"))).decode()
        chapter = book.read(next(n for n in book.namelist() if n.endswith("chapter.xhtml"))).decode()
    assert f"<dc:language>{name}</dc:language>" in opf and f'xml:lang="{name}"' in chapter
    with zipfile.ZipFile(outputs / f"{name}.docx") as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    languages = {element.get(f"{W}bidi") for element in styles.iter(f"{W}lang")}
    assert languages == {tag}
    assert str(PdfReader(outputs / f"{name}.pdf").trailer["/Root"]["/Lang"]) == name


def footer_digits(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        return "".join(char["text"] for char in page.chars
                       if char["top"] > page.height - 28 * 72 / 25.4 and char["text"].isdigit())


def test_page_numbers_are_in_the_languages_digits(outputs: Path) -> None:
    assert footer_digits(outputs / "fa.pdf") == "۱"
    assert footer_digits(outputs / "ur.pdf") == "۱"
    assert footer_digits(outputs / "ckb.pdf") == "١"
    with zipfile.ZipFile(outputs / "fa.docx") as package:
        footer = package.read("word/footer1.xml").decode()
    assert 'w:fmt="hindiNumbers"' in package_part(outputs / "fa.docx", "word/document.xml") and "۱" in footer


def package_part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read(name).decode()


def test_latin_digits_when_the_theme_says_so(tmp_path: Path) -> None:
    (tmp_path / "fa.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / "latin.toml").write_text('[text]\ndigits = "latin"\n', encoding="utf-8")
    result = run_cli(str(tmp_path / "fa.txt"), "--to", "pdf", "--style", str(tmp_path / "latin.toml"),
                     "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert footer_digits(tmp_path / "fa.pdf") == "1"


def test_urdu_is_set_in_nastaliq_with_room_between_lines(outputs: Path) -> None:
    urdu_fonts = pdf_fonts(outputs / "ur.pdf")
    assert "Noto-Nastaliq-Urdu" in urdu_fonts and "Amiri" not in urdu_fonts
    assert "Amiri" in pdf_fonts(outputs / "fa.pdf")
    theme = load_theme()
    assert line_pitch(outputs / "ur.pdf") == pytest.approx(
        theme.fonts.size_pt * theme.language_rules("ur").line_height, rel=0.05)
    persian = theme.fonts.size_pt * theme.fonts.line_height
    assert line_pitch(outputs / "fa.pdf") == pytest.approx(persian, rel=0.05)


def line_pitch(pdf: Path) -> float:
    """The distance between the first two lines of body text, in points (a
    Nastaliq word steps down along its line: lines are the clusters of
    glyph bottoms more than half a size apart)."""
    size = load_theme().fonts.size_pt
    with pdfplumber.open(pdf) as document:
        bottoms = sorted(char["bottom"] for char in document.pages[0].chars
                         if abs(char["size"] - size) < 0.1 and char["text"].strip())
    lines: list[list[float]] = [[bottoms[0]]]
    for bottom in bottoms[1:]:
        if bottom - lines[-1][-1] > size / 2:
            lines.append([])
        lines[-1].append(bottom)
    return max(lines[1]) - max(lines[0])


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_a_missing_face_falls_back_to_amiri_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "ur.txt").write_text(URDU, encoding="utf-8")
    (tmp_path / "theme.toml").write_text('[languages.ur]\nfont = "No Such Nastaliq"\n', encoding="utf-8")
    result = run_cli(str(tmp_path / "ur.txt"), "--to", "pdf", "--style", str(tmp_path / "theme.toml"),
                     "-o", str(tmp_path), "-v")
    assert result.returncode == 0, result.stderr
    assert "font 'No Such Nastaliq' for its language is not installed: set in Amiri" in result.stderr
    assert "Amiri" in pdf_fonts(tmp_path / "ur.pdf")


def test_each_language_finds_its_disclaimer_and_has_its_own_default(tmp_path: Path) -> None:
    def disclaimer(text: str) -> str | None:
        return prepared_reading(text.encode(), "a.txt", Options()).document.meta.disclaimer

    assert disclaimer(PERSIAN) == "توجه: این یک یادداشت آزمایشی است."
    assert disclaimer(URDU) == "نوٹ: یہ ایک آزمائشی تحریر ہے۔"
    (tmp_path / "ckb.txt").write_text(KURDISH, encoding="utf-8")  # no disclaimer of its own
    assert run_cli(str(tmp_path / "ckb.txt"), "--to", "json", "-o", str(tmp_path / "out")).returncode == 0
    model = (tmp_path / "out" / "ckb.json").read_text(encoding="utf-8")
    assert load_theme().language_rules("ckb").default_disclaimer in model


def test_in_a_book_each_chapter_keeps_its_language(tmp_path: Path) -> None:
    for name, text in (("a-fa", PERSIAN), ("b-ur", URDU)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run_cli(str(tmp_path / "a-fa.txt"), str(tmp_path / "b-ur.txt"), "--book", "کتاب",
                     "--to", "html,epub", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert re.findall(r'<article class="article" id="chapter-\d" lang="(\w+)">', html) == ["fa", "ur"]
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.epub"))) as book:
        chapters = sorted(name for name in book.namelist() if re.search(r"chapter-\d+\.xhtml$", name))
        langs = [re.search(r'xml:lang="(\w+)"', book.read(name).decode()).group(1) for name in chapters]
    assert langs == ["fa", "ur"]


def test_a_persian_numbered_list_has_its_digits_in_the_epub_and_html_fonts(tmp_path: Path) -> None:
    """The list's numbers are CSS counters (۱ ۲), in no text of the page: the
    subset fonts keep those digits all the same, or a reader draws them in another font."""
    source = tmp_path / "list.txt"
    source.write_text("lang: fa\n\nفهرست\n\nمتن اول این نوشته.\n\n۱. بند نخست\n۲. بند دوم\n",
                      encoding="utf-8")
    result = run_cli(str(source), "--to", "epub,html", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out" / "list.epub") as book:
        chapter = book.read(next(n for n in book.namelist() if n.endswith("chapter.xhtml"))).decode()
        fonts = [book.read(name) for name in book.namelist() if name.endswith(".ttf")]
    assert 'class="persian"' in chapter and "۱" not in chapter
    html = (tmp_path / "out" / "list.html").read_text(encoding="utf-8")
    fonts += [base64.b64decode(data) for data in re.findall(r"data:font/ttf;base64,([A-Za-z0-9+/=]+)", html)]
    assert len(fonts) >= 2
    for data in fonts:
        assert {"۱", "۲"} <= set(map(chr, TTFont(io.BytesIO(data)).getBestCmap()))

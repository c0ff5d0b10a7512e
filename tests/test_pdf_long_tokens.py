"""Long tokens in the PDF: every glyph and all ink inside the text block, no
text lost, whatever the token mixes (convert/exporters/pdf/long_tokens.py).

Read back as a reader meets the PDF: pdfplumber's glyph positions, the ink
of the pages as poppler renders them, and the text four viewer families
copy (tests/pdf_readers.py). The slow sizes (100,000 letters) are deep.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from conftest import load, run_cli
from pdf_readers import EXTRACTORS, INVISIBLE
from test_mixed_direction import glyphs_outside_the_text_block, ink_outside_the_text_block

from convert.exporters import get_exporter
from convert.exporters.pdf.long_tokens import CHUNK, chunks, long_token_spans
from convert.options import Options

HEX = "0123456789abcdef"
# Each token's characters are its own (no other token nor the prose has
# them), so counting them in what a reader copies tells whether any is lost.
TOKENS = {
    "url with an Arabic path": "https://example.com/مقالات/" + "x" * 1500,
    "Arabic and Latin chunks": "".join("ضظغ" if n % 2 else "QJZ" for n in range(700)),
    "alef and one": "ٱ1" * 600,
    "hash": "sha256:" + "".join(HEX[(n * 7) % 16] for n in range(64 * 8)),
    "number": "9" * 1200,
    "vocalised Arabic": "ثَ" * 900,
    "Latin word": "w" * 2000,
}


def article(tokens: dict[str, str], folder: Path) -> Path:
    source = folder / "tokens.txt"
    paragraphs = [f"وهذا رمز طويل {token} ثم يستمر النص بعده." for token in tokens.values()]
    source.write_text("رموز طويلة\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return source


def pdf_of(tokens: dict[str, str], folder: Path) -> Path:
    options = Options(footer=False)
    target = folder / "tokens.pdf"
    get_exporter("pdf").export(load(article(tokens, folder), options), target, options)
    return target


@pytest.fixture(scope="module")
def tokens_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdf_of(TOKENS, tmp_path_factory.mktemp("tokens"))


# Characters only the tokens have (not the prose, the title nor the disclaimer).
OWN = ["x", "w", "Q", "J", "Z", "ظ", "غ", "ٱ", "9", "ثَ"]


def visible_glyphs_outside(pdf: Path) -> list[tuple[int, str, float]]:
    """Glyphs outside the text block, but for the text layer's invisible
    marks: copy-text puts an Arabic letter mark a sliver left of a line's
    leftmost letter when it carries a vowel mark (it draws no ink)."""
    return [glyph for glyph in glyphs_outside_the_text_block(pdf) if glyph[1] not in INVISIBLE]


def test_no_glyph_nor_ink_outside_the_text_block(tokens_pdf: Path, tmp_path: Path) -> None:
    assert visible_glyphs_outside(tokens_pdf) == []
    assert ink_outside_the_text_block(tokens_pdf, tmp_path) == []


def test_a_long_token_fills_its_lines(tokens_pdf: Path) -> None:
    """Broken anywhere as a last resort, the Latin word's lines reach both
    margins (within a letter), not cut short at the last break opportunity."""
    with pdfplumber.open(tokens_pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()
                 if set(line["text"]) == {"w"}]
    assert len(lines) >= 10
    for line in lines[:-1]:
        assert line["x0"] < 20 * 72 / 25.4 + 12 and line["x1"] > 595.28 - 25 * 72 / 25.4 - 12, line


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
def test_no_character_of_a_token_is_lost_nor_added(tokens_pdf: Path, extractor: str) -> None:
    copied = unicodedata.normalize("NFC", EXTRACTORS[extractor](tokens_pdf))
    assert "\u200b" not in copied  # the break opportunities copy as nothing
    expected = {own: sum(token.count(own) for token in TOKENS.values()) for own in OWN}
    assert {own: copied.count(own) for own in OWN} == expected, extractor


def without_reading_direction(pdf: Path, target: Path) -> Path:
    """A copy of pdf whose catalog does not say the pages read right to left."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=pdf)
    del writer._root_object[NameObject("/ViewerPreferences")][NameObject("/Direction")]
    writer.write(target)
    return target


@pytest.mark.parametrize("extractor", ["poppler", "pdfium", "mupdf"])
def test_a_wrapped_left_to_right_token_copies_as_itself(tokens_pdf: Path, extractor: str) -> None:
    """The hash's lines, joined, are the hash: no character dropped, doubled
    or added at a line end. (Its first line starts with the paragraph's
    Arabic, and its last the paragraph's full stop, which extractors put on
    either side of it: only Latin letters, digits and colons are kept.)"""
    copied = EXTRACTORS[extractor](tokens_pdf)
    squashed = re.sub(r"[^0-9A-Za-z:]", "", copied)
    assert TOKENS["Latin word"] in squashed, extractor
    if extractor == "pdfium":
        return  # the hash: the test after this one
    assert TOKENS["hash"] in squashed, extractor


def test_pdfium_reverses_the_runs_of_a_latin_line_when_the_pages_read_right_to_left(
        tokens_pdf: Path, tmp_path: Path) -> None:
    """PDFium's own fault: a document whose ViewerPreferences say its pages read
    right to left (as alreq's books do, and every PDF of ours) has each line
    read right to left by PDFium, its letters and digit runs of a Latin line
    in reverse order (07e5c3 as 3c5e07); the same file without that
    preference reads the hash whole. Other viewers ignore the preference."""
    def hash_lines(pdf: Path) -> list[str]:
        lines = [re.sub(r"[^0-9a-f]", "", line) for line in EXTRACTORS["pdfium"](pdf).splitlines()]
        return [line for line in lines if len(line) > 40 and re.search("[a-f]", line)]

    def runs_reversed(line: str) -> str:
        return "".join(reversed(re.findall(r"[0-9]+|[a-f]", line)))

    plain = without_reading_direction(tokens_pdf, tmp_path / "ltr-preference.pdf")
    assert TOKENS["hash"] in re.sub(r"[^0-9A-Za-z:]", "", EXTRACTORS["pdfium"](plain))
    middle = hash_lines(tokens_pdf)[1:5]
    assert len(middle) == 4 and all(runs_reversed(line) in TOKENS["hash"] for line in middle), middle


def test_tokens_are_cut_into_short_boxes_without_splitting_a_letter_from_its_marks() -> None:
    for token in TOKENS.values():
        pieces = chunks(token)
        assert "".join(pieces) == token
        assert all(len(piece) <= CHUNK for piece in pieces)
        assert not any(unicodedata.combining(piece[0]) for piece in pieces)


def test_boxes_are_cut_where_letters_do_not_join_when_they_can_be() -> None:
    """After an alef or a dal (which join no letter after them), not between two letters that join."""
    token = "بيت" * 30 + "دار" + "بيت" * 30
    first = chunks(token)[0]
    assert first.endswith(("ا", "د", "ر"))


def test_only_tokens_of_31_letters_or_more_are_long() -> None:
    text = "قصير " + "ب" * 30 + " " + "ت" * 31 + " " + "ثَ" * 20
    assert [text[start:end] for start, end in long_token_spans(text)] == ["ت" * 31]


def test_an_oversized_article_is_refused_and_the_others_of_the_batch_converted(tmp_path: Path) -> None:
    """A word too long for the page limit is refused with one error line and
    a failing exit; the batch's other article (a long token too) is written
    whole."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_text("كبير\n\nنص " + "q" * 200_000 + " نص\n", encoding="utf-8")
    (tmp_path / "in" / "small.txt").write_text("صغير\n\nنص " + "k" * 3000 + " نص\n", encoding="utf-8")
    result = run_cli(str(tmp_path / "in"), "--to", "pdf", "-o", str(tmp_path / "out"), "--max-pages", "30")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode == 1
    assert len(errors) == 1 and "huge.txt: pdf: too long for PDF: about " in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "huge.pdf").exists()
    copied = EXTRACTORS["poppler"](tmp_path / "out" / "small.pdf")
    assert copied.count("k") == 3000


def test_a_token_of_many_direction_changes_counts_its_layout_not_its_pages(tmp_path: Path) -> None:
    """Each direction run is a box of its own: 120,000 runs of three letters
    (over 2 GB of layout) are refused at the default page limit, though
    their text is estimated under it."""
    from convert.exporters.pdf.limits import RUNS_PER_PAGE, layout_pages
    from convert.text.pages import estimate_article_pages

    token = "".join("ضظغ" if n % 2 else "QJZ" for n in range(120_000))
    source = tmp_path / "runs.txt"
    source.write_text(f"تبديل\n\nنص {token} نص\n", encoding="utf-8")
    doc = load(source)
    assert estimate_article_pages(doc, Options().theme) < 1000 < layout_pages(doc, Options().theme)
    assert layout_pages(doc, Options().theme) >= 120_000 // RUNS_PER_PAGE
    result = run_cli(str(source), "--to", "pdf", "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "too long for PDF: about " in result.stderr, result.stderr
    assert not (tmp_path / "out" / "runs.pdf").exists()


def test_ordinary_prose_costs_its_pages() -> None:
    from conftest import MIXED, SEED

    from convert.exporters.pdf.limits import layout_pages
    from convert.text.pages import estimate_article_pages

    for source in (SEED, MIXED):
        doc = load(source)
        assert layout_pages(doc, Options().theme) == estimate_article_pages(doc, Options().theme)


# The sizes the issue names, too slow for every run -------------------------------------------

LARGE_TOKENS = {
    "Arabic word": "".join("سمعنلكب"[n % 7] for n in range(100_000)),
    "Latin word": "z" * 100_000,
    "mixed Arabic and Latin": "".join("ضظغ" if n % 2 else "QJZ" for n in range(2000)),
}


@pytest.mark.deep
def test_words_of_a_hundred_thousand_letters_stay_in_the_text_block(tmp_path: Path) -> None:
    pdf = pdf_of(LARGE_TOKENS, tmp_path)
    assert visible_glyphs_outside(pdf) == []
    assert ink_outside_the_text_block(pdf, tmp_path) == []
    copied = EXTRACTORS["poppler"](pdf)
    assert copied.count("z") == 100_000
    assert copied.count("ظ") == 2000 // 2 * 1
    assert sum(copied.count(letter) for letter in "سمعنلكب") >= 100_000

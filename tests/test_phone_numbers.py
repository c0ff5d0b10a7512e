"""Phone numbers show left to right in the order typed, on one line, in every format.

The detection is tested on adversarial inputs (years, ranges, dates, ISBNs,
numbers in URLs). The outputs are read back as a reader sees them: the
PDF's glyphs left to right (pdfplumber), the DOCX as LibreOffice prints it,
the EPUB chapter and the HTML page as Chromium prints them. Each probe
article holds one number per paragraph, after a prefix that grows word by
word, so that in some paragraph the number falls at the end of a line; a
control article holds the same paragraphs with a number that is no phone
number (no ``+``), and shows that the layout does break there.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import libreoffice_pdfs, run_cli
from pdf_readers import EXTRACTORS, pdfium_finds
from test_epub import chromium
from visual_order import pdf_lines

from convert.reading.phones import LRI, NNBSP, PDI, WJ, is_phone_number, mark_phone_numbers

# Typed -> as the reader gives it to every format.
MARKED = {
    "+966 11 123 4567": "\u2066+966\u202f11\u202f123\u202f4567\u2069",
    "0551-234-567": "\u20660551-\u2060234-\u2060567\u2069",
    "+98 21 8888 7777": "\u2066+98\u202f21\u202f8888\u202f7777\u2069",
    "+٩٦٦ ١١ ١٢٣ ٤٥٦٧": "\u2066+٩٦٦\u202f١١\u202f١٢٣\u202f٤٥٦٧\u2069",
    "۰۹۱۲ ۳۴۵ ۶۷۸۹": "\u2066۰۹۱۲\u202f۳۴۵\u202f۶۷۸۹\u2069",
    "+9661112345": "\u2066+9661112345\u2069",
    "0300 1234567": "\u20660300\u202f1234567\u2069",
    "+1 212 555 0100": "\u2066+1\u202f212\u202f555\u202f0100\u2069",
}
NOT_PHONES = [
    "1948-1967",  # a range of years
    "05-03-2024", "5-3-2024", "2024-03-05", "05 03 2024",  # dates
    "0-306-40615-2", "ISBN 03-0640-6152", "978-0-306-40615-7",  # ISBNs
    "0551234567",  # a leading zero, no groups: a plain number
    "966 11 123 4567",  # no + nor leading zero
    "0 10 20 30 40",  # a list of numbers
    "+966 11",  # too few digits
    "+966 11 123 4567 8901 2345",  # too many (E.164: 15)
    "tel:+966111234567", "https://example.org/0551-234-567", "id=0551-234-567",  # inside a token
    "0551-234-567x", "A0551-234-567", "3.0551 234 567",
    "+966 ١١ 123 4567",  # digits of two scripts
    "0٫551 234 567",
]


@pytest.mark.parametrize("typed", MARKED)
def test_a_phone_number_is_isolated_and_its_groups_joined(typed: str) -> None:
    text = f"اتصلوا على {typed} في أي وقت."
    assert mark_phone_numbers(text) == f"اتصلوا على {MARKED[typed]} في أي وقت."


@pytest.mark.parametrize("text", NOT_PHONES)
def test_what_is_not_a_phone_number_is_left_alone(text: str) -> None:
    for context in (f"{text}", f"في {text} قال", f"قال: {text}."):
        assert mark_phone_numbers(context) == context


def test_a_number_the_author_isolated_is_not_isolated_again() -> None:
    text = "رقم \u2066+966 11 123 4567\u2069 هنا"
    assert mark_phone_numbers(text) == text


def test_numbers_next_to_punctuation_and_conjunction() -> None:
    text = "الأرقام: (0551-234-567)، و+966 11 123 4567، و0300 1234567."
    assert mark_phone_numbers(text) == ("الأرقام: (\u20660551-\u2060234-\u2060567\u2069)، "
                                        "و\u2066+966\u202f11\u202f123\u202f4567\u2069، "
                                        "و\u20660300\u202f1234567\u2069.")


def test_a_number_in_latin_text_is_marked_too() -> None:
    """In a left-to-right paragraph the isolate changes nothing of its order."""
    marked = "Call \u2066+44\u202f20\u202f7946\u202f0958\u2069 today"
    assert mark_phone_numbers("Call +44 20 7946 0958 today") == marked


def test_is_phone_number_counts_digits_of_one_script() -> None:
    assert is_phone_number("+966 11 123 4567") and is_phone_number("٠٥٥١-٢٣٤-٥٦٧")
    assert not is_phone_number("+٩٦٦ 11 123 4567")


# Reading back the formats --------------------------------------------------------------------

# Words of many lengths: with one more word each time, the number's place in
# its line moves by a few letters, and some paragraph puts it at a line's end.
PREFIX = ("في هذه الزاوية كتب المحرر مرة عن أرقام الهواتف وكيف تظهر في الصحف والمواقع العربية "
          "حين يقرؤها الناس على الشاشة أو في الورق ثم يتصلون بها من غير خطأ ولا تردد أبدا").split()
PROBES = ["+966 11 123 4567", "0551-234-567", "+٩٦٦ ١١ ١٢٣ ٤٥٦٧", "+98 21 8888 7777"]
CONTROL = "966 11 123 4567"  # not a phone number: the layout may break it
MM = 72 / 25.4
# What the marks become in a copy: the space typed, nothing.
AS_TYPED = {ord(NNBSP): " ", ord("\xa0"): " ", ord(WJ): None}
NUMBER_CHARS = re.compile(r"[^0-9\u0660-\u0669\u06f0-\u06f9+\-]")


def article(number: str) -> str:
    paragraphs = [f"{' '.join(PREFIX[:count])} {number} ثم انتهى الكلام هنا."
                  for count in range(8, len(PREFIX))]
    return "أرقام الهواتف\n\n" + "\n\n".join(paragraphs) + "\n"


# A digit touching an Arabic letter is no digit of the text: LibreOffice's
# PDF maps the tatweel glyphs of its kashida justification to "9".
GLUED_DIGITS = re.compile(r"(?<=[\u0621-\u064a])[0-9]+|[0-9]+(?=[\u0621-\u064a])")


def numbers_per_line(lines: list[str]) -> list[str]:
    """Each line's digits and signs, left to right (the Arabic and spaces left out)."""
    return [kept for kept in (NUMBER_CHARS.sub("", GLUED_DIGITS.sub("", line)) for line in lines) if kept]


def assert_whole_and_in_order(lines: list[str], typed: str) -> None:
    whole = typed.replace(" ", "")
    shown = numbers_per_line(lines)
    assert shown.count(whole) == len(PREFIX) - 8, (typed, shown)
    assert set(shown) == {whole}, (typed, shown)


def assert_control_breaks(lines: list[str]) -> None:
    """The control number is cut by a line end somewhere (else the probes prove nothing)."""
    shown = numbers_per_line(lines)
    assert any(line != CONTROL.replace(" ", "") for line in shown if line), shown


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("phones")
    names = {f"probe{index}": number for index, number in enumerate([*PROBES, CONTROL])}
    for name, number in names.items():
        (folder / f"{name}.txt").write_text(article(number), encoding="utf-8")
    result = run_cli(*(str(folder / f"{name}.txt") for name in names), "--to", "pdf,docx,epub,html,json",
                     "-o", str(folder / "out"), "--no-disclaimer")
    assert result.returncode == 0, result.stderr
    return {number: {suffix: folder / "out" / f"{name}.{suffix}" for suffix in ("pdf", "docx", "epub", "html",
                                                                                 "json")}
            for name, number in names.items()}


def body_lines(pdf: Path) -> list[str]:
    """A paged PDF's lines under the title, without the page numbers at the foot."""
    return pdf_lines(pdf, bottom_pt=20 * MM)[1:]


def test_the_json_carries_the_marked_number(outputs) -> None:
    document = json.loads(outputs[PROBES[0]]["json"].read_text(encoding="utf-8"))
    texts = [inline["text"] for block in document["blocks"] for inline in block["inlines"]]
    assert all(f"{LRI}+966{NNBSP}11{NNBSP}123{NNBSP}4567{PDI}" in text for text in texts)
    control = json.loads(outputs[CONTROL]["json"].read_text(encoding="utf-8"))
    assert all(CONTROL in inline["text"] for block in control["blocks"] for inline in block["inlines"])


@pytest.mark.parametrize("typed", PROBES)
def test_the_pdf_shows_each_number_left_to_right_on_one_line(outputs, typed: str) -> None:
    assert_whole_and_in_order(body_lines(outputs[typed]["pdf"]), typed)


def test_the_pdf_breaks_the_control_number(outputs) -> None:
    assert_control_breaks(body_lines(outputs[CONTROL]["pdf"]))


@pytest.mark.parametrize("typed", PROBES)
def test_the_pdf_copies_and_finds_the_number_as_typed(outputs, typed: str) -> None:
    pdf = outputs[typed]["pdf"]
    for name, extract in EXTRACTORS.items():
        if name in ("mupdf", "pypdf") and "٩" in typed:
            continue  # they reverse any number in Arabic-Indic digits (test_pdf_copy.py)
        copied = extract(pdf).translate(AS_TYPED)
        assert copied.count(typed) == len(PREFIX) - 8, (name, copied)
    assert pdfium_finds(pdf, [typed]) == [typed]


@pytest.fixture(scope="module")
def libreoffice(outputs, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    numbers = [*PROBES, CONTROL]
    documents = [outputs[number]["docx"] for number in numbers]
    rendered = libreoffice_pdfs(documents, tmp_path_factory.mktemp("lo"))
    return dict(zip(numbers, rendered, strict=True))


@pytest.mark.parametrize("typed", [pytest.param(typed, marks=pytest.mark.xfail(
    strict=True, reason="LibreOffice breaks a number in Arabic-Indic digits at a narrow no-break space "
                        "(measured; Latin and Persian digits hold)")) if "٩" in typed else typed
                                   for typed in PROBES])
def test_the_docx_shows_each_number_left_to_right_on_one_line_in_libreoffice(libreoffice, typed: str) -> None:
    assert_whole_and_in_order(body_lines(libreoffice[typed]), typed)


def test_the_docx_breaks_the_control_number_in_libreoffice(libreoffice) -> None:
    assert_control_breaks(body_lines(libreoffice[CONTROL]))


def chromium_lines(page: Path, folder: Path) -> list[str]:
    printed = folder / f"{page.parent.name}-{page.stem}.pdf"
    chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={printed}")
    return pdf_lines(printed)[1:]


def epub_chapter(epub: Path, folder: Path) -> Path:
    with zipfile.ZipFile(epub) as book:
        book.extractall(folder)
    return next(folder.rglob("chapter.xhtml"))


@pytest.mark.parametrize("fmt", ["epub", "html"])
@pytest.mark.parametrize("typed", [*PROBES, CONTROL])
def test_chromium_shows_each_number_left_to_right_on_one_line(outputs, fmt: str, typed: str,
                                                              tmp_path: Path) -> None:
    page = outputs[typed][fmt]
    if fmt == "epub":
        page = epub_chapter(page, tmp_path / "book")
    lines = chromium_lines(page, tmp_path)
    if typed == CONTROL:
        assert_control_breaks(lines)
    else:
        assert_whole_and_in_order(lines, typed)

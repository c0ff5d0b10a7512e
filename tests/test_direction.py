"""The direction rule every format shares (convert/text/direction.py): UAX #9
levels from GNU FriBidi, checked against python-bidi, and the PDF's boxes and
the DOCX's runs cut where its level runs are."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from visual_order import comparable, expected_visual, oracle_agrees

from convert.exporters.docx.script import split_runs
from convert.exporters.pdf.bidi import split_direction_runs
from convert.text import direction
from convert.text.fribidi import embedding_levels

# Arabic letters and marks, Latin, European, Arabic-Indic and Extended
# Arabic-Indic digits, number signs, separators, brackets, quotation marks,
# spaces, and the author's marks and isolates.
ALPHABET = ("قالعربيةًّ" "abcXYZé" "0123456789" "٠١٢٣" "۰۱۲۳" "%‰$€£°#+-/:.,،"
            "()[]«»“”" "  \u00a0" "\u200e\u200f\u061c\u2066\u2067\u2068\u2069")


def reordered(text: str, levels: list[int]) -> str:
    """text in visual order by UAX #9's rule L2: from the highest level down to
    the lowest odd one, reverse every stretch at that level or higher."""
    order = list(range(len(text)))
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return "".join(text[position] for position in order)


def balanced_isolates(text: str) -> bool:
    """Every isolate closed, as the reader leaves them (it balances them per line)."""
    depth = 0
    for char in text:
        depth += 1 if char in "\u2066\u2067\u2068" else -1 if char == "\u2069" else 0
        if depth < 0:
            return False
    return depth == 0


@given(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=40).map(str.strip).filter(
    lambda text: text and balanced_isolates(text) and oracle_agrees(text)))
def test_the_levels_give_the_order_python_bidi_gives(text: str) -> None:
    assert comparable(reordered(text, embedding_levels(text))) == expected_visual(text)


@given(st.text(st.sampled_from(ALPHABET), max_size=40))
def test_level_runs_cover_the_text_in_runs_of_one_level(text: str) -> None:
    runs = direction.level_runs(text)
    levels = direction.paragraph_levels(text)
    assert "".join(text[run.start:run.end] for run in runs) == text
    for run in runs:
        assert set(levels[run.start:run.end]) == {run.level}
    assert all(first.level != second.level for first, second in zip(runs, runs[1:], strict=False))


def test_characters_taken_as_right_to_left_without_the_algorithm_always_are() -> None:
    """Text of only these characters skips the algorithm: none may be a
    left-to-right letter, a number or an explicit control."""
    ranges = re.findall(r"(.)(?:-(.))?", direction.NEVER_LEFT_TO_RIGHT)
    characters = [chr(code) for low, high in ranges for code in range(ord(low), ord(high or low) + 1)]
    assert len(characters) > 1300
    allowed = {"R", "AL", "B", "S", "WS", "ON", "CS", "ES", "ET", "NSM", "BN"}
    unassigned = [char for char in characters if not unicodedata.bidirectional(char)]
    # Unassigned code points of the Arabic blocks default to AL (DerivedBidiClass.txt).
    assert all(0x0600 <= ord(char) <= 0x08FF or 0xFB50 <= ord(char) <= 0xFEFF for char in unassigned)
    assert {unicodedata.bidirectional(char) for char in characters} - {""} <= allowed
    assert set(direction.paragraph_levels("".join(characters))) == {1}


@given(st.text(st.sampled_from("قال العربية، (نص) «اقتباس» ؟!.-%$°" "\u200f\u061c\u200c"), min_size=1))
def test_the_shortcut_gives_the_levels_the_algorithm_gives(text: str) -> None:
    assert [run.level for run in direction.level_runs(text)] == sorted(set(direction.paragraph_levels(text)))


PROBES = [
    ("في عام 2011 ارتفعت", ["2011"]),
    ("بنسبة 10% خلال", ["10"]),
    ("درجة الحرارة 5° اليوم", ["5"]),
    ("البند #3 من القائمة", ["3"]),
    ("صدر في 2024-03-15 رسميا", ["2024", "03", "15"]),
    ("طائرات F-16 وصلت", ["F-16"]),
    ("(NATO) و New York", ["NATO", "New York"]),
    ("راسلنا على editor@example.com اليوم", ["editor@example.com"]),
    ("كلمة تايلاندية สวัสดี هنا", ["สวัสดี"]),
    ("وكلمة صينية 你好世界 هنا", ["你好世界"]),
    ("أرقام عربية ٢٠٢٤ فقط", ["٢٠٢٤"]),
    ("قال \u2066COVID-19 (v2.1)\u2069 اليوم", ["COVID-19 (v2.1)"]),
    ("كلمة عربية فقط", []),
]


def pdf_left_to_right_boxes(text: str) -> list[str]:
    page = (f'<!DOCTYPE html>\n<html dir="rtl"><head><title>t</title></head>'
            f'<body dir="rtl"><p>{text}</p></body></html>')
    root = etree.fromstring(split_direction_runs(page).split("\n", 1)[1], etree.HTMLParser())
    return ["".join(span.itertext()) for span in root.iterfind(".//span[@class='ltr']")]


def docx_left_to_right_runs(text: str) -> list[str]:
    return [run.text for run in split_runs([(text, "")]) if not run.rtl]


def test_pdf_boxes_and_docx_runs_are_the_level_runs() -> None:
    for text, expected in PROBES:
        even = [text[run.start:run.end].strip("\u2066\u2069") for run in direction.level_runs(text)
                if not run.right_to_left]
        assert even == expected, text
        assert docx_left_to_right_runs(text) == [text[run.start:run.end] for run in direction.level_runs(text)
                                                 if not run.right_to_left], text
        assert pdf_left_to_right_boxes(text) == expected, text

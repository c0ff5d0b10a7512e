"""The direction rule every format shares (convert/text/direction.py): the
PDF's direction spans and the DOCX's runs cut the same text at the same places."""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert.exporters.docx.script import split_runs
from convert.exporters.pdf.bidi import split_direction_runs
from convert.text import direction

# (paragraph, its left-to-right stretches in order)
PROBES = [
    ("في عام 2011 ارتفعت", ["2011"]),
    ("بنسبة 10% خلال", ["10%"]),
    ("بنسبة 5‰ فقط", ["5‰"]),
    ("درجة الحرارة 5° اليوم", ["5°"]),
    ("البند #3 من القائمة", ["#3"]),
    ("السعر 5$ فقط", ["5$"]),
    ("السعر $5 فقط", ["$5"]),
    ("طائرات F-16 وصلت", ["F-16"]),
    ("(NATO) و New York", ["NATO", "New York"]),
    ("راسلنا على editor@example.com اليوم", ["editor@example.com"]),
    ("كلمة تايلاندية สวัสดี هنا", ["สวัสดี"]),
    ("وكلمة صينية 你好世界 هنا", ["你好世界"]),
    ("ويونانية Αθήνα وروسية Москва", ["Αθήνα", "Москва"]),
    ("أرقام عربية ٢٠٢٤ فقط", []),
    ("كلمة عربية فقط", []),
]


def pdf_stretches(text: str) -> list[str]:
    page = f"<html><body><p>{text}</p></body></html>"
    spans = re.findall(r'<span class="ltr" dir="ltr">(.*?)</span>(?!</span>)', split_direction_runs(page))
    return [unescape(re.sub(r"<[^>]*>", "", span)) for span in spans]


def docx_stretches(text: str) -> list[str]:
    return [run.text for run in split_runs([(text, "")]) if not run.rtl]


@pytest.mark.parametrize(("text", "expected"), PROBES)
def test_pdf_and_docx_cut_the_same_stretches(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in direction.ltr_stretches(text)] == expected
    assert docx_stretches(text) == expected
    assert pdf_stretches(text) == expected


def test_characters_skipped_as_never_left_to_right_never_are() -> None:
    """Text of only these characters skips the per-character classes: so none
    may be left to right, nor a number sign that could join a number."""
    ranges = re.findall(r"(.)(?:-(.))?", direction._NEVER_LTR)
    characters = [chr(code) for low, high in ranges for code in range(ord(low), ord(high or low) + 1)]
    assert len(characters) == 1388
    assert "L" not in direction.class_letters("".join(characters))
    assert direction._MAYBE_LTR.search("".join(characters)) is None


ALPHABET = "في عام كلمة،؛؟.-()«»“”\u00a0\u200f\u0640ً2011F%$°NATOé²\u200e\u202aสวัสดี\u0301#"


@given(st.text(st.sampled_from(ALPHABET)))
def test_the_shortcut_finds_the_stretches_the_classes_find(text: str) -> None:
    full = [match.span() for match in direction._LTR_STRETCH.finditer(direction.class_letters(text))]
    assert direction.ltr_stretches(text) == full

"""The visual order of lines as a reader sees them, read back from a PDF,
and the order UAX #9 says they should have (python-bidi, the oracle).

A line's glyphs are read left to right with pdfplumber. Both sides are then
compared in a form that does not depend on how a renderer names its glyphs:
- every stretch of Arabic letters is one token (a word's glyphs come out in
  visual order, a ligature such as lam-alef as one glyph of two letters);
- white space and invisible controls are left out (spaces are not glyphs);
- the two halves of a mirrored pair are one symbol: a bracket drawn mirrored
  in right-to-left text copies as the character the author typed.
Digits, Latin letters, signs and their order all count.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
from bidi import get_display

_ARABIC_LETTERS = re.compile(
    r"[\u0600-\u065F\u066E-\u06D3\u06D5-\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")
_BIDI_MARKS = ("\u061c", "\u200e", "\u200f")
_PAIRS = str.maketrans({"(": "()", ")": "()", "[": "[]", "]": "[]", "{": "{}", "}": "{}",
                        "<": "<>", ">": "<>", "«": "«»", "»": "«»", "‹": "‹›", "›": "‹›"})


def comparable(visual: str) -> str:
    """A visual line in the form both sides are compared in."""
    kept = "".join(char for char in visual
                   if not char.isspace() and unicodedata.category(char) not in ("Cf", "Mn"))
    return _ARABIC_LETTERS.sub("ع", kept).translate(_PAIRS)


def expected_visual(logical_line: str) -> str:
    """What UAX #9 shows for a line of a right-to-left paragraph, left to right."""
    return comparable(get_display(logical_line, base_dir="R"))


def oracle_agrees(text: str) -> bool:
    """python-bidi 0.6 (Rust unicode-bidi) resolves a bracket pair that
    follows an isolate unlike ICU (Chromium) and FriBidi, which agree
    with each other: "قال COVID-19 ⁦COVID-19 (v2)⁩ (NATO) العدد" keeps
    its Latin in one left-to-right stretch in Chromium and in our PDF, where
    python-bidi splits it. Such mixes are left to the probe table."""
    return not (re.search("[\u2066-\u2068]", text) and re.search("[()\\[\\]«»]", text))


def pdf_lines(pdf: Path, top_pt: float = 0, bottom_pt: float = 0) -> list[str]:
    """Each line of text of every page, top to bottom, its glyphs' text left
    to right; text within top_pt of the page's top or bottom_pt of its
    bottom (running heads, footers) is left out."""
    lines: list[str] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            rows: dict[int, list[dict]] = {}
            for char in page.chars:
                if char["top"] < top_pt or char["bottom"] > page.height - bottom_pt:
                    continue
                if char["text"] in _BIDI_MARKS:
                    continue  # invisible: the text layer's Arabic letter marks
                rows.setdefault(_row(char, rows), []).append(char)
            for key in sorted(rows):
                lines.append("".join(char["text"] for char in sorted(rows[key], key=lambda c: c["x0"])))
    return [line for line in lines if comparable(line)]


def _row(char: dict, rows: dict[int, list[dict]]) -> int:
    """The row a glyph belongs to: the one whose baseline is within a third
    of the glyph's size (marks and superscripts sit higher than letters)."""
    for key in rows:
        if abs(key - char["bottom"]) < char["size"] / 3:
            return key
    return round(char["bottom"])

"""The lines a PDF prints, as pdfplumber reads them, and the ones that end early.

A line is the characters of one size on one baseline. Lines of a paragraph
follow each other at the body's line gap; a paragraph ends where a wider gap
(its margin) follows, or at the page's end. A line ends early when it starts
at the text block's right edge (a right-to-left paragraph's start side) and
is followed at the line gap by another line of the same paragraph, yet does
not reach the text block's left edge. Lines set in (block quotes, list items)
are left out, as are numbered list items, whose lines follow each other at
the line gap as a paragraph's do.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

EDGE = 1.5  # points: how far from the text block's edge a line still reaches it
_NUMBERED = re.compile(r"^[0-9٠-٩۰-۹]+[.)]")
# The invisible Arabic letter marks the PDF's text layer adds (engine_fixes/copy_text).
_MARKS = dict.fromkeys(map(ord, "\u061c\u200e\u200f"))


@dataclass(frozen=True)
class Line:
    page: int
    baseline: float
    left: float
    right: float
    size: float
    text: str  # in logical order, as far as pdfplumber's visual order reversed goes


def printed_lines(pdf: Path) -> list[Line]:
    import pdfplumber

    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[int, list[dict]] = defaultdict(list)
            for char in page.chars:
                if char["text"].strip():
                    rows[round(char["bottom"])].append(char)
            for baseline in sorted(rows):
                chars = rows[baseline]
                size = round(max(char["size"] for char in chars), 1)
                text = "".join(char["text"] for char in chars)[::-1].translate(_MARKS)
                found.append(Line(number, baseline, min(char["x0"] for char in chars),
                                  max(char["x1"] for char in chars), size, text))
    return found


def early_line_ends(pdf: Path) -> list[Line]:
    """The body lines that end before the text block's left edge inside a paragraph."""
    lines = printed_lines(pdf)
    body_size = Counter(line.size for line in lines).most_common(1)[0][0]
    body = [line for line in lines if line.size == body_size]
    left, right = min(line.left for line in body), max(line.right for line in body)
    gap = _line_gap(lines)
    early = []
    for line, after in zip(lines, lines[1:], strict=False):
        same_paragraph = (after.page == line.page and line.size == after.size == body_size
                          and after.baseline - line.baseline <= gap + 1)
        from_the_edge = right - line.right < EDGE and right - after.right < EDGE
        numbered = _NUMBERED.match(line.text) or _NUMBERED.match(after.text)
        if same_paragraph and from_the_edge and not numbered and line.left - left > EDGE:
            early.append(line)
    return early


def _line_gap(lines: list[Line]) -> float:
    gaps = Counter(after.baseline - line.baseline for line, after in zip(lines, lines[1:], strict=False)
                   if after.page == line.page and after.size == line.size)
    return gaps.most_common(1)[0][0]

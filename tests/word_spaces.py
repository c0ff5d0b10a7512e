"""The word spaces of justified lines, read back from a PDF.

A line is justified when it reaches both margins of the text block (a
paragraph's last line does not). A word space is measured from the glyph
before a space to the glyph after it, in em of the body size.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pdfplumber

from convert.theme import Theme, load_theme

MM = 72 / 25.4


def justified_spaces(pdf: Path, theme: Theme | None = None) -> list[float]:
    """Every word space of the PDF's justified body lines, in em."""
    theme = theme or load_theme()
    size = theme.fonts.size_pt
    spaces = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            left, right = theme.page.margin_outer_mm * MM, page.width - theme.page.margin_inner_mm * MM
            for chars in _body_lines(page, size):
                if chars[0]["x0"] <= left + 1 and chars[-1]["x1"] >= right - 1:
                    spaces += line_spaces(chars, size)
    return spaces


def _body_lines(page, size: float) -> list[list[dict]]:
    rows: dict[int, list[dict]] = {}
    for char in page.chars:
        if abs(char["size"] - size) < 0.1:  # body text only
            rows.setdefault(round(char["bottom"]), []).append(char)
    return [sorted(chars, key=lambda char: char["x0"]) for chars in rows.values()]


def line_spaces(chars: list[dict], size: float) -> list[float]:
    """The spaces of one line whose glyphs are in visual order, in em."""
    spaces, before = [], None
    for index, char in enumerate(chars):
        if char["text"] != " ":
            before = char
            continue
        after = next((later for later in chars[index + 1:] if later["text"] != " "), None)
        if before is not None and after is not None:
            spaces.append((after["x0"] - before["x1"]) / size)
    return spaces


def summary(spaces: list[float]) -> tuple[float, float, float]:
    """(median, 95th percentile, maximum)."""
    ordered = sorted(spaces)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], ordered[-1]

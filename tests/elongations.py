"""The kashida elongations of a PDF, read back from its drawn glyphs.

The PDF draws a tatweel (an elongation, or the stroke Amiri sets between
lam and kaf) as a filled outline, not as text (copy-text); the letters are
text glyphs, each as wide as the room its letter takes on the line. So an
elongation is found by its shape alone (PyMuPDF's drawings): a filled bar
whose top is Amiri's tatweel top, 0.09 em above the baseline, and whose
bottom sits on it (at most 0.025 em below: the longer tatweel glyphs dip).
Its word and place come from the text glyph whose room holds the bar's
middle: the letter the elongation leads into, in reading order, the one to
its left on the page. Abutting bars are one elongation (a run of tatweels
Amiri draws as several glyphs). A bar of one tatweel between lam and kaf is
Amiri's own stroke (لكن is drawn so with or without kashida), not an
elongation; nor is a bar shorter than one tatweel (Amiri's stroke after ha).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

TATWEEL_TOP = 0.090  # em above the baseline (Amiri's tatweel glyphs: 90 units of 1000)
TOLERANCE = 0.006  # em
LOWEST_BOTTOM = 0.025  # em below the baseline
# em: one tatweel's ink is 0.24 em wide; the short stroke Amiri draws
# between ha and a letter after it (تحترم، الخبر), 0.15 em, is none.
MINIMUM_WIDTH = 0.20
ONE_TATWEEL = 0.30  # em: wider than one tatweel's ink (0.24), narrower than two (0.42)
# Lam and kaf, and their forms in Persian, Kurdish and Urdu (keheh, gaf…).
LAM = frozenset("\u0644\u06b5\u06b6\u06b7\u06b8")
KAF = frozenset("\u0643\u06a9\u06aa\u06ab\u06ac\u06ad\u06ae\u06af\u06b0\u06b1\u06b2\u06b3\u06b4")
# Letters that never join the letter after them: no elongation follows one.
NON_JOINING = frozenset("اأإآٱدذرزژوؤةءڈڑےۓەۀ")


@dataclass
class Word:
    """An Arabic word of a line as read from the text layer, and its elongations."""

    text: str  # in reading order
    rooms: list[tuple[float, float]]  # each character's (x0, x1), in reading order
    runs: list[list[float]] = field(default_factory=list)  # [characters before, left x, right x]

    def elongations(self, size: float) -> list[int]:
        """Where the word is elongated: the number of characters before each place."""
        return [int(index) for index, left, right in self.runs
                if not self._lam_kaf_stroke(int(index), right - left, size)]

    def _lam_kaf_stroke(self, index: int, width: float, size: float) -> bool:
        return (0 < index < len(self.text) and self.text[index - 1] in LAM and self.text[index] in KAF
                and width < ONE_TATWEEL * size)


@dataclass
class Line:
    page: int
    baseline: float
    words: list[Word]
    size: float
    stray: int = 0  # bars no word's room holds

    @property
    def elongations(self) -> int:
        return sum(len(word.elongations(self.size)) for word in self.words)


def read_lines(pdf: Path, size: float) -> list[Line]:
    """Every body line (text of the given size, in points) and its elongations."""
    lines = []
    with pymupdf.open(pdf) as document:
        for number, page in enumerate(document):
            by_baseline = _text_lines(page, size)
            for bar in _tatweel_bars(page, size, list(by_baseline)):
                _place(bar, by_baseline, size)
            lines += [Line(number, baseline, line.words, size, line.stray)
                      for baseline, line in by_baseline.items()]
    return lines


@dataclass
class _Building:
    words: list[Word]
    stray: int = 0
    last: tuple[Word, list[float]] | None = None  # the run of the bar before, and its word


def _text_lines(page, size: float) -> dict[float, _Building]:
    chars: dict[float, list[tuple[float, float, str]]] = {}
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if abs(span["size"] - size) >= 0.1:
                    continue
                for char in span["chars"]:
                    baseline = round(char["origin"][1], 1)
                    chars.setdefault(baseline, []).append((char["bbox"][0], char["bbox"][2], char["c"]))
    return {baseline: _Building(_words(sorted(line, reverse=True))) for baseline, line in chars.items()}


def _words(right_to_left: list[tuple[float, float, str]]) -> list[Word]:
    """The line's words, split at spaces; each word's characters from right to left."""
    words, current = [], Word("", [])
    for x0, x1, char in [*right_to_left, (0.0, 0.0, " ")]:
        if char.isspace():
            if current.text:
                words.append(current)
            current = Word("", [])
        elif char != "\u061c":  # the invisible letter mark copy-text adds
            current.text += char
            current.rooms.append((x0, x1))
    return words


def _tatweel_bars(page, size: float, baselines: list[float]) -> list[tuple[float, float, float]]:
    """(x0, x1, baseline) of each filled tatweel shape on the page."""
    bars = []
    for drawing in page.get_drawings():
        rect = drawing["rect"]
        if drawing.get("type") != "f" or rect.width < MINIMUM_WIDTH * size:
            continue
        baseline = min(baselines, key=lambda y: abs(y - rect.y1), default=None)
        if baseline is None:
            continue
        top, bottom = (baseline - rect.y0) / size, (rect.y1 - baseline) / size
        if abs(top - TATWEEL_TOP) <= TOLERANCE and -TOLERANCE <= bottom <= LOWEST_BOTTOM:
            bars.append((rect.x0, rect.x1, baseline))
    return sorted(bars, key=lambda bar: (bar[2], -bar[0]))


def _place(bar: tuple[float, float, float], lines: dict[float, _Building], size: float) -> None:
    x0, x1, baseline = bar
    line = lines[baseline]
    middle = (x0 + x1) / 2
    for word in line.words:
        for index, (left, right) in enumerate(word.rooms):
            if left <= middle < right:
                if line.last and line.last[0] is word and line.last[1][1] - x1 < 0.05 * size:
                    line.last[1][1] = x0  # the same run of tatweels, drawn as several glyphs
                    return
                word.runs.append([index, x0, x1])
                line.last = (word, word.runs[-1])
                return
    line.stray += 1

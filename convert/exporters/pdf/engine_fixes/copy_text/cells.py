"""The text layer of one drawn line: which glyphs carry text, and which text.

PDF viewers find words by where glyphs sit (poppler, PDFium, MuPDF) or by
the order they are drawn in (pypdf), each glyph standing for the text its
font's ToUnicode map gives it. A shaped Arabic line breaks their rules in
three ways: glyphs that stand for no text (a kashida's tatweel, the stroke
Amiri adds between lam and kaf, Nastaliq's extra dots) come back as stray
characters or split words; vowel marks sit inside their letter's box, or
above it, and are taken for letters of their own or for another line; and
a letter's box is its advance in the font, not the room it takes on the
line (kerning, elongation), so words seem to have gaps or overlaps.

Measured on every viewer family (see tests/test_pdf_copy.py), this layout
reads back whole everywhere:

- each cluster (a letter, with the marks, joiners and elongations that
  follow it) is drawn by one *carrier* glyph, its base letter (the
  logically first glyph HarfBuzz gives the letter); its other glyphs are
  drawn as outlines, not text, so no viewer sees them; so is a carrier the
  font raises or moves off its pen position (Nastaliq's cascade, a number
  sign's digits), whose text glyph, blank, keeps to the baseline;
- the carrier stands for the cluster's first character; in a right-to-left
  run each further character (a vowel mark, the alef of lam-alef, a
  zero-width non-joiner) gets a blank glyph of its own, a sliver wide, just
  left of the carrier, i.e. where it comes in the drawing order the viewers
  reverse; one glyph standing for several characters would be reversed
  whole by three of the four families and not by the fourth;
- every text glyph is as wide as the room up to the next one, so the text
  layer tiles the line with no gap and no overlap (glyphs the pen does not
  move on to share the room before them);
- an invisible Arabic letter mark (U+061C) goes before a mark that would
  come first in a run or after punctuation, and before the space a right-
  to-left box ends with, where it is drawn first: without it MuPDF, PDFium
  or pypdf leave that character out of the run they reverse.

Pure functions over plain records: the Pango and PDF sides live in
reading.py and content.py.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

ARABIC_LETTER_MARK = "\u061c"
# The width of a blank glyph standing for one character, per mille of the
# font size: small enough to come out of its neighbour's room, large enough
# for every viewer to keep it apart (0.02 em read back right in all four).
SLIVER = 20.0
# Less room than this (per mille) and a text glyph is taken to share its place with the one before.
STALL = SLIVER / 2
# Two text glyphs of one text closer than this (per mille) are one glyph drawn twice, to poppler.
CROWDED = 100.0


@dataclass(slots=True)
class Glyph:
    """A glyph of the line, in drawing order (left to right)."""

    glyph_id: int
    face: object  # the font it is drawn in (opaque here)
    width: float  # its advance in the PDF's W array, per mille of the font size
    size: float  # font size
    cluster: int = -1
    offset: float = 0.0  # how far along from the pen it is drawn (text space)
    placed: bool = True  # drawn at the pen: neither moved along nor raised
    x: float = 0.0  # where it is drawn (text space), as the content stream says
    rise: float = 0.0

    @property
    def pen(self) -> float:
        """The pen position it was drawn from."""
        return self.x - self.offset


@dataclass(slots=True)
class Cluster:
    """Characters Pango shaped together, with the glyphs that draw them."""

    text: str
    right_to_left: bool
    run: int
    start: int  # byte offset in the line: the logical order within a run
    glyphs: list[int] = field(default_factory=list)
    # Its logically first glyph (the last drawn, right to left): the base
    # letter, as HarfBuzz puts a cluster's glyphs; None: no glyph of its own.
    base: int | None = None


@dataclass(slots=True)
class Cell:
    """One glyph of the text layer: drawn at x on the baseline, standing for text."""

    x: float
    width: float  # per mille of size
    size: float
    face: object
    glyph_id: int | None  # None: the face's blank glyph
    text: str
    carrier: int | None = None  # the glyph of the line it is the text of, if drawn as text


@cache
def follows_its_letter(text: str) -> bool:
    """Text drawn as part of the letter before it: nothing at all (a
    kashida's tatweel once left out), combining marks, joiners."""
    return all(unicodedata.category(character) in ("Mn", "Me", "Cf") for character in text)


def merge_clusters(glyphs: list[Glyph], clusters: list[Cluster]) -> None:
    """Marks, joiners and elongations join the cluster of the letter they
    follow in their run (Pango gives each mark a cluster of its own).
    A run's clusters come together, in drawing order; their logical order is
    that of their starts."""
    if not any(follows_its_letter(cluster.text) for cluster in clusters):
        return  # most lines: nothing to join
    first = 0
    while first < len(clusters):
        following = first
        while following < len(clusters) and clusters[following].run == clusters[first].run:
            following += 1
        base: int | None = None
        for index in sorted(range(first, following), key=lambda member: clusters[member].start):
            cluster = clusters[index]
            if base is not None and follows_its_letter(cluster.text):
                _absorb(glyphs, clusters, base, index)
            elif cluster.glyphs:
                base = index
        first = following


def _absorb(glyphs: list[Glyph], clusters: list[Cluster], base: int, index: int) -> None:
    target, cluster = clusters[base], clusters[index]
    target.text += cluster.text
    for glyph_index in cluster.glyphs:
        glyphs[glyph_index].cluster = base
    target.glyphs = sorted(target.glyphs + cluster.glyphs)
    cluster.glyphs, cluster.text = [], ""


def carrier(cluster: Cluster) -> int:
    """The glyph that carries the cluster's text: the base letter, not the
    marks, strokes and elongations drawn with it."""
    return cluster.glyphs[0] if cluster.base is None else cluster.base


def text_cells(glyphs: list[Glyph], clusters: list[Cluster], end: float | None = None
               ) -> tuple[list[Cell], list[int]]:
    """The text layer of the line, in drawing order, and the glyphs to draw
    as outlines (every glyph that carries no text); end: where the line's
    pen ends."""
    merge_clusters(glyphs, clusters)
    carriers = sorted(carrier(cluster) for cluster in clusters if cluster.glyphs and cluster.text)
    cells: list[Cell] = []
    for index in carriers:
        cells.extend(_cluster_cells(glyphs[index], clusters[glyphs[index].cluster]))
    if carriers:
        cells = _letters_before_marks(cells, clusters[glyphs[carriers[0]].cluster].right_to_left)
    cells = _uncrowded(_tiled(cells, end), end)
    # A carrier drawn off its pen position (raised in Nastaliq's cascade,
    # moved along by the font) is drawn as an outline too: its text glyph,
    # blank, keeps to the pen on the baseline with the rest of the line.
    kept = {cell.carrier for cell in cells if cell.glyph_id is not None}
    return cells, [index for index in range(len(glyphs)) if index not in kept]


def _placed(glyph: Glyph) -> bool:
    return glyph.placed and not glyph.rise


def _cluster_cells(glyph: Glyph, cluster: Cluster) -> list[Cell]:
    glyph_id = glyph.glyph_id if _placed(glyph) else None
    head = Cell(glyph.pen if glyph_id is None else glyph.x, glyph.width, glyph.size, glyph.face,
                glyph_id, cluster.text, carrier(cluster))
    if not cluster.right_to_left or len(cluster.text) < 2:
        return [head]
    # Drawn right to left: the cluster's later characters come first, leftmost.
    units = _units(cluster.text[1:])
    slivers = [_sliver(head, len(units) - position, unit) for position, unit in enumerate(units[::-1])]
    head.text = cluster.text[0]
    return [*slivers, head]


def _units(text: str) -> list[str]:
    """The characters a sliver each stands for, consecutive marks together.

    Viewers disagree on the order of marks that follow one another: PDFium
    keeps a run of them as drawn, poppler and MuPDF reverse it with the
    letters. One sliver for the run, in the text's own (NFC) order, reads
    back in that order in PDFium (whose search compares exactly) and pypdf,
    and reversed in poppler and MuPDF: the same text to Unicode (canonically
    equivalent) when the marks are of different classes, as a shadda and
    its vowel are.
    """
    units: list[str] = []
    for character in text:
        if units and _combining(character) and all(_combining(previous) for previous in units[-1]):
            units[-1] += character
        else:
            units.append(character)
    return units


def _combining(character: str) -> bool:
    return unicodedata.category(character) in ("Mn", "Me")


def _sliver(cell: Cell, places_left: int, text: str) -> Cell:
    x = cell.x - places_left * SLIVER / 1000 * cell.size
    return Cell(x, SLIVER, cell.size, cell.face, None, text)


def _letters_before_marks(cells: list[Cell], right_to_left: bool) -> list[Cell]:
    """An Arabic letter mark (invisible) where the drawing order would leave
    a character without a right-to-left letter before it, as some viewers
    need: a mark or joiner that comes first, or after punctuation (PDFium
    and MuPDF give it the direction of what precedes it and leave it out of
    the word they reverse), and the space a right-to-left box ends with,
    drawn first, before a number or a Latin word (MuPDF and pypdf leave it
    out of the run they reverse, gluing the two words)."""
    marked: list[Cell] = []
    for cell in cells:
        if _needs_a_letter_before(marked[-1] if marked else None, cell, right_to_left):
            marked.append(_sliver(cell, 1, ARABIC_LETTER_MARK))
        marked.append(cell)
    return marked


def _needs_a_letter_before(previous: Cell | None, cell: Cell, right_to_left: bool) -> bool:
    mark = cell.glyph_id is None and _weak(cell.text[0])
    if previous is not None and not mark:
        return False
    if previous is None:
        return mark or (right_to_left and cell.text[0] == " ")
    last = previous.text[-1]
    return mark and not (_strong_rtl(last) or last == " ")


@cache
def _weak(character: str) -> bool:
    return unicodedata.bidirectional(character) in ("NSM", "BN")


@cache
def _strong_rtl(character: str) -> bool:
    return unicodedata.bidirectional(character) in ("R", "AL") or _weak(character)


def _tiled(cells: list[Cell], end: float | None = None) -> list[Cell]:
    """Each cell as wide as the room up to the next, so that no viewer sees
    a gap or an overlap inside a word; the last one up to end (where the
    line's pen ends). Cells the pen does not move on to (glyphs a font draws
    back over the one before, as a number sign under its digits) share the
    room of the cells before them evenly, in their order."""
    if not cells:
        return []
    places = [cell.x for cell in cells] + [_end(cells, end)]
    groups = _moving_groups(cells, places)
    for first, following in zip(groups, [*groups[1:], len(cells)], strict=True):
        room = (places[following] - places[first]) / (following - first)
        for offset, cell in enumerate(cells[first:following]):
            cell.x = places[first] + offset * room
            if room > 0:
                cell.width = room * 1000 / cell.size
    return cells


def _moving_groups(cells: list[Cell], places: list[float]) -> list[int]:
    """Where each group of cells starts: a cell the pen moved on to starts
    one, unless the group it would start has too little room for its cells,
    which then join the group before."""
    step = STALL / 1000 * cells[0].size
    starts = [0] + [index for index in range(1, len(cells)) if places[index] - places[index - 1] >= step]
    merged = True
    while merged:
        merged = False
        for position in range(len(starts) - 1, 0, -1):
            first = starts[position]
            following = starts[position + 1] if position + 1 < len(starts) else len(cells)
            if (places[following] - places[first]) / (following - first) < step:
                del starts[position]
                merged = True
    return starts


def _uncrowded(cells: list[Cell], end: float | None) -> list[Cell]:
    """A word whose letters the font stacks (heh over jeem in Amiri) can put
    two text glyphs of the same text (the vowels of both letters) less than
    0.1 em apart, and poppler drops one as text drawn twice. Such a word's
    text glyphs are laid evenly over the word, its letters then drawn as
    outlines."""
    word_starts = [0] + [index + 1 for index, cell in enumerate(cells) if cell.text.isspace()]
    for first, following in zip(word_starts, [*word_starts[1:], len(cells) + 1], strict=True):
        word = cells[first:following - 1] if following <= len(cells) else cells[first:]
        if word and _crowded(word):
            _spread(word, cells[following - 1].x if following <= len(cells) else _end(cells, end))
    return cells


def _crowded(word: list[Cell]) -> bool:
    apart = CROWDED / 1000 * word[0].size
    last: dict[str, float] = {}
    for cell in word:
        if cell.text in last and cell.x - last[cell.text] < apart:
            return True
        last[cell.text] = cell.x
    return False


def _spread(word: list[Cell], end: float) -> None:
    """The word's letters share its room evenly; its marks keep a sliver
    each (MuPDF reads a mark as having no width: a wider room would leave
    a gap it takes for a space)."""
    slivers = [_is_sliver(cell) for cell in word]
    size, x = word[0].size, word[0].x
    sliver = SLIVER / 1000 * size
    letters = len(word) - sum(slivers)
    letter_room = (end - x - sliver * sum(slivers)) / letters if letters else 0.0
    if letter_room <= sliver:  # too little room for slivers: all alike
        slivers, letter_room = [False] * len(word), (end - x) / len(word)
    for cell, is_sliver in zip(word, slivers, strict=True):
        room = sliver if is_sliver else letter_room
        cell.x, cell.width, cell.glyph_id = x, room * 1000 / size, None
        x += room


def _is_sliver(cell: Cell) -> bool:
    """A cell standing for marks or joiners, or an Arabic letter mark."""
    return cell.text == ARABIC_LETTER_MARK or follows_its_letter(cell.text)


def _end(cells: list[Cell], end: float | None) -> float:
    return cells[-1].x + _advance(cells[-1]) if end is None else end


def _advance(cell: Cell) -> float:
    return cell.width / 1000 * cell.size

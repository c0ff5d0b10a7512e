"""Where a share card's text goes: a layout per card kind, built from the
EPUB cover's parts (exporters/epub/cover.py: fit_lines shapes, measures,
wraps and shortens; placed_block stacks lines; CoverLayout draws them). No
other code draws text on a card.

Every card keeps its text inside its safe area: SAFE_MARGIN pixels in from
each edge (networks crop a card's edges, round its corners, or lay buttons
over them). A layout is made at full size, and again smaller (SHRINK, at
most RETRIES times) while its ink would cross the safe area: a font whose
letters reach past their advance (Nastaliq's swashes) cannot push text
out. What still would is cut by the safe area (cards.py draws only there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..epub.cover import (
    INK_INDEX,
    LEADING,
    SOFT_INK_INDEX,
    CoverLayout,
    LineSetter,
    PlacedLine,
    Shaping,
    TextBox,
    fit_lines,
    placed_block,
)

CARD_SIZE = (1200, 630)  # Open Graph's and X's large summary card, 1.91:1
QUOTE_SIZE = (1080, 1080)  # a square post
SAFE_MARGIN = 60  # pixels, on every side
SHRINK = 0.85
RETRIES = 4
# A rule between the title (or the quote) and the byline, in soft ink.
_RULE_LENGTH = 0.12  # of the safe width
_RULE_WIDTH = 3
_SWASH_ROOM = 0.95  # of the width, for a line of title or quote
# A title's full size is the face's size at which its alef stands TITLE_ALEF
# pixels tall: faces differ in how big their letters are for their size (the
# drawn alef is 0.72 of it in Amiri, 0.86 in Noto Nastaliq Urdu, 0.68 in Noto
# Naskh Arabic), and a headline is seen by its letters. 78 pixels, an eighth
# of the card's height: a short title's line about a fifth of it (Amiri at
# 108 px, Nastaliq at 91 px, Noto Naskh at 115 px).
TITLE_ALEF = 78
TITLE_SIZE_UNKNOWN = 76  # pixels: a face without an alef (none of the themes')
_ALEF = "\u0627"
# A title shrinks on one line to this much of its full size before it wraps,
# and is cut at it (its alef about 47 pixels: a headline still, and legible in
# a feed's thumbnail of the card, about 500 pixels wide).
TITLE_FLOOR = 0.6
# A quote shrinks to this much before it wraps, and to QUOTE_FLOOR before it is cut.
QUOTE_WRAP_BELOW = 0.85
QUOTE_FLOOR = 0.55
_INSET = 3  # pixels: ink boxes are rounded outwards
_OPENING_MARK = "«"  # a quotation opens at the right in Arabic, Persian and Urdu
_MARK_LEADING = 1.0  # the mark's line is as tall as its size: it has no marks or tails


@dataclass(frozen=True)
class CardFaces:
    """The theme's faces for a card, and how far apart its lines go (in sizes)."""

    title_font: Path
    text_font: Path
    leading: float = LEADING
    language: str = "ar"
    shaping: Shaping = "raqm"


@dataclass(frozen=True)
class CardText:
    """What a share card says; each already shortened to what a card can show (text/shown.py)."""

    title: str
    author: str | None = None
    publisher: str | None = None
    date: str | None = None


Box = tuple[int, int, int, int]


def _inner(size: tuple[int, int]) -> Box:
    """The safe area less a few pixels each side: what a line's ink box
    (rounded outwards by a pixel or two) is measured against."""
    left, top, right, bottom = safe_area(size)
    return left + _INSET, top + _INSET, right - _INSET, bottom - _INSET


def safe_area(size: tuple[int, int]) -> Box:
    """left, top, right, bottom: the pixels a card's text may take."""
    width, height = size
    return SAFE_MARGIN, SAFE_MARGIN, width - SAFE_MARGIN, height - SAFE_MARGIN


def within(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def fitted(lay_out: Callable[[float], CoverLayout], size: tuple[int, int]) -> CoverLayout:
    """The layout at full scale, or smaller until its ink is inside the safe area."""
    scale, safe = 1.0, safe_area(size)
    layout = lay_out(scale)
    for _ in range(RETRIES):
        if within(layout.ink_box(), safe):
            break
        scale *= SHRINK
        layout = lay_out(scale)
    return layout


def share_card_layout(text: CardText, faces: CardFaces, size: tuple[int, int] = CARD_SIZE) -> CoverLayout:
    """The publisher at the top right, the title below it, the author at the
    bottom right and the date at the bottom left, a short rule above them."""
    return fitted(lambda scale: _share_card(text, faces, size, scale), size)


def quote_card_layout(quote: str, text: CardText, faces: CardFaces,
                      size: tuple[int, int] = QUOTE_SIZE) -> CoverLayout:
    """A large opening mark at the top right, the quote centred, the author
    at the bottom right and the publisher at the bottom left."""
    return fitted(lambda scale: _quote_card(quote, text, faces, size, scale), size)


def _share_card(text: CardText, faces: CardFaces, size: tuple[int, int], scale: float) -> CoverLayout:
    left, top, right, bottom = _inner(size)
    width = right - left
    header = _one_line(text.publisher, faces.text_font, width, _px(30, scale), faces, SOFT_INK_INDEX,
                       (right, top), "rm", from_top=True)
    footer = _footer(text.author, text.date, faces, width, scale, (left, right, bottom))
    title_top = _bottom_of(header, top, faces.leading) + _px(28, scale)
    rule_y = _top_of(footer, bottom, faces.leading) - _px(26, scale)
    title = _block(text.title, faces.title_font, faces, width, (title_top, rule_y - _px(26, scale)),
                   title_fitting(_px(title_size(faces), scale)), anchor_x=right, anchor="rm")
    # Each line's ink, not only its advance, starts at the right edge: a first
    # letter reaching past its advance (Amiri's إ and ت, Nastaliq's ک) would
    # otherwise cross the safe area, and the whole card be made smaller for it.
    title = [_ink_at_edge(line, right) for line in title]
    rule = ((right - width * _RULE_LENGTH, rule_y), (right, rule_y))
    return CoverLayout(tuple(header + title + footer), rule, _RULE_WIDTH)


def _quote_card(quote: str, text: CardText, faces: CardFaces, size: tuple[int, int],
                scale: float) -> CoverLayout:
    left, top, right, bottom = _inner(size)
    width = right - left
    mark = _one_line(_OPENING_MARK, faces.title_font, width, _px(150, scale), faces, SOFT_INK_INDEX,
                     (right, top), "rm", from_top=True, leading=_MARK_LEADING)
    footer = _footer(text.author, text.publisher, faces, width, scale, (left, right, bottom))
    rule_y = _top_of(footer, bottom, faces.leading) - _px(30, scale)
    span = (_bottom_of(mark, top, _MARK_LEADING), rule_y - _px(30, scale))
    body = _block(quote, faces.title_font, faces, width, span, quote_fitting(_px(64, scale)),
                  anchor_x=(left + right) / 2, anchor="mm")
    rule = ((right - width * _RULE_LENGTH, rule_y), (right, rule_y))
    return CoverLayout(tuple(mark + body + footer), rule, _RULE_WIDTH)


def _footer(start_text: str | None, end_text: str | None, faces: CardFaces, width: int, scale: float,
            edges: tuple[int, int, int]) -> list[PlacedLine]:
    """A line at the bottom of the safe area: start_text at its right (where
    a right-to-left line starts), end_text at its left, neither over the other."""
    left, right, bottom = edges
    both = bool(start_text and end_text)
    start = _one_line(start_text, faces.text_font, width * (0.62 if both else 1.0), _px(32, scale), faces,
                      SOFT_INK_INDEX, (right, bottom), "rm", from_top=False)
    end = _one_line(end_text, faces.text_font, width * (0.32 if both else 1.0), _px(28, scale), faces,
                    SOFT_INK_INDEX, (left, bottom), "lm", from_top=False)
    if end and start:  # one row: both lines on the taller one's middle
        middle = min(start[0].centre[1], end[0].centre[1])
        start = [_moved(line, middle) for line in start]
        end = [_moved(line, middle) for line in end]
    return start + end


def _one_line(text: str | None, font: Path, width: float, largest: int, faces: CardFaces, index: int,
              edge: tuple[float, float], anchor: str, from_top: bool, leading: float | None = None
              ) -> list[PlacedLine]:
    """text on one line at an edge of the safe area (its top or bottom), shrunk
    to a little over half its size, then ended with an ellipsis; [] for no text."""
    if not text:
        return []
    box = TextBox(width, max_lines=1, largest=largest, smallest=max(8, int(largest * 0.6)))
    setter, lines = fit_lines(text, font, box, faces.shaping, faces.language)
    leading = leading or faces.leading
    half = setter.size * leading / 2
    centre_y = edge[1] + half if from_top else edge[1] - half
    placed = placed_block(setter, lines[:1], (edge[0], centre_y), index, anchor, leading)
    return [_ink_at_edge(line, edge[0]) for line in placed]


def _ink_at_edge(line: PlacedLine, edge_x: float) -> PlacedLine:
    """A line anchored at an edge moved in so its ink, not only its advance,
    stops there (a letter may reach past the end of its advance)."""
    left, _, right, _ = line.ink_box()
    shift = min(0.0, edge_x - right) if line.anchor == "rm" else max(0.0, edge_x - left)
    return replace(line, centre=(line.centre[0] + shift, line.centre[1]))


@dataclass(frozen=True)
class Fitting:
    """How a block's text takes its lines: at `largest` if it can; shrunk
    (no smaller than `wrap_below`) on as few lines as hold it, up to `most`;
    else on as many lines as fit, down to `smallest`, and cut with an ellipsis."""

    most: int
    largest: int
    wrap_below: int
    smallest: int


def title_size(faces: CardFaces) -> int:
    """A title's full size in the theme's title face: its alef TITLE_ALEF pixels tall."""
    return _alef_size(faces.title_font, faces.shaping, faces.language)


@lru_cache(maxsize=16)
def _alef_size(font: Path, shaping: Shaping, language: str) -> int:
    probe = 100  # pixels: measured once at a size large enough for whole-pixel rounding not to matter
    # The rows the drawn alef inks (a glyph's box in the font may be taller than its ink: Nastaliq's).
    mask = LineSetter(font, probe, shaping, language).font.getmask(_ALEF, mode="L")
    box = mask.getbbox()
    ink = box[3] - box[1] if box else 0
    if ink < probe // 10:  # no alef drawn (a face without it): a fixed size
        return TITLE_SIZE_UNKNOWN
    return round(TITLE_ALEF * probe / ink)


def title_fitting(largest: int) -> Fitting:
    """A title shrinks on one line down to the floor before it wraps (issue
    33: shrink, then wrap, then end in an ellipsis), then takes two lines or
    three at the largest size that holds it; past three lines at the floor it is cut."""
    floor = max(12, int(largest * TITLE_FLOOR))
    return Fitting(most=3, largest=largest, wrap_below=floor, smallest=floor)


def quote_fitting(largest: int) -> Fitting:
    """A quote shrinks a little before it wraps (no line of one orphaned
    word), then takes up to seven lines, and shrinks further before it is cut."""
    return Fitting(most=7, largest=largest, wrap_below=int(largest * QUOTE_WRAP_BELOW),
                   smallest=max(10, int(largest * QUOTE_FLOOR)))


def _block(text: str, font: Path, faces: CardFaces, width: float, span: tuple[float, float],
           fitting: Fitting, anchor_x: float, anchor: str) -> list[PlacedLine]:
    """text as fitted_lines sets it, centred between the span's top and bottom."""
    top, bottom = span
    setter, lines = fitted_lines(text, font, faces, width, bottom - top, fitting)
    return placed_block(setter, lines, (anchor_x, (top + bottom) / 2), INK_INDEX, anchor, faces.leading)


def fitted_lines(text: str, font: Path, faces: CardFaces, width: float, height: float,
                 fitting: Fitting) -> tuple[LineSetter, list[str]]:
    """The fewest lines (1, 2, … fitting.most) that hold the whole text at a
    size from the largest the height allows down to fitting.wrap_below; else
    as many lines as the height holds at fitting.smallest, at the largest size
    down to it that holds the text, or cut at it with an ellipsis.

    Bounded: each try is cover.fit_lines (sizes 4 pixels apart, each wrapping
    at most lines + 1 lines), at most fitting.most + 1 tries, however long the text."""
    whole = " ".join(text.split())
    # Lines a little narrower than the span: a swash (Nastaliq's) reaches past its advance.
    line_width = width * _SWASH_ROOM

    def tallest(count: int) -> int:  # the size at which `count` lines fill the height
        return int(height / (count * faces.leading))

    def fit(count: int, smallest: int) -> tuple[LineSetter, list[str]]:
        largest = min(fitting.largest, tallest(count))
        box = TextBox(line_width, max_lines=count, largest=largest, smallest=smallest)
        return fit_lines(text, font, box, faces.shaping, faces.language)

    tried = 0
    for count in range(1, fitting.most + 1):
        if tallest(count) < fitting.wrap_below:
            break  # so many lines would not fit the height unless smaller still
        setter, lines = fit(count, fitting.wrap_below)
        tried = count
        if " ".join(lines) == whole:
            return setter, lines
    # Nothing holds it whole above wrap_below: the most lines the height holds at the smallest size.
    room = max((count for count in range(1, fitting.most + 1) if tallest(count) >= fitting.smallest),
               default=1)
    if room == tried and fitting.smallest == fitting.wrap_below:
        return setter, lines  # that last try was this one: already cut at the smallest size
    return fit(room, fitting.smallest)


def _moved(line: PlacedLine, centre_y: float) -> PlacedLine:
    return replace(line, centre=(line.centre[0], centre_y))


def _bottom_of(lines: list[PlacedLine], default: float, leading: float) -> float:
    return max((line.centre[1] + line.setter.size * leading / 2 for line in lines), default=default)


def _top_of(lines: list[PlacedLine], default: float, leading: float) -> float:
    return min((line.centre[1] - line.setter.size * leading / 2 for line in lines), default=default)


def _px(pixels: int, scale: float) -> int:
    return max(8, int(pixels * scale))

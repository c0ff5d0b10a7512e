"""Draw a book cover in the theme's colours: the title and the author, right to left.

Pillow shapes Arabic only through its raqm layout (HarfBuzz and FriBiDi). Without
raqm, arabic-reshaper joins the letters (as presentation forms) and python-bidi
puts them in visual order: that pre-shaped text only ever becomes pixels, it is
never stored as text anywhere.

The work is bounded by what fits, not by the text: wrapping stops at the
first line past the box's, a line is cut to fit by a search that probes
prefixes only as long as what fits, and no letter carries more than
MARKS_PER_LETTER marks (10,000 fathas stack 10,000 high: Pillow would build a
mask of hundreds of megapixels). Callers pass the title and byline as
text/shown.py shortens them (which caps the marks too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from ...text.shown import capped_marks
from .band_png import band_span, palette_png

Shaping = Literal["raqm", "basic"]

COVER_SIZE = (1600, 2560)  # width:height 1:1.6, what Kindle and Apple Books ask for
ELLIPSIS = "…"
_SHORTEN_FIRST_PROBE = 16  # characters; probes double from here


@dataclass(frozen=True)
class CoverStyle:
    ground: str  # the cover's background colour
    ink: str  # the title
    soft_ink: str  # the author and the frame
    title_font: Path
    text_font: Path
    size: tuple[int, int] = COVER_SIZE


@dataclass(frozen=True)
class TextBox:
    """Where a block of lines may go: its width, and how big its letters may be."""

    width: float
    max_lines: int
    largest: int
    smallest: int


def default_shaping() -> Shaping:
    return "raqm" if features.check("raqm") else "basic"


class LineSetter:
    """Measures and draws single lines of right-to-left text in one font and size.
    language: the text's (HarfBuzz picks a font's local forms by it, e.g.
    Urdu's or Persian's digits)."""

    def __init__(self, font_path: Path, size: int, shaping: Shaping, language: str = "ar") -> None:
        self.size = size
        self.shaping = shaping
        self.language = language
        self.font = _font(font_path, size, shaping)

    def width(self, line: str) -> float:
        text, direction, language = self._drawable(line)
        return self.font.getlength(text, direction=direction, language=language)

    def draw(self, canvas: ImageDraw.ImageDraw, centre: tuple[float, float], line: str, fill: int,
             anchor: str = "mm") -> None:
        """Draw line at a point: its middle (anchor "mm"), or its right ("rm") or left ("lm") end."""
        text, direction, language = self._drawable(line)
        canvas.text(centre, text, font=self.font, fill=fill, anchor=anchor,
                    direction=direction, language=language)

    def ink_box(self, point: tuple[float, float], line: str, anchor: str = "mm") -> tuple[int, int, int, int]:
        """The pixels (left, top, right, bottom) drawing line at point may touch,
        a pixel more each side for rounding."""
        text, direction, language = self._drawable(line)
        left, top, right, bottom = self.font.getbbox(text, anchor=anchor, direction=direction,
                                                     language=language)
        return (int(point[0] + left) - 1, int(point[1] + top) - 1,
                int(point[0] + right) + 2, int(point[1] + bottom) + 2)

    def ink_rows(self, centre_y: float, line: str) -> tuple[int, int]:
        """The rows drawing line centred at centre_y may touch (a row more each
        side than the glyphs' box, for rounding)."""
        text, direction, language = self._drawable(line)
        _, top, _, bottom = self.font.getbbox(text, anchor="mm", direction=direction, language=language)
        return int(centre_y + top) - 1, int(centre_y + bottom) + 2

    def _drawable(self, line: str) -> tuple[str, str | None, str | None]:
        """The text as this layout wants it, with its direction and language."""
        if self.shaping == "raqm":
            return line, "rtl", self.language
        return visual_order(line), None, None


@lru_cache(maxsize=64)
def _font(font_path: Path, size: int, shaping: Shaping) -> ImageFont.FreeTypeFont:
    """The font at one size, opened once a process: every cover tries the same sizes."""
    engine = ImageFont.Layout.RAQM if shaping == "raqm" else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path), size, layout_engine=engine)


def visual_order(line: str) -> str:
    """Joined letter forms in left-to-right drawing order, for a layout that cannot shape."""
    from arabic_reshaper import reshape
    from bidi import get_display

    return get_display(reshape(line), base_dir="R")


def wrap(text: str, fits: Callable[[str], bool], most: int | None = None) -> list[str]:
    """Words filled greedily into lines that fit; a word too long alone keeps its own line.
    Stops once it has `most` lines: the rest of the text is not laid out."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fits(candidate):
            lines[-1] = candidate
        elif most is not None and len(lines) == most:
            break
        else:
            lines.append(word)
    return lines


def shorten(line: str, fits: Callable[[str], bool]) -> str:
    """The longest start of the line that fits with an ellipsis after it.

    Probes of doubling length, then a binary search between the last two:
    each probe measures at most twice what fits, however long the line.
    """
    kept = line.removesuffix(ELLIPSIS)

    def fits_cut(length: int) -> bool:
        return fits(kept[:length].rstrip() + ELLIPSIS)

    # fitting: a length known to fit (none but the ellipsis: 0); too_long: one
    # known not to, or past the end.
    fitting, too_long = 0, _SHORTEN_FIRST_PROBE
    while too_long <= len(kept) and fits_cut(too_long):
        fitting, too_long = too_long, too_long * 2
    too_long = min(too_long, len(kept) + 1)
    while too_long - fitting > 1:
        middle = (fitting + too_long) // 2
        if fits_cut(middle):
            fitting = middle
        else:
            too_long = middle
    return kept[:fitting].rstrip() + ELLIPSIS


def fit_lines(text: str, font_path: Path, box: TextBox, shaping: Shaping,
              language: str = "ar") -> tuple[LineSetter, list[str]]:
    """The largest size at which text wraps into the box; at the smallest, what fits of it.
    Sizes step down by 4 pixels: at most (largest - smallest) / 4 tries, each
    wrapping at most max_lines + 1 lines, however long the text."""
    for size in range(box.largest, box.smallest, -4):
        setter = LineSetter(font_path, size, shaping, language)
        fits = _fits_in(setter, box.width)
        lines = wrap(text, fits, most=box.max_lines + 1)
        if len(lines) <= box.max_lines and all(fits(line) for line in lines):
            return setter, lines
    setter = LineSetter(font_path, box.smallest, shaping, language)
    fits = _fits_in(setter, box.width)
    return setter, _clipped(wrap(text, fits, most=box.max_lines + 1), fits, box)


def _clipped(lines: list[str], fits: Callable[[str], bool], box: TextBox) -> list[str]:
    """The first lines the box holds, each cut to fit; an ellipsis shows that text is missing."""
    kept = [line if fits(line) else shorten(line, fits) for line in lines[: box.max_lines]]
    if len(lines) > box.max_lines:
        kept[-1] = shorten(kept[-1], fits)
    return kept


def _fits_in(setter: LineSetter, width: float) -> Callable[[str], bool]:
    return lambda line: setter.width(line) <= width


# The cover is drawn as palette indexes, straight into one 8-bit image. The
# ground is index 127; soft ink (frame, rule, author) is drawn with index 0,
# so its anti-aliased edges blend from 127 down to 0; the title is drawn with
# 255, blending from 127 up to 255. The palette holds both ramps, so no colour
# search is needed to make the PNG.
GROUND_INDEX = 127
SOFT_INK_INDEX = 0
INK_INDEX = 255


def draw_cover(title: str, author: str | None, style: CoverStyle,
               shaping: Shaping | None = None) -> Image.Image:
    """The cover as an RGB image: a frame, the title centred above a rule, the author below."""
    return draw_palette_cover(title, author, style, shaping).convert("RGB")


def draw_palette_cover(title: str, author: str | None, style: CoverStyle,
                       shaping: Shaping | None = None) -> Image.Image:
    """The cover as a palette image."""
    image = _draw_indexes(title, author, style, shaping)
    # An L image given a palette becomes a P image in place: each value is its index.
    image.putpalette(palette(style.soft_ink, style.ground, style.ink))
    return image


@dataclass(frozen=True)
class PlacedLine:
    setter: LineSetter
    text: str
    centre: tuple[float, float]  # the point the anchor names: the line's middle by default
    index: int  # palette index: soft ink or ink
    anchor: str = "mm"  # "mm" centred; "rm" the line ends (right to left) at centre; "lm" it starts

    def ink_box(self) -> tuple[int, int, int, int]:
        return self.setter.ink_box(self.centre, self.text, self.anchor)


@dataclass(frozen=True)
class CoverLayout:
    """Where everything a cover (or a share card: exporters/cards) draws over its ground goes."""

    lines: tuple[PlacedLine, ...]
    rule: tuple[tuple[float, float], tuple[float, float]] | None
    rule_width: int

    def ink_rows(self) -> tuple[int, int]:
        """The rows the layout draws on: above and below, the bare framed ground."""
        _, top, _, bottom = self.ink_box()
        return top, bottom

    def ink_box(self) -> tuple[int, int, int, int]:
        """The pixels (left, top, right, bottom) the layout may draw on."""
        boxes = [line.ink_box() for line in self.lines]
        if self.rule is not None:
            (left, rule_y), (right, _) = self.rule
            boxes.append((int(left) - 1, int(rule_y - self.rule_width) - 1,
                          int(right) + 2, int(rule_y + self.rule_width) + 2))
        return (min(box[0] for box in boxes), min(box[1] for box in boxes),
                max(box[2] for box in boxes), max(box[3] for box in boxes))

    def draw(self, canvas: ImageDraw.ImageDraw, top: int = 0, left: int = 0) -> None:
        """Draw on a canvas whose first row is row top of the cover (and first column, column left)."""
        if self.rule is not None:
            (rule_left, rule_y), (rule_right, _) = self.rule
            canvas.line([(rule_left - left, rule_y - top), (rule_right - left, rule_y - top)],
                        fill=SOFT_INK_INDEX, width=self.rule_width)
        for line in self.lines:
            line.setter.draw(canvas, (line.centre[0] - left, line.centre[1] - top), line.text, line.index,
                             line.anchor)


def _draw_indexes(title: str, author: str | None, style: CoverStyle, shaping: Shaping | None) -> Image.Image:
    """The cover as palette indexes (an L image) drawn on a copy of _framed_ground."""
    image = _framed_ground(style.size).copy()
    lay_out_cover(title, author, style, shaping).draw(ImageDraw.Draw(image))
    return image


def lay_out_cover(title: str, author: str | None, style: CoverStyle,
                  shaping: Shaping | None = None) -> CoverLayout:
    """The title centred above a rule, the author below it."""
    shaping = shaping or default_shaping()
    width, height = style.size
    box = TextBox(width * 0.72, max_lines=6, largest=width // 11, smallest=width // 30)
    setter, lines = fit_lines(capped_marks(title), style.title_font, box, shaping)
    centre = (width / 2, height * 0.40)
    rule_y = _block_bottom(setter, lines, centre[1]) + setter.size * 0.5
    placed = placed_block(setter, lines, centre, INK_INDEX)
    if author:
        placed += _placed_author(author, rule_y, style, shaping)
    rule = ((width * 0.42, rule_y), (width * 0.58, rule_y))
    return CoverLayout(tuple(placed), rule, max(2, width // 400))


@cache
def palette(soft_ink: str, ground: str, ink: str) -> list[int]:
    """Index 0 (soft ink) through 127 (ground) to 255 (ink), as flat RGB values."""
    return _ramp(soft_ink, ground, GROUND_INDEX + 1) + _ramp(ground, ink, 256 - GROUND_INDEX)[3:]


@cache
def _framed_ground(size: tuple[int, int]) -> Image.Image:
    """The bare ground with its frame, as indexes: the same on every cover of
    this size, so it is drawn once (never drawn on: callers copy or crop it)."""
    image = Image.new("L", size, GROUND_INDEX)
    _draw_frame(ImageDraw.Draw(image), size)
    return image


def _ramp(start: str, end: str, steps: int) -> list[int]:
    """steps colours from start to end, as flat RGB values."""
    first, last = ImageColor.getrgb(start)[:3], ImageColor.getrgb(end)[:3]
    return [round(a + (b - a) * step / (steps - 1))
            for step in range(steps) for a, b in zip(first, last, strict=True)]


def _placed_author(author: str, rule_y: float, style: CoverStyle, shaping: Shaping) -> list[PlacedLine]:
    width = style.size[0]
    box = TextBox(width * 0.72, max_lines=2, largest=width // 20, smallest=width // 40)
    setter, lines = fit_lines(capped_marks(author), style.text_font, box, shaping)
    top = rule_y + setter.size * 1.2
    return placed_block(setter, lines, (width / 2, top + len(lines) * _leading(setter) / 2), SOFT_INK_INDEX)


def cover_png(title: str, author: str | None, style: CoverStyle, shaping: Shaping | None = None) -> bytes:
    """The cover as a palette PNG; the same input always gives the same bytes.

    The rows every cover of this size shares (ground and frame) are deflated
    once per process (band_png): a cover costs the rows it draws on.
    """
    layout = lay_out_cover(title, author, style, shaping)
    ground = _framed_ground(style.size)
    # Ink past the edges is not drawn: the picture stays the cover's size.
    ink_top, ink_bottom = (min(max(row, 0), ground.height) for row in layout.ink_rows())
    top, bottom = band_span(ink_top, ink_bottom, ground.height)
    drawn = ground.crop((0, top, ground.width, bottom))
    layout.draw(ImageDraw.Draw(drawn), top)
    return palette_png(drawn, top, palette(style.soft_ink, style.ground, style.ink), ground)


LEADING = 1.55  # line to line, in sizes: Arabic needs room above and below for marks and tails


def _leading(setter: LineSetter, factor: float = LEADING) -> float:
    return setter.size * factor


def placed_block(setter: LineSetter, lines: list[str], centre: tuple[float, float], index: int,
                 anchor: str = "mm", leading: float = LEADING) -> list[PlacedLine]:
    """Lines on a point (their middles, or their ends as anchor says), one
    under another, leading sizes apart, in the palette index given."""
    step = _leading(setter, leading)
    first = centre[1] - step * (len(lines) - 1) / 2
    return [PlacedLine(setter, line, (centre[0], first + number * step), index, anchor)
            for number, line in enumerate(lines)]




def _block_bottom(setter: LineSetter, lines: list[str], centre_y: float) -> float:
    """Where a block of lines centred on centre_y ends."""
    leading = _leading(setter)
    return centre_y + leading * (len(lines) - 1) / 2 + leading / 2


def _draw_frame(canvas: ImageDraw.ImageDraw, size: tuple[int, int]) -> None:
    width, height = size
    outer, inner = width // 22, width // 18
    for inset, line_width in ((outer, width // 260), (inner, width // 800)):
        box = [inset, inset, width - inset, height - inset]
        canvas.rectangle(box, outline=SOFT_INK_INDEX, width=line_width)

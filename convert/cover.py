"""Draw a book cover in the theme's colours: the title and the author, right to left.

Pillow shapes Arabic only through its raqm layout (HarfBuzz and FriBiDi). Without
raqm, arabic-reshaper joins the letters (as presentation forms) and python-bidi
puts them in visual order: that pre-shaped text only ever becomes pixels, it is
never stored as text anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

Shaping = Literal["raqm", "basic"]

COVER_SIZE = (1600, 2560)  # width:height 1:1.6, what Kindle and Apple Books ask for
ELLIPSIS = "…"


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
    """Measures and draws single lines of right-to-left text in one font and size."""

    def __init__(self, font_path: Path, size: int, shaping: Shaping) -> None:
        self.size = size
        self.shaping = shaping
        engine = ImageFont.Layout.RAQM if shaping == "raqm" else ImageFont.Layout.BASIC
        self.font = ImageFont.truetype(str(font_path), size, layout_engine=engine)

    def width(self, line: str) -> float:
        text, direction, language = self._drawable(line)
        return self.font.getlength(text, direction=direction, language=language)

    def draw(self, canvas: ImageDraw.ImageDraw, centre: tuple[float, float], line: str, fill: int) -> None:
        text, direction, language = self._drawable(line)
        canvas.text(centre, text, font=self.font, fill=fill, anchor="mm",
                    direction=direction, language=language)

    def _drawable(self, line: str) -> tuple[str, str | None, str | None]:
        """The text as this layout wants it, with its direction and language."""
        if self.shaping == "raqm":
            return line, "rtl", "ar"
        return visual_order(line), None, None


def visual_order(line: str) -> str:
    """Joined letter forms in left-to-right drawing order, for a layout that cannot shape."""
    from arabic_reshaper import reshape
    from bidi import get_display

    return get_display(reshape(line), base_dir="R")


def wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Words filled greedily into lines that fit; a word too long alone keeps its own line."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fits(candidate):
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def shorten(line: str, fits: Callable[[str], bool]) -> str:
    """The line cut at the end, with an ellipsis, until it fits."""
    kept = line.removesuffix(ELLIPSIS)
    while kept and not fits(kept + ELLIPSIS):
        kept = kept[:-1].rstrip()
    return kept + ELLIPSIS


def fit_lines(text: str, font_path: Path, box: TextBox, shaping: Shaping) -> tuple[LineSetter, list[str]]:
    """The largest size at which text wraps into the box; at the smallest, what fits of it."""
    for size in range(box.largest, box.smallest, -4):
        setter = LineSetter(font_path, size, shaping)
        fits = _fits_in(setter, box.width)
        lines = wrap(text, fits)
        if len(lines) <= box.max_lines and all(fits(line) for line in lines):
            return setter, lines
    setter = LineSetter(font_path, box.smallest, shaping)
    return setter, _clipped(wrap(text, _fits_in(setter, box.width)), _fits_in(setter, box.width), box)


def _clipped(lines: list[str], fits: Callable[[str], bool], box: TextBox) -> list[str]:
    """The first lines the box holds, each cut to fit; an ellipsis shows that text is missing."""
    kept = [line if fits(line) else shorten(line, fits) for line in lines[: box.max_lines]]
    if len(lines) > box.max_lines:
        kept[-1] = shorten(kept[-1], fits)
    return kept


def _fits_in(setter: LineSetter, width: float) -> Callable[[str], bool]:
    return lambda line: setter.width(line) <= width


@dataclass(frozen=True)
class Layers:
    """Coverage masks, one per ink: 255 where the ink covers a pixel, 0 for bare ground."""

    ink: ImageDraw.ImageDraw  # the title
    soft: ImageDraw.ImageDraw  # the frame, the rule and the author


# A palette of blends from the ground to each ink, 128 steps each: every pixel
# of the cover is one of them, so no colour search is needed to make a PNG.
_STEPS = 128


def draw_cover(title: str, author: str | None, style: CoverStyle,
               shaping: Shaping | None = None) -> Image.Image:
    """The cover as an RGB image: a frame, the title centred above a rule, the author below."""
    return draw_palette_cover(title, author, style, shaping).convert("RGB")


def draw_palette_cover(title: str, author: str | None, style: CoverStyle,
                       shaping: Shaping | None = None) -> Image.Image:
    """The cover as a palette image, drawn as one coverage mask per ink."""
    shaping = shaping or default_shaping()
    ink, soft = Image.new("L", style.size, 0), Image.new("L", style.size, 0)
    layers = Layers(ImageDraw.Draw(ink), ImageDraw.Draw(soft))
    _draw_frame(layers.soft, style)
    rule_y = _draw_title(layers, title, style, shaping)
    if author:
        _draw_author(layers.soft, author, rule_y, style, shaping)
    return _palette_image(ink, soft, style)


def _palette_image(ink: Image.Image, soft: Image.Image, style: CoverStyle) -> Image.Image:
    """Indexes 0-127: ground to ink; 128-255: ground to soft ink (the masks never overlap)."""
    ink_index = ink.point(lambda coverage: coverage * (_STEPS - 1) // 255)
    soft_index = soft.point(lambda coverage: _STEPS + coverage * (_STEPS - 1) // 255)
    soft_mask = soft.point(lambda coverage: 255 if coverage else 0)
    # From L, convert("P") keeps each value as the index: the palette makes the colours.
    image = Image.composite(soft_index, ink_index, soft_mask).convert("P")
    image.putpalette(_blends(style.ground, style.ink) + _blends(style.ground, style.soft_ink))
    return image


def _blends(ground: str, ink: str) -> list[int]:
    start, end = ImageColor.getrgb(ground)[:3], ImageColor.getrgb(ink)[:3]
    return [round(a + (b - a) * step / (_STEPS - 1))
            for step in range(_STEPS) for a, b in zip(start, end, strict=True)]


def _draw_title(layers: Layers, title: str, style: CoverStyle, shaping: Shaping) -> float:
    """The title, centred a little above the middle, and a short rule under it; returns the rule's height."""
    width, height = style.size
    box = TextBox(width * 0.72, max_lines=6, largest=width // 11, smallest=width // 30)
    setter, lines = fit_lines(title, style.title_font, box, shaping)
    bottom = _draw_block(layers.ink, setter, lines, (width / 2, height * 0.40))
    rule_y = bottom + setter.size * 0.5
    rule = [(width * 0.42, rule_y), (width * 0.58, rule_y)]
    layers.soft.line(rule, fill=255, width=max(2, width // 400))
    return rule_y


def _draw_author(canvas: ImageDraw.ImageDraw, author: str, rule_y: float, style: CoverStyle,
                 shaping: Shaping) -> None:
    width = style.size[0]
    box = TextBox(width * 0.72, max_lines=2, largest=width // 20, smallest=width // 40)
    setter, lines = fit_lines(author, style.text_font, box, shaping)
    top = rule_y + setter.size * 1.2
    _draw_block(canvas, setter, lines, (width / 2, top + len(lines) * _leading(setter) / 2))


def cover_png(title: str, author: str | None, style: CoverStyle, shaping: Shaping | None = None) -> bytes:
    """The cover as a palette PNG; the same input always gives the same bytes."""
    buffer = io.BytesIO()
    draw_palette_cover(title, author, style, shaping).save(buffer, "PNG")
    return buffer.getvalue()


def _leading(setter: LineSetter) -> float:
    # Arabic needs room above and below for marks and descending tails.
    return setter.size * 1.55


def _draw_block(canvas: ImageDraw.ImageDraw, setter: LineSetter, lines: list[str],
                centre: tuple[float, float]) -> float:
    """Lines centred on a point, one under another, in full coverage; returns the bottom of the block."""
    leading = _leading(setter)
    first = centre[1] - leading * (len(lines) - 1) / 2
    for index, line in enumerate(lines):
        setter.draw(canvas, (centre[0], first + index * leading), line, 255)
    return first + leading * (len(lines) - 1) + leading / 2


def _draw_frame(canvas: ImageDraw.ImageDraw, style: CoverStyle) -> None:
    width, height = style.size
    outer, inner = width // 22, width // 18
    for inset, line_width in ((outer, width // 260), (inner, width // 800)):
        box = [inset, inset, width - inset, height - inset]
        canvas.rectangle(box, outline=255, width=line_width)

"""The content-stream side: where WeasyPrint drew each glyph of a line, and
the line drawn again as a text layer plus outlines.

WeasyPrint draws a line as one text matrix (Tm), then per run a font (Tf)
and arrays of glyph ids and position adjustments (TJ), with a text rise (Ts)
around each glyph it raises. Reading those back gives each glyph's exact pen
position, so the rewritten line puts every glyph where WeasyPrint put it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .cells import Cell, Glyph
from .reading import UnexpectedLine

_DRIFT = 0.5  # per mille of the font size
_TJ_TOKEN = re.compile(rb"<([0-9a-fA-F]*)>|([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)")


def locate(items: list, glyphs: list[Glyph]) -> tuple[list[float], float]:
    """Set each glyph's pen position and rise from the items WeasyPrint drew
    the line with (the first being its text matrix); the matrix, and where
    the pen ends."""
    if not items or not isinstance(items[0], bytes) or not items[0].endswith(b" Tm"):
        raise UnexpectedLine
    matrix = [float(value) for value in items[0].split()[:6]]
    drawn = iter(glyphs)
    x = rise = 0.0
    size = glyphs[0].size if glyphs else 0.0
    for item in items[1:]:
        if not isinstance(item, bytes):
            raise UnexpectedLine
        operator = item.rsplit(b" ", 1)[-1]
        if operator == b"Tf":
            size = float(item.split()[1])
        elif operator == b"Ts":
            rise = float(item.split()[0])
        elif operator == b"TJ" and item.startswith(b"["):
            x = _locate_array(item[1:-4], drawn, x, rise, size)
        else:
            raise UnexpectedLine
    if next(drawn, None) is not None:
        raise UnexpectedLine
    return matrix, x


def _locate_array(array: bytes, drawn, x: float, rise: float, size: float) -> float:
    scale = size / 1000
    for hexadecimal, number in _TJ_TOKEN.findall(array):
        if number:
            x -= float(number) * scale
            continue
        for position in range(0, len(hexadecimal), 4):
            glyph = next(drawn, None)
            if glyph is None or int(hexadecimal[position:position + 4], 16) != glyph.glyph_id \
                    or abs(glyph.size - size) > 1e-3:
                raise UnexpectedLine
            glyph.x, glyph.rise = x, rise
            x += glyph.width * scale
    return x


def number(value: float, decimals: int = 4) -> bytes:
    """A PDF number, four decimals at most (a ten-thousandth of a point)."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return b"0" if text in ("", "-0") else text.encode()


def font_size(size: float) -> bytes:
    """A font size written as WeasyPrint (pydyf) writes it: the same value, to the last digit."""
    return str(int(size)).encode() if float(size).is_integer() else f"{size:f}".rstrip("0").encode()


def text_layer(cells: Iterable[Cell], code: Callable[[Cell], tuple[bytes, int]]) -> list[bytes]:
    """Tf and TJ items drawing each cell at its place on the baseline;
    code(cell) gives the font resource name and the character code that
    draw it."""
    items: list[bytes] = []
    array: list[bytes] = []
    font = None
    pen = 0.0

    def close_array() -> None:
        if array:
            items.append(b"[" + b" ".join(array) + b"] TJ")
            array.clear()

    for cell in cells:
        name, character = code(cell)
        if (name, cell.size) != font:
            close_array()
            items.append(b"/" + name + b" " + font_size(cell.size) + b" Tf")
            font = (name, cell.size)
        # Widths are whole thousandths of an em: the pen drifts from the
        # cells' places by up to half of one (0.01 pt at 18 pt) before a move.
        if abs(cell.x - pen) * 1000 / cell.size > _DRIFT:
            array.append(number((pen - cell.x) * 1000 / cell.size))
            pen = cell.x
        array.append(b"<%04x>" % character)
        pen += round(cell.width) / 1000 * cell.size
    close_array()
    return items


def outline_items(matrix: list[float], glyphs: Iterable[Glyph],
                  form: Callable[[Glyph], tuple[bytes, float]]) -> list[bytes]:
    """Each glyph's outline drawn where the text would have drawn it;
    form(glyph) gives the name of the form that draws it in font units
    (empty: a blank glyph) and the font's units per em."""
    items = []
    a, b, c, d, e, f = matrix
    for glyph in glyphs:
        name, units_per_em = form(glyph)
        if not name:
            continue
        scale = glyph.size / units_per_em
        placed = (a * scale, b * scale, c * scale, d * scale,
                  e + a * glyph.x + c * glyph.rise, f + b * glyph.x + d * glyph.rise)
        # The scale to eight decimals: four would move a glyph's far edge by 0.03 pt.
        items.append(b"q " + b" ".join(number(value, 8) for value in placed) + b" cm /" + name + b" Do Q")
    return items

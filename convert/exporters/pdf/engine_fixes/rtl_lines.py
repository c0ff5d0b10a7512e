"""Lay out each right-to-left line once instead of twice (WeasyPrint 70).

WeasyPrint's get_next_linebox lays a line out, asks avoid_collisions where
a line of that height may go, and keeps the line when the answer is where it
started; otherwise it lays the line out again. In a right-to-left block it
compares the line's right edge (the returned x plus the line's width) with
the start x plus the width the line box had *before* layout, which is 0, so
the two never match: every line of Arabic text is laid out twice and the
first layout thrown away. That is about a third of WeasyPrint's time on an
article.

When no float is on the page, avoid_collisions always answers the start
position, so the second layout repeats the first exactly. For that case
only, the wrapper below reports a line box's left edge in a right-to-left
block (right edge minus width), which makes WeasyPrint's comparison see the
position it started from and keep the first layout. If the exact
floating-point sum cannot be met, or floats are present, WeasyPrint's own
answer goes through unchanged: the cost is speed, never layout. The
wrapper is installed only when WeasyPrint's function has the expected
signature. Remove this module when WeasyPrint compares the edges itself.
"""

from __future__ import annotations

import math

from weasyprint.formatting_structure.boxes import LineBox
from weasyprint.layout import inline as weasy_inline

from .wrap import wrap_once

_PARAMETERS = ["context", "box", "containing_block", "outer"]
# How many neighbouring floats to try for an exact left + width == right.
_ROUNDING_STEPS = 4


def install() -> bool:
    """Wrap avoid_collisions as get_next_linebox sees it (idempotent)."""
    return wrap_once(weasy_inline, "avoid_collisions", _PARAMETERS, "reports_rtl_line_left_edge",
                     _reporting_rtl_line_left_edge)


def _reporting_rtl_line_left_edge(avoid):
    def avoid_collisions(context, box, containing_block, outer=True):
        position_x, position_y, available_width = avoid(context, box, containing_block, outer)
        if (not outer and not context.excluded_shapes and isinstance(box, LineBox)
                and box.width and containing_block.style["direction"] == "rtl"):
            position_x = left_edge(position_x, box.width)
        return position_x, position_y, available_width

    return avoid_collisions


def left_edge(right: float, width: float) -> float:
    """A left x with left + width == right exactly in floating point, or
    right itself (WeasyPrint's own answer) when no close float gives that."""
    left = right - width
    for _ in range(_ROUNDING_STEPS):
        total = left + width
        if total == right:
            return left
        left = math.nextafter(left, -math.inf if total > right else math.inf)
    return right

"""A footnote stays on the page of its call when it fits there (WeasyPrint 70).

Each time a footnote joins a page, WeasyPrint lays out the page's footnote
area again and asks whether its last footnote ends below the area's bottom:
two sums of the same lengths in another order, compared exactly. They
differ by a rounding error (2.3e-13 px seen on every A4 page of ours), so
every footnote "overflows": it is moved to the next page, and there again
each footnote but the first, one note a page, each after its call (WeasyPrint
issue #2502). The page's own bottom is compared with a tolerance
(LayoutContext.overflows); the area's is not.

An area of auto height grows to hold its footnotes: only a max-height (or a
set height) can make one overflow. This wrapper keeps WeasyPrint's answer
when the area's height is limited and reached, and says "no overflow"
otherwise; whether the area still fits on the page WeasyPrint asks apart
(overflows_page), unchanged. Remove this module when WeasyPrint compares the
area's bottom with a tolerance.
"""

from __future__ import annotations

from weasyprint.layout import LayoutContext

from .wrap import wrap_once

# CSS pixels: far above a rounding error, far below any line.
_TOLERANCE = 1e-6


def install() -> bool:
    """Wrap LayoutContext._update_footnote_area (idempotent)."""
    return wrap_once(LayoutContext, "_update_footnote_area", ["self"], "footnote_area_overflow_tolerant",
                     _tolerant)


def _tolerant(update_footnote_area):
    def update_footnote_area_tolerantly(self):
        overflow = update_footnote_area(self)
        return overflow and limited(self.current_footnote_area)

    return update_footnote_area_tolerantly


def limited(area) -> bool:
    """Whether the footnote area's height is held at a set height or its
    max-height (laid out: its used height is a number then)."""
    if area.style["height"] != "auto":
        return True
    return area.height + _TOLERANCE >= area.max_height

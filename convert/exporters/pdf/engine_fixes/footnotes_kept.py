"""A footnote is not moved off its call's page to fit a paragraph's second line (WeasyPrint 70).

When a paragraph has one line on a page and its second does not fit,
WeasyPrint (layout/block.py, _linebox_layout) moves the page's footnotes to
the next page, last first, until the line fits, and ends the page there: the
paragraph keeps its two lines (orphans: 2) and the notes leave their calls.
With notes at the foot of the page, that happens whenever a paragraph of
four lines or more starts on a page's last line: the note lands a page
after its call, and a page whose long note was moved ends with a gap.

Without notes, such a paragraph moves whole to the next page (orphans). This
fix makes a page with notes do the same: the notes stay with their calls.
WeasyPrint decides "move the notes" only where it is not laying out columns
(context.in_column, read there and in a few other places); this module makes
LayoutContext.in_column a property that also answers "in columns" to that one
reader, _linebox_layout's own frame, and to nothing else (the footnote area,
page-break rules and columns keep the real value). Remove this module when
WeasyPrint stops trading footnotes for orphans.
"""

from __future__ import annotations

import inspect
import sys

from weasyprint.layout import LayoutContext
from weasyprint.layout import block as weasy_block

_PARAMETERS = ["context", "box", "index", "child", "new_children", "page_is_empty", "absolute_boxes",
               "fixed_boxes", "adjoining_margins", "bottom_space", "position_y", "skip_stack",
               "first_letter_style", "first_line_style", "draw_bottom_decoration", "max_lines"]


class _InColumnForTheTrade(property):
    """LayoutContext.in_column: the real value, or True when _linebox_layout asks."""


def install() -> bool:
    """Make LayoutContext.in_column the property described above (idempotent)."""
    current = LayoutContext.__dict__.get("in_column")
    if current is not None:
        return isinstance(current, _InColumnForTheTrade)
    linebox_layout = weasy_block._linebox_layout
    if list(inspect.signature(linebox_layout).parameters) != _PARAMETERS or \
            "in_column" not in linebox_layout.__code__.co_names:
        return False
    reader = linebox_layout.__code__

    def in_column(context) -> bool:
        # sys._getframe(1): the function reading the attribute.
        return context.__dict__.get("_in_column", False) or sys._getframe(1).f_code is reader

    def set_in_column(context, value: bool) -> None:
        context.__dict__["_in_column"] = value

    LayoutContext.in_column = _InColumnForTheTrade(in_column, set_in_column)
    return True

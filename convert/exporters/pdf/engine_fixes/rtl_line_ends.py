"""Keep a right-to-left line of several boxes inside the margins (WeasyPrint 70).

At the end of each line WeasyPrint removes the trailing space of the line's
logically last text box (remove_last_whitespace). In a right-to-left line
that box is the leftmost, its trailing space on its left; WeasyPrint then
moves *every* box of the line left by the space's width. With one box on the
line that is harmless, but with several (a line holding a Latin word or a
number in a box of its own, as the PDF's direction boxes make) the last box
ends up a space's width past the left margin, with a gap of that width
between it and its neighbour: justified lines stuck out by about 4 pt.

After WeasyPrint's own removal, this wrapper moves back the box that lost
the space (and the inline boxes around it), and leaves the rest moved, so
the line closes up again: the last box keeps its place and the others close
the gap. Lines of one text box come out the same as before. Remove this
module when WeasyPrint moves only the boxes that need it.
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline as weasy_inline

from .wrap import wrap_once

_PARAMETERS = ["context", "line"]


def install() -> bool:
    """Wrap remove_last_whitespace as get_next_linebox calls it (idempotent)."""
    return wrap_once(weasy_inline, "remove_last_whitespace", _PARAMETERS, "keeps_rtl_line_ends_in_place",
                     _keeping_the_last_box_in_place)


def _keeping_the_last_box_in_place(remove_last_whitespace):
    def keeping_the_last_box_in_place(context, line):
        chain = last_box_chain(line)
        width = chain[-1].width if chain else 0
        remove_last_whitespace(context, line)
        if not chain or not isinstance(chain[-1], boxes.TextBox):
            return
        space_width = width - chain[-1].width
        layout = chain[-1].pango_layout
        if space_width and layout is not None and layout.first_line_direction % 2:
            move_back(chain, space_width)

    return keeping_the_last_box_in_place


def last_box_chain(line) -> list:
    """The line's logically last child, its last child, … down to a box
    that has no children: the boxes WeasyPrint looks at for the space."""
    chain, box = [], line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)) and box.children:
        box = box.children[-1]
        chain.append(box)
    return chain


def move_back(chain: list, space_width: float) -> None:
    """Undo WeasyPrint's move for the box that lost the space and the inline
    boxes around it, keeping it for every other box inside those."""
    chain[0].translate(dx=space_width, ignore_floats=True)
    for outer, inner in zip(chain, chain[1:], strict=False):
        for child in outer.children:
            if child is not inner:
                child.translate(dx=-space_width, ignore_floats=True)

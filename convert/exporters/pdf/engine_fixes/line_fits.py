"""A line broken inside a word fits the room it was broken for (WeasyPrint 70).

WeasyPrint asks Pango where a line ends, then lays out the line's text again
on its own to measure it. Broken inside a word (a long token's boxes break
anywhere: long_tokens.py), the text is shaped differently once alone: the
Arabic letter before the break takes its final form, wider than the joining
one Pango measured (4 pt for Amiri's lam, 7 for its seen). The line sticks out of the
text block by that much, or, when an earlier break opportunity is on the
line, WeasyPrint moves the whole box to the next line and leaves a short one.

This wrapper of split_first_line (as the inline layout calls it) breaks
such a line again for a room narrower by the excess, up to _TRIES times,
and keeps the first result that fits. A line that fits, or one that
overflows without a break (a word longer than the line, with no break
allowed), is returned as WeasyPrint made it. Remove this module when
WeasyPrint measures the broken line as it draws it.
"""

from __future__ import annotations

from weasyprint.layout import inline as weasy_inline

from .wrap import wrap_once

_PARAMETERS = ["text", "style", "context", "max_width", "justification_spacing", "is_line_start", "minimum"]
_TRIES = 12  # a letter a try, mostly: Amiri's final forms are wide
# Shaved off the room with each try on top of the excess: a hair, in CSS pixels.
_MARGIN = 0.01


def install() -> bool:
    """Wrap split_first_line as the inline layout calls it (idempotent)."""
    return wrap_once(weasy_inline, "split_first_line", _PARAMETERS, "breaks_again_to_fit", _fitting)


def _fitting(split_first_line):
    def split_first_line_that_fits(text, style, context, max_width, justification_spacing,
                                   is_line_start=True, minimum=False):
        line = split_first_line(text, style, context, max_width, justification_spacing,
                                is_line_start, minimum)
        if minimum or max_width is None or not _broken_too_wide(line, max_width):
            return line
        room, tried = max_width, line
        for _ in range(_TRIES):
            room -= line_width(tried) - max_width + _MARGIN  # narrower by what it sticks out
            if room <= 0:
                break
            tried = split_first_line(text, style, context, room, justification_spacing,
                                     is_line_start, minimum)
            if line_length(tried) == 0:
                break
            if line_width(tried) <= max_width:
                return tried
        return line

    return split_first_line_that_fits


def _broken_too_wide(line: tuple, max_width: float) -> bool:
    """A line broken before the end of its text and wider than the room."""
    resume_index = line[2]
    return resume_index is not None and line_width(line) > max_width


def line_width(line: tuple) -> float:
    return line[3]


def line_length(line: tuple) -> int:
    return line[1]

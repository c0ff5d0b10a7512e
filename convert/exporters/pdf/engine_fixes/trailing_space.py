"""A text that fits its line but for a trailing space stays whole (WeasyPrint 70).

WeasyPrint asks Pango for the first line of a text box (split_first_line).
Pango fits a line without its trailing spaces, as it should: a space at a
line end takes no room. WeasyPrint then measures the line with them, and when
a text box ends in a space (the box before a quotation or any inline box) and
only that space passes the line's end, it takes the line for one that cannot
be split earlier and keeps only its first word: the line ends after one word
(`قَالَ`) in the middle of a paragraph, the rest goes to the next line. In
fully vocalised text the odds are high (long lines, a space before each
quotation mark), but any text can meet it.

This wrapper lets WeasyPrint decide first, and only when it split a text that
ends in spaces, asks Pango whether the whole text fits without them; if it
does, the whole text is the line, as Pango laid it out, with its trailing
space, which WeasyPrint's inline layout already lets pass the line's end and
removes at the line's end. Remove this module when WeasyPrint measures a line
without its trailing spaces.
"""

from __future__ import annotations

from weasyprint.layout import inline as weasy_inline
from weasyprint.text import line_break

from .wrap import wrap_once

_PARAMETERS = ["text", "style", "context", "max_width", "justification_spacing", "is_line_start", "minimum"]
_WRAPPING = ("normal", "pre-wrap", "pre-line")
_COLLAPSING = ("normal", "nowrap", "pre-line")


def install() -> bool:
    """Wrap split_first_line as the inline layout calls it (idempotent)."""
    return wrap_once(weasy_inline, "split_first_line", _PARAMETERS, "fits_lines_without_trailing_spaces",
                     _fitting_without_trailing_spaces)


def _fitting_without_trailing_spaces(split_first_line):
    def fitting_without_trailing_spaces(text, style, context, max_width, justification_spacing,
                                        is_line_start=True, minimum=False):
        split = split_first_line(text, style, context, max_width, justification_spacing,
                                 is_line_start, minimum)
        resume_index = split[2]
        if resume_index is None or minimum or not _may_fit_but_for_spaces(text, style, max_width):
            return split
        whole = whole_line(text, style, context, max_width, justification_spacing)
        return split if whole is None else whole

    return fitting_without_trailing_spaces


def _may_fit_but_for_spaces(text: str, style, max_width: float | None) -> bool:
    return (text.endswith(" ") and bool(text.strip(" ")) and max_width is not None
            and style["white_space"] in _WRAPPING and style["white_space"] in _COLLAPSING)


def whole_line(text: str, style, context, max_width: float, justification_spacing: float):
    """split_first_line's answer for text as one line, when Pango sets it on
    one line and it fits in max_width without its trailing spaces; else None."""
    layout = line_break.create_layout(text, style, context, max_width, justification_spacing)
    first_line, resume_index = layout.get_first_line()
    if resume_index is not None or _width_without_trailing_spaces(text, style, context) > max_width:
        layout.deactivate()
        return None
    return line_break.first_line_metrics(first_line, text, layout, None, True, style)


def _width_without_trailing_spaces(text: str, style, context) -> float:
    layout = line_break.create_layout(text.rstrip(" "), style, context, None, 0)
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, style)
    layout.deactivate()
    return width

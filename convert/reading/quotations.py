"""Quotations, “…” and «…», in a paragraph's text, also where they hold markup.

The reader splits each stretch of plain text into text and quotations
(blocks.py); markup cuts the text into stretches, so a quotation holding
strong text, emphasis, a link or a note call (``«**قول**»``, ``“*كلمة* أخرى”``)
has its marks in two stretches, and neither finds it. ``across_markup`` finds
those afterwards, over the read inlines, by the same pattern as plain text
(no mark of its own kind inside), and makes each a Quote holding its inlines.
A quotation whose marks sit at different depths (``**«قول**»``: one inside the
strong text, one outside) crosses the markup, and stays text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Emphasis, Inline, Link, NoteRef, Quote, Strong, Text, inline_text

# Quotation marks that open a quotation, and the mark that closes each.
QUOTE_MARKS = {"“": "”", "«": "»"}
QUOTATION = re.compile(r"“([^“”]+)”|«([^«»]+)»")
# What a quotation found here must hold (a quotation holding only text was
# found in its stretch already; one around a Qur'anic quotation stays as typed).
_MARKUP = (Strong, Emphasis, Link, NoteRef)
# Stands for an inline other than Text while the pattern runs over the text.
_OBJECT = "\ufffc"


def across_markup(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """inlines with each quotation that holds markup made a Quote, at every depth."""
    inlines = tuple(_inside(inline) for inline in inlines)
    if not any(isinstance(inline, Text) and any(mark in inline.text for mark in QUOTE_MARKS)
               for inline in inlines):
        return inlines
    return _quoted(inlines)


def _inside(inline: Inline) -> Inline:
    if isinstance(inline, (Strong, Emphasis, Link)):
        found = across_markup(inline.inlines)
        return inline if found == inline.inlines else replace(inline, inlines=found)
    return inline


def _quoted(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    joined, starts = _joined(inlines)
    out: list[Inline] = []
    position = 0
    for match in QUOTATION.finditer(joined):
        held = _between(inlines, starts, match.start() + 1, match.end() - 1)
        if not _holds_markup(held, match.group()[0]):
            continue
        out += _between(inlines, starts, position, match.start())
        open_mark = match.group()[0]
        out.append(Quote(inline_text(held), open_mark, QUOTE_MARKS[open_mark], held))
        position = match.end()
    if not position:
        return inlines
    return (*out, *_between(inlines, starts, position, len(joined)))


def _holds_markup(held: tuple[Inline, ...], open_mark: str) -> bool:
    """A quotation this module makes: markup inside, and no mark of its own
    kind inside the inlines (as in plain text, where «a «b» c» is one «b»)."""
    others = [inline for inline in held if not isinstance(inline, Text)]
    own = (open_mark, QUOTE_MARKS[open_mark])
    return any(isinstance(inline, _MARKUP) for inline in others) and not any(
        mark in inline_text((inline,)) for inline in others for mark in own)


def _joined(inlines: tuple[Inline, ...]) -> tuple[str, list[int]]:
    """The text of inlines with one _OBJECT for each inline not Text, and where each starts."""
    starts, parts, length = [], [], 0
    for inline in inlines:
        part = inline.text if isinstance(inline, Text) else _OBJECT
        starts.append(length)
        parts.append(part)
        length += len(part)
    return "".join(parts), starts


def _between(inlines: tuple[Inline, ...], starts: list[int], start: int, end: int) -> tuple[Inline, ...]:
    """The inlines over joined[start:end]: a Text cut there, another inline
    whole where its _OBJECT is inside."""
    out: list[Inline] = []
    for inline, first in zip(inlines, starts, strict=True):
        if not isinstance(inline, Text):
            if start <= first < end:
                out.append(inline)
            continue
        cut = inline.text[max(start - first, 0) : max(end - first, 0)]
        if cut == inline.text:
            out.append(inline)
        elif cut:
            out.append(Text(cut))
    return tuple(out)

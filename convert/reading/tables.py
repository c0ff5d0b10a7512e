"""GFM pipe tables, read by markdown-it-py's "table" rule.

A blank-line-separated group is a table when the whole group is one: a
header row, a delimiter row (``---``, ``:---`` left, ``:---:`` centre,
``---:`` right) and body rows. Anything else (a lone ``|`` in prose, a
paragraph line before the table) stays the paragraph it was. markdown-it
splits the cells (an escaped ``\\|`` is a pipe in the cell's text), pads
a short row with empty cells and drops the cells of a long one past the
header's count; each cell's text is read as a paragraph's (strong, links,
note calls: blocks.parse_inlines).

A cell holding a number and no letter ("-3.5%", "10 - 20") is set in a
left-to-right isolate (LRI … PDI, as phones.py does): in a right-to-left
cell the bidi algorithm would put the minus sign or the second number at
the right of the digits, reversing what was typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from ..model import Block, Inline, Table, Text
from .phones import LRI, PDI

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# What the delimiter row is made of: a cheap look at the second line keeps
# articles without tables from loading markdown-it at all (inline_markup._parser).
_DELIMITER_CHARACTERS = frozenset("|:- \t")
_ALIGNMENTS = {"text-align:left": "left", "text-align:right": "right", "text-align:center": "center"}

Inlines = Callable[[str], tuple[Inline, ...]]


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable("table")


def _may_be_table(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    delimiter = lines[1].strip()
    piped = "|" in delimiter or "|" in lines[0]
    return "-" in delimiter and set(delimiter) <= _DELIMITER_CHARACTERS and piped


def _table_tokens(lines: list[str]) -> list[Token] | None:
    """The parser's tokens when the whole group is one table, else None."""
    if not _may_be_table(lines):
        return None
    tokens = _parser().parse("\n".join(lines))
    if not tokens or tokens[0].type != "table_open" or tokens[0].map != [0, len(lines)]:
        return None
    return tokens


def is_table(lines: list[str]) -> bool:
    return _table_tokens(lines) is not None


def table_rule(inlines: Inlines) -> tuple[Callable[[list[str]], bool], Callable[[list[str]], Block]]:
    """The (test, build) rule of blocks.RULES; inlines reads a cell's text."""
    return is_table, lambda lines: build_table(lines, inlines)


def build_table(lines: list[str], inlines: Inlines) -> Table:
    tokens = _table_tokens(lines)
    assert tokens is not None, "build_table after is_table"
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    alignments: list[str | None] = []
    row: list[tuple[Inline, ...]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            rows.append(tuple(row))
        elif token.type in ("th_open", "td_open"):
            row.append(_cell(tokens[index + 1].content, inlines))
            if token.type == "th_open":
                alignments.append(_ALIGNMENTS.get(str(token.attrs.get("style", ""))))
    return Table(header=rows[0], rows=tuple(rows[1:]), alignments=tuple(alignments))


def _cell(text: str, inlines: Inlines) -> tuple[Inline, ...]:
    cell = inlines(text.strip()) if text.strip() else ()
    # After reading: a phone number is already marked (and isolated) by then.
    if len(cell) == 1 and isinstance(cell[0], Text) and _number_only(cell[0].text):
        return (Text(f"{LRI}{cell[0].text}{PDI}"),)
    return cell


def _number_only(text: str) -> bool:
    """Digits, something besides them (a sign, a separator, a space: what the
    bidi algorithm can move) and no letter; not yet isolated."""
    categories = {unicodedata.category(character) for character in text}
    letters = any(category[0] == "L" for category in categories)
    return "Nd" in categories and len(categories) > 1 and not letters and not text.startswith(LRI)

"""Turn one paragraph of plain text into a block of the model.

Editors write plain text, so the markers are the ones people type anyway:
``# `` or ``## `` for a heading, ``> `` for a quoted passage, ``- ``, ``* ``
or ``• `` for a bullet list, ``1.`` / ``١.`` / ``1)`` for a numbered list.
Anything else is a paragraph. Rules are tried in order; the first whose
test accepts the lines builds the block.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Block, BlockQuote, Heading, Inline, ListBlock, Paragraph, Quote, Text

_HEADING = re.compile(r"^(#{1,3})\s+(\S.*)$")
_QUOTE_LINE = re.compile(r"^>\s?")
_BULLET = re.compile(r"^[-*•]\s+")
_NUMBER = re.compile(r"^[0-9٠-٩۰-۹]{1,3}[.)]\s+")
# Quotation marks that open a quotation, and the mark that closes each.
_QUOTE_MARKS = {"“": "”", "«": "»"}
_QUOTATION = re.compile(r"“([^“”]+)”|«([^«»]+)»")


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """Split text into plain runs and quotations; unbalanced marks stay text."""
    inlines: list[Inline] = []
    position = 0
    for match in _QUOTATION.finditer(text):
        if match.start() > position:
            inlines.append(Text(text[position : match.start()]))
        open_mark = match.group()[0]
        inlines.append(Quote(match.group()[1:-1], open_mark, _QUOTE_MARKS[open_mark]))
        position = match.end()
    if position < len(text):
        inlines.append(Text(text[position:]))
    return tuple(inlines)


def _join(lines: list[str]) -> str:
    """Lines of one paragraph are soft-wrapped: join them with a space."""
    return " ".join(line.strip() for line in lines if line.strip())


def _is_heading(lines: list[str]) -> bool:
    return len(lines) == 1 and bool(_HEADING.match(lines[0]))


def _heading(lines: list[str]) -> Block:
    match = _HEADING.match(lines[0])
    assert match is not None
    return Heading(len(match.group(1)), parse_inlines(match.group(2).strip()))


def _is_quote(lines: list[str]) -> bool:
    return all(_QUOTE_LINE.match(line) for line in lines)


def _block_quote(lines: list[str]) -> Block:
    stripped = [_QUOTE_LINE.sub("", line, count=1) for line in lines]
    return BlockQuote((Paragraph(parse_inlines(_join(stripped))),))


def _list_rule(marker: re.Pattern[str], ordered: bool):
    def test(lines: list[str]) -> bool:
        return len(lines) > 1 and all(marker.match(line) for line in lines)

    def build(lines: list[str]) -> Block:
        items = tuple(parse_inlines(marker.sub("", line, count=1).strip()) for line in lines)
        return ListBlock(ordered, items)

    return test, build


def _paragraph(lines: list[str]) -> Block:
    return Paragraph(parse_inlines(_join(lines)))


BlockRule = tuple[Callable[[list[str]], bool], Callable[[list[str]], Block]]

RULES: tuple[BlockRule, ...] = (
    (_is_heading, _heading),
    (_is_quote, _block_quote),
    _list_rule(_BULLET, ordered=False),
    _list_rule(_NUMBER, ordered=True),
    (lambda lines: True, _paragraph),
)


def parse_block(lines: list[str]) -> Block:
    """The block a group of non-blank lines stands for."""
    for test, build in RULES:
        if test(lines):
            return build(lines)
    raise AssertionError("the paragraph rule accepts every group")

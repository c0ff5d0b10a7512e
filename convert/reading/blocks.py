"""Turn one paragraph of plain text into a block of the model.

Editors write plain text, so the markers are the ones people type anyway:
``# `` or ``## `` for a heading, ``> `` for a quoted passage, ``- ``, ``* ``
or ``• `` for a bullet list, ``1.`` / ``١.`` / ``۱.`` / ``1)`` for a numbered
list, its items on lines of their own or separated by blank lines.
Anything else is a paragraph. Rules are tried in order; the first whose
test accepts the lines builds the block.

A short line with no closing punctuation before a paragraph reads as a
heading the author did not mark ("المادة 14"): it stays a paragraph, kept
with the one after it on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Block, BlockQuote, Heading, Inline, ListBlock, Paragraph, Quote, Text, inline_text
from .figures import figure_builder, is_figure
from .inline_markup import has_markup, read_markup
from .notes import typed_calls
from .phones import mark_phone_numbers
from .poetry import is_poem, joined_fences, poem
from .quotations import QUOTATION, QUOTE_MARKS, across_markup
from .quran import split_quotations
from .tables import table_rule

_HEADING = re.compile(r"^(#{1,3})\s+(\S.*)$")
_QUOTE_LINE = re.compile(r"^>\s?")
_BULLET = re.compile(r"^[-*•]\s+")
_NUMBER = re.compile(r"^([0-9٠-٩۰-۹]{1,3})[.)]\s+")
# The counter style of a numbered list, from the digits its author typed.
_NUMBERINGS = (("٠١٢٣٤٥٦٧٨٩", "arabic-indic"), ("۰۱۲۳۴۵۶۷۸۹", "persian"), ("0123456789", "decimal"))
# A heading-like line: at most this many words, and no closing punctuation.
_HEADING_LIKE_WORDS = 8
_CLOSING = ".!?؟،,;؛:…»”\")"


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """The inlines of a paragraph's text: strong, emphasis and links
    (inline_markup.py) around runs of plain text and quotations; then the
    quotations that hold markup (quotations.py)."""
    if has_markup(text):
        return across_markup(read_markup(text, _plain_inlines))
    return _plain_inlines(text)


def _plain_inlines(text: str) -> tuple[Inline, ...]:
    """Qur'anic quotations (quran.py) first, kept as typed; the rest read by _quoted_inlines."""
    return split_quotations(text, _quoted_inlines)


def _quoted_inlines(text: str) -> tuple[Inline, ...]:
    """Split text into plain runs and quotations; unbalanced marks stay text.
    Phone numbers are marked to show left to right, unbroken (phones.py);
    a writer's note markers become calls (notes.py)."""
    text = mark_phone_numbers(text)
    inlines: list[Inline] = []
    position = 0
    for match in QUOTATION.finditer(text):
        if match.start() > position:
            inlines.extend(_texts_and_calls(text[position : match.start()], text[position - 1 : position]))
        open_mark = match.group()[0]
        inlines.append(Quote(match.group()[1:-1], open_mark, QUOTE_MARKS[open_mark]))
        position = match.end()
    if position < len(text):
        inlines.extend(_texts_and_calls(text[position:], text[position - 1 : position]))
    return tuple(inlines)


def _texts_and_calls(text: str, before: str) -> list[Inline]:
    return [Text(piece) if isinstance(piece, str) else piece for piece in typed_calls(text, before)]


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
        return ListBlock(ordered, items, _numbering(lines[0]) if ordered else None)

    return test, build


def _numbering(line: str) -> str:
    match = _NUMBER.match(line)
    digit = match.group(1)[0] if match else "0"
    return next(name for digits, name in _NUMBERINGS if digit in digits)


def _paragraph(lines: list[str]) -> Block:
    return Paragraph(parse_inlines(_join(lines)))


BlockRule = tuple[Callable[[list[str]], bool], Callable[[list[str]], Block]]

RULES: tuple[BlockRule, ...] = (
    (_is_heading, _heading),
    (is_figure, figure_builder(parse_inlines)),  # ![alt](path "caption"): figures.py
    (_is_quote, _block_quote),
    _list_rule(_BULLET, ordered=False),
    _list_rule(_NUMBER, ordered=True),
    table_rule(parse_inlines),  # GFM pipe tables (tables.py)
    (is_poem, lambda lines: poem(lines, parse_inlines)),  # poetry.py
    (lambda lines: True, _paragraph),
)


def parse_block(lines: list[str]) -> Block:
    """The block a group of non-blank lines stands for."""
    for test, build in RULES:
        if test(lines):
            return build(lines)
    raise AssertionError("the paragraph rule accepts every group")


def parse_blocks(groups: list[list[str]]) -> tuple[Block, ...]:
    """The blocks of an article's blank-line separated groups of lines: list
    items separated by blank lines make one list, and a heading-like line is
    kept with the paragraph after it."""
    blocks = [parse_block(group) for group in _joined_list_items(joined_fences(groups))]
    following = [*blocks[1:], None][: len(blocks)]
    return tuple(_kept_with_next(block, after) for block, after in zip(blocks, following, strict=True))


def _item_kind(group: list[str]) -> str | None:
    """"bullet" or the numbering if every line of group is a list item of one kind."""
    if all(_BULLET.match(line) for line in group):
        return "bullet"
    if all(_NUMBER.match(line) for line in group):
        kinds = {_numbering(line) for line in group}
        return kinds.pop() if len(kinds) == 1 else None
    return None


def _joined_list_items(groups: list[list[str]]) -> list[list[str]]:
    """Neighbouring groups that are all items of one kind of list, as one group."""
    joined: list[list[str]] = []
    previous_kind = None
    for group in groups:
        kind = _item_kind(group)
        if kind is not None and kind == previous_kind:
            joined[-1] = joined[-1] + group
        else:
            joined.append(group)
        previous_kind = kind
    return joined


def _kept_with_next(block: Block, following: Block | None) -> Block:
    if (isinstance(block, Paragraph) and isinstance(following, Paragraph) and not block.keep_with_next
            and _heading_like(inline_text(block.inlines))):
        return Paragraph(block.inlines, keep_with_next=True)
    return block


def _heading_like(text: str) -> bool:
    return 0 < len(text.split()) <= _HEADING_LIKE_WORDS and not text.rstrip().endswith(tuple(_CLOSING))

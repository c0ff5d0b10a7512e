"""Inline markup of one paragraph, read by a CommonMark parser (markdown-it-py).

Only the inline rules are on: ``**strong**``, ``*emphasis*``/``_emphasis_``,
links ``[text](https://…)`` and autolinks ``<https://…>``, backslash
escapes. The blocks stay the reader's own (blocks.py). Two choices beyond
CommonMark, so that plain prose stays as typed:
- a delimiter with a letter, mark or digit on both sides (``كل**مة**``,
  ``5*3*2``) stays text: CommonMark lets ``*`` emphasise inside a word,
  but an Arabic writer who types it there means an asterisk;
- only http, https and mailto addresses become links; any other
  (``javascript:``, ``file:``, ``ftp:``) stays as typed, with a warning.
Text without any of the markup characters never reaches the parser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Emphasis, Inline, Link, Strong

LINK_SCHEMES = ("http:", "https:", "mailto:")
_MARKUP_CHARACTERS = frozenset("*_[<\\")
_CONTAINERS = {"strong": Strong, "em": Emphasis, "link": None}
# The addresses of refused links, while a reader collects them (collected_refusals).
_REFUSED: ContextVar[list[str] | None] = ContextVar("refused_links", default=None)


def _allowed_link(url: str) -> bool:
    allowed = url.strip().lower().startswith(LINK_SCHEMES)
    refused = _REFUSED.get()
    if not allowed and refused is not None:
        refused.append(url)
    return allowed


_PARSER = MarkdownIt("zero").enable(["emphasis", "link", "autolink", "escape"])
_PARSER.validateLink = _allowed_link  # type: ignore[method-assign]


@contextmanager
def collected_refusals() -> Iterator[list[str]]:
    """The addresses of the links refused while the block is read."""
    refused: list[str] = []
    token = _REFUSED.set(refused)
    try:
        yield refused
    finally:
        _REFUSED.reset(token)


def has_markup(text: str) -> bool:
    return not _MARKUP_CHARACTERS.isdisjoint(text)


@dataclass
class _Open:
    """A container being filled: its kind ("" for the paragraph), its href, its children."""

    kind: str
    href: str = ""
    children: list[Inline] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # text not yet split into Text and Quote


def read_markup(text: str, leaf: Callable[[str], tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """The inlines of text; leaf splits each stretch of plain text (quotations, phones)."""
    tokens = _PARSER.parseInline(text)[0].children or []
    tokens = list(_intraword_as_text(tokens))
    stack = [_Open("")]
    for token in tokens:
        kind, _, edge = token.type.rpartition("_")
        if kind in _CONTAINERS and edge == "open":
            _flush(stack[-1], leaf)
            stack.append(_Open(kind, str(token.attrs.get("href", ""))))
        elif kind in _CONTAINERS and edge == "close":
            _flush(stack[-1], leaf)
            done = stack.pop()
            stack[-1].children.append(_built(done))
        else:
            stack[-1].pending.append(token.content)
    _flush(stack[0], leaf)
    return tuple(stack[0].children)


def _flush(container: _Open, leaf: Callable[[str], tuple[Inline, ...]]) -> None:
    if container.pending:
        container.children.extend(leaf("".join(container.pending)))
        container.pending.clear()


def _built(container: _Open) -> Inline:
    inlines = tuple(container.children)
    if container.kind == "link":
        return Link(container.href, inlines)
    return _CONTAINERS[container.kind](inlines)  # type: ignore[misc]


def _intraword_as_text(tokens: list[Token]) -> Iterator[Token]:
    """tokens with every emphasis pair whose opening or closing delimiter sits
    between two word characters turned back into the text typed."""
    reverted: set[int] = set()
    openings: list[int] = []
    for index, token in enumerate(tokens):
        if token.type in ("strong_open", "em_open"):
            openings.append(index)
        elif token.type in ("strong_close", "em_close"):
            start = openings.pop()
            if _inside_word(tokens, start) or _inside_word(tokens, index):
                reverted.update((start, index))
    for index, token in enumerate(tokens):
        if index in reverted:
            yield Token("text", "", 0, content=token.markup)
        else:
            yield token


def _inside_word(tokens: list[Token], index: int) -> bool:
    before, after = _edge_text(tokens, index, -1), _edge_text(tokens, index, 1)
    return _word_character(before, -1) and _word_character(after, 0)


def _edge_text(tokens: list[Token], index: int, step: int) -> str:
    """The text next to tokens[index] on one side (step -1: before it)."""
    position = index + step
    while 0 <= position < len(tokens):
        content = tokens[position].content if tokens[position].type == "text" else tokens[position].markup
        if content:
            return content
        position += step
    return ""


def _word_character(text: str, position: int) -> bool:
    return bool(text) and unicodedata.category(text[position])[0] in "LMN"

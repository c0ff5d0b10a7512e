"""Inline markup of one paragraph, read by a CommonMark parser (markdown-it-py).

Only the inline rules are on: ``**strong**``, ``*emphasis*``/``_emphasis_``,
links ``[text](https://…)``, autolinks ``<https://…>``, bare http(s) and
e-mail addresses, footnote calls ``[^1]`` (notes.py), backslash escapes.
The blocks stay the reader's own (blocks.py). Two choices beyond
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
from functools import cache
from typing import TYPE_CHECKING

from ..model import Emphasis, Inline, Link, Strong
from .notes import footnote_call

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

LINK_SCHEMES = ("http:", "https:", "mailto:")
_MARKUP_CHARACTERS = ("*", "_", "[", "<", "\\")
# What a bare address needs (linkify): a scheme's "://" or an e-mail's "@".
_ADDRESS_SIGNS = ("://", "@")
_CONTAINERS = {"strong": Strong, "em": Emphasis, "link": None}
# The addresses of refused links, while a reader collects them (collected_refusals).
_REFUSED: ContextVar[list[str] | None] = ContextVar("refused_links", default=None)


def _allowed_link(url: str) -> bool:
    allowed = url.strip().lower().startswith(LINK_SCHEMES)
    refused = _REFUSED.get()
    if not allowed and refused is not None:
        refused.append(url)
    return allowed


@cache
def _parser() -> MarkdownIt:
    """The inline parser, made on first use: an article without markup never
    loads markdown-it (about 30 ms of a run's start).
    linkify: bare http(s) addresses and e-mail addresses (linkify-it-py), never
    a bare domain ("example.com" stays text); footnote_ref: [^label] calls,
    which notes.footnote_call resolves (always_match: an unknown label is warned of)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("zero", {"linkify": True}).use(footnote_plugin, inline=False, move_to_end=False,
                                                       always_match_refs=True)
    parser.enable(["emphasis", "link", "autolink", "escape", "linkify"])
    parser.inline.ruler.at("footnote_ref", _footnote_call_rule)
    parser.linkify.set({"fuzzy_link": False})
    parser.validateLink = _allowed_link  # type: ignore[method-assign]
    return parser


def _footnote_call_rule(state: StateInline, silent: bool) -> bool:
    """The footnote plugin's call rule, blind while a link's text is measured.
    Measuring it (silent: markdown-it's parseLinkLabel skipping over tokens),
    the link rule refuses any token opening with "[" as a link inside a link,
    a call [^2] too: [النص[^2]](https://…) would stay text. Skipped there, the
    call's brackets count as text's; the link's text is then read with the
    rule on, and the call comes out inside the link."""
    from mdit_py_plugins.footnote.index import footnote_ref

    return not silent and footnote_ref(state, silent, always_match=True)


def _text_token(content: str) -> Token:
    from markdown_it.token import Token

    return Token("text", "", 0, content=content)


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
    # Substring searches: each runs in C over the text, where a set's
    # isdisjoint hashes every character (a fifth of a plain article's reading).
    return any(sign in text for sign in (*_MARKUP_CHARACTERS, *_ADDRESS_SIGNS))


@dataclass
class _Open:
    """A container being filled: its kind ("" for the paragraph), its href, its children."""

    kind: str
    href: str = ""
    children: list[Inline] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # text not yet split into Text and Quote


def read_markup(text: str, leaf: Callable[[str], tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """The inlines of text; leaf splits each stretch of plain text (quotations, phones)."""
    tokens = _parser().parseInline(text)[0].children or []
    tokens = list(_intraword_as_text(list(_bare_addresses_trimmed(tokens))))
    stack = [_Open("")]
    for token in tokens:
        kind, _, edge = token.type.rpartition("_")
        if token.type == "footnote_ref":
            _footnote(stack[-1], token.meta["label"], leaf)
        elif kind in _CONTAINERS and edge == "open":
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


def _footnote(container: _Open, label: str, leaf: Callable[[str], tuple[Inline, ...]]) -> None:
    """A call [^label] where the article has that note, else the text typed."""
    ref = footnote_call(label)
    if ref is None:
        container.pending.append(f"[^{label}]")
        return
    _flush(container, leaf)
    container.children.append(ref)


def _flush(container: _Open, leaf: Callable[[str], tuple[Inline, ...]]) -> None:
    if container.pending:
        container.children.extend(leaf("".join(container.pending)))
        container.pending.clear()


def _built(container: _Open) -> Inline:
    inlines = tuple(container.children)
    if container.kind == "link":
        return Link(container.href, inlines)
    return _CONTAINERS[container.kind](inlines)  # type: ignore[misc]


# Punctuation that closes an Arabic sentence or quotation: linkify-it takes it
# for part of an address written just before it (https://a.org/x، …).
_CLOSING_PUNCTUATION = "،؛؟»”…"


def _bare_addresses_trimmed(tokens: list[Token]) -> Iterator[Token]:
    """tokens with Arabic closing punctuation moved out of each bare address
    (linkify's link_open, text, link_close), its href made again without it."""
    after = ""
    for index, token in enumerate(tokens):
        opening = tokens[index - 1] if index else None
        if token.type == "text" and opening is not None and opening.type == "link_open" \
                and opening.markup == "linkify":
            address = token.content.rstrip(_CLOSING_PUNCTUATION)
            after = token.content[len(address) :]
            if after:
                token = _text_token(address)
                opening.attrs["href"] = _address_href(address, str(opening.attrs.get("href", "")))
        yield token
        if token.type == "link_close" and after:
            yield _text_token(after)
            after = ""


def _address_href(address: str, href: str) -> str:
    """The href of a bare address (an e-mail one gets its mailto: back)."""
    if href.startswith("mailto:") and not address.startswith("mailto:"):
        address = "mailto:" + address
    return _parser().normalizeLink(address)


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
            yield _text_token(token.markup)
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

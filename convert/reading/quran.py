"""Qur'anic quotations: text between the ornate parentheses ﴿ and ﴾.

A quotation is copied out exactly as its author typed it, every mark in its
place and order, so the reader leaves its characters alone: NFC would put
the marks in canonical order (a shadda typed before its fatha, as Arabic
keyboards and the usual Uthmani sources have it, comes after it), and a
pause sign typed after a space (لَا رَيْبَ ۛ فِيهِ) would be moved onto the word before.
Only balanced brackets on one line (a paragraph) make a quotation; an unbalanced
one stays text, and nested brackets make the innermost pair the quotation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Inline, QuranQuote

OPEN, CLOSE = "\ufd3f", "\ufd3e"  # ﴿ ORNATE RIGHT PARENTHESIS opens right-to-left text
# Up to the nearest closing bracket with no other bracket between, on one
# line (each line of an article is a paragraph of its own).
QUOTATION = re.compile(f"{OPEN}[^{OPEN}{CLOSE}\\n]*{CLOSE}")

Rule = Callable[[str], tuple[str, list[str]]]


def has_quotation(text: str) -> bool:
    return OPEN in text and QUOTATION.search(text) is not None


def quotation_text(text: str) -> str:
    """The characters of every quotation of text, brackets included."""
    return "".join(match.group() for match in QUOTATION.finditer(text)) if OPEN in text else ""


def outside_quotations(rule: Rule) -> Rule:
    """A normalising rule applied to the text around quotations only."""

    def guarded(text: str) -> tuple[str, list[str]]:
        if not has_quotation(text):
            return rule(text)
        parts, warnings, position = [], [], 0
        for match in QUOTATION.finditer(text):
            changed, raised = rule(text[position:match.start()])
            parts += [changed, match.group()]
            warnings += raised
            position = match.end()
        changed, raised = rule(text[position:])
        return "".join([*parts, changed]), warnings + raised

    guarded.__name__ = getattr(rule, "__name__", "guarded")
    guarded.__doc__ = rule.__doc__
    return guarded


def split_quotations(text: str, plain: Callable[[str], tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """The inlines of text: each quotation a QuranQuote, the text around it read by plain."""
    if not has_quotation(text):
        return plain(text)
    inlines: list[Inline] = []
    position = 0
    for match in QUOTATION.finditer(text):
        if match.start() > position:
            inlines.extend(plain(text[position:match.start()]))
        inlines.append(QuranQuote(match.group()))
        position = match.end()
    if position < len(text):
        inlines.extend(plain(text[position:]))
    return tuple(inlines)

"""Classical verse and poems: the Poem block (model.py).

Arabic texts type a verse (بيت) on one line, its two hemistichs apart:

- ``***`` (or ``**``… any run of three stars or more), ``...`` or ``…``
  (an ellipsis, two dots or more not counted: only three or more), ``*``
  with a space on each side, a tab, or three spaces or more.

A group of lines (blank-line separated) reads as a poem only when every
line of it is a verse: exactly one separator, and on each side of it a
hemistich of a few words (MIN_WORDS to MAX_WORDS, holding a letter), the
two of about one length (the shorter at least MIN_BALANCE of the longer,
in letters: hemistichs share a metre). One line alone is a verse only with
a separator prose never has (three stars, a tab, three spaces): an ellipsis
in a sentence, or one ``*``, leaves it prose.

A whole poem may be fenced, its lines then read as the author typed them:

    ```شعر                 (or ```poem, or ~~~ fences)
    قفا نبك من ذكرى حبيب ومنزل *** بسقط اللوى بين الدخول فحومل
    free verse: a line without a separator is a line of its own
    ```

Inside a fence a line with a separator is a verse of two hemistichs, any
other line a line of free verse; blank lines are left out. Markdown-it's
fence rule reads the fence (made on first use, like inline_markup.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from ..model import Inline, Poem

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# The separators, longest first: a tab or a run of spaces around one still
# counts as that separator.
_SEPARATOR = re.compile(r"[ \t]*(?:\*{3,}|\.{3,}|…+)[ \t]*|[ \t]+\*[ \t]+|[ \t]*\t[ \t]*| {3,}")
# Separators prose never types inside a sentence: enough for a single line.
_LAYOUT_SEPARATOR = re.compile(r"\*{3,}|\t| {3,}")
MIN_WORDS = 2
MAX_WORDS = 9
MIN_BALANCE = 0.5
_LETTER = re.compile(r"[^\W\d_]")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
POEM_FENCE_NAMES = ("شعر", "poem")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(\S+)\s*$")


def hemistichs(line: str) -> tuple[str, str] | None:
    """The two halves of a line with exactly one separator, else None."""
    found = list(_SEPARATOR.finditer(line.strip()))
    if len(found) != 1:
        return None
    match = found[0]
    text = line.strip()
    first, second = text[: match.start()].strip(), text[match.end():].strip()
    return (first, second) if first and second else None


def _letters(text: str) -> int:
    return len(_LETTER.findall(_MARKS.sub("", text)))


def _is_hemistich(text: str) -> bool:
    return MIN_WORDS <= len(text.split()) <= MAX_WORDS and _letters(text) > 0


# The most words a verse's line can hold: two hemistichs and a separator
# standing alone (" * "). A longer line (a paragraph) is not searched for
# separators: on a long paragraph that search is most of its reading.
_MAX_VERSE_WORDS = 2 * MAX_WORDS + 1


def _is_verse(line: str) -> bool:
    if len(line.split(None, _MAX_VERSE_WORDS)) > _MAX_VERSE_WORDS:
        return False
    halves = hemistichs(line)
    if halves is None or not all(_is_hemistich(half) for half in halves):
        return False
    shorter, longer = sorted(_letters(half) for half in halves)
    return shorter >= MIN_BALANCE * longer


def is_poem(lines: list[str]) -> bool:
    """Whether a group of lines is verse (see the module's rules)."""
    if is_fenced_poem(lines):
        return True
    if not all(_is_verse(line) for line in lines):
        return False
    if len(lines) == 1:
        separator = _SEPARATOR.search(lines[0].strip())
        return separator is not None and bool(_LAYOUT_SEPARATOR.search(separator.group()))
    return True


def is_fenced_poem(lines: list[str]) -> bool:
    return len(lines) > 1 and _opens_poem(lines[0])


def _opens_poem(line: str) -> bool:
    opening = _FENCE_OPEN.match(line)
    return opening is not None and opening.group(2) in POEM_FENCE_NAMES


def poem(lines: list[str], parse_inlines: Callable[[str], tuple[Inline, ...]]) -> Poem:
    """The Poem of a group is_poem accepts; parse_inlines reads each part's markup."""
    typed = _fenced_lines(lines) if is_fenced_poem(lines) else lines
    verses = []
    for line in typed:
        if not line.strip():
            continue
        halves = hemistichs(line)
        parts = halves if halves is not None else (line.strip(),)
        verses.append(tuple(parse_inlines(part) for part in parts))
    return Poem(tuple(verses))


def _fenced_lines(lines: list[str]) -> list[str]:
    """The lines inside the fence, as markdown-it's fence rule reads them
    (an unclosed fence runs to the end of the group)."""
    tokens = _fence_parser().parse("\n".join(lines))
    fence = next((token for token in tokens if token.type == "fence"), None)
    return fence.content.split("\n") if fence is not None else lines[1:]


@cache
def _fence_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable("fence")


def joined_fences(groups: list[list[str]]) -> list[list[str]]:
    """A fenced poem's groups as one group: the blank lines of a poem between
    its stanzas do not end it. A fence never closed ends at its own group."""
    joined: list[list[str]] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        end = _closing_group(groups, index) if _opens_poem(group[0]) else None
        if end is None:
            joined.append(group)
            index += 1
        else:
            joined.append([line for part in groups[index:end + 1] for line in part])
            index = end + 1
    return joined


def _closing_group(groups: list[list[str]], start: int) -> int | None:
    """The index of the group holding the fence's closing line, if any."""
    opening = _FENCE_OPEN.match(groups[start][0])
    assert opening is not None
    fence = opening.group(1)
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for index in range(start, len(groups)):
        lines = groups[index][1:] if index == start else groups[index]
        if any(closing.match(line) for line in lines):
            return index
    return None

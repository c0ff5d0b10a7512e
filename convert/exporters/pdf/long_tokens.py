"""Long tokens (URLs, hashes, numbers, words of thousands of letters) as
boxes that wrap inside the text block, in time that grows with their length.

WeasyPrint breaks a line only where Pango finds a break opportunity, and
CSS's last resort (overflow-wrap) only in a box that starts its line. A
token mixing scripts is several boxes, one per direction run
(run_boxes.py), with no opportunity between them: it was drawn as one line
running off the page. And WeasyPrint lays out a line by shaping the rest of
its box up to the next break opportunity: for a box of n characters with
none, every line costs O(n), the token O(n²) (a word of 60,000 letters took
90 s).

So a token of LONG characters or more (not counting marks) is cut into
boxes of at most CHUNK characters, each set ``word-break: break-all``
(print.css: ``.long``). A zero-width space (U+200B) ends every box but the
token's last, and follows each ``/ . - _ ? & =``: a line breaks there when
one fits (a URL after a slash), and, when none does, anywhere
(break-all). Each box costs its own length, so the token costs its length.

A box is cut where no two letters join (after alef or dal, before a Latin
letter or a digit) when there is such a place near, and never between a
letter and its marks: a word of thousands of joining letters shows a break
in joining every CHUNK letters, as it does at each line end.

The zero-width space is drawn as nothing and copied as nothing (the
copy-text engine fix gives it no text; tests/test_pdf_long_tokens.py reads
it back).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from ...text.fribidi import JOINS_LEFT, JOINS_RIGHT, TRANSPARENT, joining_types

LONG = 31  # run_boxes.py's long token: shorter ones keep their punctuation unbroken
CHUNK = 120  # characters in one box at most
# Characters between break opportunities at box boundaries, at least (fewer
# than the narrowest line holds: a 26 pt title holds about 36 Latin letters).
GAP = 16
# A cut where no letters join is sought this far back from CHUNK.
_JOINING_SLACK = 40
ZERO_WIDTH_SPACE = "\u200b"
_TOKEN = re.compile(r"\S+")
_BREAK_AFTER = re.compile(r"(?<=[/.\-_?&=])(?=.)")
_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})
_JOINERS = frozenset({"\u200c", "\u200d"})
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)


def long_token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token of text that is long enough to need cutting."""
    return [token.span() for token in _TOKEN.finditer(text) if _letters(token.group()) >= LONG]


def _letters(token: str) -> int:
    return sum(1 for character in token if unicodedata.category(character) not in _MARK_CATEGORIES)


def chunks(text: str) -> list[str]:
    """text (a piece of one long token) cut into pieces of at most CHUNK characters."""
    if len(text) <= CHUNK:
        return [text]
    joining = joining_types(text)
    pieces, start = [], 0
    while len(text) - start > CHUNK:
        end = _cut(text, joining, start)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, joining: list[int], start: int) -> int:
    """Where the piece starting at start ends: the last place within CHUNK
    where no letters join, else the last one between characters that are not
    one cluster."""
    limit = start + CHUNK
    allowed = [end for end in range(limit, start, -1) if _between_clusters(text, end)]
    for end in allowed:
        if end < limit - _JOINING_SLACK:
            break
        if not _joins_across(joining, end):
            return end
    return allowed[0] if allowed else limit


def _between_clusters(text: str, index: int) -> bool:
    """Whether a box may end before text[index]: not before a mark, a joiner
    or an emoji modifier, nor after a joiner."""
    after, before = text[index], text[index - 1]
    return not (unicodedata.category(after) in _MARK_CATEGORIES or after in _JOINERS
                or before in _JOINERS or ord(after) in _EMOJI_MODIFIERS)


def _joins_across(joining: list[int], index: int) -> bool:
    """Whether the letters on either side of index join (marks between are transparent)."""
    before = index - 1
    while before >= 0 and joining[before] & TRANSPARENT:
        before -= 1
    after = index
    while after < len(joining) and joining[after] & TRANSPARENT:
        after += 1
    if before < 0 or after >= len(joining):
        return False
    return bool(joining[before] & JOINS_LEFT and joining[after] & JOINS_RIGHT)


def with_break_points(text: str) -> str:
    """text with a zero-width space after each / . - _ ? & = inside it."""
    return _BREAK_AFTER.sub(ZERO_WIDTH_SPACE, text)


def token_pieces(text: str, break_after: bool) -> Iterator[tuple[str, str]]:
    """(text, what follows it) for each box of a piece of a long token: a
    zero-width space after each box but the last, and after the last when
    break_after (the caller adds the break points inside, with_break_points)."""
    pieces = chunks(text)
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        yield piece, ZERO_WIDTH_SPACE if break_after or not last else ""


def break_opportunities(tokens: list[tuple[int, int]], boundaries: list[int]) -> set[int]:
    """Where, among the boundaries of a paragraph's boxes (its level runs and
    inline elements), a line may break inside a long token: after GAP
    characters at least since the token's start or its last such place.
    (Inside a box, break-all lets a line break anywhere; a box of one
    character, as a token of alternating scripts makes, cannot break, and
    with an opportunity at every box WeasyPrint would lay out twice as many.)"""
    chosen: set[int] = set()
    for start, end in tokens:
        last = start
        for boundary in boundaries[bisect_right(boundaries, start):bisect_left(boundaries, end)]:
            if boundary - last >= GAP:
                chosen.add(boundary)
                last = boundary
    return chosen

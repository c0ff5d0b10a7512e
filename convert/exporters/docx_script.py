"""Split article text into right-to-left and left-to-right runs.

Word decides a run's font (the complex-script twin or the Latin one) and the
direction of its neutral characters from the run's ``w:rtl`` flag, not from
the characters alone. So each paragraph is cut into runs by script:

- Arabic-script characters (and any strong right-to-left character) make
  right-to-left runs, written with ``w:rtl``.
- Latin letters and European digits make left-to-right runs, without
  ``w:rtl``: ``COVID-19``, ``2011`` or an e-mail address keep their order and
  their Latin font inside an Arabic sentence.
- A sign that belongs to a number (``%``, ``+``, ``$``, ``°``…) joins the
  number it touches, so ``10%`` stays one unit.
- Every other neutral (spaces, punctuation, quotation marks) joins the
  left-to-right run only when the nearest strong characters on both sides are
  left-to-right (the hyphen in ``F-16``, the dots in ``example.com``, the
  space in ``New York``). Otherwise it joins the Arabic text: the paragraph
  is right-to-left, which is where the Unicode bidi algorithm puts such
  neutrals anyway, and Arabic punctuation (، ؛ ؟) stays with Arabic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

RTL, LTR, NEUTRAL = "rtl", "ltr", "neutral"

_STRONG_RTL = {"R", "AL", "AN"}
_STRONG_LTR = {"L", "EN"}
_NUMBER_SIGN = {"ET"}  # European terminators: % ‰ + $ # ° …
_ARABIC_BLOCKS = (
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
)


@dataclass(frozen=True)
class ScriptRun:
    """A stretch of text in one direction, tagged with the piece it came from."""

    text: str
    rtl: bool
    tag: str = ""


@cache  # an article uses a few dozen distinct characters, thousands of times
def char_class(char: str) -> str:
    """RTL, LTR or NEUTRAL for one character, before neutrals are resolved."""
    code = ord(char)
    if any(low <= code <= high for low, high in _ARABIC_BLOCKS):
        return RTL
    bidi = unicodedata.bidirectional(char)
    if bidi in _STRONG_RTL:
        return RTL
    if bidi in _STRONG_LTR:
        return LTR
    return NEUTRAL


def resolve_directions(text: str) -> list[bool]:
    """For each character of text: True when it belongs to a right-to-left run."""
    classes = [char_class(char) for char in text]
    _attach_number_signs(text, classes)
    before = _nearest_strong(classes)
    after = list(reversed(_nearest_strong(list(reversed(classes)))))
    return [
        cls == RTL if cls != NEUTRAL else not (before[i] == LTR and after[i] == LTR)
        for i, cls in enumerate(classes)
    ]


def _attach_number_signs(text: str, classes: list[str]) -> None:
    """A number sign right before or after a Latin digit or letter becomes part of it."""
    for i, char in enumerate(text):
        if classes[i] != NEUTRAL or unicodedata.bidirectional(char) not in _NUMBER_SIGN:
            continue
        touches_ltr = (i > 0 and classes[i - 1] == LTR) or (i + 1 < len(text) and classes[i + 1] == LTR)
        if touches_ltr:
            classes[i] = LTR


def _nearest_strong(classes: list[str]) -> list[str | None]:
    """For each position, the class of the closest strong character before it."""
    seen: str | None = None
    nearest: list[str | None] = []
    for cls in classes:
        nearest.append(seen)
        if cls != NEUTRAL:
            seen = cls
    return nearest


def split_runs(pieces: Iterable[tuple[str, str]]) -> list[ScriptRun]:
    """Cut tagged pieces of one paragraph into runs of one direction each.

    pieces are (text, tag) pairs, e.g. plain text and a quotation; directions
    are resolved over the whole paragraph so neutrals see their real
    neighbours, then runs are cut where the direction or the tag changes.
    """
    pieces = [(text, tag) for text, tag in pieces if text]
    directions = resolve_directions("".join(text for text, _ in pieces))
    runs: list[ScriptRun] = []
    offset = 0
    for text, tag in pieces:
        runs.extend(_cut(text, directions[offset : offset + len(text)], tag))
        offset += len(text)
    return runs


def _cut(text: str, directions: list[bool], tag: str) -> Iterator[ScriptRun]:
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or directions[i] != directions[start]:
            yield ScriptRun(text[start:i], directions[start], tag)
            start = i

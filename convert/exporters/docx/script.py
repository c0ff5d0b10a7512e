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

import re
import unicodedata
from collections.abc import Iterable
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


# Each character as one letter, so the rules above become regular expressions
# over a string: R right-to-left, L left-to-right, S a number sign, N neutral.
_LETTERS = {RTL: "R", LTR: "L"}
_letters: dict[int, str] = {}
_SIGN_BEFORE_LTR = re.compile(r"S(?=L)")
_SIGNS_AFTER_LTR = re.compile(r"(?<=L)S+")
# A left-to-right stretch: strong LTR characters and the neutrals between them.
_LTR_STRETCH = re.compile(r"L(?:[NS]*L)*")


def _letter(char: str) -> str:
    cls = char_class(char)
    if cls == NEUTRAL:
        return "S" if unicodedata.bidirectional(char) in _NUMBER_SIGN else "N"
    return _LETTERS[cls]


def class_letters(text: str) -> str:
    """One letter per character of text (R, L, S or N), number signs attached:
    a sign touching a Latin digit or letter on its left, or the one just
    before it, becomes part of it (L)."""
    _letters.update({ord(char): _letter(char) for char in set(text) if ord(char) not in _letters})
    letters = text.translate(_letters)
    letters = _SIGN_BEFORE_LTR.sub("L", letters)
    return _SIGNS_AFTER_LTR.sub(lambda signs: "L" * len(signs.group()), letters)


# Characters that are never left to right (ASCII but its letters and digits,
# the Arabic blocks, spaces, joiners, the right-to-left mark, general
# punctuation). Text made only of these has no left-to-right stretch, which
# most Arabic paragraphs show with one search instead of a class a character.
_NEVER_LTR = (
    "\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F\u00A0\u00AB\u00BB"
    "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\u2000-\u200D\u200F-\u2027\u202F-\u205E"
    "\uFB50-\uFDFF\uFE70-\uFEFF"
)
_MAYBE_LTR = re.compile(f"[^{_NEVER_LTR}]")


def ltr_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of every left-to-right stretch of text; the rest is right to left."""
    if _MAYBE_LTR.search(text) is None:
        return []
    return [match.span() for match in _LTR_STRETCH.finditer(class_letters(text))]


def split_runs(pieces: Iterable[tuple[str, str]]) -> list[ScriptRun]:
    """Cut tagged pieces of one paragraph into runs of one direction each.

    pieces are (text, tag) pairs, e.g. plain text and a quotation; directions
    are resolved over the whole paragraph so neutrals see their real
    neighbours, then runs are cut where the direction or the tag changes.
    """
    pieces = [(text, tag) for text, tag in pieces if text]
    text = "".join(piece for piece, _ in pieces)
    cuts = _direction_cuts(len(text), ltr_stretches(text))
    runs: list[ScriptRun] = []
    offset = 0
    for piece, tag in pieces:
        end = offset + len(piece)
        for start, stop, rtl in cuts:
            low, high = max(start, offset), min(stop, end)
            if low < high:
                runs.append(ScriptRun(text[low:high], rtl, tag))
        offset = end
    return runs


def _direction_cuts(length: int, stretches: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The whole text as (start, end, right-to-left) runs, alternating."""
    cuts, position = [], 0
    for start, end in stretches:
        if start > position:
            cuts.append((position, start, True))
        cuts.append((start, end, False))
        position = end
    if position < length:
        cuts.append((position, length, True))
    return cuts

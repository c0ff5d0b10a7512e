"""Which stretches of a line run left to right: the one rule every format asks.

PDF (the direction spans of pdf/bidi.py) and DOCX (runs with and without
w:rtl, docx/script.py) both cut text where this module says; HTML and EPUB
leave the Unicode bidi algorithm to the reading system, which implements it.

The rule, over a whole paragraph:
- Arabic-script characters (and any strong right-to-left character, Arabic
  digits included) are right to left.
- Letters of left-to-right scripts (Latin, Greek, Cyrillic, Thai, CJK…: the
  bidi class L) and European digits are left to right: ``COVID-19``,
  ``2011`` or an e-mail address keep their order inside an Arabic sentence.
- A sign that belongs to a number (the bidi class ET: ``%``, ``‰``, ``$``,
  ``°``, ``#``…) joins the number or word it touches, one before it or any
  after it, so ``10%``, ``#3`` and ``5$`` stay one unit.
- Every other neutral (spaces, punctuation, quotation marks) is left to right
  only between left-to-right characters on both sides (the hyphen in
  ``F-16``, the dots in ``example.com``, the space in ``New York``);
  elsewhere it goes with the Arabic text, which is where the bidi algorithm
  puts it in a right-to-left paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

RTL, LTR, NEUTRAL = "rtl", "ltr", "neutral"

_STRONG_RTL = {"R", "AL", "AN"}
_STRONG_LTR = {"L", "EN"}
_NUMBER_SIGN = {"ET"}  # European terminators: % ‰ + $ # ° …
_ARABIC_BLOCKS = (
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
)


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
# over a string: R right-to-left, L left-to-right, S a number sign, N neutral,
# M a combining mark.
_LETTERS = {RTL: "R", LTR: "L"}
_letters: dict[int, str] = {}
# A combining mark (bidi class NSM: Thai vowels, Latin accents) takes the
# class of the character it sits on, as the bidi algorithm's rule W1 says;
# one at the start of the text has nothing under it and is neutral.
_MARKS = re.compile(r"([RLSN])M+")
_SIGN_BEFORE_LTR = re.compile(r"S(?=L)")
_SIGNS_AFTER_LTR = re.compile(r"(?<=L)S+")
# A left-to-right stretch: strong LTR characters and the neutrals between them.
_LTR_STRETCH = re.compile(r"L(?:[NS]*L)*")


def _letter(char: str) -> str:
    cls = char_class(char)
    if cls != NEUTRAL:
        return _LETTERS[cls]
    bidi = unicodedata.bidirectional(char)
    return "S" if bidi in _NUMBER_SIGN else "M" if bidi == "NSM" else "N"


def class_letters(text: str) -> str:
    """One letter per character of text (R, L, S or N), combining marks
    resolved and number signs attached: a sign touching a left-to-right
    digit or letter on its left, or the one just before it, becomes part of it (L)."""
    _letters.update({ord(char): _letter(char) for char in set(text) if ord(char) not in _letters})
    letters = text.translate(_letters)
    if "M" in letters:
        letters = _MARKS.sub(lambda marks: marks.group(1) * len(marks.group()), letters).replace("M", "N")
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

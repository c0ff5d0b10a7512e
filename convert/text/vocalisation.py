"""Whether a text is vocalised: written with its vowel marks.

Plain Arabic, Persian or Urdu prose carries a mark now and then (a shadda, a
tanwin on an adverb); a vocalised text (the Qur'an, hadith, classical verse,
a text for learners) carries one on most letters. Stacked above and below
the letters (a shadda with its fatha over a letter of one line, a kasra
under a descender of the line above), the marks of neighbouring lines meet
at a line spacing that serves plain text: a vocalised text is set with more
room between its lines (Theme.for_vocalised).

A text is vocalised when one of its paragraphs is: at least MIN_MARKS
marks, on at least MIN_SHARE of its letters. One such paragraph (a verse, a
hadith quoted whole) sets the line spacing of the whole text: a page keeps
one spacing, as a typesetter sets it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Harakat, tanwin, shadda, sukun and the rest of U+064B-U+065F, the dagger
# alef, the signs of U+0610-U+061A and the Quranic marks of U+06D6-U+06ED.
_MARKS = frozenset(
    chr(code) for block in ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
    for code in range(block[0], block[1] + 1)
    if unicodedata.category(chr(code)) == "Mn"
)
MIN_MARKS = 12
MIN_SHARE = 0.3  # marks per letter: fully vocalised prose has 0.6-0.9, plain prose under 0.05


def is_vocalised(paragraphs: Iterable[str]) -> bool:
    """Whether any of the paragraphs is written with its vowel marks."""
    return any(_vocalised_paragraph(paragraph) for paragraph in paragraphs)


def _vocalised_paragraph(text: str) -> bool:
    marks = sum(char in _MARKS for char in text)
    if marks < MIN_MARKS:
        return False
    letters = sum(_is_arabic_letter(char) for char in text)
    return marks >= MIN_SHARE * letters


def _is_arabic_letter(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and "ARABIC" in unicodedata.name(char, "")

"""Which direction each stretch of a paragraph runs: the one rule every format asks.

The rule is the Unicode Bidirectional Algorithm (UAX #9) for a paragraph
whose base direction is right to left: what browsers, Word, LibreOffice
and the author's own editor show. Its answer is a level for each character
(odd levels run right to left); a level run is a longest stretch of one
level. In a right-to-left paragraph, ``48%`` after Arabic shows as ``%48``
and ``2024-03-15`` as ``15-03-2024``, because that is what UAX #9 says.

- PDF (exporters/pdf/bidi.py): each level run is a text box of its own,
  nested so that WeasyPrint lays them out in UAX #9's visual order and each
  box holds a single direction (its text then copies in reading order).
- DOCX (exporters/docx/script.py): each level run is a run of its own, with
  ``w:rtl`` on the odd levels.
- HTML and EPUB: the reading system runs UAX #9 itself on the same text.

The author's isolates and marks (LRI, RLI, FSI, PDI, LRM, RLM, ALM) are
characters of the text and take part in the algorithm, so they keep their
meaning in every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fribidi import embedding_levels


@dataclass(frozen=True)
class LevelRun:
    start: int
    end: int
    level: int

    @property
    def right_to_left(self) -> bool:
        return self.level % 2 == 1


# Characters that resolve to level 1 in a right-to-left paragraph whatever
# surrounds them, as long as the paragraph has nothing else: strong
# right-to-left letters and marks, and neutrals and separators with no
# left-to-right letter, number or explicit control to lean on. (Not: digits
# of any script, U+0600-0605, U+06DD, U+08E2, the embeddings, overrides and
# isolates, the left-to-right mark.) Most Arabic paragraphs are made only of
# these, and need no call to the algorithm.
NEVER_LEFT_TO_RIGHT = (
    "\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007F\u00A0\u00AB\u00BB"
    "\u0606-\u065F\u066A\u066D-\u06DC\u06DE-\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08E1\u08E3-\u08FF"
    "\u2000-\u200D\u200F-\u2027\u202F-\u205E\uFB50-\uFDFF\uFE70-\uFEFF"
)
_ONLY_RIGHT_TO_LEFT = re.compile(f"[{NEVER_LEFT_TO_RIGHT}]*")
# Paragraph and segment separators (a newline, a tab) would end the paragraph
# or a segment of it for the algorithm; here they are spaces: the text is
# one paragraph whatever it holds.
_SEPARATORS = str.maketrans(dict.fromkeys(map(ord, "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2029"), " "))


def paragraph_levels(text: str, right_to_left: bool = True) -> list[int]:
    """The resolved level of each character of text, taken as one paragraph."""
    return embedding_levels(text.translate(_SEPARATORS), right_to_left)


def level_runs(text: str, right_to_left: bool = True) -> list[LevelRun]:
    """The paragraph's level runs, in logical order."""
    if not text:
        return []
    if right_to_left and _ONLY_RIGHT_TO_LEFT.fullmatch(text):
        return [LevelRun(0, len(text), 1)]
    levels = paragraph_levels(text, right_to_left)
    runs, start = [], 0
    for index in range(1, len(levels) + 1):
        if index == len(levels) or levels[index] != levels[start]:
            runs.append(LevelRun(start, index, levels[start]))
            start = index
    return runs

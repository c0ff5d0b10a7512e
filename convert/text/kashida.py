"""Where an Arabic word may be elongated (kashida), best place first.

Arabic print evens its justified lines by lengthening the joins between
letters with tatweel (U+0640) rather than by widening the spaces. Where a
join may be lengthened without breaking the word is the font's business:
HarfBuzz marks those places (SAFE_TO_INSERT_TATWEEL). Among them, the usual
priorities of Arabic justification choose (as word processors that justify
Arabic rank them):

1. after a seen or sad (س ش ص ض), whose long tail takes it best;
2. before a final ha or ta marbuta (ه ة);
3. before a final alef, lam or kaf (ا ل ك);
4. before a medial letter of the ba group (ب ت ث ن ي ى ئ);
5. anywhere else that is safe.

A word that carries vowel marks (harakat, shadda, Quranic signs) is never
elongated: a mark over a lengthened join is set over the wrong place. Nor is
a word of two letters (ما، في، إن): a stretched particle catches the eye.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

TATWEEL = "\u0640"
MIN_LETTERS = 3
SEEN_SAD = frozenset("سشصض")
FINAL_HA = frozenset("هة")
FINAL_ALEF_LAM_KAF = frozenset("الكأإآ")
BA_GROUP = frozenset("بتثنيىئ")
# Harakat, shadda, sukun, superscript alef, Quranic marks, and any other
# combining mark of the Arabic blocks.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff]")


@dataclass(frozen=True)
class Place:
    """A place to insert tatweel: before the character at index, of a rank
    (1 is best)."""

    index: int
    rank: int


def _after_seen_or_sad(word: str, index: int) -> bool:
    return word[index - 1] in SEEN_SAD


def _before_final_ha(word: str, index: int) -> bool:
    return index == len(word) - 1 and word[index] in FINAL_HA


def _before_final_alef_lam_kaf(word: str, index: int) -> bool:
    return index == len(word) - 1 and word[index] in FINAL_ALEF_LAM_KAF


def _before_medial_ba(word: str, index: int) -> bool:
    return index < len(word) - 1 and word[index] in BA_GROUP


# Ranked rules, best first: a new rule is one entry.
RULES: tuple[Callable[[str, int], bool], ...] = (
    _after_seen_or_sad, _before_final_ha, _before_final_alef_lam_kaf, _before_medial_ba,
)


def best_place(word: str, safe: Collection[int]) -> Place | None:
    """The best place to elongate word, among the indexes where the font
    allows it (a tatweel may go before the character at each), or None."""
    if len(word) < MIN_LETTERS or _MARKS.search(word) or TATWEEL in word:
        return None
    places = [Place(index, _rank(word, index)) for index in safe if 0 < index < len(word)]
    if not places:
        return None
    # Among equals, the last: the elongation sits near the word's end, as scribes set it.
    return min(places, key=lambda place: (place.rank, -place.index))


def _rank(word: str, index: int) -> int:
    for rank, rule in enumerate(RULES, start=1):
        if rule(word, index):
            return rank
    return len(RULES) + 1


def elongated(word: str, index: int, count: int) -> str:
    """word with count tatweels before the character at index."""
    return word[:index] + TATWEEL * count + word[index:]

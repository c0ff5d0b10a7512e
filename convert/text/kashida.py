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

A word is elongated at one place at most, and some never are (W3C alreq,
justification: kashida goes in a few chosen places of a line, in its longer
words):

- a word that carries vowel marks (harakat, shadda, Quranic signs): a mark
  over a lengthened join is set over the wrong place;
- a word of three letters or fewer (marks not counted): a stretched short
  word catches the eye;
- a particle or a pronoun (function_words.py: لكن، بين، على، هذا، التي…);
- nor is a word elongated right after the lam of the definite article (ال،
  وال، بال، كال، فال، لل): الـتعاون reads as a stretched article, not a
  stretched word.

Of a line's words, the MAX_WORDS_PER_LINE best are elongated (chosen_words):
best place first, then the longest word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from .function_words import is_function_word

TATWEEL = "\u0640"
MIN_LETTERS = 4  # a word of three letters or fewer is never elongated
# Words elongated in one justified line. alreq asks for a few chosen places;
# four words of three tatweels each take up about 2.2 em of slack in Amiri,
# what a line of body text with ten spaces needs to keep them at a plain
# space's width (bench/kashida.py measures it); more words than that would
# put elongations in every other word of a line.
MAX_WORDS_PER_LINE = 4
SEEN_SAD = frozenset("سشصض")
FINAL_HA = frozenset("هة")
FINAL_ALEF_LAM_KAF = frozenset("الكأإآ")
BA_GROUP = frozenset("بتثنيىئ")
# Harakat, shadda, sukun, superscript alef, Quranic marks, and any other
# combining mark of the Arabic blocks.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff]")
# The definite article at a word's start, after a conjunction (و، ف) and a
# preposition (ب، ك) if any, or as the لل of ل + ال: its end is the join
# after the article's lam.
_ARTICLE = re.compile("^(?:[وف]?[بك]?ال|[وف]?لل)")


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
    if not may_elongate(word):
        return None
    after_article = article_end(word)
    places = [Place(index, _rank(word, index)) for index in safe
              if 0 < index < len(word) and index != after_article]
    if not places:
        return None
    # Among equals, the last: the elongation sits near the word's end, as scribes set it.
    return min(places, key=lambda place: (place.rank, -place.index))


def may_elongate(word: str) -> bool:
    """Whether word may be elongated at all: four letters or more, no vowel
    marks, no tatweel of its own, not a function word."""
    return (letter_count(word) >= MIN_LETTERS and not _MARKS.search(word) and TATWEEL not in word
            and not is_function_word(word))


def letter_count(word: str) -> int:
    """The letters of word, its marks and tatweel not counted."""
    return len(_MARKS.sub("", word).replace(TATWEEL, ""))


def article_end(word: str) -> int | None:
    """The index right after the lam of the definite article word starts
    with (the one join never elongated), or None."""
    match = _ARTICLE.match(word)
    return match.end() if match else None


def chosen_words(places: Sequence[tuple[str, Place]], limit: int = MAX_WORDS_PER_LINE) -> list[int]:
    """Which of a line's (word, best place) pairs to elongate, best first:
    the best-ranked places, among equals the longest words, at most limit."""
    order = sorted(range(len(places)), key=lambda at: (places[at][1].rank, -letter_count(places[at][0])))
    return order[:limit]


def _rank(word: str, index: int) -> int:
    for rank, rule in enumerate(RULES, start=1):
        if rule(word, index):
            return rank
    return len(RULES) + 1


def elongated(word: str, index: int, count: int) -> str:
    """word with count tatweels before the character at index."""
    return word[:index] + TATWEEL * count + word[index:]

"""Which words kashida may elongate, and where (W3C alreq, justification):
never short words, never right after the article's lam, never particles and
pronouns, a few of a line's words only (convert/text/kashida.py,
convert/text/function_words.py)."""

from __future__ import annotations

import pytest

from convert.text.function_words import is_function_word
from convert.text.kashida import (
    MAX_WORDS_PER_LINE,
    Place,
    best_place,
    chosen_words,
    letter_count,
    may_elongate,
)


def anywhere(word: str) -> set[int]:
    """Every join inside word, as if the font allowed a tatweel at each."""
    return set(range(1, len(word)))


# Short words: letters are counted, marks are not --------------------------------------------------

@pytest.mark.parametrize(("word", "letters"), [
    ("كتب", 3), ("كَتَبَ", 3), ("كتاب", 4), ("مَدْرَسَةٌ", 5), ("قالـت", 4), ("الله", 4), ("ﷲ", 1),
])
def test_letters_are_counted_without_their_marks(word: str, letters: int) -> None:
    assert letter_count(word) == letters


@pytest.mark.parametrize("word", ["كتب", "قال", "سمع", "شمس", "نور", "بيت", "حكم"])
def test_a_word_of_three_letters_is_never_elongated(word: str) -> None:
    assert best_place(word, anywhere(word)) is None


@pytest.mark.parametrize("word", ["كتاب", "قالت", "سمعت", "شمسه", "حكمة"])
def test_a_word_of_four_letters_may_be(word: str) -> None:
    assert best_place(word, anywhere(word)) is not None


def test_a_vowelled_word_of_three_letters_is_not_four() -> None:
    # Six characters, three letters: neither its length nor its marks let it through.
    assert len("كَتَبَ") == 6 and not may_elongate("كَتَبَ")


# The article -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "after_lam"), [
    ("الحب", 2),         # ال + a short word: the article's join is its only good one
    ("التعاون", 2),
    ("والتعاون", 3),
    ("بالتحديد", 3),
    ("كالبحر", 3),
    ("فالسياسة", 3),
    ("للطلاب", 2),       # ل + ال, its alef dropped
    ("وللسياسة", 3),
    ("وبالتالي", 4),
])
def test_never_right_after_the_lam_of_the_article(word: str, after_lam: int) -> None:
    place = best_place(word, anywhere(word))
    assert place is None or place.index != after_lam
    assert best_place(word, {after_lam}) is None  # even where the font allows nothing else


def test_a_word_that_only_starts_like_the_article_keeps_its_join() -> None:
    # كلام and بلاد: lam after kaf or ba, no alef: no article.
    assert best_place("كلمات", {2}) == Place(2, 5)
    assert best_place("بلغت", {2}) == Place(2, 5)


def test_the_article_word_is_elongated_elsewhere() -> None:
    assert best_place("السياسة", {2, 3, 5}) == Place(3, 1)  # after the seen, not after the lam


# Particles and pronouns ------------------------------------------------------------------------------

@pytest.mark.parametrize("word", [
    "لكن", "لكنّ", "لكنَّ", "ولكن", "لكنهم", "لكنها", "بين", "بينهما", "بينَ", "حتى", "حتّى", "إلى", "الى",
    "إليهم", "على", "عليها", "عَلَيْهِمْ", "عن", "منذ", "هذا", "فهذا", "هذه", "وهذه", "ذلك", "تلك", "التي",
    "الذي", "الذين", "والذين", "هو", "هي", "وهي", "هم", "نحن", "أنتم", "هؤلاء", "أولئك", "عندما", "عند",
    "كما", "بينما", "حيث", "إنه", "أنها", "لأن",
])
def test_arabic_particles_and_pronouns_are_function_words(word: str) -> None:
    assert is_function_word(word)
    assert best_place(word, anywhere(word)) is None


@pytest.mark.parametrize("word", [
    "است", "این", "اين", "آن", "که", "كه", "را", "برای", "براي", "اینکه", "همین", "درباره", "ولی",  # Persian
    "اور", "ہے", "ہیں", "کے", "کی", "میں", "لیکن", "کیونکہ", "ساتھ", "نہیں",  # Urdu
])
def test_persian_and_urdu_function_words_too(word: str) -> None:
    assert is_function_word(word)
    assert best_place(word, anywhere(word)) is None


@pytest.mark.parametrize("word", [
    "بينات", "عليم", "منهج", "فيلم", "عنوان", "ولاية", "هذيان", "التعاون", "الذكاء", "انتخابات",
    "کتابخانه", "دانشگاه", "پاکستان", "حکومت",
])
def test_content_words_that_start_like_particles_are_not(word: str) -> None:
    assert not is_function_word(word)
    assert best_place(word, anywhere(word)) is not None


# A few words of a line ---------------------------------------------------------------------------

def test_a_line_elongates_its_best_places_and_longest_words_first() -> None:
    line = [("تنظيم", Place(3, 4)), ("المستشارين", Place(6, 1)), ("مدرسة", Place(4, 1)),
            ("الحكومية", Place(6, 5)), ("جميلة", Place(4, 2)), ("الاستخبارات", Place(5, 1)),
            ("بحريه", Place(4, 2)), ("معروفة", Place(5, 2))]
    chosen = [line[at][0] for at in chosen_words(line)]
    assert len(chosen) == MAX_WORDS_PER_LINE == 4
    assert chosen == ["الاستخبارات", "المستشارين", "مدرسة", "معروفة"]


def test_a_line_of_fewer_words_elongates_them_all() -> None:
    line = [("كتاب", Place(2, 5)), ("مدرسة", Place(4, 1))]
    assert chosen_words(line) == [1, 0]

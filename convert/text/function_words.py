"""The closed list of function words kashida never elongates.

Arabic print lengthens the content words of a justified line, never its
particles and pronouns (W3C alreq, justification: a stretched لكن or على
catches the eye as a typing error would). This module is the one place that
list lives: Arabic prepositions, conjunctions, particles, pronouns and
demonstratives, then Persian and Urdu ones (the same articles are set in
those languages). Words of three letters or fewer are never elongated
anyway (kashida.py); they are listed all the same, so that the list says
what it means and their prefixed forms (ولكن، فهذا، وهي) are found.

A word is looked up without its vowel marks and tatweel, as typed and with
a leading conjunction (و، ف) taken off; a preposition or a particle of the
inna group is also found with a pronoun attached (عليهم، لكنها، بينهما).
Persian yeh and keheh are read as Arabic ya and kaf on both sides, since
Persian text is often typed with the Arabic letters (اين، كه).
"""

from __future__ import annotations

import re

ARABIC = """
    في من إلى الى على عن مع منذ مذ حتى عند لدى لدي بين حول دون فوق تحت أمام امام خلف وراء نحو ضد
    عبر قبل بعد خلال عبر لأن لان كي لكي لئلا إذ اذ إذا اذا إذن اذن لو لولا لوما كلما بينما حيث حين
    ريثما طالما عندما حينما مثلما أينما كيفما مثل كأن كان إن ان أن لكن لكنّ ليت لعل بل أو او أم ام
    ثم لا لم لن ما لما هل قد سوف
    إلا الا غير سوى كل بعض أي اي أية اية أيها ايها يا أيضا ايضا فقط كلا نعم بلى إنما انما أما اما
    ألا الا لدى كما كذلك هكذا أين اين متى كيف كم لماذا ماذا مما ممن عما عمن فيما بما لما
    هذا هذه هذان هاتان هذين هاتين هؤلاء ذلك تلك ذاك أولئك اولئك هنا هناك هنالك
    الذي التي اللذان اللتان اللذين اللتين الذين اللاتي اللواتي اللائي
    هو هي هما هم هن أنا انا نحن أنت انت أنتما انتما أنتم انتم أنتن انتن إياه اياه إياها اياها إياهم اياهم
    عليه عليها عليهم فيه فيها فيهم منه منها منهم عنه عنها عنهم
"""

PERSIAN = """
    است هست نیست بود شد این آن که را برای از به با در تا یا و اما ولی هم نیز چون اگر چه هر همه
    خود ما شما او ایشان آنها اینها آنان اینان من تو بر پس پیش زیرا چنین چنان همین همان اینکه آنکه
    کدام کجا چرا چگونه وقتی بین میان روی زیر درباره بدون توسط نه بی جز مگر هیچ دیگر
"""

URDU = """
    اور ہے ہیں کے کی کا میں سے کو نے پر تک بھی یہ وہ جو کہ تھا تھی تھے ہو ہوا گیا لیے لئے ساتھ
    بعد پہلے اگر مگر لیکن کیونکہ ایک اس ان جس جن کس کیا نہیں ہم آپ تم یا بلکہ جب تب اب کب یہاں وہاں
"""

# Prepositions and the inna group, which take a pronoun suffix; على، إلى
# and لدى spell their last letter ي before it (عليهم، إليها، لديه).
_SUFFIXED = """
    في من إلي الي علي عن مع عند لدي بين حول دون فوق تحت أمام امام خلف وراء نحو ضد مثل غير
    إن ان أن لكن كأن ليت لعل
"""
_PRONOUN_SUFFIXES = ("ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "نا", "ي", "ني")
_CONJUNCTIONS = ("و", "ف")
# Vowel marks (and the other combining marks of the Arabic blocks) and tatweel.
_NOT_LETTERS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640]")
_FOLD = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643"})  # Persian yeh, keheh


def _bare(word: str) -> str:
    """word's letters alone, Persian yeh and keheh folded."""
    return _NOT_LETTERS.sub("", word).translate(_FOLD)


FUNCTION_WORDS: frozenset[str] = frozenset(map(_bare, (ARABIC + PERSIAN + URDU).split()))
_WITH_PRONOUN: frozenset[str] = frozenset(
    _bare(stem + suffix) for stem in _SUFFIXED.split() for suffix in _PRONOUN_SUFFIXES)


def is_function_word(word: str) -> bool:
    """Whether word (with or without vowel marks, a leading و or ف, or a
    pronoun attached to a preposition) is a particle, pronoun or another
    function word of the closed list."""
    bare = _bare(word)
    forms = [bare] + [bare[1:] for conjunction in _CONJUNCTIONS if bare.startswith(conjunction)]
    return any(form in FUNCTION_WORDS or form in _WITH_PRONOUN for form in forms)

"""Which Arabic-script language an article is written in, from its letters.

Persian, Urdu and Central Kurdish (Sorani) write with the Arabic script and
letters of their own. An article says its language in front matter
("lang: fa"), or the batch does (--lang); otherwise the letters decide:

- Kurdish Sorani: ێ ۆ ڵ ڕ ە;
- Urdu: ٹ ڈ ڑ ں ے;
- Persian: Persian yeh and keheh (ی ک) where Arabic writes ي ك, with its
  own letters پ چ ژ گ;
- otherwise Arabic.

A few such letters are not enough (an Arabic article quoting a Persian name
stays Arabic): at least MIN_LETTERS of them, and, for Persian, more Persian
yeh and keheh than Arabic ones.
"""

from __future__ import annotations

import re

ARABIC = "ar"
# The word that opens a disclaimer where the theme lists none (Arabic's).
DEFAULT_DISCLAIMER_MARKERS = ("تنويه",)
# The headings of a writer's closing list of notes where the theme lists none (Arabic's).
DEFAULT_NOTE_HEADINGS = ("الهوامش", "هوامش", "الحواشي", "المراجع", "المصادر", "الإحالات")
MIN_LETTERS = 3
_KURDISH = re.compile("[ێۆڵڕە]")
_URDU = re.compile("[ٹڈڑںے]")
_PERSIAN_ONLY = re.compile("[پچژگ]")
_PERSIAN_YEH_KEHEH = re.compile("[یک]")
_ARABIC_YEH_KAF = re.compile("[يك]")
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def detect_language(text: str) -> str:
    """"ckb", "ur", "fa" or "ar" for the article's text."""
    if len(_KURDISH.findall(text)) >= MIN_LETTERS:
        return "ckb"
    if len(_URDU.findall(text)) >= MIN_LETTERS:
        return "ur"
    persian = len(_PERSIAN_YEH_KEHEH.findall(text))
    if persian >= MIN_LETTERS and persian > len(_ARABIC_YEH_KAF.findall(text)):
        return "fa"
    if len(_PERSIAN_ONLY.findall(text)) >= MIN_LETTERS and not _ARABIC_YEH_KAF.search(text):
        return "fa"
    return ARABIC


def language_code(tag: str) -> str:
    """The language of a tag, without its region: fa-IR -> fa."""
    return tag.partition("-")[0].lower()


def language_tag(value: str) -> str | None:
    """A language given by the author or the batch (fa, fa-IR, UR), as the
    model keeps it (lower-case code, region as written), or None if it is no tag."""
    value = value.strip()
    if not _TAG.match(value):
        return None
    code, _, region = value.partition("-")
    return f"{code.lower()}-{region}" if region else code.lower()

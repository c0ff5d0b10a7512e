"""Phone numbers, marked once so that every format shows them as typed.

In a right-to-left paragraph the bidi algorithm (UAX #9) lays out the digit
groups of ``+966 11 123 4567`` as separate numbers, right to left
(``4567 123 11 966+``), and a line may break between them. Arabic print
and sites show a phone number left to right in the order typed, on one
line. So the reader marks each one in the text itself, which every format
carries unchanged:
- a left-to-right isolate around it (LRI U+2066 … PDI U+2069): its ``+``
  and its groups run left to right whatever surrounds them;
- a narrow no-break space (U+202F) between its groups instead of the
  space, and a word joiner (U+2060) after each hyphen: no line breaks there
  (UAX #14), and a justified line does not widen the gaps. Measured:
  LibreOffice breaks a DOCX line at a no-break space (U+00A0) in a
  right-to-left paragraph, and Chromium after a hyphen before digits.
  (U+2011, the no-break hyphen, would not do: it is a neutral for UAX #9
  and turns the groups around it in a right-to-left paragraph.) The PDF
  holds them as a no-break space and a bare hyphen
  (searchable_phone_numbers), which its viewers search as typed.

A phone number here: ``+`` then digits, or a leading zero and at least one
more digit, then groups of digits each after one space or hyphen; 7 to 15
digits in all (E.164 allows 15), all of one script (Latin, Arabic-Indic or
Persian). Left alone: numbers without ``+`` or a leading zero (years,
ranges ``1948-1967``), a leading-zero number without groups, a date
(``05-03-2024``, ``2024 03 05``), a valid ISBN, and digits that are part of
a longer token (a URL, ``tel:``, a code).
"""

from __future__ import annotations

import re

from .isbn import IsbnError, checked_isbn

LRI, PDI, NNBSP, WJ = "\u2066", "\u2069", "\u202f", "\u2060"
_SCRIPTS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_ZERO = "0\u0660\u06f0"
_MIN_DIGITS, _MAX_DIGITS = 7, 15
_PHONE = re.compile(
    # Not inside a longer token: no digit, Latin letter or URL-ish sign before,
    # and no isolate opener (the author's own isolate needs no second one).
    rf"(?<![{_DIGIT}A-Za-z+\-/.:_=@#&%\u2066-\u2068])"
    rf"(?:\+[{_DIGIT}]+|[{_ZERO}][{_DIGIT}]+)"
    rf"(?:[ \u00a0\u202f-][{_DIGIT}]+)*"
    # Nor followed by one: a letter, a digit after a sign, another separator.
    rf"(?![{_DIGIT}A-Za-z_@/\-]|[ \u00a0\u202f.,:][{_DIGIT}])"
)
_GROUP = re.compile(rf"[{_DIGIT}]+")
# The marks as a PDF holds them (searchable_phone_numbers).
_PDF_MARKS = re.compile(rf"(?<=[{_DIGIT}])\u202f(?=[{_DIGIT}])|(?<=[{_DIGIT}]-)\u2060(?=[{_DIGIT}])")
_ISBN_BEFORE = re.compile(r"isbn(?:-1[03])?\s*:?\s*$", re.IGNORECASE)


def mark_phone_numbers(text: str) -> str:
    """text with each phone number in a left-to-right isolate, its groups
    joined by no-break spaces."""
    if "+" not in text and not any(zero in text for zero in _ZERO):
        return text
    return _PHONE.sub(lambda match: _marked(match, text), text)


def _marked(match: re.Match[str], text: str) -> str:
    number = match.group()
    if not is_phone_number(number) or _ISBN_BEFORE.search(text, 0, match.start()):
        return number
    return LRI + number.replace(" ", NNBSP).replace("\u00a0", NNBSP).replace("-", "-" + WJ) + PDI


def is_phone_number(number: str) -> bool:
    """Whether a candidate (``+`` or a leading zero, digit groups) is one."""
    groups = _GROUP.findall(number)
    digits = "".join(groups)
    if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS:
        return False
    if not any(all(digit in script for digit in digits) for script in _SCRIPTS):
        return False
    if number.startswith("+"):
        return True
    # A leading zero: a number in groups, and not a date or an ISBN.
    return len(groups) > 1 and not _is_date(groups) and not _is_isbn(number)


def _is_date(groups: list[str]) -> bool:
    """Day, month and year (either way round) in three groups."""
    sizes = [len(group) for group in groups]
    return sizes in ([1, 1, 4], [1, 2, 4], [2, 1, 4], [2, 2, 4], [4, 1, 1], [4, 1, 2], [4, 2, 1], [4, 2, 2])


def _is_isbn(number: str) -> bool:
    try:
        checked_isbn(number)
    except IsbnError:
        return False
    return True


def searchable_phone_numbers(text: str) -> str:
    """text (a page) for the PDF: no-break spaces between digits instead of
    narrow ones and no word joiner after a hyphen. PDFium's search (Chrome's
    Ctrl+F) takes a no-break space for the space a reader types, but not a
    narrow one nor a word joiner; and WeasyPrint (Pango, UAX #14) breaks at
    neither, where LibreOffice breaks at a no-break space in a right-to-left
    paragraph and Chromium after a hyphen before digits."""
    return _PDF_MARKS.sub(lambda match: "\u00a0" if match.group() == NNBSP else "", text)

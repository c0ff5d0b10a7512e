"""ISBNs as front matter gives them: checked, and reduced to their digits.

A store refuses a book whose ISBN's check digit is wrong, and a typo there
sends a reader to someone else's book, so a wrong one stops the article.
"""

from __future__ import annotations

import re

# Arabic-Indic and Persian digits are as good as Latin ones in front matter.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—]")
_ISBN_PREFIX = re.compile(r"^(?:urn:)?isbn(?:-1[03])?:?", re.IGNORECASE)


class IsbnError(ValueError):
    """Why a text is not a valid ISBN, in one line."""


def checked_isbn(text: str) -> str:
    """The ISBN-10 or ISBN-13 in text as its bare digits (an ISBN-10 may end
    in X); IsbnError if it is not one or its check digit is wrong."""
    bare = _SEPARATORS.sub("", _ISBN_PREFIX.sub("", text.strip().translate(_DIGITS)))
    if re.fullmatch(r"\d{13}", bare):
        expected = str(isbn13_check_digit(bare[:12]))
    elif re.fullmatch(r"\d{9}[\dXx]", bare):
        expected = isbn10_check_digit(bare[:9])
    else:
        raise IsbnError(f"isbn {text!r} is not an ISBN (10 or 13 digits)")
    if bare[-1].upper() != expected:
        raise IsbnError(f"isbn {text!r} has a wrong check digit (expected {expected}, found {bare[-1]})")
    return bare.upper()


def isbn13_check_digit(first_twelve: str) -> int:
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(first_twelve))
    return (10 - total % 10) % 10


def isbn10_check_digit(first_nine: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)

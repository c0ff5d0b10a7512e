"""YAML front matter: the fields an article may carry above its title.

Scalars are the text written (yaml_text.py: ``no`` stays no, a date stays
2024-01-31), cleaned as the body is (normalize.py: YAML escapes can write
any code point); authors and subjects may be lists of text, or one line
separated by commas. Every problem is one InputError naming the article and
the field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..errors import InputError
from .isbn import IsbnError, checked_isbn
from .normalize import normalise

_TEXT_KEYS = ("title", "date", "disclaimer", "lang", "description", "series", "section", "url")
# The lead picture (reading/figures.py).
_IMAGE_KEYS = ("image", "image_alt", "image_caption", "image_credit")
_AUTHOR_KEYS = ("author", "authors")
_SUBJECT_KEYS = ("tags", "subjects", "keywords")
_POSITION_KEYS = ("series_index", "series_position")
# Sentences quoted as pictures (share cards' quote cards): a list of texts, or one.
_PULL_QUOTES_KEY = "pull_quotes"
MAX_PULL_QUOTES = 10  # each becomes a picture: more are left off, with a warning
_KNOWN_KEYS = frozenset((*_TEXT_KEYS, *_IMAGE_KEYS, *_AUTHOR_KEYS, *_SUBJECT_KEYS, *_POSITION_KEYS, "isbn",
                         _PULL_QUOTES_KEY))
# Latin and Arabic commas, and the Arabic semicolon, separate items on one line.
_LIST_SEPARATORS = re.compile(r"\s*[,،;؛]\s*")
_POSITION = re.compile(r"^\d{1,6}(?:\.\d{1,3})?$")
# A date as a store writes it (2024, 2024-03, 2024-03-15, then perhaps a time):
# the month and day it names must exist.
_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)")
# YAML's "\uD83D\uDE00" escapes a character beyond the BMP as two halves.
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# Front matter is a few lines: a block larger than this is refused unparsed.
MAX_BYTES = 64 * 1024
# url: an absolute http(s) address, no spaces (the page's canonical address).
_URL = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?")
_URL_LIMIT = 2000
# A value quoted in an error line is cut to this many characters.
_SHOWN = 40


@dataclass(frozen=True)
class FrontMatter:
    texts: dict[str, str]
    authors: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    series_position: str | None = None
    isbn: str | None = None
    warnings: tuple[str, ...] = ()
    pull_quotes: tuple[str, ...] = ()


def split_front_matter(text: str, source: str) -> tuple[FrontMatter, list[str]]:
    """The front matter (empty when there is none) and the lines after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}), lines
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return front_matter_fields("\n".join(lines[1:end]), source), lines[end + 1 :]
    raise InputError(source, "front matter opened with --- is never closed")


def front_matter_fields(block: str, source: str) -> FrontMatter:
    loaded, warnings = _cleaned(_loaded(block, source))
    present = {key: value for key, value in loaded.items() if value not in (None, "", [])}
    texts = {key: _scalar_text(present[key], key, source) for key in (*_TEXT_KEYS, *_IMAGE_KEYS)
             if key in present}
    if "date" in texts:
        _check_date(texts["date"], source)
    if "url" in texts:
        _check_url(texts["url"], source)
    position = next((_position(present[key], key, source) for key in _POSITION_KEYS if key in present), None)
    quotes = _items(present, (_PULL_QUOTES_KEY,), source, split=False)
    if len(quotes) > MAX_PULL_QUOTES:
        warnings.append(f"front matter {_PULL_QUOTES_KEY}: {len(quotes)} quotes, only the first "
                        f"{MAX_PULL_QUOTES} are kept")
    return FrontMatter(
        texts,
        authors=_items(present, _AUTHOR_KEYS, source, split=False),
        subjects=_items(present, _SUBJECT_KEYS, source, split=True),
        series_position=position,
        isbn=_isbn(present["isbn"], source) if "isbn" in present else None,
        warnings=tuple(warnings),
        pull_quotes=quotes[:MAX_PULL_QUOTES],
    )


def _loaded(block: str, source: str) -> dict:
    size = len(block.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise InputError(source, f"front matter too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    import yaml  # here: most articles have no front matter, and yaml takes a while to import

    from .yaml_text import TooDeep, load_text_yaml

    try:
        loaded = load_text_yaml(block)
    except TooDeep as error:
        raise InputError(source, f"front matter {error} (line {error.line + 2})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(source, f"front matter is not valid YAML{where}") from None
    except ValueError:  # an escape past U+10FFFF: PyYAML's chr() refuses it
        raise InputError(source, "front matter is not valid YAML (an escape beyond Unicode)") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError(source, "front matter must be key: value lines")
    return loaded


def _cleaned(loaded: dict) -> tuple[dict, list[str]]:
    """The fields we read, each text value and list item cleaned as the body
    is, and what that dropped. Other keys are ignored unread."""
    warnings: list[str] = []

    def clean(key: object, value: object) -> object:
        if not isinstance(value, str):
            return value
        text, raised = _clean_text(value)
        warnings.extend(f"front matter {key}: {warning}" for warning in raised)
        return text

    cleaned = {key: [clean(key, item) for item in value] if isinstance(value, list) else clean(key, value)
               for key, value in loaded.items() if key in _KNOWN_KEYS}
    return cleaned, warnings


def _clean_text(value: str) -> tuple[str, list[str]]:
    joined = _SURROGATE_PAIR.sub(lambda pair: pair.group().encode("utf-16-le", "surrogatepass")
                                 .decode("utf-16-le"), value)
    text, warnings = normalise(joined)
    return " ".join(text.split()), warnings


def _scalar_text(value: object, key: str, source: str) -> str:
    if not isinstance(value, str):
        raise InputError(source, f"front matter field {key!r} must be plain text")
    return value


def _items(present: dict, keys: tuple[str, ...], source: str, split: bool) -> tuple[str, ...]:
    """Every item of these keys, in order, each once. An author's name may hold
    a comma ("Smith, John"), so only subjects are split on one line."""
    items: list[str] = []
    for key in keys:
        if key not in present:
            continue
        value = present[key]
        values = value if isinstance(value, list) else [_scalar_text(value, key, source)]
        for number, item in enumerate(values, start=1):
            if not isinstance(item, str) or not item:
                what = "empty" if item in (None, "") else "not plain text"
                raise InputError(source, f"front matter field {key!r} must be a list of plain text "
                                         f"(item {number} is {what})")
            items += _LIST_SEPARATORS.split(item) if split else [item]
    return tuple(dict.fromkeys(item for item in items if item))


def _check_date(text: str, source: str) -> None:
    match = _DATE.match(text)
    if not match:
        return  # a date in words ("ربيع 2024") is shown as written
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise InputError(source, f"front matter date {_shown(text)} is not a real date") from None


def _check_url(text: str, source: str) -> None:
    if len(text) > _URL_LIMIT or not _URL.fullmatch(text):
        raise InputError(source, f"front matter url {_shown(text)} is not an http:// or https:// address")


def _position(value: object, key: str, source: str) -> str:
    text = _scalar_text(value, key, source)
    if not _POSITION.match(text):
        raise InputError(source, f"front matter {key} {_shown(text)} is not a number (e.g. 3 or 2.5)")
    return text


def _isbn(value: object, source: str) -> str:
    text = _scalar_text(value, "isbn", source)
    if len(text) > _SHOWN:  # hyphens and all, an ISBN is 17 characters
        raise InputError(source, f"front matter isbn {_shown(text)} is not an ISBN (10 or 13 digits)")
    try:
        return checked_isbn(text)
    except IsbnError as error:
        raise InputError(source, f"front matter {error}") from None


def _shown(text: str) -> str:
    """text quoted for an error line, cut short: a value may be thousands of characters."""
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")

"""YAML front matter: the fields an article may carry above its title.

Scalars are plain text (YAML's dates come back in ISO form); authors and
subjects may be lists, or one line separated by commas. Every problem is
one InputError naming the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .isbn import IsbnError, checked_isbn

_TEXT_KEYS = ("title", "date", "disclaimer", "lang", "description", "series")
_AUTHOR_KEYS = ("author", "authors")
_SUBJECT_KEYS = ("tags", "subjects", "keywords")
_POSITION_KEYS = ("series_index", "series_position")
# Latin and Arabic commas, and the Arabic semicolon, separate items on one line.
_LIST_SEPARATORS = re.compile(r"\s*[,،;؛]\s*")
_POSITION = re.compile(r"^\d{1,6}(?:\.\d{1,3})?$")


@dataclass(frozen=True)
class FrontMatter:
    texts: dict[str, str]
    authors: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    series_position: str | None = None
    isbn: str | None = None


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
    loaded = _loaded(block, source)
    present = {key: value for key, value in loaded.items() if value not in (None, "", [])}
    texts = {key: _scalar_text(present[key], key, source) for key in _TEXT_KEYS if key in present}
    position = next((_position(present[key], key, source) for key in _POSITION_KEYS if key in present), None)
    return FrontMatter(
        texts,
        authors=_items(present, _AUTHOR_KEYS, source, split=False),
        subjects=_items(present, _SUBJECT_KEYS, source, split=True),
        series_position=position,
        isbn=_isbn(present["isbn"], source) if "isbn" in present else None,
    )


def _loaded(block: str, source: str) -> dict:
    import yaml  # here: most articles have no front matter, and yaml takes a while to import

    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(source, f"front matter is not valid YAML{where}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError(source, "front matter must be key: value lines")
    return loaded


def _scalar_text(value: object, key: str, source: str) -> str:
    if isinstance(value, (dict, list)):
        raise InputError(source, f"front matter field {key!r} must be plain text")
    # YAML turns 2024-01-31 into a date; str() gives back the ISO form.
    return " ".join(str(value).split())


def _items(present: dict, keys: tuple[str, ...], source: str, split: bool) -> tuple[str, ...]:
    """Every item of these keys, in order, each once. An author's name may hold
    a comma ("Smith, John"), so only subjects are split on one line."""
    items: list[str] = []
    for key in keys:
        if key not in present:
            continue
        value = present[key]
        values = value if isinstance(value, list) else [value]
        for item in values:
            text = _scalar_text(item, key, source)
            items += _LIST_SEPARATORS.split(text) if split else [text]
    return tuple(dict.fromkeys(item for item in items if item))


def _position(value: object, key: str, source: str) -> str:
    text = _scalar_text(value, key, source)
    if not _POSITION.match(text):
        raise InputError(source, f"front matter {key} {text!r} is not a number (e.g. 3 or 2.5)")
    return text


def _isbn(value: object, source: str) -> str:
    try:
        return checked_isbn(_scalar_text(value, "isbn", source))
    except IsbnError as error:
        raise InputError(source, f"front matter {error}") from None

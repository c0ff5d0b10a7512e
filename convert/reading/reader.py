"""Read an article file into a Document.

The format: optional YAML front matter between ``---`` lines; the title on
the first non-empty line; an optional byline (``بقلم …``) just under it;
paragraphs separated by blank lines (or one per line when the body has no
blank line at all); a last paragraph starting with a disclaimer marker
(``تنويه:``; the theme lists each language's) is the disclaimer. The
language is front matter's ``lang``, else the batch's, else found from the
letters (language.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Document, Meta
from .blocks import parse_blocks
from .decoding import decode
from .language import ARABIC, DEFAULT_DISCLAIMER_MARKERS, detect_language, language_tag
from .normalize import normalise

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_BYLINE = re.compile(r"^بقلم\s*[:：]?\s*(\S.*)$")
_FRONT_MATTER_KEYS = ("title", "author", "date", "disclaimer", "lang")


@dataclass(frozen=True)
class Reading:
    """A document and what the reader had to fix to build it."""

    document: Document
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_file(path: Path, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              markers: tuple[str, ...] = DEFAULT_DISCLAIMER_MARKERS, language: str | None = None) -> Reading:
    """Read one article file, refusing one larger than max_bytes unread."""
    name = source or str(path)
    return read_bytes(read_file_bytes(path, name, max_bytes), name, markers, language)


def read_file_bytes(path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an article file, refusing one larger than max_bytes unread."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        with path.open("rb") as handle:
            # Read at most one byte past the limit: the file may grow after stat().
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(name, f"too large (over {max_bytes:,} bytes)")
    return data


def read_bytes(data: bytes, source: str, markers: tuple[str, ...] = DEFAULT_DISCLAIMER_MARKERS,
               language: str | None = None) -> Reading:
    """Bytes of an article to a Document, or an InputError naming the problem.
    markers: the words that open a disclaimer; language: the batch's (--lang)."""
    text, warnings = normalise(decode(data, source))
    front, lines = _split_front_matter(text, source)
    if "lang" in front and language_tag(front["lang"]) is None:
        raise InputError(source, f"front matter lang {front['lang']!r} is not a language tag (e.g. fa)")
    lang = language_tag(front["lang"]) if "lang" in front else language
    if lang is None:
        lang = detect_language(text)
        if lang != ARABIC:
            warnings.append(f"language: {lang} (found from its letters)")
    document = _parse_structure(lines, source, front, _disclaimer_pattern(markers), lang)
    return Reading(document, tuple(warnings))


def _disclaimer_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(marker) for marker in sorted(markers, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})\s*[:：]")


def _split_front_matter(text: str, source: str) -> tuple[dict[str, str], list[str]]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return _front_matter_fields("\n".join(lines[1:end]), source), lines[end + 1 :]
    raise InputError(source, "front matter opened with --- is never closed")


def _front_matter_fields(block: str, source: str) -> dict[str, str]:
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
    return {
        key: _scalar_text(loaded[key], key, source)
        for key in _FRONT_MATTER_KEYS
        if loaded.get(key) not in (None, "")
    }


def _scalar_text(value: object, key: str, source: str) -> str:
    if isinstance(value, (dict, list)):
        raise InputError(source, f"front matter field {key!r} must be plain text")
    # YAML turns 2024-01-31 into a date; str() gives back the ISO form.
    return " ".join(str(value).split())


def _parse_structure(lines: list[str], source: str, front: dict[str, str], disclaimer: re.Pattern[str],
                     lang: str) -> Document:
    lines = [line.rstrip() for line in lines]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled and "title" not in front:
        raise InputError(source, "empty file (no title, no text)")
    title, body_start = _title(lines, filled, front)
    author, body_start = _byline(lines, body_start)
    groups = _paragraph_groups(lines[body_start:])
    disclaimer_text, groups = _take_disclaimer(groups, disclaimer)
    meta = Meta(
        title=front.get("title", title),
        author=front.get("author", author),
        date=front.get("date"),
        disclaimer=front.get("disclaimer", disclaimer_text),
        source=source,
        lang=lang,
    )
    return Document(meta, parse_blocks(groups))


def _title(lines: list[str], filled: list[int], front: dict[str, str]) -> tuple[str, int]:
    if not filled:
        return front["title"], len(lines)
    first = filled[0]
    return " ".join(lines[first].split()), first + 1


def _byline(lines: list[str], start: int) -> tuple[str | None, int]:
    """An author line just under the title: the next line, or after one blank."""
    for index in range(start, min(start + 2, len(lines))):
        if lines[index].strip():
            match = _BYLINE.match(lines[index].strip())
            if match:
                return " ".join(match.group(1).split()), index + 1
            break
    return None, start


def _paragraph_groups(lines: list[str]) -> list[list[str]]:
    """Blank-line separated groups; one per line if the body has no blank line."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if all(line.strip() for line in lines):
        return [[line] for line in lines]
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _take_disclaimer(groups: list[list[str]], disclaimer: re.Pattern[str]
                     ) -> tuple[str | None, list[list[str]]]:
    for index in range(len(groups) - 1, -1, -1):
        text = " ".join(" ".join(line.split()) for line in groups[index])
        if disclaimer.match(text):
            return text, groups[:index] + groups[index + 1 :]
    return None, groups

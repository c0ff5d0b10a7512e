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
from ..model import Block, Document, Meta
from .blocks import parse_blocks, parse_inlines
from .decoding import decode
from .figures import lead_figure, reading_figures
from .front_matter import FrontMatter, split_front_matter
from .inline_markup import collected_refusals
from .language import ARABIC, DEFAULT_DISCLAIMER_MARKERS, DEFAULT_NOTE_HEADINGS, detect_language, language_tag
from .normalize import normalise
from .notes import NoteCalls, TypedSection, collecting_calls, take_definitions, take_notes_section

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A ZIP (a .docx, even a damaged one) or an Office compound file (an encrypted
# .docx, an old .doc): no text article starts with these bytes.
_PACKAGE_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_BYLINE = re.compile(r"^بقلم\s*[:：]?\s*(\S.*)$")


@dataclass(frozen=True)
class Reading:
    """A document and what the reader had to fix to build it."""

    document: Document
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_file(path: Path, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              markers: tuple[str, ...] = DEFAULT_DISCLAIMER_MARKERS, language: str | None = None,
              note_headings: tuple[str, ...] = DEFAULT_NOTE_HEADINGS) -> Reading:
    """Read one article file, refusing one larger than max_bytes unread."""
    name = source or str(path)
    return read_bytes(read_file_bytes(path, name, max_bytes), name, markers, language, note_headings,
                      folder=path.parent)


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
               language: str | None = None,
               note_headings: tuple[str, ...] = DEFAULT_NOTE_HEADINGS, folder: Path | None = None) -> Reading:
    """Bytes of an article to a Document, or an InputError naming the problem.
    markers: the words that open a disclaimer; language: the batch's (--lang);
    note_headings: what may head a writer's closing list of notes; folder:
    the article's own, where its pictures are (None: a picture is refused).
    A Word file (by its content, whatever its name) is read by docx_input."""
    if data.startswith(_PACKAGE_SIGNATURES):
        from .docx_input import read_docx  # here: text articles never load it

        return read_docx(data, source, markers, language)
    text, warnings = normalise(decode(data, source))
    front, lines = split_front_matter(text, source)
    warnings.extend(front.warnings)
    given_lang = front.texts.get("lang")
    if given_lang is not None and language_tag(given_lang) is None:
        raise InputError(source, f"front matter lang {given_lang!r} is not a language tag (e.g. fa)")
    lang = language_tag(given_lang) if given_lang is not None else language
    if lang is None:
        lang = detect_language(text)
        if lang != ARABIC:
            warnings.append(f"language: {lang} (found from its letters)")
    with collected_refusals() as refused, reading_figures(folder, source, warnings):
        document = _parse_structure(lines, source, front, _disclaimer_pattern(markers), lang,
                                    (note_headings, warnings))
    warnings.extend(f"link to {url!r} left as text (only http, https and mailto links)" for url in refused)
    return Reading(document, tuple(warnings))


def _disclaimer_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(marker) for marker in sorted(markers, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})\s*[:：]")


def _parse_structure(lines: list[str], source: str, front: FrontMatter, disclaimer: re.Pattern[str],
                     lang: str, notes_reading: tuple[tuple[str, ...], list[str]]) -> Document:
    """notes_reading: the headings of a list of notes, and where to warn of the notes."""
    lines = [line.rstrip() for line in lines]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    given = front.texts
    if not filled and "title" not in given:
        raise InputError(source, "empty file (no title, no text)")
    title, body_start = _title(lines, filled, given)
    author, body_start = _byline(lines, body_start)
    groups = _paragraph_groups(lines[body_start:])
    disclaimer_text, groups = _take_disclaimer(groups, disclaimer)
    meta = Meta(
        title=given.get("title", title),
        # Several authors show joined with the Arabic comma, as a byline lists them.
        author="، ".join(front.authors) if front.authors else author,
        authors=front.authors if len(front.authors) > 1 else (),
        date=given.get("date"),
        disclaimer=given.get("disclaimer", disclaimer_text),
        source=source,
        lang=lang,
        subjects=front.subjects,
        description=given.get("description"),
        series=given.get("series"),
        series_position=front.series_position if given.get("series") else None,
        isbn=front.isbn,
        url=given.get("url"),
        section=given.get("section"),
        pull_quotes=front.pull_quotes,
    )
    blocks, notes = _blocks_and_notes(groups, *notes_reading)
    return Document(meta, lead_figure(given, parse_inlines) + blocks, notes)


def _blocks_and_notes(groups: list[list[str]], note_headings: tuple[str, ...], warnings: list[str]
                      ) -> tuple[tuple[Block, ...], tuple]:
    """The body's blocks and its notes (notes.py); a list of notes no marker
    calls stays as typed."""
    groups, defined = take_definitions(groups)
    groups, section = take_notes_section(groups, note_headings)
    calls = NoteCalls(defined, section.items if section else {})
    with collecting_calls(calls):
        blocks = parse_blocks(groups)
    notes = calls.notes(parse_inlines)  # outside the collection: a call inside a note stays text
    warnings.extend(calls.warnings)
    for label in calls.uncalled_labels():
        warnings.append(f"note [^{label}] is never called in the text; left as typed")
        blocks += parse_blocks([[f"[^{label}]: {text}"] for text in defined[label]])
    if section is not None:
        blocks += _uncalled_section(section, calls, warnings)
    return blocks, notes


def _uncalled_section(section: TypedSection, calls: NoteCalls, warnings: list[str]) -> tuple[Block, ...]:
    """What of a list of notes stays as typed: all of it where no marker calls
    it, else the heading and the items no marker calls."""
    uncalled = calls.uncalled_items()
    heading = section.groups[0][0].strip()
    if len(uncalled) == len(section.items):
        warnings.append(f"the list under {heading!r} has no markers in the text; left as typed")
        return parse_blocks(section.groups)
    if not uncalled:
        return ()
    warnings.extend(f"note {number} under {heading!r} has no marker in the text; left as typed"
                    for number in uncalled)
    kept = [[heading], *([f"({number}) {section.items[number][0]}"] for number in uncalled)]
    return parse_blocks(kept)

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

"""Notes, as Markdown writes them and as Arabic writers type them.

- Markdown footnotes (pandoc's and the footnote plugin's): ``word[^1]`` in
  the text, ``[^1]: the note`` in a paragraph of its own anywhere, its later
  paragraphs indented. The definitions are read by mdit-py-plugins'
  footnote rule, the calls by the same plugin inside inline_markup.py.
- A writer's notes: a marker after a word, ``(1)``, ``[1]``, ``(١)``, ``[١]``,
  ``(۱)`` or a superscript ``¹``, and a closing section under a heading the
  theme's languages list (``الهوامش``, ``المراجع`` …) whose items are numbered
  ``(1) …``, ``[1] …``, ``1. …``, ``1- …`` or ``¹ …``. A marker calls the item
  of its number, whatever digits either is typed in.

Notes are numbered 1, 2, … in the order of their first calls (a note called
twice is one note). A call to a note that does not exist, and a note no call
reaches, stay as typed, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..model import Inline, Note, NoteRef

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# One number in one family of digits.
_NUMBER = r"[0-9]{1,3}|[٠-٩]{1,3}|[۰-۹]{1,3}"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUES = {character: str(value) for value, character in enumerate(_SUPERSCRIPTS)}


@cache
def _typed_call() -> re.Pattern[str]:
    """A marker in the text: right after a word (one space allowed before a
    bracketed one); a superscript only against a letter or a mark (10³ is a
    power). Compiled on first use (only articles with a closing list of notes
    look for markers): its letter class takes some 5 ms to compile."""
    return re.compile(rf"(?<=\S) ?(?:\(({_NUMBER})\)|\[({_NUMBER})\])"
                      rf"|(?<=[^\W\d_]|[\u064B-\u065F\u0670»”)])([{_SUPERSCRIPTS}]{{1,3}})")


@cache
def _typed_item() -> re.Pattern[str]:
    """An item of a closing list of notes: its number, then its text (compiled
    on first use: only articles with a notes heading look for items)."""
    return re.compile(rf"^\s*(?:\(({_NUMBER})\)|\[({_NUMBER})\]|({_NUMBER})\s*[-.)–:]"
                      rf"|([{_SUPERSCRIPTS}]{{1,3}}))\s*(\S.*)$")


_DEFINITION_START = re.compile(r"^\[\^[^\]\s]+\]:")
_HEADING_DECORATION = " \t#:：*"



def number_value(text: str) -> int:
    """The value of a number typed in any of the digits a marker may use."""
    return int("".join(_SUPERSCRIPT_VALUES.get(character, character) for character in text))


@dataclass
class NoteCalls:
    """The notes an article offers and the calls its text makes to them.

    defined: a Markdown footnote's label -> its paragraphs' texts;
    typed: a writer's item number -> its text (one paragraph)."""

    defined: dict[str, list[str]] = field(default_factory=dict)
    typed: dict[int, list[str]] = field(default_factory=dict)
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)  # a note's key -> its number
    warnings: list[str] = field(default_factory=list)

    def call(self, kind: str, key: str) -> NoteRef | None:
        """A call to the note key ("label": a footnote's label, "typed": an
        item's number), or None where the article has no such note."""
        known = self.defined if kind == "label" else self.typed
        lookup = key if kind == "label" else int(key)
        if lookup not in known:
            return None
        if (kind, key) in self.numbers:
            return NoteRef(self.numbers[(kind, key)], first=False)
        self.numbers[(kind, key)] = number = len(self.numbers) + 1
        return NoteRef(number)

    def notes(self, parse: Callable[[str], tuple[Inline, ...]]) -> tuple[Note, ...]:
        """Every called note, in number order, its texts read by parse."""
        notes = []
        for (kind, key), number in self.numbers.items():
            paragraphs = self.defined[key] if kind == "label" else self.typed[int(key)]
            notes.append(Note(number, tuple(parse(text) for text in paragraphs)))
        return tuple(notes)

    def uncalled_labels(self) -> list[str]:
        return [label for label in self.defined if ("label", label) not in self.numbers]

    def uncalled_items(self) -> list[int]:
        return [number for number in self.typed if ("typed", str(number)) not in self.numbers]


# The notes of the article being read (collecting_calls), None elsewhere.
_CALLS: ContextVar[NoteCalls | None] = ContextVar("note_calls", default=None)


@contextmanager
def collecting_calls(calls: NoteCalls) -> Iterator[NoteCalls]:
    """While the body is read, its calls number calls's notes."""
    token = _CALLS.set(calls)
    try:
        yield calls
    finally:
        _CALLS.reset(token)


def footnote_call(label: str) -> NoteRef | None:
    """The call ``[^label]`` stands for, or None (it stays text, with a warning)."""
    calls = _CALLS.get()
    ref = calls.call("label", label) if calls is not None else None
    if ref is None and calls is not None:
        calls.warnings.append(f"note [^{label}] has no text ([^{label}]: …); left as typed")
    return ref


def typed_calls(text: str, before: str = "") -> list[str | NoteRef]:
    """text with each marker that calls a writer's note as a NoteRef (the
    space before it dropped: a call sits against its word); before: the
    character shown just before text (a quotation's closing mark)."""
    calls = _CALLS.get()
    if calls is None or not calls.typed or not any(character in text for character in "([" + _SUPERSCRIPTS):
        return [text]
    pieces: list[str | NoteRef] = []
    position = 0
    for match in _typed_call().finditer(before + text, len(before)):
        digits = next(group for group in match.groups() if group)
        ref = calls.call("typed", str(number_value(digits)))
        if ref is None:
            calls.warnings.append(f"note marker {match.group().strip()} has no item in the notes; "
                                  "left as typed")
            continue
        pieces += [text[position : match.start() - len(before)], ref]
        position = match.end() - len(before)
    pieces.append(text[position:])
    return [piece for piece in pieces if piece != ""]


def take_definitions(groups: list[list[str]]) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The groups without the footnote definitions (``[^1]: …`` and the
    indented paragraphs after one), and the definitions: label -> paragraphs."""
    body: list[list[str]] = []
    definition_groups: list[list[str]] = []
    in_definition = False
    for group in groups:
        if _DEFINITION_START.match(group[0].lstrip()):
            definition_groups.append(group)
            in_definition = True
        elif in_definition and group[0][:1] in (" ", "\t"):
            definition_groups.append(group)
        else:
            body.append(group)
            in_definition = False
    if not definition_groups:
        return groups, {}
    return body, _definitions("\n\n".join("\n".join(group) for group in definition_groups))


@cache
def _definitions_parser() -> MarkdownIt:
    """The footnote plugin's block rule, made on first use (an article without
    notes never loads markdown-it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("zero").use(footnote_plugin, inline=False, move_to_end=False)


def _definitions(source: str) -> dict[str, list[str]]:
    """label -> paragraph texts of every definition in source (the first of a label wins)."""
    definitions: dict[str, list[str]] = {}
    label: str | None = None
    for token in _definitions_parser().parse(source.replace("\t", "    ")):
        if token.type == "footnote_reference_open":
            label = token.meta["label"]
            definitions.setdefault(label, [])
        elif token.type == "inline" and label is not None and token.content.strip():
            definitions[label].append(" ".join(token.content.split()))
    return definitions


@dataclass(frozen=True)
class TypedSection:
    """A writer's closing list of notes: the groups as typed, and its items."""

    groups: list[list[str]]
    items: dict[int, list[str]]


def take_notes_section(groups: list[list[str]], headings: tuple[str, ...]
                       ) -> tuple[list[list[str]], TypedSection | None]:
    """The groups before a closing list of notes, and that list: the last
    group opening with one of headings, every line after it an item or the
    continuation of one."""
    names = {heading.strip() for heading in headings}
    for index in range(len(groups) - 1, -1, -1):
        if groups[index][0].strip(_HEADING_DECORATION) in names:
            lines = groups[index][1:] + [line for group in groups[index + 1 :] for line in group]
            items = _typed_items(lines)
            if items is None:
                return groups, None
            return groups[:index], TypedSection(groups[index:], items)
    return groups, None


def _typed_items(lines: list[str]) -> dict[int, list[str]] | None:
    """number -> text of each item, or None where lines are not a numbered list."""
    items: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines:
        match = _typed_item().match(line)
        if match:
            current = number_value(next(group for group in match.groups()[:4] if group))
            if current in items:
                return None  # numbered twice: not a list of notes
            items[current] = [match.group(5).strip()]
        elif current is not None:
            items[current][0] += " " + line.strip()
        else:
            return None
    return items or None

"""Footnotes and endnotes as the model's notes, numbered 1, 2, … in the
order of their first calls in the body (footnotes and endnotes in one
series, as the text reader numbers notes). Word's separator notes and any
note the body never calls are left out; a call inside a note's text is
dropped (the model's notes do not call notes)."""

from __future__ import annotations

from lxml import etree

from ...model import Note, NoteRef
from .inlines import InlineReader
from .styles import Styles
from .xml import W, attr, local


def note_elements(root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
    """The notes of a footnotes or endnotes part by id, separators left out."""
    if root is None:
        return {}
    return {attr(note, "id") or "": note for note in root.iter(W + kind)
            if attr(note, "type") in (None, "normal")}


class NoteCalls:
    """Numbers the notes as the body calls them."""

    def __init__(self, notes: dict[str, dict[str, etree._Element]]) -> None:
        self._notes = notes  # "foot" / "endn" -> id -> element
        self._numbers: dict[tuple[str, str], int] = {}

    def __call__(self, kind: str, note_id: str) -> NoteRef | None:
        key = (kind, note_id)
        if note_id not in self._notes.get(kind, {}):
            return None
        if key in self._numbers:
            return NoteRef(self._numbers[key], first=False)
        self._numbers[key] = len(self._numbers) + 1
        return NoteRef(self._numbers[key])

    def notes(self, styles: Styles, links: dict[str, dict[str, str]], refused: list[str]) -> tuple[Note, ...]:
        """The called notes in number order; links: each part's relationships."""
        found = []
        for (kind, note_id), number in self._numbers.items():
            reader = InlineReader(styles, links.get(kind, {}), None, refused)
            element = self._notes[kind][note_id]
            paragraphs = tuple(inlines for p in element if local(p) == "p"
                               if (inlines := reader.inlines(p, styles.facts(_style_of(p)))))
            found.append(Note(number, paragraphs))
        return tuple(found)


def _style_of(p: etree._Element) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return attr(style, "val") if style is not None else None

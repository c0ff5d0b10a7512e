"""A Word paragraph's runs as the model's inlines.

Runs are walked in document order, through the containers Word puts them
in (hyperlinks, insertions, content controls, smart tags, fields), each
becoming a piece of text with its marks: bold, italic (the run's own
properties, else its character style's, else its paragraph style's), the
link it is in, or a note call. Not article text: deleted text (w:del), hidden
text (w:vanish), field instructions, comments. A field's shown result is
kept; a HYPERLINK field's result is a link, a NOTEREF field's (a repeated
call to a note, as our own exporter writes it) a call. Neighbouring pieces
with the same marks are joined (Word splits runs by script and by editing
session), then nested: link, strong, emphasis; quotations in the text are
found as the text reader finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import groupby

from lxml import etree

from ...model import Emphasis, Inline, Link, NoteRef, Quote, Strong, Text
from ..quran import split_quotations
from .figures import is_vml_picture
from .styles import StyleFacts, Styles, run_marks
from .xml import R_NS, attr, child, local

_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.IGNORECASE)
_NOTEREF_FIELD = re.compile(r"^\s*NOTEREF\b", re.IGNORECASE)
_QUOTATION = re.compile(r"“[^“”]+”|«[^«»]+»")
_CLOSING = {"“": "”", "«": "»"}
# Containers whose runs are article text, and elements that hold none.
_DESCEND = {"hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdtContent", "dir", "bdo", "fldSimple"}
_SKIP = {"del", "moveFrom", "pPr", "rPr", "commentRangeStart", "commentRangeEnd", "bookmarkStart",
         "bookmarkEnd", "proofErr", "permStart", "permEnd", "sdtPr", "sdtEndPr"}
# Embedded objects and VML drawings with no image: not read (pictures are figures.py's).
_PICTURES = {"pict", "object"}


@dataclass(frozen=True)
class Piece:
    text: str = ""
    bold: bool = False
    italic: bool = False
    href: str | None = None
    call: NoteRef | None = None


@dataclass
class _Field:
    instruction: str = ""
    shown: bool = False  # past w:fldChar separate: its result
    href: str | None = None
    note_ref: bool = False


@dataclass
class WalkState:
    """What the walk of one paragraph keeps: open fields, links, warnings."""

    fields: list[_Field] = field(default_factory=list)
    href: str | None = None
    pictures: int = 0


class InlineReader:
    """Reads runs with the document's styles and relationships; calls gives
    a note call its NoteRef (None: a call is dropped, as in a note's text)."""

    def __init__(self, styles: Styles, links: dict[str, str],
                 calls: Callable[[str, str], NoteRef | None] | None,
                 refused: list[str]) -> None:
        self.styles = styles
        self.links = links
        self.calls = calls
        self.refused = refused  # link targets left as text
        self.pictures = 0

    def inlines(self, p: etree._Element, style: StyleFacts) -> tuple[Inline, ...]:
        state = WalkState()
        pieces = list(self._walk(p, style, state))
        self.pictures += state.pictures
        return nested(trimmed(joined(pieces)))

    def _walk(self, element: etree._Element, style: StyleFacts, state: WalkState) -> Iterator[Piece]:
        for node in element:
            name = local(node)
            if name == "r":
                yield from self._run(node, style, state)
            elif name == "hyperlink":
                yield from self._link(node, style, state)
            elif name == "fldSimple":
                state.fields.append(self._field(attr(node, "instr") or "", shown=True))
                yield from self._walk(node, style, state)
                state.fields.pop()
            elif name == "sdt":
                content = child(node, "sdtContent")
                if content is not None:
                    yield from self._walk(content, style, state)
            elif name in _DESCEND:
                yield from self._walk(node, style, state)

    def _link(self, node: etree._Element, style: StyleFacts, state: WalkState) -> Iterator[Piece]:
        target = self.links.get(node.get(f"{{{R_NS}}}id") or "")
        anchor = attr(node, "anchor")
        if target and anchor and "#" not in target:  # Word keeps a URL's fragment in w:anchor
            target = f"{target}#{anchor}"
        outer = state.href
        state.href = self._allowed(target) if target else None
        yield from self._walk(node, style, state)
        state.href = outer

    def _allowed(self, target: str) -> str | None:
        if target.lower().startswith(_ALLOWED_SCHEMES):
            return target
        self.refused.append(target)
        return None

    def _field(self, instruction: str, shown: bool = False) -> _Field:
        found = _Field(instruction, shown)
        link = _HYPERLINK_FIELD.match(instruction)
        if link:
            found.href = self._allowed(link.group(1))
        found.note_ref = bool(_NOTEREF_FIELD.match(instruction))
        return found

    def _run(self, r: etree._Element, paragraph: StyleFacts, state: WalkState) -> Iterator[Piece]:
        r_pr = child(r, "rPr")
        style_ref = child(r_pr, "rStyle") if r_pr is not None else None
        character = self.styles.facts(attr(style_ref, "val") if style_ref is not None else None).meaning()
        bold, italic, hidden = run_marks(r_pr)
        if _effective(hidden, character.hidden, paragraph.hidden):
            return
        marks = Piece(bold=_effective(bold, character.bold, paragraph.bold),
                      italic=_effective(italic, character.italic, paragraph.italic), href=_href(state))
        for node in r:
            yield from self._run_content(node, marks, state)

    def _run_content(self, node: etree._Element, marks: Piece, state: WalkState) -> Iterator[Piece]:
        name = local(node)
        if name == "fldChar":
            self._field_char(attr(node, "fldCharType"), state)
        elif name == "instrText":
            if state.fields and not state.fields[-1].shown:
                state.fields[-1].instruction += node.text or ""
        elif any(not f.shown for f in state.fields):
            return  # a field's instruction, or a field nested in one
        elif name == "t":
            yield from _shown_text(node.text or "", marks, state)
        elif name in ("tab", "ptab"):
            yield replace(marks, text=" ")
        elif name in ("br", "cr"):
            # A soft line break (w:br with no type); a page or column break is a space.
            yield replace(marks, text="\n" if attr(node, "type") in (None, "textWrapping") else " ")
        elif name == "noBreakHyphen":
            yield replace(marks, text="\u2011")
        elif name in ("footnoteReference", "endnoteReference") and self.calls is not None:
            ref = self.calls(name[:4], attr(node, "id") or "")
            if ref is not None:  # a call to a note the document lacks is dropped
                yield Piece(call=ref)
        elif name in _PICTURES and not (name == "pict" and is_vml_picture(node)):
            state.pictures += 1

    def _field_char(self, kind: str | None, state: WalkState) -> None:
        if kind == "begin":
            state.fields.append(_Field())
        elif kind == "separate" and state.fields:
            top = state.fields[-1]
            state.fields[-1] = replace(self._field(top.instruction), shown=True)
        elif kind == "end" and state.fields:
            state.fields.pop()


def _shown_text(text: str, marks: Piece, state: WalkState) -> Iterator[Piece]:
    """Visible text; a NOTEREF field's result (the note's number) as a repeated call."""
    if state.fields and state.fields[-1].note_ref:
        digits = "".join(str(int(c)) for c in text if c.isdigit())
        if digits:
            yield Piece(call=NoteRef(int(digits), first=False))
        return
    yield replace(marks, text=text, href=_href(state))


def _href(state: WalkState) -> str | None:
    for open_field in reversed(state.fields):
        if open_field.href:
            return open_field.href
    return state.href


def _effective(*values: bool | None) -> bool:
    """The first property set, run first, then character style, then paragraph style."""
    return next((value for value in values if value is not None), False)


def joined(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring text pieces with the same marks as one."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (last is not None and piece.call is None and last.call is None
                and (last.bold, last.italic, last.href) == (piece.bold, piece.italic, piece.href)):
            out[-1] = replace(last, text=last.text + piece.text)
        elif piece.call is not None or piece.text:
            out.append(piece)
    return out


def trimmed(pieces: list[Piece]) -> list[Piece]:
    """Without the spaces at the paragraph's two ends (a note's text opens
    with a space after its number)."""
    if pieces and pieces[0].call is None:
        pieces[0] = replace(pieces[0], text=pieces[0].text.lstrip(" \t"))
    if pieces and pieces[-1].call is None:
        pieces[-1] = replace(pieces[-1], text=pieces[-1].text.rstrip(" \t"))
    return [piece for piece in pieces if piece.call is not None or piece.text]


_LEVELS: tuple[Callable[[Piece], object], ...] = (
    lambda piece: piece.href, lambda piece: piece.bold, lambda piece: piece.italic)


def nested(pieces: list[Piece], level: int = 0) -> tuple[Inline, ...]:
    """Pieces as inlines: links outermost, then strong, then emphasis.
    A note call carries no marks (our exporter writes it unmarked)."""
    if level == len(_LEVELS):
        return tuple(inline for piece in pieces for inline in _leaf(piece))
    out: list[Inline] = []
    for key, group in groupby(pieces, key=lambda piece: None if piece.call else _LEVELS[level](piece)):
        inner = nested(list(group), level + 1)
        if not key:
            out.extend(inner)
        elif level == 0:
            out.append(Link(str(key), inner))
        else:
            out.append(Strong(inner) if level == 1 else Emphasis(inner))
    return tuple(out)


def _leaf(piece: Piece) -> tuple[Inline, ...]:
    if piece.call is not None:
        return (piece.call,)
    return split_quotations(piece.text, quotations)


def quotations(text: str) -> tuple[Inline, ...]:
    """Plain text and the quotations in it (“…” and «…»), as the text reader reads them."""
    inlines: list[Inline] = []
    position = 0
    for match in _QUOTATION.finditer(text):
        if match.start() > position:
            inlines.append(Text(text[position:match.start()]))
        mark = match.group()[0]
        inlines.append(Quote(match.group()[1:-1], mark, _CLOSING[mark]))
        position = match.end()
    if position < len(text):
        inlines.append(Text(text[position:]))
    return tuple(inlines)

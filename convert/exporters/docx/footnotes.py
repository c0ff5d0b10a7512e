"""An article's notes as Word footnotes: the footnotes part, the calls, the numbering.

python-docx has no footnotes API, so the part (``word/footnotes.xml``) is
built here: Word's two separators first (ids -1 and 0, which the settings
name too), then a ``w:footnote`` per note, written at the note's first call
(``w:footnoteReference``). A note's paragraphs are right to left, in the
FootnoteText style, and opening with the note's number (``w:footnoteRef``);
their text goes through the body's run writer (text.py), so strong text,
links and quotations show in notes as in the body. Links in a note are
relationships of the footnotes part.

Word numbers footnotes itself, in the format the section's ``w:footnotePr``
names: the article's digits, as page numbers are (oxml.PAGE_NUMBER_FORMATS:
"hindiNumbers" for Arabic-Indic and Persian digits). LibreOffice 7.4 reads
that format as Latin digits; Word draws Arabic-Indic ones.

A note called again (NoteRef first=False): a Word footnote has one
reference, so a later call is a NOTEREF field to a bookmark on the first
call, formatted as a footnote reference (``\\f``) and a link to it (``\\h``):
what Word's own cross-reference to a footnote inserts. Its result, written
in the article's digits, is the note's number until the field is updated.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ...model import Note, NoteRef, Text
from ...text.digits import number_text
from ...theme import Theme
from .oxml import PAGE_NUMBER_FORMATS, ensure_child, field_runs, set_paragraph_bidi, w_element
from .relationship_ids import relationships_of
from .styles import FOOTNOTE_TEXT
from .text import InlineWriter, note_number_properties, raised_number, start_paragraph

FOOTNOTES_PART = "/word/footnotes.xml"
# Word's separator and continuation separator footnotes, by type.
SEPARATORS = {"separator": "-1", "continuationSeparator": "0"}
# Bookmark ids of repeated notes' first calls, above the contents' (one an article).
NOTE_BOOKMARK_IDS_FROM = 1_000_000


@dataclass
class _FirstCall:
    """Where a note was first called: its footnote id, and the run of the call."""

    footnote_id: int
    run: etree._Element
    bookmark: str | None = None  # put around the run when the note is called again


class Footnotes:
    """A document's footnotes part, and the calls to its notes (text.NoteCalls).

    A book's articles number their notes from 1 each: start_article gives the
    notes that the next calls refer to; footnote ids run on over the book.
    """

    def __init__(self, word: WordDocument, theme: Theme) -> None:
        self._part = _add_footnotes_part(word)
        _number_in_settings(word.settings.element, theme.digits())
        self._next_id = 1
        self._notes: dict[int, Note] = {}
        self._first_calls: dict[int, _FirstCall] = {}

    def start_article(self, notes: tuple[Note, ...]) -> None:
        self._notes = {note.number: note for note in notes}
        self._first_calls = {}

    def call_runs(self, ref: NoteRef, writer: InlineWriter) -> list[etree._Element]:
        """A footnote reference at a note's first call; a NOTEREF field at a later
        one; the number as raised text for a call to a note the article lacks."""
        first = self._first_calls.get(ref.number)
        if first is not None:
            return self._repeated_call(ref, first, writer)
        note = self._notes.get(ref.number)
        if note is None:
            return [raised_number(number_text(ref.number, writer.digits), writer)]
        footnote_id = self._next_id
        self._next_id += 1
        run = w_element("r")
        run.append(note_number_properties(writer))
        run.append(w_element("footnoteReference", id=str(footnote_id)))
        self._first_calls[ref.number] = _FirstCall(footnote_id, run)
        self._write_note(footnote_id, note, writer)
        return [run]

    def _repeated_call(self, ref: NoteRef, first: _FirstCall, writer: InlineWriter) -> list[etree._Element]:
        if first.bookmark is None:
            first.bookmark = f"_RefNote{first.footnote_id}"
            bookmark_id = str(NOTE_BOOKMARK_IDS_FROM + first.footnote_id)
            first.run.addprevious(w_element("bookmarkStart", id=bookmark_id, name=first.bookmark))
            first.run.addnext(w_element("bookmarkEnd", id=bookmark_id))
        shown = number_text(ref.number, writer.digits)
        return field_runs(f"NOTEREF {first.bookmark} \\f \\h", shown, note_number_properties(writer))

    def _write_note(self, footnote_id: int, note: Note, writer: InlineWriter) -> None:
        """The note's paragraphs, the first opening with its number and a space."""
        footnote = w_element("footnote", id=str(footnote_id))
        self._part.element.append(footnote)
        # Its own writer: a call in a note's text is the note's own number.
        note_writer = InlineWriter(writer.theme, _OwnNumber(), writer.used_styles)
        writer.used_styles.add(FOOTNOTE_TEXT)
        for index, inlines in enumerate(note.paragraphs or ((),)):
            p = w_element("p")
            footnote.append(p)
            paragraph = start_paragraph(WordParagraph(p, self._part), FOOTNOTE_TEXT)
            opening = (NoteRef(note.number), Text(" ")) if index == 0 else ()
            note_writer.write(paragraph, (*opening, *inlines))


class _OwnNumber:
    """The calls of a note's own text: the number Word puts before the note."""

    def call_runs(self, ref: NoteRef, writer: InlineWriter) -> list[etree._Element]:
        run = w_element("r")
        run.append(note_number_properties(writer))
        run.append(w_element("footnoteRef"))
        return [run]


def number_footnotes(sect_pr: etree._Element, digits: str, restart: bool = False) -> None:
    """The section's note numbers in digits; restart: from 1 at the section's
    start (a book's article), not on from the sections before."""
    footnote_pr = ensure_child(sect_pr, "footnotePr")
    ensure_child(footnote_pr, "numFmt", val=PAGE_NUMBER_FORMATS[digits])
    if restart:
        ensure_child(footnote_pr, "numRestart", val="eachSect")


def _number_in_settings(settings: etree._Element, digits: str) -> None:
    """The document's footnote properties: the number format, and the separators
    by id, as Word writes them."""
    footnote_pr = ensure_child(settings, "footnotePr")
    ensure_child(footnote_pr, "numFmt", val=PAGE_NUMBER_FORMATS[digits])
    for footnote_id in SEPARATORS.values():
        footnote_pr.append(w_element("footnote", id=footnote_id))


def _add_footnotes_part(word: WordDocument) -> XmlPart:
    """word/footnotes.xml holding the separators, related from the document."""
    root = OxmlElement("w:footnotes", nsdecls={"w": nsmap["w"], "r": nsmap["r"]})
    for kind, footnote_id in SEPARATORS.items():
        root.append(_separator(kind, footnote_id))
    document_part = word.part
    part = XmlPart(PackURI(FOOTNOTES_PART), CONTENT_TYPE.WML_FOOTNOTES, root, document_part.package)
    relationships_of(document_part).add(RELATIONSHIP_TYPE.FOOTNOTES, part)
    return part


def _separator(kind: str, footnote_id: str) -> etree._Element:
    """Word's rule over the notes (and over a note continued from the page
    before): in a right-to-left paragraph, so it starts at the right."""
    footnote = w_element("footnote", type=kind, id=footnote_id)
    p = w_element("p")
    p_pr = w_element("pPr")
    ensure_child(p_pr, "spacing", after="0", line="240", lineRule="auto")
    set_paragraph_bidi(p_pr)
    run = w_element("r")
    run.append(w_element(kind))
    p.append(p_pr)
    p.append(run)
    footnote.append(p)
    return footnote

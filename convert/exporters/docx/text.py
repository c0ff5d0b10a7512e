"""Paragraphs and runs: named styles, right-to-left paragraphs, script runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from lxml import etree

from ...link_calls import holds_call, link_pieces
from ...model import Emphasis, Inline, Link, NoteRef, Quote, QuranQuote, Strong
from ...quran import quran_family
from ...text.digits import number_text
from ...theme import Theme
from .oxml import (
    ensure_child,
    mark_run_rtl,
    set_bold,
    set_fonts,
    set_paragraph_bidi,
    w_element,
)
from .relationship_ids import relationships_of
from .script import ScriptRun, split_runs
from .styles import (
    CREDIT,
    EMPHASIS,
    FOOTNOTE_REFERENCE,
    HYPERLINK,
    QUOTE_CHAR,
    QUOTE_MARK,
    on_demand_styles,
    set_run_look,
)

QUOTE_TAG = "quote"
_XML_SPACE = qn("xml:space")
# Tag of a piece of text -> the character style its runs take.
QUOTE_MARK_TAG = "quote-mark"
CREDIT_TAG = "credit"  # a figure's credit (figures.py)
TAG_STYLES = {QUOTE_TAG: QUOTE_CHAR, QUOTE_MARK_TAG: QUOTE_MARK, CREDIT_TAG: CREDIT}
# The styles added to a document only when its text uses them.
_ON_DEMAND = (HYPERLINK, EMPHASIS, CREDIT)


@dataclass(frozen=True)
class RunMarks:
    """What a piece of text carries besides its characters: its tag (a
    quotation's), bold (strong text), emphasised (the Emphasis style), the
    address of the link it is in, the note it calls (its text then is the
    note's number, for the direction of its neighbours)."""

    tag: str = ""
    bold: bool = False
    emphasis: bool = False  # the Emphasis style: the theme's look for it
    href: str | None = None
    call: NoteRef | None = None
    font: str | None = None  # a Qur'anic quotation's face (w:rFonts), else the style's


class NoteCalls(Protocol):
    """Writes a note call where a paragraph has one (footnotes.py)."""

    def call_runs(self, ref: NoteRef, writer: InlineWriter) -> list[etree._Element]:
        """The elements of the call, for the paragraph or the link it is in."""
        ...


class InlineWriter:
    """Writes the inlines of one Word document: emphasis as its theme shows
    it, note calls through its notes (None: a plain raised number), and the
    styles only some documents need (links', notes') added when it finishes."""

    def __init__(self, theme: Theme | None = None, notes: NoteCalls | None = None,
                 used_styles: set[str] | None = None) -> None:
        self.theme = theme
        self.notes = notes
        # Shared with the writer of the notes' text: one set of styles to add.
        self.used_styles = set() if used_styles is None else used_styles

    @property
    def quran_font(self) -> str | None:
        """The family of Qur'anic quotations (quran.py); None: the style's."""
        return quran_family(self.theme.fonts.quran, self.theme.fonts.body) if self.theme else None

    @property
    def digits(self) -> str:
        return self.theme.digits() if self.theme else "arabic-indic"

    def write(self, paragraph: WordParagraph, inlines: tuple[Inline, ...]) -> None:
        write_runs(paragraph, split_runs(inline_pieces(inlines, self)), self)

    def finish(self, word: WordDocument) -> None:
        """Add the styles the written text uses that the starting package lacks."""
        if self.used_styles and self.theme is not None:
            word.styles.element.extend(on_demand_styles(self.theme, self.used_styles))


def start_paragraph(paragraph: WordParagraph, style_id: str) -> WordParagraph:
    """Give paragraph its named style and, like every paragraph here, w:bidi."""
    p_pr = paragraph._p.get_or_add_pPr()
    ensure_child(p_pr, "pStyle", val=style_id)
    set_paragraph_bidi(p_pr)
    return paragraph


def inline_pieces(inlines: tuple[Inline, ...], writer: InlineWriter | None = None,
                  marks: RunMarks = RunMarks()) -> list[tuple[str, RunMarks]]:
    """(text, marks) pieces of a paragraph: a quotation's marks and its text
    each with a tag of their own (styled apart, as in the other formats),
    strong, emphasised and linked text marked so, a note call as its number."""
    writer = writer or InlineWriter()
    pieces: list[tuple[str, RunMarks]] = []
    for inline in inlines:
        if isinstance(inline, Quote):
            held = (inline_pieces(inline.inlines, writer, replace(marks, tag=QUOTE_TAG)) if inline.inlines
                    else [(inline.text, replace(marks, tag=QUOTE_TAG))])
            pieces += [(inline.open_mark, replace(marks, tag=QUOTE_MARK_TAG)), *held,
                       (inline.close_mark, replace(marks, tag=QUOTE_MARK_TAG))]
        elif isinstance(inline, QuranQuote):
            # In the Qur'an face, exactly as typed: Word justifies it as the rest.
            pieces.append((inline.text, replace(marks, font=writer.quran_font)))
        elif isinstance(inline, Strong):
            pieces += inline_pieces(inline.inlines, writer, replace(marks, bold=True))
        elif isinstance(inline, Emphasis):
            pieces += inline_pieces(inline.inlines, writer, replace(marks, emphasis=True))
        elif isinstance(inline, Link) and holds_call(inline.inlines):
            # The calls beside the w:hyperlink, not in it (link_calls.py).
            pieces += inline_pieces(link_pieces(inline), writer, marks)
        elif isinstance(inline, Link):
            pieces += inline_pieces(inline.inlines, writer, replace(marks, href=inline.href))
        elif isinstance(inline, NoteRef):
            # The number as the call shows it: it weighs in the direction of its neighbours.
            pieces.append((number_text(inline.number, writer.digits), replace(marks, call=inline)))
        else:
            pieces.append((inline.text, marks))
    return pieces


def set_run_text(r: etree._Element, text: str) -> None:
    """The run's w:t. python-docx's own text setter walks the text a character
    at a time (to turn tabs and line breaks into w:tab and w:br): most of the
    time of writing a document. It still does so for text that has them."""
    if any(control in text for control in "\t\n\r"):
        Run(r, None).text = text
        return
    t = w_element("t")
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")  # keep the spaces at its ends
    r.append(t)


def write_inlines(paragraph: WordParagraph, inlines: tuple[Inline, ...],
                  writer: InlineWriter | None = None) -> None:
    (writer or InlineWriter()).write(paragraph, inlines)


def write_runs(paragraph: WordParagraph, runs: Iterable[ScriptRun],
               writer: InlineWriter | None = None) -> None:
    """One w:r per script run: w:rtl on Arabic runs only, a character style for
    emphasis, quotations and links, w:b and w:bCs on bold text (Word bolds
    Arabic runs by the complex-script one). Neighbouring runs of
    one link go into one w:hyperlink. A note call is what the writer's notes
    make of it. (The elements python-docx's add_run would make, built directly.)"""
    writer = writer or InlineWriter()
    p = paragraph._p
    link: tuple[str, etree._Element] | None = None  # the open w:hyperlink and its address
    for run in runs:
        marks = run.tag if isinstance(run.tag, RunMarks) else RunMarks(run.tag)
        elements = _call_runs(marks.call, writer) if marks.call else [_text_run(run, marks, writer)]
        if marks.href is None:
            link = None
            p.extend(elements)
            continue
        if link is None or link[0] != marks.href:
            link = (marks.href, _hyperlink(paragraph, marks.href))
        link[1].extend(elements)


def _text_run(run: ScriptRun, marks: RunMarks, writer: InlineWriter) -> etree._Element:
    r = w_element("r")
    # A link's own style wins over a quotation's: a run takes one.
    style = HYPERLINK if marks.href is not None else TAG_STYLES.get(marks.tag)
    # Emphasis wins over both (so it reads back as emphasis whatever its look);
    # the link's or quotation's look is then set on the run itself.
    direct_look = style if marks.emphasis and writer.theme is not None else None
    if marks.emphasis and writer.theme is not None:
        style = EMPHASIS
    # Without a theme (no styles to add) emphasis is bold, the default theme's look.
    bold = marks.bold or (marks.emphasis and writer.theme is None)
    if style is not None or run.rtl or bold or marks.font:
        r_pr = w_element("rPr")
        r.append(r_pr)
        if style is not None:
            ensure_child(r_pr, "rStyle", val=style)
            if style in _ON_DEMAND:
                writer.used_styles.add(style)
        if marks.font:
            set_fonts(r_pr, marks.font)
        if bold:
            set_bold(r_pr)
        if direct_look is not None:
            set_run_look(r_pr, writer.theme, direct_look)
        if run.rtl:
            mark_run_rtl(r_pr)
    set_run_text(r, run.text)
    return r


def _call_runs(ref: NoteRef, writer: InlineWriter) -> list[etree._Element]:
    """The writer's notes' call, or without notes the number raised, as text.
    (A call's number is one level run of the bidi algorithm: one ScriptRun.)"""
    if writer.notes is not None:
        return writer.notes.call_runs(ref, writer)
    return [raised_number(number_text(ref.number, writer.digits), writer)]


def raised_number(text: str, writer: InlineWriter) -> etree._Element:
    """A run of text in the footnote reference style; right to left unless in Latin digits."""
    r = w_element("r")
    r.append(note_number_properties(writer))
    set_run_text(r, text)
    return r


def note_number_properties(writer: InlineWriter) -> etree._Element:
    """The w:rPr of a note number: the raised style; Arabic-Indic and Persian
    digits are complex-script text, so the run is rtl (as page numbers are)."""
    writer.used_styles.add(FOOTNOTE_REFERENCE)
    r_pr = w_element("rPr")
    ensure_child(r_pr, "rStyle", val=FOOTNOTE_REFERENCE)
    if writer.digits != "latin":
        mark_run_rtl(r_pr)
    return r_pr


def _hyperlink(paragraph: WordParagraph, href: str) -> etree._Element:
    """A new w:hyperlink at the paragraph's end, to href by an external relationship."""
    # The paragraph's own part: the document's, or footnotes.xml for a note's.
    relationship = relationships_of(paragraph.part).external(RELATIONSHIP_TYPE.HYPERLINK, href)
    hyperlink = w_element("hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    paragraph._p.append(hyperlink)
    return hyperlink

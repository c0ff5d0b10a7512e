"""Paragraphs and runs: named styles, right-to-left paragraphs, script runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from lxml import etree

from ...model import Emphasis, Inline, Link, Quote, Strong
from .oxml import ensure_child, mark_run_rtl, set_paragraph_bidi, w_element
from .script import ScriptRun, split_runs
from .styles import QUOTE_CHAR, QUOTE_MARK

QUOTE_TAG = "quote"
_XML_SPACE = qn("xml:space")
# Tag of a piece of text -> the character style its runs take.
QUOTE_MARK_TAG = "quote-mark"
TAG_STYLES = {QUOTE_TAG: QUOTE_CHAR, QUOTE_MARK_TAG: QUOTE_MARK}


@dataclass(frozen=True)
class RunMarks:
    """What a piece of text carries besides its characters: its tag (a
    quotation's), strong or emphasised (bold: Arabic has no slanted type),
    the address of the link it is in."""

    tag: str = ""
    bold: bool = False
    href: str | None = None


def start_paragraph(paragraph: WordParagraph, style_id: str) -> WordParagraph:
    """Give paragraph its named style and, like every paragraph here, w:bidi."""
    p_pr = paragraph._p.get_or_add_pPr()
    ensure_child(p_pr, "pStyle", val=style_id)
    set_paragraph_bidi(p_pr)
    return paragraph


def inline_pieces(inlines: tuple[Inline, ...], marks: RunMarks = RunMarks()) -> list[tuple[str, RunMarks]]:
    """(text, marks) pieces of a paragraph: a quotation's marks and its text
    each with a tag of their own (styled apart, as in the other formats),
    strong, emphasised and linked text marked so."""
    pieces: list[tuple[str, RunMarks]] = []
    for inline in inlines:
        if isinstance(inline, Quote):
            pieces += [(inline.open_mark, replace(marks, tag=QUOTE_MARK_TAG)),
                       (inline.text, replace(marks, tag=QUOTE_TAG)),
                       (inline.close_mark, replace(marks, tag=QUOTE_MARK_TAG))]
        elif isinstance(inline, Strong | Emphasis):
            pieces += inline_pieces(inline.inlines, replace(marks, bold=True))
        elif isinstance(inline, Link):
            pieces += inline_pieces(inline.inlines, replace(marks, href=inline.href))
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


def write_inlines(paragraph: WordParagraph, inlines: tuple[Inline, ...]) -> None:
    write_runs(paragraph, split_runs(inline_pieces(inlines)))


def write_runs(paragraph: WordParagraph, runs: Iterable[ScriptRun]) -> None:
    """One w:r per script run: w:rtl on Arabic runs only, a character style for
    quotations, w:b and w:bCs on strong text (Word bolds Arabic runs by the
    complex-script one). Neighbouring runs of one link go into one
    w:hyperlink. (The elements python-docx's add_run would make, built directly.)"""
    p = paragraph._p
    link: tuple[str, etree._Element] | None = None  # the open w:hyperlink and its address
    for run in runs:
        marks = run.tag if isinstance(run.tag, RunMarks) else RunMarks(run.tag)
        r = w_element("r")
        style = TAG_STYLES.get(marks.tag)
        if style is not None or run.rtl or marks.bold:
            r_pr = w_element("rPr")
            r.append(r_pr)
            if style is not None:
                ensure_child(r_pr, "rStyle", val=style)
            if marks.bold:
                ensure_child(r_pr, "b")
                ensure_child(r_pr, "bCs")
            if run.rtl:
                mark_run_rtl(r_pr)
        set_run_text(r, run.text)
        if marks.href is None:
            link = None
            p.append(r)
            continue
        if link is None or link[0] != marks.href:
            link = (marks.href, _hyperlink(paragraph, marks.href))
        link[1].append(r)


def _hyperlink(paragraph: WordParagraph, href: str) -> etree._Element:
    """A new w:hyperlink at the paragraph's end, to href by an external relationship."""
    relationship = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = w_element("hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    paragraph._p.append(hyperlink)
    return hyperlink

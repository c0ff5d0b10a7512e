"""Paragraphs and runs: named styles, right-to-left paragraphs, script runs."""

from __future__ import annotations

from collections.abc import Iterable

from docx.text.paragraph import Paragraph as WordParagraph

from ..model import Inline, Quote
from .docx_rtl import ensure_child, mark_run_rtl, set_paragraph_bidi
from .docx_script import ScriptRun, split_runs
from .docx_styles import QUOTE_CHAR

QUOTE_TAG = "quote"
# Tag of a piece of text -> the character style its runs take.
TAG_STYLES = {QUOTE_TAG: QUOTE_CHAR}


def start_paragraph(paragraph: WordParagraph, style_id: str) -> WordParagraph:
    """Give paragraph its named style and, like every paragraph here, w:bidi."""
    p_pr = paragraph._p.get_or_add_pPr()
    ensure_child(p_pr, "pStyle", val=style_id)
    set_paragraph_bidi(p_pr)
    return paragraph


def inline_pieces(inlines: tuple[Inline, ...]) -> list[tuple[str, str]]:
    """(text, tag) pieces of a paragraph: a quotation keeps its marks and its tag."""
    return [
        (f"{inline.open_mark}{inline.text}{inline.close_mark}", QUOTE_TAG) if isinstance(inline, Quote)
        else (inline.text, "")
        for inline in inlines
    ]


def write_inlines(paragraph: WordParagraph, inlines: tuple[Inline, ...]) -> None:
    write_runs(paragraph, split_runs(inline_pieces(inlines)))


def write_runs(paragraph: WordParagraph, runs: Iterable[ScriptRun]) -> None:
    """One w:r per script run: w:rtl on Arabic runs only, a character style for quotations."""
    for run in runs:
        word_run = paragraph.add_run(run.text)
        style = TAG_STYLES.get(run.tag)
        if style is None and not run.rtl:
            continue
        r_pr = word_run._r.get_or_add_rPr()
        if style is not None:
            ensure_child(r_pr, "rStyle", val=style)
        if run.rtl:
            mark_run_rtl(r_pr)

"""The article's text as Word paragraphs: title block, headings, paragraphs,
block quotations and lists, each in its named style."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph as WordParagraph

from ...model import Block, BlockQuote, Document, Figure, Heading, ListBlock, Paragraph, Poem, Table
from ...text.shown import shown_byline, shown_title
from .figures import write_figure
from .numbering import BULLET_LIST, NUMBERED_LISTS, add_list_instance
from .oxml import ensure_child, w_element, w_name
from .poetry import write_poem
from .script import split_runs
from .styles import BYLINE, HEADING_LINE, LIST_PARAGRAPH, NORMAL, QUOTE, TITLE, heading_style_id
from .tables import write_table
from .text import InlineWriter, start_paragraph, write_inlines, write_runs


def write_title_block(word: WordDocument, doc: Document, title_style: str = TITLE) -> WordParagraph:
    """Title, then author and date each in a Byline paragraph (title and author
    as shown: text/shown.py); returns the title paragraph."""
    meta = doc.meta
    title = text_paragraph(word, title_style, shown_title(meta.title))
    for line in (shown_byline(meta.author), meta.date):
        if line:
            text_paragraph(word, BYLINE, line)
    return title


def new_paragraph(word: WordDocument) -> WordParagraph:
    """An empty paragraph at the end of the body, before the body's w:sectPr.

    What word.add_paragraph() does, without its search for that w:sectPr
    from the first child on, which made a book of 200 articles quadratic.
    """
    body = word.element.body
    p = w_element("p")
    last = next(reversed(body), None)  # from the end: len(body) counts every child
    if last is not None and last.tag == w_name("sectPr"):
        last.addprevious(p)
    else:
        body.append(p)
    return WordParagraph(p, word)


def text_paragraph(word: WordDocument, style_id: str, text: str) -> WordParagraph:
    paragraph = start_paragraph(new_paragraph(word), style_id)
    write_runs(paragraph, split_runs([(text, "")]))
    return paragraph


def write_blocks(word: WordDocument, blocks: tuple[Block, ...], heading_shift: int = 0,
                 writer: InlineWriter | None = None) -> None:
    """The blocks in order, their inlines by writer; headings go heading_shift
    levels down (in a book the article title is Heading 1, so the article's
    own headings start at 2)."""
    writer = writer or InlineWriter()
    for block in blocks:
        if isinstance(block, Heading):
            style = heading_style_id(block.level + heading_shift)
            write_inlines(start_paragraph(new_paragraph(word), style), block.inlines, writer)
        elif isinstance(block, Paragraph):
            # A heading-like line: its style is bold and keeps it with what follows.
            paragraph = start_paragraph(new_paragraph(word), HEADING_LINE if block.keep_with_next else NORMAL)
            write_inlines(paragraph, block.inlines, writer)
        elif isinstance(block, BlockQuote):
            for quoted in block.paragraphs:
                write_inlines(start_paragraph(new_paragraph(word), QUOTE), quoted.inlines, writer)
        elif isinstance(block, ListBlock):
            _write_list(word, block, writer)
        elif isinstance(block, Figure):
            write_figure(word, new_paragraph, block, writer)
        elif isinstance(block, Table):
            write_table(word, block, writer)
        elif isinstance(block, Poem):
            write_poem(word, block, writer, writer.theme.fonts.size_pt if writer.theme else 14.0)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")


def _write_list(word: WordDocument, block: ListBlock, writer: InlineWriter) -> None:
    """List paragraphs sharing one numbering instance (numbered lists restart at one)."""
    numbering = word.part.numbering_part.element
    kind = NUMBERED_LISTS[block.numbering or "decimal"] if block.ordered else BULLET_LIST
    num_id = add_list_instance(numbering, kind)
    for item in block.items:
        paragraph = start_paragraph(new_paragraph(word), LIST_PARAGRAPH)
        num_pr = ensure_child(paragraph._p.pPr, "numPr")
        ensure_child(num_pr, "ilvl", order=("ilvl", "numId"), val="0")
        ensure_child(num_pr, "numId", order=("ilvl", "numId"), val=str(num_id))
        write_inlines(paragraph, item, writer)

"""A book in one Word document: title page, contents, one section per article.

The sections, in order:
- the title page: book title and author; no header, no footer, no number;
- the contents (toc.py), numbered like the rest;
- each article, its title in Heading 1 (what the contents and Word's
  navigation pane list) and its own headings one level down. The section
  break (a w:sectPr in the article's last paragraph; the body's own w:sectPr
  for the last article) starts each article on a new page and gives it its
  own footer (the article's disclaimer, or none, and the page number) and
  its own running head (book title at the start, article title at the end),
  on every page of the section.

Page numbers run on from the title page to the end: no section restarts them.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.section import Section
from lxml import etree

from ...html import CONTENTS_LABEL
from ...model import Book, Document
from ...text.geometry import text_block_pt
from ...text.pages import line_room, sharing_one_line
from ...text.shown import shown_byline, shown_title
from ...theme import Theme
from .body import new_paragraph, text_paragraph, write_blocks, write_title_block
from .estimate import estimated_first_pages
from .footnotes import Footnotes, number_footnotes
from .oxml import ensure_child, set_justification, set_size, w_element
from .page import format_section, write_footer, write_running_head
from .styles import (
    NORMAL,
    RUNNING_HEAD,
    SUBTITLE,
    TITLE,
    TOC_HEADING,
    book_styles,
    heading_style_id,
    style_looks,
    twips,
)
from .text import InlineWriter, start_paragraph
from .toc import ContentsEntry, bookmark_name, mark_title, request_field_update, write_contents

# The height of the paragraph that holds the contents' section break, points.
BREAK_HOLDER_PT = 1


def write_book(word: WordDocument, book: Book, theme: Theme, duplex: bool) -> None:
    """Every section of the book, into a document opened on the starting package."""
    text_width, _ = text_block_pt(theme)
    word.styles.element.extend(book_styles(theme, twips(text_width)))
    request_field_update(word.settings.element)
    start = _start_type(duplex)
    _write_title_page(word, book, theme)
    _end_section(word, theme)
    _write_contents_page(word, book, theme, duplex)
    # The line width is a guess (text/pages.py): a running head cut a little
    # early is better than one that wraps.
    head_room = line_room(theme, style_looks(theme)[RUNNING_HEAD].size_pt)
    contents = _end_section(word, theme)
    _set_up_chapter(contents, theme, start, sharing_one_line(book.title, CONTENTS_LABEL, head_room), None)
    footnotes = Footnotes(word, theme) if any(doc.notes for doc in book.documents) else None
    writer = InlineWriter(theme, footnotes)
    for number, doc in enumerate(book.documents, start=1):
        if footnotes is not None:
            footnotes.start_article(doc.notes)
        _write_article(word, doc, number, writer)
        article = _end_section(word, theme, last=number == len(book.documents))
        if doc.notes:
            number_footnotes(article._sectPr, theme.digits(), restart=True)
        titles = sharing_one_line(book.title, doc.meta.title, head_room)
        _set_up_chapter(article, theme, start, titles, doc.meta.disclaimer)
    writer.finish(word)


def _start_type(duplex: bool) -> WD_SECTION:
    """Where each chapter starts: the next page, or, printed on both sides, a recto.

    A recto is the front of a leaf, the first of its two pages a reader
    meets: page 1, and every odd page after it. That holds for a right-to-left
    book too: it opens from the right, so its recto is the left-hand page of a
    spread (bound on its right edge, the inner margin here), but its
    number is still odd. Word and LibreOffice count parity from the page
    number, which runs on from the title page, so "oddPage" is the recto.
    """
    return WD_SECTION.ODD_PAGE if duplex else WD_SECTION.NEW_PAGE


# -- contents of each section ------------------------------------------------------

def _write_title_page(word: WordDocument, book: Book, theme: Theme) -> None:
    """The book title a third of the way down, centred, the author under it.

    A space before the title rather than the section's vertical alignment
    (w:vAlign): LibreOffice 7.4 ignores that and would set the title at the top.
    """
    title = text_paragraph(word, TITLE, shown_title(book.title))
    set_justification(title._p.pPr, "center")
    _, text_height = text_block_pt(theme)
    ensure_child(title._p.pPr, "spacing", before=twips(text_height / 3))
    if book.author:
        text_paragraph(word, SUBTITLE, shown_byline(book.author))


def _write_contents_page(word: WordDocument, book: Book, theme: Theme, duplex: bool) -> None:
    text_paragraph(word, TOC_HEADING, CONTENTS_LABEL)
    pages = estimated_first_pages(book, theme, CONTENTS_LABEL, duplex)
    entries = [
        ContentsEntry(shown_title(doc.meta.title), bookmark_name(number), page)
        for number, (doc, page) in enumerate(zip(book.documents, pages, strict=True), start=1)
    ]
    write_contents(word, entries, theme.digits())
    _break_holder(word)


def _break_holder(word: WordDocument) -> None:
    """A paragraph after the contents field, one point high, to hold the section break.

    LibreOffice drops a break that sits in the field's last paragraph (the
    contents pages would lose their footer); a full-height empty paragraph
    would spill onto a page of its own whenever the contents fill the last one.
    """
    p_pr = start_paragraph(new_paragraph(word), NORMAL)._p.pPr
    ensure_child(p_pr, "spacing", before="0", after="0", line=twips(BREAK_HOLDER_PT), lineRule="exact")
    set_size(ensure_child(p_pr, "rPr"), BREAK_HOLDER_PT)


def _write_article(word: WordDocument, doc: Document, number: int, writer: InlineWriter) -> None:
    title = write_title_block(word, doc, title_style=heading_style_id(1))
    mark_title(title, bookmark_name(number), number)
    write_blocks(word, doc.blocks, heading_shift=1, writer=writer)


# -- the running head ------------------------------------------------------------------

# -- sections --------------------------------------------------------------------------

def _end_section(word: WordDocument, theme: Theme, last: bool = False) -> Section:
    """Close the section written so far, on the theme's page: its w:sectPr goes in
    its last paragraph (the last section's is the body's own)."""
    body = word.element.body
    if last:
        sect_pr = body.get_or_add_sectPr()
    else:
        sect_pr = w_element("sectPr")
        _last_paragraph(body).set_sectPr(sect_pr)
    section = Section(sect_pr, word.part)
    format_section(section, theme)
    return section


def _last_paragraph(body: etree._Element) -> etree._Element:
    """The body's last w:p, looked for from the end (the body ends with its w:sectPr)."""
    return next(child for child in reversed(body) if child.tag == qn("w:p"))


def _set_up_chapter(section: Section, theme: Theme, start: WD_SECTION, titles: tuple[str, str],
                    disclaimer: str | None) -> None:
    """The contents or an article: the running head and the footer on every page.

    On the opening page too: with a distinct first page (w:titlePg) and
    odd-page breaks, LibreOffice 7.4 leaves the running head off every even
    page of the section.
    """
    section.start_type = start
    write_running_head(section.header, *titles)
    write_footer(section.footer, disclaimer, theme)

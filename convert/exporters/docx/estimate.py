"""Page estimates for a book's contents, before Word or LibreOffice lays it out.

The contents field carries a result with page numbers (docx_toc). Word
recomputes them when the file opens; LibreOffice keeps the result as written
until the reader updates the index. So the numbers written are this module's
estimate: every paragraph broken into lines of a guessed width, in its
style's line height and spacing (docx_styles.style_looks), poured into pages
the height of the text block, keeping headings with what follows and leaving
no single line of a paragraph alone at either end of a page.

The line width is a guess of the average advance of a character: about a
third of an em for Arabic in Amiri. Indents of quotations and lists are
ignored. Against LibreOffice 7.4 every start page came out right on books of
3, 10 and 50 articles; a paragraph ending right at the foot of a page can
still put an estimate a page out, and every later one with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from math import ceil

from ...model import Block, BlockQuote, Book, Document, Heading, ListBlock, block_texts
from ...theme import Theme
from .page import text_block_pt
from .styles import (
    BYLINE,
    LIST_PARAGRAPH,
    NORMAL,
    QUOTE,
    TOC_1,
    TOC_HEADING,
    Look,
    heading_style_id,
    style_looks,
)

_EM_PER_CHARACTER = 0.34
_LEAST_LINES = 2  # widow and orphan control: Word's and LibreOffice's default
_BLOCK_STYLES = {BlockQuote: QUOTE, ListBlock: LIST_PARAGRAPH}


@dataclass(frozen=True)
class Lines:
    """One paragraph as the page sees it."""

    count: int
    height: float  # of one line, points
    before: float
    after: float
    keep_with_next: bool = False


class PageModel:
    """Turns paragraphs of a theme into Lines, and Lines into a page count."""

    def __init__(self, theme: Theme, looks: dict[str, Look]) -> None:
        self.text_width, self.text_height = text_block_pt(theme)
        self.looks = looks

    def characters_per_line(self, style_id: str) -> int:
        return max(1, int(self.text_width / (self.looks[style_id].size_pt * _EM_PER_CHARACTER)))

    def lines(self, style_id: str, text: str, heading: bool = False) -> Lines:
        look = self.looks[style_id]
        count = max(1, ceil(len(text) / self.characters_per_line(style_id)))
        return Lines(count, look.size_pt * look.line_height, look.before_pt, look.after_pt,
                     keep_with_next=heading)

    def pages(self, paragraphs: list[Lines]) -> int:
        """How many pages the paragraphs fill, starting on a fresh page."""
        pages, used = 1, 0.0
        for index, paragraph in enumerate(paragraphs):
            if paragraph.keep_with_next and used and not self._fits_with_next(paragraphs, index, used):
                pages, used = pages + 1, 0.0
            left = paragraph.count
            while True:
                before = paragraph.before if used else 0.0
                room = int((self.text_height - used - before) // paragraph.height)
                if left <= room:
                    used += before + left * paragraph.height + paragraph.after
                    break
                placed = _lines_to_place(room, left, fresh_page=not used)
                left -= placed
                pages, used = pages + 1, 0.0
        return pages

    def _fits_with_next(self, paragraphs: list[Lines], index: int, used: float) -> bool:
        heading = paragraphs[index]
        need = heading.before + heading.count * heading.height + heading.after
        if index + 1 < len(paragraphs):
            following = paragraphs[index + 1]
            need += following.before + min(following.count, _LEAST_LINES) * following.height
        return used + need <= self.text_height


def _lines_to_place(room: int, left: int, fresh_page: bool) -> int:
    """Lines of a paragraph that go on this page when not all of it fits."""
    if fresh_page:
        return max(1, room)  # longer than a page: no rule can keep it together
    placed = min(room, left - _LEAST_LINES)
    return placed if placed >= _LEAST_LINES else 0


def article_paragraphs(model: PageModel, doc: Document) -> list[Lines]:
    """An article as a book chapter: title in Heading 1, bylines, blocks one heading level down."""
    meta = doc.meta
    paragraphs = [model.lines(heading_style_id(1), meta.title, heading=True)]
    paragraphs += [model.lines(BYLINE, line) for line in (meta.author, meta.date) if line]
    for block in doc.blocks:
        paragraphs.extend(_block_lines(model, block))
    return paragraphs


def _block_lines(model: PageModel, block: Block) -> Iterator[Lines]:
    if isinstance(block, Heading):
        yield model.lines(heading_style_id(block.level + 1), block_texts(block)[0], heading=True)
        return
    style = _BLOCK_STYLES.get(type(block), NORMAL)
    for text in block_texts(block):
        yield model.lines(style, text)


def contents_paragraphs(model: PageModel, heading: str, titles: list[str]) -> list[Lines]:
    # An entry is its title, then a dot leader and a page number of a few digits.
    # The one-point paragraph after them (docx_book._break_holder) is left out:
    # LibreOffice fits it on the last page even when the entries fill it.
    entries = [model.lines(TOC_1, f"{title} ....") for title in titles]
    return [model.lines(TOC_HEADING, heading, heading=True), *entries]


def estimated_first_pages(book: Book, theme: Theme, contents_heading: str, duplex: bool) -> list[int]:
    """The page each article of the book should start on: the title page is
    page 1, the contents follow, each article starts on a new page (with
    duplex, on the next odd one, see docx_book)."""
    model = PageModel(theme, style_looks(theme))
    titles = [doc.meta.title for doc in book.documents]
    contents_start = _next_start(1, duplex)
    last_page = contents_start + model.pages(contents_paragraphs(model, contents_heading, titles)) - 1
    starts = []
    for doc in book.documents:
        start = _next_start(last_page, duplex)
        starts.append(start)
        last_page = start + model.pages(article_paragraphs(model, doc)) - 1
    return starts


def _next_start(last_page: int, duplex: bool) -> int:
    page = last_page + 1
    return page + 1 if duplex and page % 2 == 0 else page

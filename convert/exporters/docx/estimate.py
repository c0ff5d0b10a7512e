"""Page estimates for a book's contents, before Word or LibreOffice lays it out.

The contents field carries a result with page numbers (toc.py). Word
recomputes them when the file opens; LibreOffice keeps the result as written
until the reader updates the index. So the numbers written are estimates of
the shared page model (text/pages.py), fed each paragraph in its style's
look (styles.style_looks). Indents of quotations and lists are ignored. A
paragraph ending right at the foot of a page can still put an estimate a
page out, and every later one with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Block, BlockQuote, Book, Document, Heading, ListBlock, block_texts
from ...text.pages import Lines, PageModel
from ...text.shown import shown_byline, shown_title
from ...theme import Theme
from .styles import (
    BYLINE,
    LIST_PARAGRAPH,
    NORMAL,
    QUOTE,
    TOC_1,
    TOC_HEADING,
    heading_style_id,
    style_looks,
)

_BLOCK_STYLES = {BlockQuote: QUOTE, ListBlock: LIST_PARAGRAPH}


def article_paragraphs(model: PageModel, doc: Document) -> list[Lines]:
    """An article as a book chapter: title in Heading 1, bylines, blocks one heading level down."""
    meta = doc.meta
    paragraphs = [model.lines(heading_style_id(1), shown_title(meta.title), heading=True)]
    paragraphs += [model.lines(BYLINE, line) for line in (shown_byline(meta.author), meta.date) if line]
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
    # The one-point paragraph after them (book._break_holder) is left out:
    # LibreOffice fits it on the last page even when the entries fill it.
    entries = [model.lines(TOC_1, f"{title} ....") for title in titles]
    return [model.lines(TOC_HEADING, heading, heading=True), *entries]


def estimated_first_pages(book: Book, theme: Theme, contents_heading: str, duplex: bool) -> list[int]:
    """The page each article of the book should start on: the title page is
    page 1, the contents follow, each article starts on a new page (with
    duplex, on the next odd one, see book.py)."""
    model = PageModel(theme, style_looks(theme))
    titles = [shown_title(doc.meta.title) for doc in book.documents]
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

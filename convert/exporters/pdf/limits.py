"""A page limit for PDF, checked before WeasyPrint lays anything out.

WeasyPrint keeps every laid-out page in memory until the file is written:
about 2 MB a page, so a 5 MB article (over 1,000 pages) would need well over
2 GB. The page count is estimated by the page model every format shares
(text/pages.py), so an oversized input is refused at once, with the figure.

The PDF gives each direction run a box of its own (bidi.py), and a box costs
about 19 KB of layout whatever its length: a token switching between Arabic
and Latin every three letters (100,000 letters: 33,000 boxes, 630 MB) costs
far more than its pages. So the direction runs count too, a hundred to a
page (about the 2 MB of a page); ordinary prose has a few on a page.
"""

from __future__ import annotations

from math import ceil

from ...errors import ConvertError
from ...model import Book, Document, block_texts
from ...text.direction import level_runs
from ...text.pages import estimate_article_pages
from ...theme import Theme

# Direction runs that cost the layout about as much as a page.
RUNS_PER_PAGE = 100


class TooManyPages(ConvertError):
    pass


def check_page_limit(pages: int, limit: int) -> None:
    if pages > limit:
        raise TooManyPages(
            f"too long for PDF: about {pages:,} pages (the limit is {limit:,}; --max-pages raises it)"
        )


def layout_pages(doc: Document, theme: Theme) -> int:
    """The pages an article costs to lay out: its estimated pages, or its
    direction runs counted a hundred to a page when they cost more."""
    texts = [doc.meta.title, *(text for block in doc.blocks for text in block_texts(block))]
    runs = sum(len(level_runs(text)) for text in texts)
    return max(estimate_article_pages(doc, theme), ceil(runs / RUNS_PER_PAGE))


# Contents lines a page holds, rounded down: the estimate errs on the long side.
_CONTENTS_LINES_PER_PAGE = 20


def estimate_book_pages(book: Book, theme: Theme, duplex: bool = False) -> int:
    """Title page, contents and every article, each starting on a page of its
    own; two-sided, each may need a blank page before it to open on a recto."""
    articles = sum(layout_pages(doc, theme) for doc in book.documents)
    contents = ceil(len(book.documents) / _CONTENTS_LINES_PER_PAGE)
    blanks = len(book.documents) if duplex else 0
    return 1 + contents + articles + blanks

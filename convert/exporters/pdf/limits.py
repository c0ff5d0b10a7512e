"""A page limit for PDF, checked before WeasyPrint lays anything out.

WeasyPrint keeps every laid-out page in memory until the file is written:
about 2 MB a page, so a 5 MB article (over 1,000 pages) would need well over
2 GB. The page count is estimated by the page model every format shares
(text/pages.py), so an oversized input is refused at once, with the figure.
"""

from __future__ import annotations

from math import ceil

from ...errors import ConvertError
from ...model import Book
from ...text.pages import estimate_article_pages
from ...theme import Theme


class TooManyPages(ConvertError):
    pass


def check_page_limit(pages: int, limit: int) -> None:
    if pages > limit:
        raise TooManyPages(
            f"too long for PDF: about {pages:,} pages (the limit is {limit:,}; --max-pages raises it)"
        )


# Contents lines a page holds, rounded down: the estimate errs on the long side.
_CONTENTS_LINES_PER_PAGE = 20


def estimate_book_pages(book: Book, theme: Theme, duplex: bool = False) -> int:
    """Title page, contents and every article, each starting on a page of its
    own; two-sided, each may need a blank page before it to open on a recto."""
    articles = sum(estimate_article_pages(doc, theme) for doc in book.documents)
    contents = ceil(len(book.documents) / _CONTENTS_LINES_PER_PAGE)
    blanks = len(book.documents) if duplex else 0
    return 1 + contents + articles + blanks

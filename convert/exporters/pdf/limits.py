"""A page limit for PDF, checked before WeasyPrint lays anything out.

WeasyPrint keeps every laid-out page in memory until the file is written:
about 2 MB a page, so a 5 MB article (over 1,000 pages) would need well over
2 GB. The page count is estimated from the text length and the theme's page
and type sizes, so an oversized input is refused at once, with the figure.
"""

from __future__ import annotations

from math import ceil

from ...errors import ConvertError
from ...model import Book, Document, document_texts
from ...theme import Theme

_POINTS_PER_MM = 72 / 25.4
# Measured on Amiri at 14 pt on A4 (the seed: 4 pages; a 280,000-character
# article: 106 pages), each rounded so the estimate errs on the long side:
_EM_PER_CHARACTER = 0.30  # the average advance of a character, spaces included
_LINES_PER_PARAGRAPH = 1.0  # a part-filled last line and the space after it
_TITLE_BLOCK_LINES = 5


class TooManyPages(ConvertError):
    pass


def _text_box_pt(theme: Theme) -> tuple[float, float]:
    width, height = theme.page.size_mm
    page = theme.page
    return ((width - page.margin_inner_mm - page.margin_outer_mm) * _POINTS_PER_MM,
            (height - page.margin_top_mm - page.margin_bottom_mm) * _POINTS_PER_MM)


def estimate_pages(doc: Document, theme: Theme) -> int:
    """Pages the article will take: its lines of text, one more per paragraph,
    the title block, over the lines a page holds."""
    width, height = _text_box_pt(theme)
    size = theme.fonts.size_pt
    characters_per_line = width / (_EM_PER_CHARACTER * size)
    lines_per_page = height / (size * theme.fonts.line_height)
    texts = document_texts(doc)
    lines = (sum(len(text) for text in texts) / characters_per_line
             + _LINES_PER_PARAGRAPH * len(texts) + _TITLE_BLOCK_LINES)
    return max(1, ceil(lines / lines_per_page))


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
    articles = sum(estimate_pages(doc, theme) for doc in book.documents)
    contents = ceil(len(book.documents) / _CONTENTS_LINES_PER_PAGE)
    blanks = len(book.documents) if duplex else 0
    return 1 + contents + articles + blanks

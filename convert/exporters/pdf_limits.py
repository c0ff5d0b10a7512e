"""A page limit for PDF, checked before WeasyPrint lays anything out.

WeasyPrint keeps every laid-out page in memory until the file is written:
about 2 MB a page, so a 5 MB article (over 1,000 pages) would need well over
2 GB. The page count is estimated from the text length and the theme's page
and type sizes, so an oversized input is refused at once, with the figure.
"""

from __future__ import annotations

from math import ceil

from ..errors import ConvertError
from ..model import Document, document_texts
from ..theme import Theme

_POINTS_PER_MM = 72 / 25.4
# Characters per page per (text area / (font size² × line height)), measured
# on Amiri at 14 pt on A4 (about 2,550 characters a page); rounded down so
# the estimate errs on the long side.
_DENSITY = 2.5


class TooManyPages(ConvertError):
    pass


def characters_per_page(theme: Theme) -> float:
    width, height = theme.page.size_mm
    page = theme.page
    text_width = (width - page.margin_inner_mm - page.margin_outer_mm) * _POINTS_PER_MM
    text_height = (height - page.margin_top_mm - page.margin_bottom_mm) * _POINTS_PER_MM
    size = theme.fonts.size_pt
    return _DENSITY * text_width * text_height / (size * size * theme.fonts.line_height)


def estimate_pages(doc: Document, theme: Theme) -> int:
    characters = len(doc.meta.title) + sum(len(text) for text in document_texts(doc))
    return max(1, ceil(characters / characters_per_page(theme)))


def check_page_limit(pages: int, limit: int) -> None:
    if pages > limit:
        raise TooManyPages(
            f"too long for PDF: about {pages:,} pages (the limit is {limit:,}; --max-pages raises it)"
        )

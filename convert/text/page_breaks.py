"""Where a print page starts in an article's text: what an EPUB's page list
needs to mark the print edition's page breaks (pageBreakMarkers).

A page starts in an article (the n-th of a book), either at its title or in
a block of its body, after so many letters of that block: letters, because
spaces collapse and kashida elongations and bidi marks are added by the PDF
alone, so they are counted in neither edition. The PDF finds the starts
(exporters/pdf/page_starts.py), the EPUB marks them (exporters/epub/page_list.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .kashida import TATWEEL


@dataclass(frozen=True)
class PageStart:
    number: int  # the page's number as printed (the page counter: 1 on the first page)
    article: int  # which article of the PDF, from 0
    block: int | None  # which block of the article's body, from 0; None: the article's title block
    letters: int  # letters of that block on earlier pages


def letter_count(text: str) -> int:
    """Characters as page breaks count them: not spaces, not tatweel, and not
    format characters (the bidi marks and isolates the PDF's level runs add)."""
    return sum(1 for char in text
               if not char.isspace() and char != TATWEEL and unicodedata.category(char) != "Cf")

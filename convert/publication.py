"""Store metadata: one reading of an article's or a book's metadata that
every format writes the same way (EPUB OPF, DOCX core properties, PDF Info
and XMP, the OPDS catalogue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Book, Document, Paragraph, inline_text
from .theme import Theme

_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A description longer than this is cut at a word: stores show a paragraph, not an article.
DESCRIPTION_LIMIT = 400


@dataclass(frozen=True)
class Publication:
    title: str
    creators: tuple[str, ...]
    language: str  # the article's BCP 47 tag, as its pages carry it (ar, fa, ar-EG…)
    date: str | None  # the article's date when written the W3C way (2024, 2024-03, 2024-03-15)
    description: str | None
    subjects: tuple[str, ...]
    series: str | None
    series_position: str | None
    isbn: str | None
    publisher: str | None

    @property
    def isbn_urn(self) -> str | None:
        return f"urn:isbn:{self.isbn}" if self.isbn else None


def publication(content: Document | Book, theme: Theme) -> Publication:
    """What a store lists for an article or a book set in theme (for its publisher)."""
    meta = content.meta
    return Publication(
        title=meta.title,
        creators=meta.creators,
        language=meta.lang,
        date=w3c_date(meta.date),
        description=meta.description or summary_text(content),
        subjects=meta.subjects,
        series=meta.series,
        series_position=meta.series_position,
        isbn=meta.isbn,
        publisher=theme.publishing.publisher or None,
    )


def w3c_date(date: str | None) -> str | None:
    """date when it is a W3C date (what dc:date and the catalogue need), else None."""
    return date if date and _W3C_DATE.match(date) else None


def summary_text(content: Document | Book, limit: int = DESCRIPTION_LIMIT) -> str | None:
    """What the article says first, or what the book holds: an article's
    first paragraph, a book's article titles; cut at a word with an ellipsis
    when longer than limit characters."""
    if isinstance(content, Book):
        text: str | None = "، ".join(doc.meta.title for doc in content.documents)
    else:
        paragraphs = (block for block in content.blocks if isinstance(block, Paragraph))
        text = next((inline_text(paragraph.inlines) for paragraph in paragraphs), None)
    return cut_at_word(text, limit) if text else text


def cut_at_word(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """text when it is limit characters or fewer, else cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ،,؛;:.")
    return cut + "…"

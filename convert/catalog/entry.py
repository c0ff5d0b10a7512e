"""What the catalogue says about one article or book."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from ..identifiers import book_identifier, content_identifier
from ..model import Book, Document
from ..options import Options
from ..publication import publication, summary_text


@dataclass(frozen=True)
class CatalogEntry:
    identifier: str  # urn:isbn when the article has an ISBN, else its content's urn:uuid
    title: str
    authors: tuple[str, ...]
    language: str
    updated: str  # when its outputs were written: xsd:dateTime in UTC
    date: str | None = None  # the article's own (W3C) date
    summary: str | None = None  # an article's first paragraph, a book's article titles
    description: str | None = None
    subjects: tuple[str, ...] = ()
    series: str | None = None
    series_position: str | None = None
    publisher: str | None = None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> CatalogEntry | None:
        """An entry as the store saved it; None for anything else (a store
        edited by hand or written by another version)."""
        if not isinstance(data, dict):
            return None
        known = {field.name for field in fields(cls)}
        values = {key: tuple(value) if isinstance(value, list) else value
                  for key, value in data.items() if key in known}
        try:
            entry = cls(**values)
        except TypeError:
            return None
        return entry if isinstance(entry.title, str) and isinstance(entry.identifier, str) else None


def catalog_entry(content: Document | Book, options: Options) -> CatalogEntry:
    store = publication(content, options.theme)
    identifier = book_identifier(content) if isinstance(content, Book) else content_identifier(content)
    return CatalogEntry(
        identifier=store.isbn_urn or identifier,
        title=store.title,
        authors=store.creators,
        language=store.language,
        updated=options.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        date=store.date,
        summary=summary_text(content),
        description=store.description,
        subjects=store.subjects,
        series=store.series,
        series_position=store.series_position,
        publisher=store.publisher,
    )

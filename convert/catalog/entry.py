"""What the catalogue says about one article or book."""

from __future__ import annotations

import re
from dataclasses import MISSING, asdict, dataclass, fields

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
        edited by hand or written by another version): each field of its
        type, every text one XML can hold."""
        if not isinstance(data, dict):
            return None
        values = {}
        for field in fields(cls):
            value = data.get(field.name, field.default)
            if value is MISSING:
                return None
            value = tuple(value) if isinstance(value, list) else value
            if not _of_type(value, field.type):
                return None
            values[field.name] = value
        return cls(**values)


# The fields' annotations (strings, under "from __future__ import
# annotations") and what each allows; a new kind of field must be added here.
_TEXT, _OPTIONAL_TEXT, _TEXTS = "str", "str | None", "tuple[str, ...]"
# Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab
# and line ends, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _is_text(value: object) -> bool:
    return isinstance(value, str) and not _NOT_XML.search(value)


def _of_type(value: object, kind: str) -> bool:
    if kind == _TEXTS:
        return isinstance(value, tuple) and all(map(_is_text, value))
    return _is_text(value) or (kind == _OPTIONAL_TEXT and value is None)


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

"""The identifier of an article or a book: a name-based UUID of its content.

The same content gives the same identifier wherever its file lies, so an
EPUB rebuilt from an unchanged article is the same book to a reading system
(which ties a reader's place and notes to it), and the catalogue's entry
for it keeps its id.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, fields, replace

from .model import STORE_FIELDS, Book, Document, Meta

# Identifiers are name-based UUIDs in this namespace: the same content, the same identifier.
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:convert-arabic:epub")
# Where the article is published and the section it runs in (the web's:
# issue 33) are not its content: giving them never makes it another book.
_NOT_CONTENT = ("url", "section")


# Newer fields left out when empty, as the JSON leaves them (pull_quotes).
_OMITTED_WHEN_EMPTY = tuple(field.name for field in fields(Meta) if field.metadata.get("omit_empty"))


def content_identifier(doc: Document) -> str:
    """urn:uuid from the article's content (not from where its file lies)."""
    return _identifier(_identified(doc))


def book_identifier(book: Book) -> str:
    """urn:uuid from the book's title, author and articles in order (not from where their files lie)."""
    data = asdict(replace(book, documents=()))
    data["documents"] = [_identified(doc) for doc in book.documents]
    return _identifier({"book": data})


def _identified(doc: Document) -> dict:
    """What identifies an article: everything but its place (its file, its
    url:, its section), its notes where it has none, and the store fields it
    leaves empty (an article written before they existed keeps its identifier)."""
    data = asdict(doc.with_meta(source=None), dict_factory=_without_empty_quote_inlines)
    if not data["notes"]:  # an article without notes keeps the identifier it had before notes existed
        del data["notes"]
    for name in (*STORE_FIELDS, *_OMITTED_WHEN_EMPTY):
        if not data["meta"][name]:
            del data["meta"][name]
    for name in _NOT_CONTENT:
        data["meta"].pop(name, None)
    return data


def _without_empty_quote_inlines(pairs: list[tuple[str, object]]) -> dict:
    """A model object's fields, a quotation's inlines left out when it has
    none (a quotation without markup keeps the identifier it had before them)."""
    quotation = any(name == "open_mark" for name, _ in pairs)
    return {name: value for name, value in pairs if not (quotation and name == "inlines" and not value)}


def _identifier(content: dict) -> str:
    # A picture's bytes count by their digest (default: only bytes reach it).
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, default=_bytes_digest)
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, canonical)}"


def _bytes_digest(value: object) -> str:
    if not isinstance(value, bytes):
        raise TypeError(f"{type(value).__name__} in a document")
    return "sha256:" + hashlib.sha256(value).hexdigest()

"""JSON: the document model itself, for golden tests and other tools.

Keys come in a fixed order (``type`` first, then the dataclass fields), so
the same article always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..model import Book, Document, Image
from ..options import Options

# 2: inlines may be Strong, Emphasis and Link (each holding inlines) and NoteRef
# besides Text and Quote; a document with notes has "notes" after "blocks".
# meta holds "url", "section" and "pull_quotes" (issue 33) only when the
# article gives them (fields marked omit_empty): the JSON of an article
# without them stays byte for byte what it was.
SCHEMA = "convert.document/2"
BOOK_SCHEMA = "convert.book/2"


def to_data(value: Any) -> Any:
    """Model objects as JSON-ready dicts and lists."""
    if isinstance(value, Image):
        return image_data(value)
    if is_dataclass(value):
        data: dict[str, Any] = {"type": type(value).__name__}
        # A field marked omit_empty (a newer one) is left out when empty: the
        # JSON of an article without it keeps its bytes.
        data.update({f.name: to_data(getattr(value, f.name)) for f in fields(value)
                     if getattr(value, f.name) or not f.metadata.get("omit_empty")})
        return data
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value


def _content(doc: Document) -> dict[str, Any]:
    """meta, blocks and (only where there are some: older outputs stay as they were) notes."""
    data = {"meta": to_data(doc.meta), "blocks": to_data(doc.blocks)}
    if doc.notes:
        data["notes"] = to_data(doc.notes)
    return data


def document_json(doc: Document) -> str:
    data = {"schema": SCHEMA, **_content(doc)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def book_json(book: Book) -> str:
    data = {
        "schema": BOOK_SCHEMA,
        "title": book.title,
        "author": book.author,
        "documents": [_content(doc) for doc in book.documents],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class JsonExporter:
    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"

    def export(self, doc: Document, target: Path, options: Options) -> None:
        target.write_text(document_json(doc), encoding="utf-8")

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        target.write_text(book_json(book), encoding="utf-8")


def image_data(image: Image) -> dict[str, Any]:
    """A picture without its bytes (the JSON describes the document, the
    other formats carry the pictures): the path typed, its media type and
    size after cleaning (reading/images.py), and the SHA-256 of those bytes."""
    return {"type": "Image", "source": image.source, "media_type": image.media_type,
            "width": image.width, "height": image.height, "sha256": hashlib.sha256(image.data).hexdigest()}

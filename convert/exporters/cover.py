"""The cover of an article or a book as files of their own, for the
catalogue (--catalog): the EPUB's cover, and a thumbnail of it that an
e-reader's shelf and the index page show.

Not formats a reader asks for with --to: the catalogue adds them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

from PIL import Image

from ..model import Book, Document, Meta
from ..options import Options
from .epub.exporter import cover_image

# 1:1.6 like the cover; OPDS clients show thumbnails about this size.
THUMBNAIL_SIZE = (200, 320)


class CoverExporter:
    name: ClassVar[str] = "cover"
    suffix: ClassVar[str] = ".cover.png"

    def export(self, doc: Document, target: Path, options: Options) -> None:
        target.write_bytes(cover_image(doc.meta, options.theme))

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        target.write_bytes(cover_image(book.meta, options.theme))


class ThumbnailExporter:
    name: ClassVar[str] = "thumbnail"
    suffix: ClassVar[str] = ".thumb.png"

    def export(self, doc: Document, target: Path, options: Options) -> None:
        target.write_bytes(thumbnail_png(doc.meta, options))

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        target.write_bytes(thumbnail_png(book.meta, options))


def thumbnail_png(meta: Meta, options: Options) -> bytes:
    """The cover, scaled down smoothly (the title stays legible at shelf size)."""
    with Image.open(io.BytesIO(cover_image(meta, options.theme))) as cover:
        small = cover.convert("RGB").resize(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

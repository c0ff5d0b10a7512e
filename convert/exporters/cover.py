"""The cover of an article or a book as files of their own, for the
catalogue (--catalog): the EPUB's cover, and a thumbnail of it that an
e-reader's shelf and the index page show.

Not formats a reader asks for with --to: the catalogue adds them.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from ..errors import ConvertError
from ..model import Book, Document, Meta
from ..options import Options
from ..text.shown import shown_byline, shown_title
from .epub.cover import draw_cover
from .epub.exporter import cover_image, cover_style

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
    """The cover drawn afresh at twice the thumbnail's size (the layout scales
    with the size), then halved: smooth letters, and a hundredth of the work
    of scaling the full cover down."""
    style = replace(cover_style(options.theme), size=(THUMBNAIL_SIZE[0] * 2, THUMBNAIL_SIZE[1] * 2))
    try:
        small = draw_cover(shown_title(meta.title), shown_byline(meta.author), style).reduce(2)
    except OSError as error:  # Pillow cannot read the theme's font file
        raise ConvertError(f"thumbnail: cannot draw with {style.title_font}: {error}") from None
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

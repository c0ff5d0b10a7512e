"""Whether two PDFs draw the same pages, to a reader's eye.

A glyph drawn from a font and the same outline filled as a path are the
same shape at the same place, but rasterizers treat them apart (glyph
caches position glyphs to a fraction of a pixel, hinting snaps stems), so
their edges differ by a shade. Pages are rendered by MuPDF at 600 dpi,
brought down to 150 dpi and softened by a pixel: what remains of an edge
shade is a few grey levels, while a glyph moved or changed by a quarter of
a point leaves a difference of more than ALIKE (tests show both sides).
"""

from __future__ import annotations

from pathlib import Path

ALIKE = 64  # grey levels out of 255


def page_images(pdf: Path) -> list:
    import numpy
    import pymupdf
    from PIL import Image, ImageFilter

    images = []
    with pymupdf.open(str(pdf)) as document:
        for page in document:
            pixmap = page.get_pixmap(dpi=600, colorspace="gray")
            image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
            image = image.resize((image.width // 4, image.height // 4), Image.BOX)
            images.append(numpy.asarray(image.filter(ImageFilter.GaussianBlur(1)), dtype=int))
    return images


def drawing_difference(first: Path, second: Path) -> int:
    """The largest difference, in grey levels, between the two PDFs' pages
    (255 when they have not the same number of pages)."""
    ours, theirs = page_images(first), page_images(second)
    if len(ours) != len(theirs):
        return 255
    return max(int(abs(a - b).max()) for a, b in zip(ours, theirs, strict=True))

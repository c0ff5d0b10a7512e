"""Palette PNGs deflated a band at a time (convert/exporters/epub/band_png.py).

The file must be a PNG any decoder reads as exactly the drawn picture: the
checks decode it with Pillow, and inflate the zlib stream with zlib itself,
which verifies the joined Adler-32 checksum.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from convert.exporters.epub.band_png import BAND_ROWS, adler32_join, band_span, palette_png

PALETTE = [value for index in range(256) for value in (index, 255 - index, index // 2)]


def chunks(png: bytes) -> dict[bytes, bytes]:
    """The PNG's chunks by type (IDATs joined), each CRC checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found: dict[bytes, bytes] = {}
    position = 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        kind, data = png[position + 4:position + 8], png[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        found[kind] = found.get(kind, b"") + data
        position += 12 + length
    return found


def ground_of(size: tuple[int, int]) -> Image.Image:
    ground = Image.new("L", size, 127)
    ImageDraw.Draw(ground).rectangle([3, 3, size[0] - 4, size[1] - 4], outline=0, width=2)
    return ground


def png_of(indexes: Image.Image, ground: Image.Image, rows: tuple[int, int]) -> bytes:
    """The PNG with the bands holding rows (top, bottom) taken from indexes."""
    top, bottom = band_span(*rows, ground.height)
    return palette_png(indexes.crop((0, top, indexes.width, bottom)), top, PALETTE, ground)


def assert_reads_back(indexes: Image.Image, ground: Image.Image, rows: tuple[int, int]) -> None:
    png = png_of(indexes, ground, rows)
    decoded = Image.open(io.BytesIO(png))
    decoded.load()
    assert decoded.mode == "P" and decoded.size == indexes.size
    assert decoded.tobytes() == indexes.tobytes()
    assert decoded.getpalette() == PALETTE
    # zlib checks the stream's Adler-32; every row starts with filter byte 0.
    rows = zlib.decompress(chunks(png)[b"IDAT"])
    width = indexes.width
    assert rows[::width + 1] == bytes(indexes.height)
    assert b"".join(rows[i + 1:i + 1 + width] for i in range(0, len(rows), width + 1)) == indexes.tobytes()


def joined(first: bytes, second: bytes) -> int:
    return adler32_join(zlib.adler32(first), zlib.adler32(second), len(second))


@given(st.binary(max_size=3000), st.binary(max_size=3000))
def test_joined_checksum_equals_the_checksum_of_the_whole(first: bytes, second: bytes) -> None:
    assert joined(first, second) == zlib.adler32(first + second)


def test_long_runs_of_high_bytes_wrap_the_checksum() -> None:
    first, second = b"\xff" * 100_000, b"\xfe" * 70_000
    assert joined(first, second) == zlib.adler32(first + second)


def test_nothing_drawn_is_the_ground_itself() -> None:
    ground = ground_of((90, 5 * BAND_ROWS + 7))
    assert_reads_back(ground.copy(), ground, (0, 0))


def test_spans_widen_to_whole_bands_and_stop_at_the_last_row() -> None:
    assert band_span(BAND_ROWS + 1, 2 * BAND_ROWS + 1, 100) == (BAND_ROWS, 3 * BAND_ROWS)
    assert band_span(0, 99, 100) == (0, 100)
    ground = ground_of((20, 100))
    with pytest.raises(ValueError):
        palette_png(ground.crop((0, 1, 20, BAND_ROWS)), 1, PALETTE, ground)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 89), st.integers(0, 86), st.integers(1, 40), st.integers(1, 40),
                          st.integers(0, 255)), min_size=1, max_size=4))
def test_anything_drawn_anywhere_reads_back_exactly(boxes) -> None:
    """The first and last bands (the last one short), the middle, several places."""
    ground = ground_of((90, 87))
    indexes = ground.copy()
    canvas = ImageDraw.Draw(indexes)
    for left, top, width, height, value in boxes:
        canvas.rectangle([left, top, left + width, top + height], fill=value)
    rows = (min(box[1] for box in boxes), max(box[1] + box[3] for box in boxes) + 1)
    assert_reads_back(indexes, ground, rows)


def test_ground_bands_are_deflated_once_and_reused() -> None:
    ground = ground_of((64, 8 * BAND_ROWS))
    first, second = ground.copy(), ground.copy()
    ImageDraw.Draw(first).text((10, 2 * BAND_ROWS), "1", fill=255)
    ImageDraw.Draw(second).text((10, 2 * BAND_ROWS), "2", fill=255)
    drawn_rows = (2 * BAND_ROWS, 3 * BAND_ROWS)
    one, two = (png_of(image, ground, drawn_rows) for image in (first, second))
    assert one != two
    # The rows after the drawn band are the same deflated bytes in both files.
    tail = png_of(ground, ground, (0, 0))
    shared = chunks(tail)[b"IDAT"][-40:-6]
    assert shared in chunks(one)[b"IDAT"] and shared in chunks(two)[b"IDAT"]

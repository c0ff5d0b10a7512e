"""Palette PNGs of pictures drawn over a shared ground, deflated a band at a time.

Every cover of one size is drawn on the same ground (colour and frame); only
the rows where its title, rule and author go differ. Deflating all 1600 x
2560 pixels took about 10 ms a cover, most of it spent on rows every cover
shares. So the ground is deflated once per process, in bands of rows, and
each picture deflates only the bands it drew on.

A PNG holds one zlib stream over its rows, each row led by a filter byte
(PNG spec, sections 9 and 10). Separately deflated pieces join into one
stream when each ends on a byte boundary without closing the stream (a sync
flush) and the whole ends with an empty final block; the stream's Adler-32
checksum is combined from the pieces' own (adler32_join).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from PIL import Image

BAND_ROWS = 16
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x9c"  # deflate, 32 KB window, no preset dictionary
_FINAL_EMPTY_BLOCK = zlib.compressobj(wbits=-15).flush()  # closes the raw deflate stream
_ADLER_MODULUS = 65521
_PALETTE_COLOUR_TYPE = 3


@dataclass(frozen=True)
class Piece:
    """Deflated rows (ending on a byte boundary) with what joining them needs."""

    deflated: bytes
    adler: int  # Adler-32 of the filtered rows
    length: int  # bytes of filtered rows


# Ground bands deflated so far, by the ground's identity (the ground is kept
# alive here so its id is never reused): ground -> band number -> piece.
_ground_pieces: dict[int, tuple[Image.Image, dict[int, Piece]]] = {}


def band_span(top: int, bottom: int, height: int) -> tuple[int, int]:
    """Rows top..bottom widened to whole bands (the last band may be short)."""
    return top // BAND_ROWS * BAND_ROWS, min(-(-bottom // BAND_ROWS) * BAND_ROWS, height)


def palette_png(drawn: Image.Image, top: int, palette: list[int], ground: Image.Image) -> bytes:
    """A PNG of ground (mode L, each value a palette index) with drawn (rows
    top.. of the picture, a span of whole bands from band_span) laid over it,
    in palette's colours (flat RGB values)."""
    width, height = ground.size
    bottom = top + drawn.height
    whole_bands = band_span(top, bottom, height) == (top, bottom)
    if drawn.mode != "L" or ground.mode != "L" or drawn.width != width or not whole_bands:
        raise ValueError("drawn must be whole bands of an L image as wide as the ground")
    bands = -(-height // BAND_ROWS)
    pieces = [_ground_piece(ground, band) for band in range(top // BAND_ROWS)]
    if drawn.height:
        pieces.append(deflate_rows(drawn, 0, drawn.height, zlib.Z_RLE))
    pieces += [_ground_piece(ground, band) for band in range(-(-bottom // BAND_ROWS), bands)]
    header = struct.pack(">IIBBBBB", width, height, 8, _PALETTE_COLOUR_TYPE, 0, 0, 0)
    return b"".join([_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(palette)),
                     _chunk(b"IDAT", _zlib_stream(pieces)), _chunk(b"IEND", b"")])


def deflate_rows(image: Image.Image, top: int, bottom: int, strategy: int = zlib.Z_DEFAULT_STRATEGY) -> Piece:
    """Rows top..bottom of an 8-bit image, each led by its filter byte, deflated."""
    whole = (top, bottom) == (0, image.height)
    pixels = image.tobytes() if whole else image.crop((0, top, image.width, bottom)).tobytes()
    return _deflated(pixels, image.width, strategy)


def _deflated(pixels: bytes, width: int, strategy: int = zlib.Z_DEFAULT_STRATEGY) -> Piece:
    """Rows of width bytes, each led by 0 (the filter byte None), deflated."""
    view = memoryview(pixels)
    filtered = b"\0" + b"\0".join(view[start:start + width] for start in range(0, len(pixels), width))
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15, 9, strategy)
    deflated = compressor.compress(filtered) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return Piece(deflated, zlib.adler32(filtered), len(filtered))


def adler32_join(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from theirs.

    Adler-32 keeps A = 1 + the sum of the bytes and B = the sum of A after
    each byte. Appending n bytes adds their sum less the 1 they started from
    to A, and to B their own B plus n times what A had grown to before them.
    """
    a_first, b_first = first & 0xFFFF, first >> 16
    a_second, b_second = second & 0xFFFF, second >> 16
    a = (a_first + a_second - 1) % _ADLER_MODULUS
    b = (b_first + b_second + second_length * (a_first - 1)) % _ADLER_MODULUS
    return (b << 16) | a


def _ground_piece(ground: Image.Image, band: int) -> Piece:
    kept = _ground_pieces.get(id(ground))
    if kept is None or kept[0] is not ground:
        kept = _ground_pieces[id(ground)] = (ground, _ground_bands(ground))
    return kept[1][band]


def _ground_bands(ground: Image.Image) -> dict[int, Piece]:
    """Every band of the ground, deflated: bands of the same pixels (all but
    the few the frame's top and bottom cross) share one piece, deflated once."""
    pixels, band_bytes = ground.tobytes(), BAND_ROWS * ground.width
    by_pixels: dict[bytes, Piece] = {}
    pieces = {}
    for band in range(-(-ground.height // BAND_ROWS)):
        rows = pixels[band * band_bytes:(band + 1) * band_bytes]
        if rows not in by_pixels:
            by_pixels[rows] = _deflated(rows, ground.width)
        pieces[band] = by_pixels[rows]
    return pieces


def _zlib_stream(pieces: list[Piece]) -> bytes:
    adler = 1  # the Adler-32 of nothing
    for piece in pieces:
        adler = adler32_join(adler, piece.adler, piece.length)
    body = b"".join(piece.deflated for piece in pieces)
    return _ZLIB_HEADER + body + _FINAL_EMPTY_BLOCK + struct.pack(">I", adler)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

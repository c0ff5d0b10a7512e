"""Reproducible zip archives (DOCX and EPUB are zip packages).

Every entry gets the same timestamp and no operating-system attributes, in
the order given, so the same content always gives the same bytes. The last
blobs deflated are remembered by content: a batch embeds the same font
files in every DOCX (and mostly the same font subsets in every EPUB), and
compressing them once instead of once a document is most of the cost of
writing one; most small parts (styles, settings, stylesheets) are the same
in every document too. The memory stays bounded however long the batch.
"""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

STORED, DEFLATED = 0, 8
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<IHHHHIIH")
_VERSION = 20  # 2.0: deflate, no zip64
_UTF8_NAMES = 0x0800
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Blobs up to 2 MB are remembered (not the text of a very long article, met
# once): the last 32 large ones (fonts, font subsets) and the last 64 small
# ones (XML parts, stylesheets), so at most 66 MB.
_CACHE_FROM_BYTES = 32 * 1024
_CACHE_UP_TO_BYTES = 2 * 1024 * 1024
_CACHED_BLOBS = 32
_CACHED_SMALL_BLOBS = 64
_FAST_FROM_BYTES = 256 * 1024
# (crc, size) -> (data, deflated), least recently used first.
_compressed: OrderedDict[tuple[int, int], tuple[bytes, bytes]] = OrderedDict()
_compressed_small: OrderedDict[tuple[int, int], tuple[bytes, bytes]] = OrderedDict()
# id(data) -> (data, crc): data is kept alive, so its id names it alone.
_checksums: OrderedDict[int, tuple[bytes, int]] = OrderedDict()


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes
    compress: bool = True


def zip_bytes(entries: Iterable[Entry], when: datetime) -> bytes:
    """The archive of entries, each stamped `when` (clamped to 1980, zip's epoch)."""
    dos_time, dos_date = _dos_stamp(when)
    # The pieces are joined once at the end: each payload (a font is 400 KB)
    # is copied once, not once for every concatenation.
    body: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0 if entry.name.isascii() else _UTF8_NAMES
        method = DEFLATED if entry.compress else STORED
        crc = _checksum(entry.data)
        payload = _deflated(entry.data, crc) if entry.compress else entry.data
        fields = (flags, method, dos_time, dos_date, crc, len(payload), len(entry.data), len(name))
        central = _CENTRAL_HEADER.pack(0x02014B50, _VERSION, _VERSION, *fields, 0, 0, 0, 0, 0, offset)
        directory += (central, name)
        local = _LOCAL_HEADER.pack(0x04034B50, _VERSION, *fields, 0)
        body += (local, name, payload)
        offset += len(local) + len(name) + len(payload)
    count = len(directory) // 2
    size = sum(len(piece) for piece in directory)
    end = _END_RECORD.pack(0x06054B50, 0, 0, count, count, size, offset, 0)
    return b"".join([*body, *directory, end])


def _checksum(data: bytes) -> int:
    """The CRC-32 of data; a large blob met again as the same object (the
    font parts of documents copied from one template) is not read again."""
    if not _CACHE_FROM_BYTES <= len(data) <= _CACHE_UP_TO_BYTES:
        return zlib.crc32(data)
    key = id(data)
    kept = _checksums.get(key)
    if kept is None or kept[0] is not data:
        kept = _checksums[key] = (data, zlib.crc32(data))
        if len(_checksums) > _CACHED_BLOBS:
            _checksums.popitem(last=False)
    _checksums.move_to_end(key)
    return kept[1]


def _deflated(data: bytes, crc: int) -> bytes:
    if len(data) > _CACHE_UP_TO_BYTES:
        return _raw_deflate(data)
    large = len(data) >= _CACHE_FROM_BYTES
    cache, limit = (_compressed, _CACHED_BLOBS) if large else (_compressed_small, _CACHED_SMALL_BLOBS)
    # The checksum the entry needs anyway finds the candidate; comparing the
    # bytes (a memory compare) makes sure it is the same content.
    key = (crc, len(data))
    cached = cache.get(key)
    if cached is None or cached[0] != data:
        cached = cache[key] = (data, _raw_deflate(data))
        if len(cache) > limit:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return cached[1]


def _raw_deflate(data: bytes) -> bytes:
    # Whole font files (DOCX embeds them) are dense already: the fastest level
    # leaves them 5% bigger than the default level in under half the time,
    # time a batch waits for before its first document.
    level = 1 if len(data) >= _FAST_FROM_BYTES else 6
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
    return compressor.compress(data) + compressor.flush()


def _dos_stamp(when: datetime) -> tuple[int, int]:
    year, month, day, hour, minute, second = max(_ZIP_EPOCH, when.timetuple()[:6])
    year = min(year, 2107)  # the last year a DOS date can hold
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day

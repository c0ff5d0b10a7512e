"""The reproducible zip writer shared by DOCX and EPUB."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime

import pytest

from convert.zipwriter import Entry, zip_bytes

WHEN = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_round_trip_through_the_standard_library() -> None:
    big = os.urandom(100_000) + b"a" * 100_000
    entries = [Entry("mimetype", b"application/epub+zip", compress=False),
               Entry("word/document.xml", "<w:t>نص</w:t>".encode()), Entry("fonts/font1.odttf", big),
               Entry("صور/غلاف.png", b"\x89PNG")]
    with zipfile.ZipFile(io.BytesIO(zip_bytes(entries, WHEN))) as archive:
        assert archive.testzip() is None
        assert [info.filename for info in archive.infolist()] == [entry.name for entry in entries]
        assert all(archive.read(entry.name) == entry.data for entry in entries)
        infos = archive.infolist()
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[2].compress_type == zipfile.ZIP_DEFLATED and infos[2].compress_size < len(big)
        assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}
        assert {info.external_attr for info in infos} == {0}


def test_same_entries_same_bytes_and_mimetype_first() -> None:
    entries = [Entry("mimetype", b"application/epub+zip", compress=False), Entry("a.xml", b"<a/>" * 100)]
    first = zip_bytes(entries, WHEN)
    assert first == zip_bytes(entries, WHEN)
    assert first[30:38] == b"mimetype" and first[38:58] == b"application/epub+zip"


def test_dates_before_1980_are_clamped() -> None:
    data = zip_bytes([Entry("a", b"x")], datetime(1970, 1, 1, tzinfo=UTC))
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


@pytest.mark.parametrize("size", [2_000, 200_000], ids=["small", "large"])
def test_cached_deflate_is_never_served_for_other_bytes(monkeypatch, size: int) -> None:
    """Entries are remembered by checksum and size; bytes that collide on
    both (forced here) still get their own deflated data."""
    import zlib

    import convert.zipwriter as zipwriter

    first, second = os.urandom(size), os.urandom(size)
    for data in (first, second, first):
        with monkeypatch.context() as patch:
            patch.setattr(zipwriter.zlib, "crc32", lambda data: 1234)
            archive = zip_bytes([Entry("font.odttf", data)], WHEN)
        # The one entry's deflated bytes follow its 30-byte header and name.
        info = zipfile.ZipFile(io.BytesIO(archive)).infolist()[0]
        start = 30 + len(info.filename)
        assert zlib.decompress(archive[start:start + info.compress_size], -15) == data


@pytest.mark.parametrize(("size", "cache", "limit"), [
    (40_000, "_compressed", "_CACHED_BLOBS"), (4_000, "_compressed_small", "_CACHED_SMALL_BLOBS"),
], ids=["large", "small"])
def test_remembered_blobs_stay_few(size: int, cache: str, limit: str, monkeypatch) -> None:
    """A long batch of distinct entries (font subsets, article texts) keeps a
    bounded number in memory, and the one in use again is deflated once."""
    import convert.zipwriter as zipwriter

    kept = os.urandom(size)
    deflated = []
    raw_deflate = zipwriter._raw_deflate
    monkeypatch.setattr(zipwriter, "_raw_deflate", lambda data: deflated.append(data) or raw_deflate(data))
    rounds = 3 * getattr(zipwriter, limit)
    for _ in range(rounds):
        zip_bytes([Entry("kept.ttf", kept), Entry("other.ttf", os.urandom(size))], WHEN)
    assert len(getattr(zipwriter, cache)) <= getattr(zipwriter, limit)
    assert sum(data is kept or data == kept for data in deflated) <= 1
    assert len(deflated) >= rounds

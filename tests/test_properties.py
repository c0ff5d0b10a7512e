"""Property tests: random text, weighted towards Arabic, through the reader
and every exporter.

Whatever the text, the reader either builds a document or raises InputError,
and every exporter writes a file that is well-formed and holds the text.
A quick profile runs by default; the deep one (1,000 examples per exporter)
is marked ``deep`` and run by CI (`pytest -m deep`).
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import squash
from extract import text_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert.errors import InputError
from convert.exporters import get_exporter
from convert.model import Document, document_texts
from convert.options import Options
from convert.reading.reader import read_bytes
from convert.reading.transforms import prepare

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
ARABIC_MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
ARABIC_DIGITS = [chr(c) for c in range(0x0660, 0x066A)]
LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
PUNCTUATION = list(".,:;!?()[]{}<>&\"'«»“”-/\\%$#@*_=+|~`^") + ["،", "؛", "؟", "]]>", "&amp;", "</p>"]
CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\u202e", "\u202a", "\u2066", "\u2067", "\u2069", "\u200d",
            "\u200c", "\u200f", "\u200e", "\u061c", "\ufeff", "\ufefb", "\ufe8d", "\ufffe"]
SPACING = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n"]

# Weights: mostly Arabic words, some Latin and digits, a little of the rest.
CHARACTERS = st.one_of(
    st.sampled_from(ARABIC_LETTERS), st.sampled_from(ARABIC_LETTERS), st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(ARABIC_LETTERS), st.sampled_from(SPACING), st.sampled_from(SPACING),
    st.sampled_from(ARABIC_MARKS), st.sampled_from(LATIN), st.sampled_from(ARABIC_DIGITS),
    st.sampled_from(PUNCTUATION), st.sampled_from(CONTROLS),
)
ARTICLES = st.lists(CHARACTERS, max_size=400).map("".join)
FORMATS = ["json", "html", "pdf", "docx", "epub"]
QUICK = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
DEEP = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))


def read_or_none(text: str) -> Document | None:
    try:
        return prepare(read_bytes(text.encode("utf-8"), "random.txt").document, OPTIONS)
    except InputError:
        return None


OPTIONS = Options()


def visible_texts(doc: Document) -> list[str]:
    """The text each format must hold, without white space (layouts re-wrap it)."""
    texts = [doc.meta.title, *document_texts(doc)]
    return [squash(text) for text in texts if squash(text)]


def extracted(fmt: str, path: Path) -> str | None:
    """The text of a produced file, after checking it is well-formed; None for PDF."""
    if fmt == "pdf":
        assert path.read_bytes().startswith(b"%PDF-")
        return None
    if fmt == "html":  # polyglot: it must parse as XML too
        etree.fromstring(path.read_text(encoding="utf-8").split("\n", 1)[1].encode())
    if fmt in ("docx", "epub"):  # every XML part well-formed
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".xhtml", ".opf", ".ncx", ".rels")):
                    etree.fromstring(archive.read(name))
    return squash(text_of(path))


def check_format(fmt: str, text: str) -> None:
    doc = read_or_none(text)
    if doc is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"out{get_exporter(fmt).suffix}"
        get_exporter(fmt).export(doc, target, OPTIONS)
        content = extracted(fmt, target)
    if content is not None:
        for expected in visible_texts(doc):
            assert expected in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_random_text_through_every_exporter(fmt: str) -> None:
    QUICK(given(ARTICLES)(lambda text: check_format(fmt, text)))()


@pytest.mark.deep
@pytest.mark.parametrize("fmt", FORMATS)
def test_random_text_through_every_exporter_deep(fmt: str) -> None:
    DEEP(given(ARTICLES)(lambda text: check_format(fmt, text)))()


@QUICK
@given(ARTICLES)
def test_reader_builds_a_document_or_refuses_clearly(text: str) -> None:
    try:
        doc = read_bytes(text.encode("utf-8"), "random.txt").document
    except InputError as error:
        assert str(error).startswith("random.txt: ")
        assert "\n" not in str(error)
        return
    assert doc.meta.title.strip()
    assert not set(doc.meta.title + "".join(document_texts(doc))) & set("\x00\x07\x1b\u202e\u202a\ufffe")

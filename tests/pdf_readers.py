"""What a reader gets when copying or searching a PDF, in each viewer family.

Four independent text extractors, the ones the common viewers are built on:
poppler (pdftotext: Evince, Okular), PDFium (pypdfium2: Chrome, Edge),
MuPDF (PyMuPDF: SumatraPDF, zathura) and pypdf. For an article they give:
- match: the share of extracted words that are words of the article (or of
  what the PDF adds: page numbers, list bullets);
- recall: the share of the article's distinct words of three letters or
  more that the extraction has;
- stray: characters extracted that the article does not have (a glyph that
  stands for nothing comes back as its raw code in PDFium and MuPDF);
and PDFium's own search (Chrome's Ctrl+F) for words drawn from the article.
Words are compared in NFC, as Unicode says equal text is equal.
"""

from __future__ import annotations

import random
import re
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")
# What a reader does not see: white space and the invisible bidi marks the
# text layer has where a viewer needs one (engine_fixes/copy_text).
INVISIBLE = frozenset(" \n\t\r\f\xa0\u200c\u200d\u200e\u200f\u061c"
                      "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\ufeff")
FLOOR = 0.97


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(unicodedata.normalize("NFC", text)) if len(word) >= 2]


def poppler(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdfium(pdf: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def mupdf(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(str(pdf)) as document:
        return "\n".join(page.get_text() for page in document)


def pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


EXTRACTORS: dict[str, Callable[[Path], str]] = {"poppler": poppler, "pdfium": pdfium, "mupdf": mupdf,
                                                 "pypdf": pypdf}


@dataclass(frozen=True)
class Reading:
    """One extractor's reading of one PDF, against the text it should find."""

    match: float
    recall: float
    stray: frozenset[str]
    unknown: tuple[str, ...]  # extracted words the article does not have
    missing: tuple[str, ...]  # the article's words not extracted

    @property
    def whole(self) -> bool:
        return self.match >= FLOOR and self.recall >= FLOOR and not self.stray


def reading(extracted: str, expected: str, added: str = "") -> Reading:
    """Compare an extraction with the text the PDF shows (expected) and what
    it may add besides (page numbers, bullets)."""
    text = unicodedata.normalize("NFC", extracted)
    vocabulary = set(words(expected + "\n" + added))
    distinct = sorted({word for word in words(expected) if len(word) >= 3})
    got = words(text)
    have = set(got)
    allowed = set(unicodedata.normalize("NFC", expected + added)) | INVISIBLE
    return Reading(
        match=sum(word in vocabulary for word in got) / max(1, len(got)),
        recall=sum(word in have for word in distinct) / max(1, len(distinct)),
        stray=frozenset(character for character in text
                        if character not in allowed and not character.isdigit()),
        unknown=tuple(word for word in got if word not in vocabulary),
        missing=tuple(word for word in distinct if word not in have),
    )


def search_words(expected: str, count: int = 40, seed: int = 1) -> list[str]:
    distinct = sorted({word for word in words(expected) if len(word) >= 3})
    return random.Random(seed).sample(distinct, min(count, len(distinct)))


def pdfium_finds(pdf: Path, wanted: list[str]) -> list[str]:
    """The words PDFium's text search (Chrome's Ctrl+F) finds on some page."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [page.get_textpage() for page in document]
        return [word for word in wanted if any(page.search(word).get_next() for page in pages)]
    finally:
        document.close()


def reading_direction(pdf: Path) -> tuple[str, str]:
    """The catalog's /ViewerPreferences /Direction as pypdf and MuPDF read it."""
    import pymupdf
    from pypdf import PdfReader

    by_pypdf = PdfReader(pdf).trailer["/Root"]["/ViewerPreferences"]["/Direction"]
    with pymupdf.open(str(pdf)) as document:
        kind, by_mupdf = document.xref_get_key(document.pdf_catalog(), "ViewerPreferences/Direction")
    return str(by_pypdf), by_mupdf

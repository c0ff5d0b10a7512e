"""Qur'anic quotations in the outputs: their markup, their stylesheet, and
their face: the theme's ``[fonts] quran`` where it is installed (fonts/, a
font package, the system's fonts: Amiri Quran comes with Debian's
fonts-hosny-amiri), else the body face. The reader's side is reading/quran.py."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .fonts import find_fallback_font
from .model import Book, Document, document_texts, note_texts
from .reading.quran import has_quotation

# The rules of quotations (styles/), in a stylesheet only where a page has one.
QURAN_STYLESHEET = "quran.css"


def quran_family(quran: str, body: str) -> str:
    """The family quotations are set in: quran if installed, else body."""
    return quran if quran_path(quran, body) is not None else body


def quran_path(quran: str, body: str) -> Path | None:
    """The regular face of the quran family, or None when it is the body's or not installed."""
    return None if quran == body else find_fallback_font(quran)


def quran_html(text: str) -> str:
    """A quotation's markup (HTML, EPUB, PDF): a span the stylesheets set in
    the Qur'an face, never elongated or broken inside a word (base.css, print.css)."""
    return f'<span class="quran" lang="ar">{escape(text)}</span>'


def has_quotations(content: Document | Book) -> bool:
    """Whether any article of content quotes the Qur'an (in its text or notes)."""
    documents = content.documents if isinstance(content, Book) else (content,)
    return any(has_quotation(text) for doc in documents for text in (*document_texts(doc), *note_texts(doc)))

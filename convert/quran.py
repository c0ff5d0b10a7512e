"""Qur'anic quotations in the outputs: their markup, their stylesheet, and
their face: the theme's ``[fonts] quran`` where it is installed (fonts/, a
font package, the system's fonts: Amiri Quran comes with Debian's
fonts-hosny-amiri), else the body face. The reader's side is reading/quran.py."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from .fonts import find_fallback_font
from .model import Book, Document, document_texts, note_texts
from .reading.quran import QUOTATION, has_quotation

# The rules of quotations (styles/), in a stylesheet only where a page has one.
QURAN_STYLESHEET = "quran.css"
QURAN_PRINT_STYLESHEET = "quran-print.css"  # the PDF's own rules for them
# What a line never breaks inside: a word, the space after it and the pause
# signs (U+06D6-U+06DC) typed after that space, or the end-of-ayah sign, its
# verse number and what follows up to the next space (the closing bracket).
# No line then starts with a pause sign or an end-of-ayah sign.
_BOUND = re.compile("[^\\s\ufd3f]+ +(?:[\u06d6-\u06dc]+|\u06dd\\S*)")


def quran_family(quran: str, body: str) -> str:
    """The family quotations are set in: quran if installed, else body."""
    return quran if quran_path(quran, body) is not None else body


def quran_path(quran: str, body: str) -> Path | None:
    """The regular face of the quran family, or None when it is the body's or not installed."""
    return None if quran == body else find_fallback_font(quran)


def quran_html(text: str) -> str:
    """A quotation's markup (HTML, EPUB, PDF): a span the stylesheets set in
    the Qur'an face, never elongated or broken inside a word (base.css, print.css)."""
    return f'<span class="quran" lang="ar">{_bound_html(text)}</span>'


def _bound_html(text: str) -> str:
    """text escaped, each unbreakable stretch (_BOUND) in a span of class
    "bound" (quran.css: no wrap); the characters stay the ones typed."""
    parts, position = [], 0
    for match in _BOUND.finditer(text):
        parts += [escape(text[position:match.start()]), f'<span class="bound">{escape(match.group())}</span>']
        position = match.end()
    return "".join([*parts, escape(text[position:])])


_BOUND_SPAN = re.compile('<span class="bound">([^<]*)</span>')
NO_BREAK_SPACE = "\u00a0"


def bound_for_print(markup: str) -> str:
    """A page's markup for the PDF: the space of each bound stretch a
    no-break space, at which Pango never breaks a line (UAX #14). A no-wrap
    span is not enough there: the bidi pass (bidi.py) cuts an end-of-ayah
    stretch into boxes (the word, the signed number, the bracket) and
    WeasyPrint breaks between them after a space. A pause sign's stretch
    loses its span: as a box of its own MuPDF copies its word backwards.
    The text layer copies the no-break spaces as the spaces typed
    (print.css: --convert-copy-typed, engine_fixes/copy_text/reading.py)."""
    if '<span class="bound">' not in markup:
        return markup
    return _BOUND_SPAN.sub(lambda match: _unbreakable(match.group(1)), markup)


def _unbreakable(stretch: str) -> str:
    word, _, sign = stretch.partition(" ")
    bound = word + NO_BREAK_SPACE + sign.lstrip(" ")
    # The stretch of an end-of-ayah sign stays a box: when it does not fit
    # the line, WeasyPrint breaks before it. Without the box, it breaks the
    # text before it at its first break point (a line of two words).
    return f'<span class="bound">{bound}</span>' if sign.startswith("\u06dd") else bound


def typed_outside_quotations(character: str, text: str, quran: str, body: str) -> bool:
    """Whether character is in text outside its quotations, or anywhere in
    it when quotations are set in the body face (quran not installed): a
    typed tatweel in the Qur'an face is a glyph of a font the kashida of the
    text around never draws, so the text layer can tell it from theirs."""
    if character not in text:
        return False
    # The font lookup last: it costs a process some 50 ms, and most texts hold neither.
    if not has_quotation(text) or quran_path(quran, body) is None:
        return True
    return character in QUOTATION.sub("", text)


def has_quotations(content: Document | Book) -> bool:
    """Whether any article of content quotes the Qur'an (in its text or notes)."""
    documents = content.documents if isinstance(content, Book) else (content,)
    return any(has_quotation(text) for doc in documents for text in (*document_texts(doc), *note_texts(doc)))

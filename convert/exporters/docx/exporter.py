"""DOCX: a Word document an editor can keep editing in Arabic.

Built with python-docx on a small starting package made from the theme
(package.py); the right-to-left OOXML python-docx lacks comes from oxml.py,
the styles from styles.py, the text from body.py, the page from page.py, a
book's sections and contents from book.py. The output is rewritten as a
reproducible zip.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import ClassVar

import docx
from docx.document import Document as WordDocument

from ...fonts import family_faces
from ...model import Book, Document
from ...options import Options
from ...publication import publication
from ...theme import Theme
from .. import warm_by_example
from .body import write_blocks, write_title_block
from .fonts import embedded_faces
from .footnotes import Footnotes, number_footnotes
from .package import STARTING_PACKAGE_TIME, package_bytes, starting_package
from .page import fill_page, lay_out_page
from .properties import set_properties
from .text import InlineWriter


class DocxExporter:
    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"

    def __init__(self) -> None:
        # (theme, two-sided) -> starting package: styles built and fonts read
        # once per batch; an article's also has its page laid out (a book lays
        # out its own).
        self._packages: dict[tuple[Theme, bool], bytes] = {}
        self._article_templates: dict[tuple[Theme, bool], WordDocument] = {}

    def export(self, doc: Document, target: Path, options: Options) -> None:
        # A deep copy of the parsed template takes a third of the time of
        # parsing the package again, and keeps the font parts' bytes the same
        # objects, whose checksums the zip writer then remembers.
        word = copy.deepcopy(self._article_template(options.theme, options.duplex))
        writer = _inline_writer(word, doc, options.theme)
        write_title_block(word, doc)
        write_blocks(word, doc.blocks, writer=writer)
        fill_page(word, doc, options.theme)
        writer.finish(word)
        set_properties(word, publication(doc, options.theme), options)
        _save(word, target, options)

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        """Title page, contents, then every article in its own section."""
        from .book import write_book  # here: single articles never need it

        store = publication(book, options.theme)  # an empty book is refused here (EmptyBook)
        word = self._open(options.theme, options.duplex)
        write_book(word, book, options.theme, options.duplex)
        set_properties(word, store, options)
        _save(word, target, options)

    def warm(self, options: Options) -> None:
        """Before workers fork: the starting package and the deflated fonts."""
        warm_by_example(self, options)

    def _open(self, theme: Theme, duplex: bool) -> WordDocument:
        return docx.Document(io.BytesIO(self._starting_package(theme, duplex)))

    def _article_template(self, theme: Theme, duplex: bool) -> WordDocument:
        """The starting package with an article's page laid out, packaged and
        parsed again (so it is exactly what python-docx reads from a file)."""
        key = (theme, duplex)
        if key not in self._article_templates:
            word = self._open(theme, duplex)
            lay_out_page(word, theme)
            packaged = package_bytes(word, STARTING_PACKAGE_TIME, compress=False)
            self._article_templates[key] = docx.Document(io.BytesIO(packaged))
        return self._article_templates[key]

    def _starting_package(self, theme: Theme, duplex: bool) -> bytes:
        key = (theme, duplex)
        if key not in self._packages:
            families = list(dict.fromkeys((theme.fonts.body, theme.fonts.heading)))
            faces = {family: family_faces(family) for family in families} if theme.embed.fonts else {}
            self._packages[key] = starting_package(theme, families, embedded_faces(faces), duplex)
        return self._packages[key]


def _inline_writer(word: WordDocument, doc: Document, theme: Theme) -> InlineWriter:
    """The writer of the article's inlines; with footnotes if it has notes
    (a plain article's package stays as it was)."""
    if not doc.notes:
        return InlineWriter(theme)
    footnotes = Footnotes(word, theme)
    footnotes.start_article(doc.notes)
    number_footnotes(word.element.body.sectPr, theme.digits())
    return InlineWriter(theme, footnotes)


def _save(word: WordDocument, target: Path, options: Options) -> None:
    target.write_bytes(package_bytes(word, options.created))



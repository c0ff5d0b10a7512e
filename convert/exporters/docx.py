"""DOCX: a Word document an editor can keep editing in Arabic.

Built with python-docx on a small starting package made from the theme
(docx_package); the right-to-left OOXML python-docx lacks comes from
docx_rtl, the styles from docx_styles, the page from docx_page. The
output is rewritten as a reproducible zip.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

import docx
from docx.document import Document as WordDocument

from ..fonts import family_faces
from ..model import Block, BlockQuote, Document, Heading, ListBlock, Paragraph
from ..options import Options
from ..theme import Theme
from .docx_fonts import embedded_faces
from .docx_numbering import BULLET_LIST, NUMBER_LIST, add_list_instance
from .docx_package import stable_zip, starting_package
from .docx_page import set_up_page
from .docx_rtl import ensure_child
from .docx_script import split_runs
from .docx_styles import BYLINE, LIST_PARAGRAPH, NORMAL, QUOTE, TITLE, heading_style_id
from .docx_text import start_paragraph, write_inlines, write_runs


class DocxExporter:
    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"

    def __init__(self) -> None:
        # Theme -> starting package: styles built and fonts read once per batch.
        self._packages: dict[Theme, bytes] = {}

    def export(self, doc: Document, target: Path, options: Options) -> None:
        word = docx.Document(io.BytesIO(self._starting_package(options.theme)))
        write_title_block(word, doc)
        write_blocks(word, doc.blocks)
        set_up_page(word, doc, options.theme)
        set_core_properties(word, doc, options)
        buffer = io.BytesIO()
        word.save(buffer)
        target.write_bytes(stable_zip(buffer.getvalue(), options.created))

    def _starting_package(self, theme: Theme) -> bytes:
        if theme not in self._packages:
            families = list(dict.fromkeys((theme.fonts.body, theme.fonts.heading)))
            faces = {family: family_faces(family) for family in families} if theme.embed.fonts else {}
            self._packages[theme] = starting_package(theme, families, embedded_faces(faces))
        return self._packages[theme]


def write_title_block(word: WordDocument, doc: Document) -> None:
    """Title, then author and date each in a Byline paragraph."""
    meta = doc.meta
    _text_paragraph(word, TITLE, meta.title)
    for line in (meta.author, meta.date):
        if line:
            _text_paragraph(word, BYLINE, line)


def _text_paragraph(word: WordDocument, style_id: str, text: str) -> None:
    paragraph = start_paragraph(word.add_paragraph(), style_id)
    write_runs(paragraph, split_runs([(text, "")]))


def write_blocks(word: WordDocument, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            write_inlines(start_paragraph(word.add_paragraph(), heading_style_id(block.level)), block.inlines)
        elif isinstance(block, Paragraph):
            write_inlines(start_paragraph(word.add_paragraph(), NORMAL), block.inlines)
        elif isinstance(block, BlockQuote):
            for quoted in block.paragraphs:
                write_inlines(start_paragraph(word.add_paragraph(), QUOTE), quoted.inlines)
        elif isinstance(block, ListBlock):
            _write_list(word, block)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")


def _write_list(word: WordDocument, block: ListBlock) -> None:
    """List paragraphs sharing one numbering instance (numbered lists restart at one)."""
    numbering = word.part.numbering_part.element
    num_id = add_list_instance(numbering, NUMBER_LIST if block.ordered else BULLET_LIST)
    for item in block.items:
        paragraph = start_paragraph(word.add_paragraph(), LIST_PARAGRAPH)
        num_pr = ensure_child(paragraph._p.pPr, "numPr")
        ensure_child(num_pr, "ilvl", order=("ilvl", "numId"), val="0")
        ensure_child(num_pr, "numId", order=("ilvl", "numId"), val=str(num_id))
        write_inlines(paragraph, item)


# OPC core properties hold at most 255 characters; the text itself is never cut.
_PROPERTY_LIMIT = 255


def set_core_properties(word: WordDocument, doc: Document, options: Options) -> None:
    """Title, author, language and dates; dates from options.created (SOURCE_DATE_EPOCH)."""
    properties = word.core_properties
    properties.title = _property_text(doc.meta.title)
    properties.author = _property_text(doc.meta.author or "")
    properties.last_modified_by = _property_text(doc.meta.author or "")
    properties.language = options.theme.text.language
    properties.created = options.created
    properties.modified = options.created
    properties.revision = 1


def _property_text(value: str) -> str:
    """value, shortened with an ellipsis when longer than a core property may be."""
    if len(value) <= _PROPERTY_LIMIT:
        return value
    return value[: _PROPERTY_LIMIT - 1].rstrip() + "…"

"""A Table block as HTML, shared by the HTML, PDF and EPUB exporters.

``<table dir=…>`` in the article's direction: in a right-to-left article the
first column is at the right. The header row is a ``<thead>``, which
WeasyPrint repeats at the top of every page the table runs onto. The table
sits in a frame (styles/tables.css): on a narrow screen a table wider than
the page scrolls inside it, never the page.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from .model import Book, Document, Inline, Table

if TYPE_CHECKING:
    from .html import NoteMarkup

# The rules for tables (styles/), added to an HTML or EPUB stylesheet only
# where there is a table: an article without one keeps its bytes.
TABLES_STYLESHEET = "tables.css"

RenderInlines = Callable[[tuple[Inline, ...], "NoteMarkup"], str]


def render_table(table: Table, notes: NoteMarkup, render_inlines: RenderInlines) -> str:
    def cells(row: tuple[tuple[Inline, ...], ...], tag: str) -> str:
        return "".join(f"<{tag}{_attributes(tag, table.alignments, column)}>"
                       f"{render_inlines(cell, notes)}</{tag}>" for column, cell in enumerate(row))

    head = f"<thead><tr>{cells(table.header, 'th')}</tr></thead>"
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in table.rows)
    body_part = f"<tbody>{body}</tbody>" if body else ""
    # tabindex: a frame that scrolls can be reached and scrolled from the keyboard (WCAG 2.1.1).
    return (f'<div class="table-frame" tabindex="0"><table dir="{escape(notes.direction)}">'
            f"{head}{body_part}</table></div>")


def _attributes(tag: str, alignments: tuple[str | None, ...], column: int) -> str:
    """scope="col" on a header cell (screen readers announce it with each cell
    below); the author's alignment, as given ("left" is left in any direction)."""
    scope = ' scope="col"' if tag == "th" else ""
    alignment = alignments[column] if column < len(alignments) else None
    return f'{scope} class="align-{alignment}"' if alignment else scope


def has_tables(content: Document | Book) -> bool:
    documents = content.documents if isinstance(content, Book) else (content,)
    return any(isinstance(block, Table) for doc in documents for block in doc.blocks)

"""The stylesheets a page or book adds to its format's own for the blocks it
holds: notes.css where there are notes, tables.css where there are tables,
the poems' sheets where there are poems, quran.css where the Qur'an is
quoted; none for an article without them,
which keeps its bytes."""

from __future__ import annotations

from ..model import Book, Document
from ..poetry import poetry_sheets
from ..quran import QURAN_STYLESHEET, has_quotations
from ..table_html import TABLES_STYLESHEET, has_tables
from .note_markup import NOTES_STYLESHEET, has_notes


def block_sheets(content: Document | Book) -> tuple[str, ...]:
    wanted = ((has_notes, NOTES_STYLESHEET), (has_tables, TABLES_STYLESHEET))
    quran = (QURAN_STYLESHEET,) if has_quotations(content) else ()
    return tuple(sheet for has, sheet in wanted if has(content)) + poetry_sheets(content) + quran

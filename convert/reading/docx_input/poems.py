"""Verse set as Word sets it: a borderless table of three columns, a
verse's two hemistichs in the outer cells and the middle one empty, a line
of free verse one cell across the three (exporters/docx/poetry.py writes
poems so; so do editors who lay out a qasida by hand). Such a table with
no header row is read back as a Poem, not as a table."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ...model import Inline, Poem
from .xml import W, attr, local

_COLUMNS = 3


def poem_of(tbl: etree._Element, cells: Callable[[etree._Element], list[tuple[Inline, ...]]]) -> Poem | None:
    """The poem a table lays out, or None if it is a table of data; cells
    reads a row's cells' inlines."""
    if len(tbl.findall(f"{W}tblGrid/{W}gridCol")) != _COLUMNS or tbl.find(f".//{W}tblHeader") is not None:
        return None
    verses = []
    for tr in (node for node in tbl if local(node) == "tr"):
        row = cells(tr)
        span = tr.find(f"{W}tc/{W}tcPr/{W}gridSpan")
        if len(row) == _COLUMNS and not row[1] and row[0] and row[2]:
            verses.append((row[0], row[2]))
        elif len(row) == 1 and span is not None and attr(span, "val") == str(_COLUMNS) and row[0]:
            verses.append((row[0],))
        else:
            return None
    return Poem(tuple(verses)) if verses else None

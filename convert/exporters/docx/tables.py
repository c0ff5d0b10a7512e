"""A Table block as a Word table (w:tbl), right to left.

w:bidiVisual puts the first column at the right; the header row is marked
w:tblHeader, so Word and LibreOffice repeat it at the top of every page the
table runs onto; no row is split across pages (w:cantSplit). The table is the
text block's width (w:tblW 100%). Its look is the named table style
"Article Table" (styles.py, added to documents with a table): borders in the
theme's muted colour, the header row (w:tblLook firstRow) shaded in the
quotations' background; an editor changes every table at once from it. Each cell is a
right-to-left paragraph written by the body's InlineWriter (strong, links,
note calls as in the body).

The author's alignment is physical ("left" is left) while w:jc in a bidi
paragraph is logical: start is the right edge, end the left (as Word and
LibreOffice read it; "left"/"right" flip there, "left" being the start too).
So left -> end; right -> "left", which shows as start does but tells a
column the author aligned right from one left unaligned (start, the text's
own side), so the Word reader gives the alignment back. (w:bidiVisual only
orders the columns right to left; a cell's w:jc follows its paragraph's w:bidi.)
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ...model import Inline, Strong, Table, inline_text
from ...text.geometry import text_block_pt
from .oxml import ensure_child, set_justification, set_table_bidi_visual, w_element, w_name
from .styles import NORMAL, TABLE
from .text import InlineWriter, start_paragraph

_JUSTIFICATION = {"left": "end", "right": "left", "center": "center", None: "start"}
# w:tblLook: the style's header-row look on, no banding (ECMA-376 17.4.56;
# val for readers of the 2007 form, the attributes for later ones).
_LOOK = {"val": "0620", "firstRow": "1", "lastRow": "0", "firstColumn": "0", "lastColumn": "0",
         "noHBand": "1", "noVBand": "1"}
_FULL_WIDTH = "5000"  # w:tblW in fiftieths of a percent: 100%
# A column's weight: its longest cell's characters, within these bounds.
_SHORTEST, _LONGEST, _MARGIN = 4, 40, 3
# Digits and Latin letters, what unbreakable words are mostly made of, are
# wider than the joined Arabic letters a character count stands for.
_UNBROKEN = 1.5


def write_table(word: WordDocument, table: Table, writer: InlineWriter) -> None:
    """The table at the end of the body, before its w:sectPr."""
    widths = _column_widths(table, writer)
    writer.used_styles.add(TABLE)
    tbl = w_element("tbl")
    tbl.append(_table_properties())
    tbl.append(_grid(widths))
    tbl.append(_row(word, table.header, widths, table.alignments, writer, header=True))
    for row in table.rows:
        tbl.append(_row(word, row, widths, table.alignments, writer, header=False))
    append_table(word, tbl)


def append_table(word: WordDocument, tbl: etree._Element) -> None:
    """tbl at the end of the body (before its w:sectPr), and an empty
    paragraph after it: Word needs a paragraph between a table and what
    follows it, and it keeps two tables in a row from merging into one."""
    body = word.element.body
    last = next(reversed(body), None)
    if last is not None and last.tag == w_name("sectPr"):
        last.addprevious(tbl)
    else:
        body.append(tbl)
    spacer = w_element("p")
    tbl.addnext(spacer)
    start_paragraph(WordParagraph(spacer, word), NORMAL)


def _table_properties() -> etree._Element:
    tbl_pr = w_element("tblPr")
    ensure_child(tbl_pr, "tblStyle", val=TABLE)
    set_table_bidi_visual(tbl_pr)
    ensure_child(tbl_pr, "tblW", w=_FULL_WIDTH, type="pct")
    ensure_child(tbl_pr, "tblLayout", type="autofit")
    ensure_child(tbl_pr, "tblLook", **_LOOK)
    return tbl_pr


def _column_widths(table: Table, writer: InlineWriter) -> list[int]:
    """Twips per column over the text block, each in proportion to its longest
    cell (between a short word's and a line's worth): LibreOffice keeps the
    grid as written, and equal columns would squeeze the long ones."""
    width = text_block_pt(writer.theme)[0] if writer.theme is not None else 6 * 72
    weights: list[float] = [_SHORTEST] * len(table.header)
    for row in (table.header, *table.rows):
        for column, cell in enumerate(row):
            weights[column] = max(weights[column], _weight(inline_text(cell)))
    return [round(width * 20 * weight / sum(weights)) for weight in weights]


def _weight(text: str) -> float:
    """A cell's characters, never less than its longest unbreakable word (a
    phone number's groups are joined by no-break spaces) and a margin
    (LibreOffice breaks inside a word too long for its column), and at most
    a line's worth (a long address then breaks, not squeezes the others)."""
    words = [len(word) for word in text.split(" ")]
    return min(max(len(text), round(max(words, default=0) * _UNBROKEN) + _MARGIN), _LONGEST)


def _grid(widths: list[int]) -> etree._Element:
    grid = w_element("tblGrid")
    for width in widths:
        grid.append(w_element("gridCol", w=str(width)))
    return grid


def _row(word: WordDocument, cells: tuple[tuple[Inline, ...], ...], widths: list[int],
         alignments: tuple[str | None, ...], writer: InlineWriter, header: bool) -> etree._Element:
    tr = w_element("tr")
    tr_pr = w_element("trPr")
    tr_pr.append(w_element("cantSplit"))
    if header:
        tr_pr.append(w_element("tblHeader"))
    tr.append(tr_pr)
    for column, cell in enumerate(cells):
        alignment = alignments[column] if column < len(alignments) else None
        tr.append(_cell(word, cell, widths[column], alignment, writer, header))
    return tr


def _cell(word: WordDocument, inlines: tuple[Inline, ...], width: int, alignment: str | None,
          writer: InlineWriter, header: bool) -> etree._Element:
    tc = w_element("tc")
    tc_pr = w_element("tcPr")
    tc_pr.append(w_element("tcW", w=str(width), type="dxa"))
    tc.append(tc_pr)
    p = w_element("p")
    tc.append(p)
    paragraph = start_paragraph(WordParagraph(p, word), NORMAL)
    p_pr = p.pPr
    ensure_child(p_pr, "spacing", before="0", after="0")
    set_justification(p_pr, _JUSTIFICATION.get(alignment, "start"))
    writer.write(paragraph, _bold(inlines) if header else inlines)
    return tc


def _bold(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A header cell's text in bold, as the other formats show it."""
    return (Strong(inlines),) if inlines else ()

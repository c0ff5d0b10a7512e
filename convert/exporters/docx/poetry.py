"""A poem (model.Poem) in Word: a borderless right-to-left table.

Each classical verse is a row of three cells: the first hemistich (at the
right: w:bidiVisual), an empty gap, the second; the hemistichs' columns of
one width (w:tblLayout fixed, the width of convert/poetry.py), the table
centred, a row never split across pages (w:cantSplit). Each hemistich's
paragraph is justified to its cell, its one line too: w:jc "distribute"
(Word and LibreOffice spread a paragraph's last line only with it; "both"
and the kashida values leave it ragged). A line of free verse is a row of
one cell across the three, set from the right. Tab stops would need a
width per line; a table keeps its columns in both Word and LibreOffice.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ...model import Inline, Poem
from ...poetry import GAP_EM, hemistich_em
from .oxml import ensure_child, set_justification, set_table_bidi_visual, w_element
from .styles import NORMAL
from .tables import append_table
from .text import InlineWriter, start_paragraph, write_inlines

_TWIPS_PER_POINT = 20
_EMU_PER_TWIP = 635
# A line of free verse only: a column as wide as the measure's half.
_FREE_VERSE_EM = 12.0
_VERSE_SPACE_PT = 4.0


def write_poem(word: WordDocument, poem: Poem, writer: InlineWriter, size_pt: float) -> None:
    """The poem's table at the end of the body (before its w:sectPr)."""
    column = _twips((hemistich_em(poem) or _FREE_VERSE_EM) * size_pt)
    gap = _twips(GAP_EM * size_pt)
    measure = _text_width(word)
    if measure is not None:
        column = min(column, (measure - gap) // 2)
    table = _table((column, gap, column))
    for verse in poem.verses:
        table.append(_row(word, verse, writer))
    # The paragraph after it also keeps the text after the poem from touching the last verse.
    append_table(word, table)


def _twips(points: float) -> int:
    return round(points * _TWIPS_PER_POINT)


def _text_width(word: WordDocument) -> int | None:
    """The measure in twips, from the last section that has its page size
    (a book's sections get theirs when it is bound: then the first one's)."""
    for section in reversed(word.sections):
        sizes = (section.page_width, section.left_margin, section.right_margin)
        if None not in sizes:
            return int(sizes[0] - sizes[1] - sizes[2]) // _EMU_PER_TWIP
    return None


def _table(columns: tuple[int, ...]) -> etree._Element:
    table = w_element("tbl")
    properties = w_element("tblPr")
    table.append(properties)
    set_table_bidi_visual(properties)
    ensure_child(properties, "tblW", w=str(sum(columns)), type="dxa")
    ensure_child(properties, "jc", val="center")
    borders = ensure_child(properties, "tblBorders")
    for side in ("top", "start", "bottom", "end", "insideH", "insideV"):
        borders.append(w_element(side, val="nil"))
    ensure_child(properties, "tblLayout", type="fixed")
    margins = ensure_child(properties, "tblCellMar")
    for side in ("start", "end"):
        margins.append(w_element(side, w="0", type="dxa"))
    ensure_child(properties, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
                 lastColumn="0", noHBand="1", noVBand="1")
    grid = w_element("tblGrid")
    for width in columns:
        grid.append(w_element("gridCol", w=str(width)))
    table.append(grid)
    return table


def _row(word: WordDocument, verse: tuple[tuple[Inline, ...], ...], writer: InlineWriter) -> etree._Element:
    row = w_element("tr")
    row_properties = w_element("trPr")
    row_properties.append(w_element("cantSplit"))
    row.append(row_properties)
    if len(verse) == 1:
        row.append(_cell(word, verse[0], writer, "start", span=3))
        return row
    first, second = verse
    row.append(_cell(word, first, writer, "distribute"))
    row.append(_cell(word, (), writer, "start"))
    row.append(_cell(word, second, writer, "distribute"))
    return row


def _cell(word: WordDocument, inlines: tuple[Inline, ...], writer: InlineWriter, align: str,
          span: int = 1) -> etree._Element:
    cell = w_element("tc")
    properties = w_element("tcPr")
    if span > 1:
        properties.append(w_element("gridSpan", val=str(span)))
    cell.append(properties)
    p = w_element("p")
    cell.append(p)
    paragraph = start_paragraph(WordParagraph(p, word), NORMAL)
    set_justification(paragraph._p.pPr, align)
    # The verses of a poem closer than paragraphs (poetry.css: 0.3em).
    ensure_child(paragraph._p.pPr, "spacing", after=str(round(_VERSE_SPACE_PT * _TWIPS_PER_POINT)))
    if inlines:
        write_inlines(paragraph, inlines, writer)
    return cell

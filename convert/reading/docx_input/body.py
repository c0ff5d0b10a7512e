"""The body of a Word document as a list of paragraphs with what their
styles make of them, and the model's blocks built from that list.

Title, byline and disclaimer are taken out of the list by document.py; what
is left becomes blocks: headings (Heading 1-6 by style, else outline level),
block quotations (Quote, Intense Quote, Block Text; one BlockQuote a
paragraph, as the text reader makes them), lists (neighbouring paragraphs
of one list, deeper levels joined to the item above them: see below),
tables (the first row the header), figures (figures.py; a Caption-styled
paragraph just after one is its caption), and paragraphs.

Nested list levels: the model's lists are flat (as the text reader's are),
so an item deeper than the level its list opened at (w:ilvl 1 under 0) is
joined to the item above it, after a line break: the outer list keeps its
numbers (1, 2 as the author numbered them, not renumbered 1-4 nor broken
into lists that restart at 1), every word stays in its order, and the
reading says -v how many items it joined.

A paragraph of a list level numbered "none" (w:numFmt, no marker shows)
inside an open list, at the list's level or deeper, is what Word draws: an
unnumbered paragraph of the item above, indented with it. It is joined to
that item after a line break too, and the list goes on: the items after it
keep counting (1, then 2), not restarted at 1 by a list broken in two. (No
warning: nothing the reader saw is lost.) Such a paragraph with no list
open, or shallower than the open list (an outline's unnumbered top level,
after which Word restarts the deeper numbers), is a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, replace

from lxml import etree

from ...model import (
    Block,
    BlockQuote,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Poem,
    Strong,
    Table,
    Text,
    inline_text,
)
from .figures import FigureReader
from .inlines import InlineReader
from .numbering import ListKind, Numbering
from .poems import poem_of
from .styles import StyleFacts, Styles, list_id, outline_level
from .xml import W, attr, child, local

_MAX_HEADING = 6
# A header cell's w:jc in a right-to-left table (the exporter's mapping, read back).
_ALIGNMENTS = {"end": "left", "center": "center"}
# "left" and "right" (pandoc's, an older Word's): physical in a left-to-right
# paragraph, mirrored in a bidi one (Word reads them as start and end there).
_PHYSICAL = {"left": ("left", "right"), "right": ("right", "left")}


@dataclass(frozen=True)
class WordParagraph:
    """One body paragraph: its inlines and what its style and properties say."""

    inlines: tuple[Inline, ...]
    style: StyleFacts
    heading: int | None = None
    listed: ListKind | None = None
    level: int = 0  # a list item's w:ilvl (0: the outermost)
    list_id: str | None = None  # its w:numId: another one starts another list
    credit: str | None = None  # a caption's runs in the Picture Credit style
    unnumbered: bool = False  # in a list, at a level numbered "none": continues an open list's item

    @property
    def text(self) -> str:
        return inline_text(self.inlines).strip()


Entry = WordParagraph | Table | Figure | Poem


class BodyReader:
    def __init__(self, styles: Styles, numbering: Numbering, inlines: InlineReader,
                 figures: FigureReader | None = None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.inlines = inlines
        self.figures = figures  # None: pictures are not read (footers)

    def entries(self, body: etree._Element) -> Iterator[Entry]:
        """Paragraphs with text and tables, in order; content controls opened."""
        for node in body:
            name = local(node)
            if name == "p":
                if self.figures is not None:
                    yield from self.figures.figures(node)
                paragraph = self.paragraph(node)
                if paragraph.inlines or paragraph.credit:
                    yield paragraph
            elif name == "tbl":
                table = self.table(node)
                if table is not None:
                    yield table
            elif name == "sdt":
                content = child(node, "sdtContent")
                if content is not None:
                    yield from self.entries(content)

    def paragraph(self, p: etree._Element) -> WordParagraph:
        p_pr = child(p, "pPr")
        style_ref = child(p_pr, "pStyle") if p_pr is not None else None
        style = self.styles.facts(attr(style_ref, "val") if style_ref is not None else None)
        direct = outline_level(p_pr)
        heading = direct + 1 if direct is not None else style.heading_level()
        if style.title:
            heading = None
        num_id = list_id(p_pr) or style.num_id
        # A heading numbered by its style (LibreOffice's outline numbering) stays a heading.
        level = _list_level(p_pr)
        listed = self.numbering.kind(num_id, level) if num_id and not heading else None
        unnumbered = bool(num_id and not heading and listed is None
                          and self.numbering.unnumbered(num_id, level))
        # A heading, title, quotation… is bold or italic by its style's look,
        # not by its author's emphasis: only a plain paragraph's style counts.
        looks = heading or style.title or style.quote or style.byline or style.heading_line
        marks = replace(style, bold=None, italic=None) if looks else style
        credit = None
        if style.caption:
            p, credit = self._credit(p)
        in_list = listed is not None or unnumbered
        return WordParagraph(self.inlines.inlines(p, marks), style,
                             min(heading, _MAX_HEADING) if heading else None, listed,
                             int(level) if in_list and level.isdigit() else 0, num_id if in_list else None,
                             credit, unnumbered)

    def _credit(self, p: etree._Element) -> tuple[etree._Element, str | None]:
        """A caption paragraph without its credit runs, and the credit's text."""
        runs = [r for r in p.iter(f"{W}r") if self._run_style(r).credit]
        if not runs:
            return p, None
        text = "".join(t.text or "" for r in runs for t in r.iter(f"{W}t"))
        p = deepcopy(p)
        for r in [r for r in p.iter(f"{W}r") if self._run_style(r).credit]:
            r.getparent().remove(r)
        return p, " ".join(text.split()) or None

    def _run_style(self, r: etree._Element) -> StyleFacts:
        r_pr = child(r, "rPr")
        style_ref = child(r_pr, "rStyle") if r_pr is not None else None
        return self.styles.facts(attr(style_ref, "val") if style_ref is not None else None)

    def table(self, tbl: etree._Element) -> Table | Poem | None:
        poem = poem_of(tbl, self._row)
        if poem is not None:
            return poem
        rows = [self._row(tr) for tr in tbl if local(tr) == "tr"]
        rows = [row for row in rows if any(row)]  # a row of empty cells (a blank table's) says nothing
        if not rows:
            return None
        width = max(len(row) for row in rows)
        padded = [tuple(row) + ((),) * (width - len(row)) for row in rows]
        header = tuple(_unbolded(cell) for cell in padded[0])
        return Table(header, tuple(padded[1:]), self._alignments(tbl, width))

    def _row(self, tr: etree._Element) -> list[tuple[Inline, ...]]:
        cells = []
        for tc in tr:
            if local(tc) != "tc":
                continue
            paragraphs = [self.paragraph(p).inlines for p in _cell_paragraphs(tc)]
            joined: list[Inline] = []
            for inlines in (inlines for inlines in paragraphs if inlines):
                joined.extend(((_space(),) if joined else ()) + inlines)
            cells.append(tuple(joined))
        return cells

    @staticmethod
    def _alignments(tbl: etree._Element, width: int) -> tuple[str | None, ...]:
        first = next((tr for tr in tbl if local(tr) == "tr"), None)
        found: list[str | None] = []
        for tc in (tc for tc in first if local(tc) == "tc") if first is not None else ():

            jc = tc.find(".//{*}pPr/{*}jc")
            found.append(_alignment(jc) if jc is not None else None)
        return tuple(found[:width]) + (None,) * (width - len(found))


def _cell_paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    """A cell's paragraphs in reading order, those of a table nested in it
    (and of content controls) among them: a cell holds a single text."""
    for node in element:
        name = local(node)
        if name == "p":
            yield node
        elif name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml"):
            yield from _cell_paragraphs(node)


def _alignment(jc: etree._Element) -> str | None:
    value = attr(jc, "val") or ""
    if value in _PHYSICAL:
        bidi = jc.getparent().find("{*}bidi")
        mirrored = bidi is not None and attr(bidi, "val") not in ("0", "false", "off")
        return _PHYSICAL[value][mirrored]
    return _ALIGNMENTS.get(value)


def _space() -> Inline:
    return Text(" ")


def _unbolded(cell: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A header cell all in bold (as tables are written): its text, the bold being the header's."""
    return cell[0].inlines if len(cell) == 1 and isinstance(cell[0], Strong) else cell


def _list_level(p_pr: etree._Element | None) -> str:
    num_pr = child(p_pr, "numPr") if p_pr is not None else None
    level = child(num_pr, "ilvl") if num_pr is not None else None
    return (attr(level, "val") or "0") if level is not None else "0"


def blocks(entries: list[Entry], warnings: list[str] | None = None) -> tuple[Block, ...]:
    """The model's blocks; neighbouring items of one list kind make one list,
    an item nested deeper joined to the one above it (warned in warnings)."""
    out: list[Block] = []
    items: list[tuple[Inline, ...]] = []
    kind: ListKind | None = None
    opened: str | None = None  # the w:numId of the open list
    base = 0  # the level the open list started at
    joined = 0
    approximated: dict[str, None] = {}  # warnings of the lists' numberings, once each
    for entry in entries:
        listed = entry.listed if isinstance(entry, WordParagraph) else None
        if items and listed is not None and entry.level > base:  # type: ignore[union-attr]
            items[-1] = _joined(items[-1], entry.inlines)  # type: ignore[union-attr]
            joined += 1
            continue
        if items and isinstance(entry, WordParagraph) and entry.unnumbered and entry.level >= base:
            items[-1] = _joined(items[-1], entry.inlines)  # the item's unnumbered paragraph
            continue
        if items and (listed != kind or entry.list_id != opened):  # type: ignore[union-attr]
            out.append(ListBlock(kind.ordered, tuple(items), kind.numbering))  # type: ignore[union-attr]
            items = []
        if listed is not None and not items:
            base, opened = entry.level, entry.list_id  # type: ignore[union-attr]
        kind = listed
        if listed is not None:
            items.append(entry.inlines)  # type: ignore[union-attr]
            approximated[listed.warning() or ""] = None
            base = min(base, entry.level)  # type: ignore[union-attr]
        elif not _captioned(out, entry) and not (isinstance(entry, WordParagraph) and not entry.inlines):
            out.append(_block(entry))  # (a credit with no picture before it is dropped)
    if items and kind is not None:
        out.append(ListBlock(kind.ordered, tuple(items), kind.numbering))
    if joined and warnings is not None:
        warnings.append(f"{joined} nested list item(s) joined to the item above them (lists are flat)")
    if warnings is not None:
        warnings.extend(warning for warning in approximated if warning)
    return tuple(out)


def _joined(item: tuple[Inline, ...], nested: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """item, a line break, then nested; plain text on both sides of the break
    one Text, as a soft line break inside a paragraph reads."""
    before = item[-1].text if item and isinstance(item[-1], Text) else None
    after = nested[0].text if nested and isinstance(nested[0], Text) else None
    item = item[:-1] if before is not None else item
    nested = nested[1:] if after is not None else nested
    return item + (Text(f"{before or ''}\n{after or ''}"),) + nested


def _captioned(out: list[Block], entry: Entry) -> bool:
    """Whether entry is the caption of the figure just before it (now given it)."""
    if not (isinstance(entry, WordParagraph) and entry.style.caption and out and isinstance(out[-1], Figure)
            and not out[-1].caption and not out[-1].credit):
        return False
    out[-1] = replace(out[-1], caption=entry.inlines, credit=entry.credit)
    return True


def _block(entry: Entry) -> Block:
    if isinstance(entry, (Table, Figure, Poem)):
        return entry
    if entry.heading:
        return Heading(entry.heading, entry.inlines)
    if entry.style.quote:
        return BlockQuote((Paragraph(entry.inlines),))
    return Paragraph(entry.inlines, keep_with_next=entry.style.heading_line)

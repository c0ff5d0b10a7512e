"""The table of contents of a book: a TOC field, pre-filled.

Word builds a table of contents from a field, ``TOC \\o "1-1" \\h \\z \\u``:
outline level 1 (the article titles, in Heading 1), each entry a link. A
field also carries its last result, and that is what a reader sees until the
field is updated, so the result is written out here: one "toc 1" paragraph
per article, a link to a bookmark on the article's title, a dot leader and a
PAGEREF field for the page. Word rebuilds all of it when the file opens
(settings' ``w:updateFields``, after asking the reader); LibreOffice shows
the result as written until the reader updates the index. So the page
numbers written are estimates (estimate.py), made to match LibreOffice's
pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ...text.digits import number_text
from .body import new_paragraph
from .oxml import ensure_child, field_end_run, field_runs, field_start_runs, mark_run_rtl, w_element
from .script import split_runs
from .styles import TOC_1
from .text import start_paragraph, write_runs

TOC_INSTRUCTION = 'TOC \\o "1-1" \\h \\z \\u'


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    bookmark: str
    page: int  # estimated; Word and LibreOffice put the real one


def bookmark_name(number: int) -> str:
    """Word's own contents bookmarks are "_Toc" and digits: hidden from its bookmark list."""
    return f"_Toc{number:09d}"


def mark_title(paragraph: WordParagraph, name: str, bookmark_id: int) -> None:
    """A bookmark around the title's text, for the contents entry to link to."""
    p = paragraph._p
    p.pPr.addnext(w_element("bookmarkStart", id=str(bookmark_id), name=name))
    p.append(w_element("bookmarkEnd", id=str(bookmark_id)))


def write_contents(word: WordDocument, entries: list[ContentsEntry], digits: str) -> None:
    """The TOC field: it opens in the first entry's paragraph and closes in the last's."""
    paragraphs = [_entry_paragraph(word, entry, digits) for entry in entries]
    first = paragraphs[0]._p
    for run in reversed(field_start_runs(TOC_INSTRUCTION)):
        first.pPr.addnext(run)
    paragraphs[-1]._p.append(field_end_run())


def _entry_paragraph(word: WordDocument, entry: ContentsEntry, digits: str) -> WordParagraph:
    """title <tab> page, all of it a link to the article's title."""
    paragraph = start_paragraph(new_paragraph(word), TOC_1)
    write_runs(paragraph, split_runs([(entry.title, "")]))
    paragraph.add_run().add_tab()
    number_properties = w_element("rPr")
    if digits == "arabic-indic":
        mark_run_rtl(number_properties)
    shown = number_text(entry.page, digits)
    for run in field_runs(f"PAGEREF {entry.bookmark} \\h", shown, number_properties):
        paragraph._p.append(run)
    link = w_element("hyperlink", anchor=entry.bookmark, history="1")
    for run in paragraph._p.findall(qn("w:r")):
        link.append(run)
    paragraph._p.append(link)
    return paragraph


def request_field_update(settings: etree._Element) -> None:
    """w:updateFields: Word refreshes every field, the contents included, on opening."""
    ensure_child(settings, "updateFields", val="true")

"""The page: size and margins, right-to-left section, header and footer.

Every page carries a footer with the disclaimer (when there is one) and the
page number. The running header, the article title, starts on page two:
the section has a distinct first page (``w:titlePg``) whose header is empty
and whose footer is the same as the others'. A book's sections use the same
pieces, with a running head of two titles (write_running_head).
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.section import Section, _BaseHeaderFooter
from docx.shared import Mm
from docx.text.paragraph import Paragraph as WordParagraph

from ...model import Document
from ...text.digits import number_text
from ...text.pages import line_room
from ...text.shown import shortened
from ...theme import Theme
from .oxml import (
    field_runs,
    mark_run_rtl,
    set_page_number_format,
    set_section_rtl,
    w_element,
)
from .script import split_runs
from .styles import DISCLAIMER, FOOTER, HEADER, RUNNING_HEAD, style_looks
from .text import start_paragraph, write_runs

# Header and footer sit this far from the page edge, inside the top and
# bottom margins, so they never push the text block.
HEADER_DISTANCE_MM = 12
FOOTER_DISTANCE_MM = 10


def lay_out_page(word: WordDocument, theme: Theme) -> None:
    """An article's page with everything but its own text: size, margins,
    direction, an empty header, and footers holding the page number.
    The same for every article of a theme, so it is built once, into the
    starting package, and fill_page adds each article's title and disclaimer."""
    section = word.sections[0]
    format_section(section, theme)
    section.different_first_page_header_footer = True
    _write_header(section.header, None)
    _write_header(section.first_page_header, None)
    for footer in (section.footer, section.first_page_footer):
        write_footer(footer, None, theme)


def fill_page(word: WordDocument, doc: Document, theme: Theme) -> None:
    """The running title from page two, on one line; the disclaimer above the
    page number on every page (the page laid out by lay_out_page)."""
    section = word.sections[0]
    if doc.meta.title:
        title = shortened(doc.meta.title, line_room(theme, style_looks(theme)[HEADER].size_pt))
        write_runs(section.header.paragraphs[0], split_runs([(title, "")]))
    if doc.meta.disclaimer:
        for footer in (section.footer, section.first_page_footer):
            page_number = footer.paragraphs[0]
            _write_disclaimer(page_number.insert_paragraph_before(), doc.meta.disclaimer)


def format_section(section: Section, theme: Theme) -> None:
    """The theme's page, right to left; page numbers in the theme's digits.

    No w:pgNumType/@w:start: a later section of a book goes on counting.
    """
    _size_and_margins(section, theme)
    sect_pr = section._sectPr
    set_page_number_format(sect_pr, theme.digits())
    set_section_rtl(sect_pr)


def _size_and_margins(section: Section, theme: Theme) -> None:
    """The theme's page; the inner (binding) margin is on the right, where RTL books bind."""
    page = theme.page
    width, height = page.size_mm
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
    section.right_margin, section.left_margin = Mm(page.margin_inner_mm), Mm(page.margin_outer_mm)
    section.header_distance, section.footer_distance = Mm(HEADER_DISTANCE_MM), Mm(FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)


def _write_header(header: _BaseHeaderFooter, title: str | None) -> None:
    """The running title, or an empty (but right-to-left) paragraph on page one."""
    paragraph = _only_paragraph(header, HEADER)
    if title:
        write_runs(paragraph, split_runs([(title, "")]))


def write_running_head(header: _BaseHeaderFooter, start_text: str, end_text: str) -> None:
    """Two titles on one line: start_text at the right edge, end_text after a tab
    to the Running Head style's end tab stop, at the left edge."""
    paragraph = _only_paragraph(header, RUNNING_HEAD)
    write_runs(paragraph, split_runs([(start_text, "")]))
    paragraph.add_run().add_tab()
    write_runs(paragraph, split_runs([(end_text, "")]))


def write_footer(footer: _BaseHeaderFooter, disclaimer: str | None, theme: Theme) -> None:
    """The disclaimer, then the page number; the page number even without a disclaimer."""
    paragraph = _only_paragraph(footer, FOOTER)
    if disclaimer:
        _write_disclaimer(paragraph, disclaimer)
        paragraph = start_paragraph(footer.add_paragraph(), FOOTER)
    _append_page_number(paragraph, theme)


def _write_disclaimer(paragraph: WordParagraph, disclaimer: str) -> None:
    start_paragraph(paragraph, DISCLAIMER)
    write_runs(paragraph, split_runs([(disclaimer, "")]))


def _only_paragraph(part: _BaseHeaderFooter, style_id: str) -> WordParagraph:
    """The header or footer emptied down to one paragraph in style_id."""
    part.is_linked_to_previous = False
    paragraphs = part.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first = paragraphs[0]
    for child in list(first._p):
        first._p.remove(child)
    return start_paragraph(first, style_id)


def _append_page_number(paragraph: WordParagraph, theme: Theme) -> None:
    """A PAGE field; Arabic-Indic digits are complex-script text, so the run is rtl."""
    r_pr = w_element("rPr")
    digits = theme.digits()
    if digits != "latin":
        mark_run_rtl(r_pr)
    placeholder = number_text(1, digits)
    for run in field_runs("PAGE", placeholder, r_pr):
        paragraph._p.append(run)

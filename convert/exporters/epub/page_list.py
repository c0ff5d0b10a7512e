"""The print edition's page breaks in an EPUB (EPUB Accessibility's
pageBreakMarkers): a marker where each page of the PDF starts, and a page
list in the navigation document, so "page 3" means the same place in both.

The PDF tells where its pages start (pdf/page_starts.py): in which article,
in which block of its body, after how many letters. Here each chapter's
XHTML gets, at that place, an empty
``<span epub:type="pagebreak" role="doc-pagebreak" id="page-3" aria-label="3"/>``,
at the start of the word the page starts with.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from html import escape

from lxml import etree

from ...html import XHTML_NAMESPACE
from ...text.digits import number_text
from ...text.page_breaks import PageStart, letter_count
from .package import Pages

EPUB_NAMESPACE = "http://www.idpf.org/2007/ops"
PAGES_LABEL = "الصفحات"  # "Pages": the page list's heading, hidden like the landmarks


@dataclass(frozen=True)
class PageTarget:
    """A page of the print edition as the page list links to it."""

    file_name: str
    anchor: str
    label: str


def mark_page_breaks(chapter: str, starts: Sequence[PageStart], digits: str) -> str:
    """The chapter's XHTML with a page-break marker where each of starts lies
    (all of them in this chapter's article)."""
    root = etree.fromstring(chapter.encode("utf-8"))
    article = root.find(f".//{{{XHTML_NAMESPACE}}}article")
    body = article.find(f"{{{XHTML_NAMESPACE}}}div[@class='body']") if article is not None else None
    blocks = list(body) if body is not None else []
    for start in starts:
        marker = page_marker(start.number, digits)
        if start.block is None or start.block >= len(blocks):
            article.insert(0, marker)
        else:
            _insert_at_letter(blocks[start.block], start.letters, marker)
    # The XML declaration and doctype the page builder wrote, then the marked page.
    prologue = chapter[: chapter.index("<html")]
    return prologue + etree.tostring(root, encoding="unicode") + "\n"


def page_marker(number: int, digits: str) -> etree._Element:
    label = number_text(number, digits)
    marker = etree.Element(f"{{{XHTML_NAMESPACE}}}span", nsmap={"epub": EPUB_NAMESPACE})
    marker.set(f"{{{EPUB_NAMESPACE}}}type", "pagebreak")
    marker.set("role", "doc-pagebreak")
    marker.set("id", page_anchor(number))
    marker.set("aria-label", label)
    return marker


def page_anchor(number: int) -> str:
    return f"page-{number}"


def page_list_nav(targets: Sequence[PageTarget]) -> str:
    """The navigation document's page list (hidden: reading systems show it their own way)."""
    items = "".join(
        f'<li><a href="{escape(target.file_name)}#{escape(target.anchor)}">{escape(target.label)}</a></li>'
        for target in targets)
    return (f'<nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden">\n'
            f"<h2>{PAGES_LABEL}</h2>\n<ol>{items}</ol>\n</nav>")


def _insert_at_letter(block: etree._Element, letters: int, marker: etree._Element) -> None:
    """Put marker before the word holding the block's letter number letters
    (counted as page_starts counts them), or at its end if it has fewer."""
    seen = 0
    for holder, attribute in _text_slots(block):
        text = getattr(holder, attribute) or ""
        here = letter_count(text)
        if seen + here > letters:
            cut = _word_start(text, _index_of_letter(text, letters - seen))
            _split_insert(holder, attribute, cut, marker)
            return
        seen += here
    block.append(marker)


def _text_slots(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """(element, "text" or "tail") of every piece of text inside element, in
    document order: its text, then each child's own text and, after it, the child's tail."""
    yield element, "text"
    for child in element:
        yield from _text_slots(child)
        yield child, "tail"


def _index_of_letter(text: str, wanted: int) -> int:
    count = 0
    for index, char in enumerate(text):
        if letter_count(char):
            if count == wanted:
                return index
            count += 1
    return len(text)


def _word_start(text: str, index: int) -> int:
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def _split_insert(holder: etree._Element, attribute: str, cut: int, marker: etree._Element) -> None:
    text = getattr(holder, attribute) or ""
    setattr(holder, attribute, text[:cut] or None)
    marker.tail = text[cut:] or None
    if attribute == "text":
        holder.insert(0, marker)
    else:
        holder.addnext(marker)


def with_page_list(pages: Pages, starts: Sequence[PageStart], digits: str) -> Pages:
    """The pages with a marker at each print page's start and the page list in
    the navigation document. starts number their articles as the chapters go."""
    chapters, targets = list(pages.chapters), []
    for index, chapter in enumerate(chapters):
        own = [start for start in starts if start.article == index]
        if own:
            chapters[index] = replace(chapter, text=mark_page_breaks(chapter.text, own, digits))
            targets += [PageTarget(chapter.file_name, page_anchor(start.number),
                                   number_text(start.number, digits)) for start in own]
    if not targets:  # no print edition to mark (its PDF was refused)
        return pages
    # The navigation document ends with the builder's "</body>": the list goes just before it.
    nav = pages.nav.replace("</body>", page_list_nav(sorted(targets, key=_page_order)) + "\n</body>", 1)
    return replace(pages, chapters=tuple(chapters), nav=nav, page_list=True)


def _page_order(target: PageTarget) -> int:
    return int(target.anchor.removeprefix("page-"))

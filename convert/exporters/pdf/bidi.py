"""Every text box of the PDF one bidi level, laid out in UAX #9's visual order.

Why: Pango reorders the characters inside one text box, and WeasyPrint
writes that box's glyphs in visual order (left to right), while it writes
separate inline boxes in logical order. A line such as "في عام 2011
ارتفعت" drawn as one box reaches a PDF reader as visual runs, and text
extraction (pypdf, copy-paste in many viewers) puts "2011" and the Arabic
around it in the wrong order. So every level run of the shared direction
rule (text/direction.py: UAX #9) becomes a box of its own (run_boxes.py): it
holds a single direction, and the content stream follows the reading order.

WeasyPrint places the inline children of a right-to-left element from the
right, in logical order, and those of a left-to-right one from the left.
UAX #9 reverses every stretch at a level or higher; so the runs above a
level go into a span of the next level's direction, recursively (a
left-to-right stretch holding Arabic inside an author's LRI…PDI is a
left-to-right span holding a right-to-left one). With the boxes nested as
the levels nest, the page shows what UAX #9 shows: ``48%`` after Arabic as
``%48``, ``2024-03-15`` as ``15-03-2024``. An element that sets ``dir``
(the byline's date) counts as an isolate, as HTML says it is.

Only the text of <body> is touched; text stays text (lxml escapes it again).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import accumulate

from lxml import etree

from ...text.direction import level_runs
from .long_tokens import break_opportunities, long_token_spans
from .run_boxes import append_nodes, left_to_right_boxes, long_token_boxes, right_to_left_boxes

# Elements whose text is a paragraph of its own for the bidi algorithm. A
# link within the page (a contents entry, "#chapter-1") is one too: it is
# never cut in two (its page number is drawn after it). An article's link to
# an address is inline text like <strong>: copied around each run it holds.
# A table's cell too (table_html.py): its frame <div> holds cells, so it is not one.
PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "footer", "header",
                        "section", "article", "nav", "ol", "ul", "blockquote", "body", "a", "td", "th"})
_ISOLATES = {"ltr": "\u2066", "rtl": "\u2067", "auto": "\u2068"}
_POP_ISOLATE = "\u2069"
# A <br> (a soft line break, a Word file's w:br) has no text, so it would be
# lost when the paragraph is rebuilt from its text: it goes through as
# U+2028 LINE SEPARATOR (bidi class WS, like the space it stands in for),
# and comes out as a <br> again.
_LINE_BREAK = "\u2028"
# Our own markup: one paragraph may hold megabytes of text.
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


@dataclass(frozen=True)
class Leaf:
    """A piece of text of one level, and the inline elements it sat in."""

    text: str
    level: int
    chain: tuple[etree._Element, ...]  # outermost first, the page's own elements
    # A piece of a long token (long_tokens.py), and whether a line may break after it.
    long: bool = False
    break_after: bool = False


def split_direction_runs(page: str) -> str:
    """The page with each level run of its body text in a box of its own."""
    root = etree.fromstring(page.encode("utf-8"), _PARSER)
    body = root.find("body")
    if body is None:
        return page
    for paragraph in [element for element in body.iter() if _is_paragraph(element)]:
        _rebuild(paragraph)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")


def _is_paragraph(element: etree._Element) -> bool:
    if not _paragraph_tag(element):
        return False
    return not any(_paragraph_tag(child) for child in element.iterdescendants())


def _paragraph_tag(element: etree._Element) -> bool:
    if element.tag == "a":
        return element.get("href", "").startswith("#") and not _endnote_link(element)
    return element.tag in PARAGRAPHS


def _endnote_link(element: etree._Element) -> bool:
    """An endnote's call or its number linking back (notes.py): a number in
    its line, inline like a link to an address, else that line (body text
    or the note's) would not be split into its direction runs."""
    classes = element.get("class", "").split()
    return "note-number" in classes or "endnote" in classes


def _right_to_left(element: etree._Element) -> bool:
    for ancestor in (element, *element.iterancestors()):
        if ancestor.get("dir") in ("ltr", "rtl"):
            return ancestor.get("dir") == "rtl"
    return False


def _is_footnote(element: etree._Element) -> bool:
    """A note written at its call (html.py, place "footnote")."""
    return element.tag == "span" and "footnote" in element.get("class", "").split()


def _rebuild(paragraph: etree._Element) -> None:
    right_to_left = _right_to_left(paragraph)
    pieces = list(_pieces(paragraph, (), right_to_left))
    if not pieces:
        return
    leaves = list(_leaves(pieces, right_to_left))
    paragraph.text = None
    for child in list(paragraph):
        paragraph.remove(child)
    append_nodes(paragraph, Nesting().nodes(leaves, 1 if right_to_left else 0))


def _pieces(element: etree._Element, chain: tuple, right_to_left: bool = True
            ) -> Iterator[tuple[str, tuple | None]]:
    """(text, enclosing inline elements) in document order; an inline element
    that sets dir opens and closes an isolate (chain None: not text), and so
    does a footnote, a paragraph of its own in the paragraph's direction (its
    text, floated to the page's foot, is never cut into two notes)."""
    isolate = _ISOLATES.get(element.get("dir", "")) if chain else None
    if chain and not isolate and _is_footnote(element):
        isolate = _ISOLATES["rtl" if right_to_left else "ltr"]
    if isolate:
        yield isolate, None
    if element.text:
        yield element.text, chain
    for child in element:
        if child.tag == "br":
            yield _LINE_BREAK, chain
        else:
            yield from _pieces(child, (*chain, child), right_to_left)
        if child.tail:
            yield child.tail, chain
    if isolate:
        yield _POP_ISOLATE, None


def _leaves(pieces: list[tuple[str, tuple | None]], right_to_left: bool) -> Iterator[Leaf]:
    """The text of each piece cut at level runs and at long tokens' ends."""
    text = "".join(piece for piece, _ in pieces)
    runs = level_runs(text, right_to_left)
    starts = list(accumulate((len(piece) for piece, _ in pieces), initial=0))
    tokens = long_token_spans(text)
    breaks = break_opportunities(tokens, sorted({run.start for run in runs} | set(starts)))
    for (piece, chain), offset in zip(pieces, starts, strict=False):
        end = offset + len(piece)
        if chain is not None:
            for run in runs:
                low, high = max(run.start, offset), min(run.end, end)
                if low < high:
                    yield from _token_leaves(text, low, high, Leaf("", run.level, chain), tokens, breaks)


def _token_leaves(text: str, start: int, end: int, leaf: Leaf, tokens: list[tuple[int, int]],
                  breaks: set[int]) -> Iterator[Leaf]:
    """The leaf text[start:end] cut where the long tokens in it start and end."""
    for token_start, token_end in tokens[max(bisect_right(tokens, (start, len(text))) - 1, 0):]:
        if token_start >= end:
            break
        low, high = max(token_start, start), min(token_end, end)
        if low >= high:
            continue
        if start < low:
            yield replace(leaf, text=text[start:low])
        yield replace(leaf, text=text[low:high], long=True, break_after=high in breaks)
        start = high
    if start < end:
        yield replace(leaf, text=text[start:end])


class Nesting:
    """Leaves to nested nodes, one paragraph at a time. Inline elements
    (a quotation, its marks) are copied around the leaves they held, and
    neighbouring copies of one element are joined again."""

    def __init__(self) -> None:
        self._originals: dict[etree._Element, etree._Element] = {}  # copy -> the element it copies

    def nodes(self, leaves: list[Leaf], level: int) -> list:
        """Nodes for leaves all at level or higher: a leaf at level is laid
        out here; a stretch above it goes into a span of the next level's direction."""
        nodes, index = [], 0
        while index < len(leaves):
            if leaves[index].level == level:
                nodes.extend(self._leaf_nodes(leaves[index]))
                index += 1
                continue
            end = index
            while end < len(leaves) and leaves[end].level > level:
                end += 1
            nodes.extend(self._direction_span(leaves[index:end], level + 1))
            index = end
        return self._merged(nodes)

    def _leaf_nodes(self, leaf: Leaf) -> list:
        if leaf.text and not leaf.text.strip(_LINE_BREAK):
            return self._wrapped([etree.Element("br") for _ in leaf.text], leaf.chain)
        if leaf.long:
            boxes = long_token_boxes(leaf.text, leaf.level % 2 == 1, leaf.break_after)
        elif leaf.level % 2:
            boxes = right_to_left_boxes(leaf.text)
        else:
            boxes = left_to_right_boxes(leaf.text)
        return self._wrapped(boxes, leaf.chain)

    def _direction_span(self, leaves: list[Leaf], level: int) -> list:
        """A span of the level's direction around the leaves' nodes. The inline
        elements all the leaves sit in go outside it (a quotation whose text
        is all Latin stays one quotation); a span around one element only
        becomes that element's direction."""
        shared = _shared_chain(leaves)
        inner = [replace(leaf, chain=leaf.chain[len(shared):]) for leaf in leaves]
        direction = "rtl" if level % 2 else "ltr"
        content = self.nodes(inner, level)
        if len(content) == 1 and not isinstance(content[0], str) and content[0].get("dir") is None:
            content[0].set("dir", direction)
        else:
            span = etree.Element("span", dir=direction)
            append_nodes(span, content)
            content = [span]
        return self._wrapped(content, shared)

    def _wrapped(self, content: list, chain: tuple) -> list:
        """content inside copies of the chain's elements (outermost first),
        without their dir: the nesting gives each box its direction."""
        for element in reversed(chain):
            copy = etree.Element(element.tag, {key: value for key, value in element.attrib.items()
                                               if key != "dir"})
            self._originals[copy] = element
            append_nodes(copy, content)
            content = [copy]
        return content

    def _merged(self, nodes: list) -> list:
        """Neighbouring copies of the same element joined into one."""
        merged: list = []
        for node in nodes:
            previous = merged[-1] if merged else None
            if (previous is not None and not isinstance(node, str) and not isinstance(previous, str)
                    and node in self._originals and self._originals.get(previous) is self._originals[node]
                    and previous.get("dir") == node.get("dir")):
                append_nodes(previous, _detached_content(node))
                continue
            merged.append(node)
        return merged


def _shared_chain(leaves: list[Leaf]) -> tuple:
    """The inline elements every leaf sits in, outermost first."""
    shared = leaves[0].chain
    for leaf in leaves[1:]:
        length = 0
        while length < min(len(shared), len(leaf.chain)) and shared[length] is leaf.chain[length]:
            length += 1
        shared = shared[:length]
    return shared


def _detached_content(element: etree._Element) -> list:
    """element's content as nodes (text as strings), taken out of it."""
    nodes = [element.text] if element.text else []
    for child in list(element):
        tail, child.tail = child.tail, None
        element.remove(child)
        nodes.append(child)
        if tail:
            nodes.append(tail)
    return nodes

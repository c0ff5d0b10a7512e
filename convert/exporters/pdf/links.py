"""The PDF's links: one annotation per line a link's text occupies, its
rectangle over that text; none in a print PDF; one Link structure element
per link.

WeasyPrint 70 gives every inline box inside an <a> the link too: the strong
text of a link, a quotation's marks, the direction and long-token spans
bidi.py adds each made an annotation of their own, lying on the <a>'s, and
in the structure tree a Span or NonStruct holding an annotation (PDF/UA
asks for a Link). Its rectangle is the <a> box's, which in a right-to-left
line with a leader (the book's contents) runs past the page and leaves the
page number out. So before the PDF is written (``links_per_line``) each
page keeps the links of the boxes that carry one of their own (an <a>'s box
on each line it reaches, WeasyPrint's own note calls), each over the text
boxes it holds; a print PDF (PDF/X) keeps none: its text stays, styled as
text (print.css). After (``link_structure_finisher``) the Link elements of
one <a> on one page become one, holding every annotation of it, and a link
within the document is described by its text rather than its target's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pydyf
from weasyprint.formatting_structure import boxes

from .print_production import indirect_object

Rectangle = tuple[float, float, float, float]


def links_per_line(rendered, print_pdf: bool = False) -> None:
    """Keep, on each page of the rendered document, one link a line per <a>
    (none at all for a print PDF), each over its text."""
    for page in rendered.pages:
        page.links = [] if print_pdf else [
            (kind, target, text_rectangle(box) or rectangle, box)
            for kind, target, rectangle, box in page.links if box.link is not None]


def text_rectangle(box) -> Rectangle | None:
    """The box's line band (its hit area's top and height) across the text
    boxes it holds, left to right; None if it holds none."""
    spans = [(text.position_x, text.position_x + text.width) for text in _text_boxes(box)]
    if not spans:
        return None
    _, top, _, height = box.hit_area()
    return min(left for left, _ in spans), top, max(right for _, right in spans), top + height


def _text_boxes(box) -> Iterator[boxes.TextBox]:
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def link_structure_finisher(then: Callable | None = None) -> Callable:
    """A write_pdf finisher: each <a>'s Link elements on a page made one, and
    the alternate text (/Contents) of a link within the document its text."""

    def finish(document, pdf: pydyf.PDF) -> None:
        if "StructTreeRoot" in pdf.catalog:
            for page in document.pages:
                if page.links:
                    _structure_page_links(pdf, page.links)
        if then is not None:
            then(document, pdf)

    return finish


def _structure_page_links(pdf: pydyf.PDF, links: list) -> None:
    nums = indirect_object(pdf, indirect_object(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
    # The parent tree: a page's number -> its marked contents' elements by
    # MCID; an annotation's StructParent -> its element. Key -> value's index.
    where = {nums[index]: index + 1 for index in range(0, len(nums), 2)}
    kept: dict[object, pydyf.Dictionary] = {}  # an <a> element -> its Link element on this page
    for kind, _, _, box in links:
        annotation = box.link_annotation
        if annotation is None or "StructParent" not in annotation:
            continue
        if kind == "internal" and box.element_tag == "a":
            annotation["Contents"] = pydyf.String(" ".join("".join(box.element.itertext()).split()))
        element = indirect_object(pdf, nums[where[annotation["StructParent"]]])
        first = kept.setdefault(box.element, element)
        if first is not element:
            _merge(pdf, first, element, nums)


def _merge(pdf: pydyf.PDF, first: pydyf.Dictionary, other: pydyf.Dictionary, nums: list) -> None:
    """other's content moved into first (a Link element of the same page),
    other taken out of the tree and out of the parent tree."""
    for kid in other["K"]:
        child = indirect_object(pdf, kid) if isinstance(kid, bytes) else None
        if isinstance(child, pydyf.Dictionary) and child.get("Type") != "/OBJR":
            child["P"] = first.reference
    first["K"].extend(other["K"])
    for index in range(1, len(nums), 2):
        value = nums[index]
        if value == other.reference:
            nums[index] = first.reference
        elif isinstance(value, list):
            value[:] = [first.reference if item == other.reference else item for item in value]
    parent = indirect_object(pdf, other["P"])
    parent["K"] = pydyf.Array(kid for kid in parent["K"] if kid != other.reference)

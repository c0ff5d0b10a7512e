"""One level run's text as the boxes the PDF draws.

Extractors guess the direction of a box from its first glyph in visual
order, the leftmost. In a right-to-left box that is its logical end, often
a full stop or a space, which tells them nothing; after a Latin run they
then put the stop before the Arabic ("3. دفعات"). So the punctuation after
the last Arabic letter of a right-to-left run gets a span of its own, and a
right-to-left box starts (visually) with an Arabic letter or a space; a
single sign before its first letter (the ° of 45°) gets one too. This
relies on each box being a text object of its own in the PDF, which the
exporter's tagging gives (every box is wrapped in marked content).

In left-to-right runs, a short token with punctuation inside (``C:\\temp``,
``v2.1``) stays on one line; a long one (a URL, an e-mail address, a hash),
whatever the runs it is made of, is cut into boxes that wrap
(long_tokens.py).
"""

from __future__ import annotations

import re

from lxml import etree

from .long_tokens import token_pieces, with_break_points

# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo…, and their
# presentation forms).
_RTL = r"\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF"
# What follows the last right-to-left letter of a piece of text, and what
# comes before its first.
_HAS_RTL = re.compile(f"[{_RTL}]")
_RTL_TAIL = re.compile(rf"(?<=[{_RTL}])[^{_RTL}]+$")
_RTL_HEAD = re.compile(rf"[^{_RTL}]+(?=[{_RTL}])")
_WHOLE_TOKEN = re.compile(r"(?<!\S)(?=\S*[^\w\s])(?=\S*\w)\S{2,30}(?!\S)")
# A sign that encloses the digits after it (the Urdu year sign ؁, the number
# sign ؀, the page sign ؃…, the end of ayah ۝ of a Qur'anic quotation) and those digits.
_SIGNED_NUMBER = re.compile("[\u0600-\u0605\u06dd\u08e2][0-9\u0660-\u0669\u06f0-\u06f9]+")


def left_to_right_boxes(text: str) -> list:
    """Left-to-right text as nodes in a span set in the font's LTR twin."""
    ltr = etree.Element("span", {"class": "ltr"})
    append_nodes(ltr, _left_to_right_pieces(text))
    return [ltr]


def right_to_left_boxes(text: str) -> list:
    """Right-to-left text as nodes (strings and spans), the punctuation
    before its first Arabic letter and after its last each in a span of its own."""
    if not text.strip():
        # WeasyPrint draws no box that holds only spaces, so an extractor would
        # join the numbers on either side ("+966 11" between two level runs):
        # a word joiner (drawn as nothing, no break opportunity before the
        # space) makes the box one that is drawn.
        return [_span("\u2060" + text)]
    head = _RTL_HEAD.match(text)
    if head and len(head.group().rstrip()) == 1:
        # One sign before the Arabic (the ° of 45°): a box of its own, or
        # extractors put it after the text. (A box of two neutrals would copy
        # in visual order: only single ones.)
        return [_span(text[:1], "rtl-start"), *right_to_left_boxes(text[1:])]
    tail = _RTL_TAIL.search(text)
    if tail is None or not tail.group().strip():
        # Spaces alone stay: WeasyPrint does not draw a box holding only
        # spaces, and the words on either side would run together when copied.
        return [text]
    # Spaces before the punctuation stay too: justified, they widen, and
    # extractors turn a wide space at the start of a box into stray spaces.
    start = tail.start() + len(tail.group()) - len(tail.group().lstrip())
    return [text[:start], _span(text[start:], "rtl-end")]


def _span(text: str, css_class: str | None = None, direction: str | None = None) -> etree._Element:
    attributes = {"class": css_class} if css_class else {}
    if direction:
        attributes["dir"] = direction
    span = etree.Element("span", attributes)
    span.text = text
    return span


def _left_to_right_pieces(text: str) -> list:
    """Left-to-right text: short tokens kept whole, long ones given break
    points, a sign and the digits it encloses in a right-to-left box."""
    nodes, position = [], 0
    for token in _WHOLE_TOKEN.finditer(text):
        nodes.extend(_signed_numbers_apart(text[position:token.start()]))
        whole = etree.Element("span", {"class": "nobr"})
        append_nodes(whole, _signed_numbers_apart(token.group()))
        nodes.append(whole)
        position = token.end()
    nodes.extend(_signed_numbers_apart(text[position:]))
    return nodes


def _signed_numbers_apart(text: str) -> list:
    """text with each enclosing sign and its digits in a right-to-left span.

    HarfBuzz sets the sign under the digits only when both are shaped in one
    run. In a left-to-right box Pango's own bidi pass (with no Arabic letter
    before them) makes Western and Persian digits European numbers at level
    0 and the sign an Arabic number at level 2: two runs, the sign drawn
    beside the digits. In a right-to-left box both are at level 2, one run."""
    nodes, position = [], 0
    for number in _SIGNED_NUMBER.finditer(text):
        nodes.append(text[position:number.start()])
        nodes.append(_span(number.group(), "nobr", direction="rtl"))
        position = number.end()
    nodes.append(text[position:])
    return [node for node in nodes if not isinstance(node, str) or node]


def long_token_boxes(text: str, right_to_left: bool, break_after: bool) -> list:
    """A piece of a long token (one level run of it) as boxes that wrap
    anywhere, with break opportunities between them (long_tokens.py)."""
    nodes: list = []
    for piece, after in token_pieces(text, break_after):
        if right_to_left:
            box = etree.Element("span", {"class": "long"})
            append_nodes(box, right_to_left_boxes(piece) if _HAS_RTL.search(piece) else _signs_apart(piece))
        else:
            box = _span(piece, "ltr long")
        for element in box.iter():
            # After the boxes of the punctuation are made: a break point is not a sign.
            element.text = element.text and with_break_points(element.text)
            element.tail = element.tail and with_break_points(element.tail)
        nodes += [box, after] if after else [box]
    return nodes


def _signs_apart(text: str) -> list:
    """Right-to-left signs with no letter among them (a token's closing `">`),
    each in a box of its own: a box of several would copy in visual order."""
    return [_span(sign, "rtl-start") if sign.strip() else sign for sign in text]


def append_nodes(parent: etree._Element, nodes: list) -> None:
    """Append strings and elements to parent, strings becoming text and tails."""
    for node in nodes:
        if isinstance(node, str):
            if not node:
                continue
            last = parent[-1] if len(parent) else None
            if last is None:
                parent.text = (parent.text or "") + node
            else:
                last.tail = (last.tail or "") + node
        else:
            parent.append(node)

"""Give every text box one direction, in the order a reader reads it.

Why: WeasyPrint writes the glyphs of one text box in visual order (left to
right), while it writes separate inline boxes in logical order. A line such
as "في عام 2011 ارتفعت" drawn as one box reaches a PDF reader as visual
runs, and text extraction (pypdf, copy-paste in many viewers) then puts
"2011" and the Arabic around it in the wrong order. So every left-to-right
run gets its own span: each box holds a single direction and the content
stream follows the reading order.

The runs are the left-to-right stretches of the rule every format shares
(text/direction.py: COVID-19, F-16, 10%, editor@example.com, New York), so
the spaces and hyphens between Latin words stay inside and the PDF cuts
its text where the DOCX cuts its runs.

Extractors guess the direction of a box from its first glyph in visual
order, the leftmost. In a right-to-left box that is its logical end, often
a full stop or a space, which tells them nothing; after a Latin run they
then put the stop before the Arabic ("3. دفعات"). So the punctuation
after the last Arabic letter of a piece of text gets a span of its own, and
a right-to-left box starts (visually) with an Arabic letter or a space.
This relies on each box being a text object of its own in the PDF, which
the exporter's tagging gives (every box is wrapped in marked content);
untagged, WeasyPrint merges neighbouring boxes into one text object.

Only text between tags of <body> is touched, and every piece is escaped
again, so article text still cannot become markup.
"""

from __future__ import annotations

import re
from html import escape, unescape

from ...text.direction import ltr_stretches

# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo…, and their
# presentation forms).
_RTL = r"\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF"
# What follows the last right-to-left letter of a piece of text.
_RTL_TAIL = re.compile(rf"(?<=[{_RTL}])[^{_RTL}]+$")
_TAG = re.compile(r"(<[^>]*>)")
# A short token with punctuation inside (url(file:///x), C:\temp, e-mail)
# stays on one line: a break after its slash or hyphen splits one word.
_WHOLE_TOKEN = re.compile(r"(?<!\S)(?=\S*[^\w\s])(?=\S*\w)\S{2,30}(?!\S)")
LTR_SPAN = '<span class="ltr" dir="ltr">{}</span>'
WHOLE_SPAN = '<span class="nobr">{}</span>'
TAIL_SPAN = '<span class="rtl-end">{}</span>'


def split_direction_runs(page: str) -> str:
    """The page with each direction run of its body text in its own span."""
    body_start = page.find(">", page.find("<body")) + 1
    if body_start <= 0:
        return page
    pieces = _TAG.split(page[body_start:])
    # re.split with a capturing group alternates text, tag, text, tag…
    pieces[::2] = [_wrap_runs(text) for text in pieces[::2]]
    return page[:body_start] + "".join(pieces)


def _wrap_runs(escaped_text: str) -> str:
    text = unescape(escaped_text)
    pieces, position = [], 0
    for start, end in ltr_stretches(text):
        pieces += _right_to_left_pieces(text[position:start])
        pieces.append(LTR_SPAN.format(_keep_tokens_whole(text[start:end])))
        position = end
    pieces += _right_to_left_pieces(text[position:])
    return "".join(pieces)


def _keep_tokens_whole(run: str) -> str:
    pieces, position = [], 0
    for token in _WHOLE_TOKEN.finditer(run):
        pieces.append(escape(run[position:token.start()]))
        pieces.append(WHOLE_SPAN.format(escape(token.group())))
        position = token.end()
    pieces.append(escape(run[position:]))
    return "".join(pieces)


def _right_to_left_pieces(text: str) -> list[str]:
    """Text between left-to-right runs, its closing punctuation split off."""
    tail = _RTL_TAIL.search(text)
    if tail is None or not tail.group().strip():
        # Spaces alone stay: WeasyPrint does not draw a box holding only
        # spaces, and the words on either side would run together when copied.
        return [escape(text)] if text else []
    # Spaces before the punctuation stay too: justified, they widen, and
    # extractors turn a wide space at the start of a box into stray spaces.
    start = tail.start() + len(tail.group()) - len(tail.group().lstrip())
    return [escape(text[:start]), TAIL_SPAN.format(escape(text[start:]))]

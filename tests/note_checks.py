"""Notes as Chromium shows them: calls and links back followed as a reader's click
follows them, and the page printed, to read where the calls and notes stand.

Following: a harness page holds the page under test in a frame the size of a small screen;
its script clicks every call (a.noteref) and every note's number (a.note-number)
in turn, from the top of the page, and records what the browser then targets
(the CSS :target) and whether that element shows in the frame. Chromium prints
the record with --dump-dom.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from test_epub import chromium
from visual_order import comparable, expected_visual, pdf_lines

HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>links</title></head><body style="margin:0">
<iframe id="page" src="{src}" style="width:480px;height:320px;border:0"></iframe>
<pre id="record">not run</pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {{
  const doc = frame.contentDocument, view = frame.contentWindow, record = [];
  for (const link of doc.querySelectorAll("a.noteref, a.note-number")) {{
    view.scrollTo(0, 0);
    link.click();
    const target = doc.querySelector(":target");
    const box = target ? target.getBoundingClientRect() : null;
    const number = target && (target.matches("a") ? target : target.querySelector("a.note-number"));
    record.push({{kind: link.className, text: link.textContent, href: link.getAttribute("href"),
                 target: target ? target.id : null, tag: target ? target.localName : null,
                 number: number ? number.textContent : null,
                 shown: !!box && box.top >= -1 && box.top < view.innerHeight}});
  }}
  document.getElementById("record").textContent = JSON.stringify(record);
}});
</script></body></html>
"""
_RECORD = re.compile(r'<pre id="record">(.*?)</pre>', re.DOTALL)


@dataclass(frozen=True)
class Followed:
    kind: str  # "noteref" (a call) or "note-number" (a note's link back)
    text: str  # what the link shows
    href: str
    target: str | None  # the id of the element the browser targets after the click
    tag: str | None  # its element name
    number: str | None  # the number it shows (a call's, or a note's opening number)
    shown: bool  # its top lies inside the frame


def followed_links(page: Path, folder: Path) -> list[Followed]:
    """Every note link of the page, clicked in Chromium, in document order."""
    harness = folder / f"follow-{page.stem}.html"
    harness.write_text(HARNESS.format(src=html.escape(page.as_uri())), encoding="utf-8")
    dom = chromium(harness, "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom")
    found = _RECORD.search(dom)
    assert found and found.group(1) != "not run", f"the harness did not run on {page}"
    return [Followed(**entry) for entry in json.loads(html.unescape(found.group(1)))]


# ------------------------------------------------------------------------- printed

def printed(page: Path, folder: Path) -> Path:
    """The page as Chromium prints it."""
    target = folder / f"{page.stem}.pdf"
    chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={target}")
    return target


def shows_line(pdf: Path, logical: str) -> bool:
    """Some printed line shows logical text as UAX #9 orders it in a right-to-left paragraph."""
    return expected_visual(logical) in [comparable(line) for line in pdf_lines(pdf)]


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def glyphs(pdf: Path) -> list[Glyph]:
    """Every glyph of the first page, with its box and size."""
    with pdfplumber.open(pdf) as document:
        return [Glyph(char["text"], char["x0"], char["x1"], char["top"], char["bottom"], char["size"])
                for char in document.pages[0].chars]


def word_glyphs(glyphs_: list[Glyph], word: str, size: float) -> list[Glyph]:
    """The glyphs of the one run of glyphs, left to right, that spells word in text of at least size."""
    large = sorted((glyph for glyph in glyphs_ if glyph.size >= size),
                   key=lambda glyph: (round(glyph.top), glyph.x0))
    spelled = [index for index in range(len(large) - len(word) + 1)
               if "".join(glyph.text for glyph in large[index:index + len(word)]) == word]
    assert len(spelled) == 1, f"{word!r} printed {len(spelled)} times"
    return large[spelled[0]:spelled[0] + len(word)]


def call_beside(glyphs_: list[Glyph], word: list[Glyph], text: str) -> Glyph:
    """The raised call glyph showing text on the line of word (smaller than the word's glyphs)."""
    line_top, line_bottom = min(glyph.top for glyph in word), max(glyph.bottom for glyph in word)
    calls = [glyph for glyph in glyphs_ if glyph.text == text and glyph.size < word[0].size
             and line_top - glyph.size < glyph.top and glyph.bottom < line_bottom]
    assert len(calls) == 1, f"call {text!r} by {''.join(glyph.text for glyph in word)!r}: {calls}"
    return calls[0]

"""Kashida justification: justified Arabic lines evened by elongating letters.

WeasyPrint justifies a line by widening its spaces (justify_line). Arabic
print first lengthens joins between letters with tatweel, the font drawing
runs of it as curved kashida, and leaves only what remains to the spaces.
This wrapper does that before WeasyPrint widens the spaces:

1. for each right-to-left text box of the line, each Arabic word gets its
   best place (text/kashida.py), among those HarfBuzz marks
   SAFE_TO_INSERT_TATWEEL when it shapes the word in the box's font;
2. of those words, the few best (text/kashida.py chosen_words: best-ranked
   place, then the longest word; MAX_WORDS_PER_LINE) take the line's slack,
   a tatweel at a time, every word its first tatweel before any its second,
   at most MAX_PER_WORD at its one place, each costing what HarfBuzz says
   the word widens by (a join the font already draws wide gains nothing
   and is no place);
3. the boxes get their new text and width, the boxes after them move over,
   and WeasyPrint's own justification spreads the rest over the spaces.

Only justified lines come here (never a paragraph's last line, a heading or
a centred footer), and only where the stylesheet says ``--convert-kashida:
on`` (the theme's ``[text] kashida``; off for a document whose author typed
tatweel, see the exporter). The inserted tatweels copy as nothing: the
glyph-to-text map (tounicode.py) leaves tatweel out of the text of every
cluster in such a document, so this fix stands aside without that one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import uharfbuzz as harfbuzz
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline as weasy_inline
from weasyprint.text.line_break import create_layout

from ....text.kashida import TATWEEL, Place, best_place, chosen_words, elongated
from .wrap import wrap_once

_PARAMETERS = ["context", "line", "extra_width"]
MAX_PER_WORD = 3
# Arabic letters and their marks (a word's punctuation and digits stay out).
_ARABIC_WORD = re.compile("[\u0621-\u065f\u066e-\u06d3\u06d5-\u06ed]+")
# family name -> the file of its regular face, registered by the exporter.
_FACE_FILES: dict[str, Path] = {}


def install() -> bool:
    """Wrap justify_line as text_align calls it (idempotent)."""
    return wrap_once(weasy_inline, "justify_line", _PARAMETERS, "justifies_with_kashida", _with_kashida)


def register_face(family: str, path: Path) -> None:
    """The regular face of a family the stylesheet names: HarfBuzz shapes its words."""
    _FACE_FILES[family] = path


def kashida_on(style) -> bool:
    """Whether the stylesheet asks for kashida (--convert-kashida: on) where style applies."""
    tokens = style["__convert_kashida"]
    return isinstance(tokens, tuple) and any(getattr(token, "value", None) == "on" for token in tokens)


def _with_kashida(justify_line):
    def justify_with_kashida(context, line, extra_width):
        if extra_width > 0 and kashida_on(line.style):
            extra_width -= elongate_line(context, line, extra_width)
        return justify_line(context, line, extra_width)

    return justify_with_kashida


class _Word:
    """An Arabic word of a text box that may be elongated at one place."""

    def __init__(self, box, start: int, text: str, place: Place, shaper: _Shaper) -> None:
        self.box, self.start, self.text, self.place, self.shaper = box, start, text, place, shaper
        self.count = 0

    def widening(self) -> float:
        """How much one more tatweel widens the word, in CSS pixels."""
        return self.shaper.widening(self.text, self.place.index, self.count)


def elongate_line(context, line, slack: float) -> float:
    """Lengthen the line's Arabic words by up to slack pixels; the width added."""
    # A join the font already draws with a stroke (Amiri's lam before kaf)
    # gains nothing from a tatweel: not a place.
    candidates = [word for word in _words(line) if word.widening() > 0]
    words = [candidates[at] for at in chosen_words([(word.text, word.place) for word in candidates])]
    remaining = slack
    for _ in range(MAX_PER_WORD):
        for word in words:
            if word.count < MAX_PER_WORD and (widening := word.widening()) <= remaining:
                word.count += 1
                remaining -= widening
    widened = _apply(context, [word for word in words if word.count])
    if widened:
        _move_over(line, widened, 0.0)
    return sum(widened.values())


def _words(line):
    for box in _text_boxes(line):
        # A box the stylesheet keeps from kashida: a Qur'anic quotation (print.css .quran).
        shaper = _shaper_for(box) if kashida_on(box.style) else None
        if shaper is None:
            continue
        for match in _ARABIC_WORD.finditer(box.text):
            place = shaper.place(match.group())
            if place is not None:
                yield _Word(box, match.start(), match.group(), place, shaper)


def _text_boxes(box):
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            yield from _text_boxes(child)


def _shaper_for(box) -> _Shaper | None:
    """A shaper for a right-to-left box set in a registered regular face."""
    style = box.style
    if style["direction"] != "rtl" or style["font_weight"] != 400 or style["font_style"] != "normal":
        return None
    path = next((_FACE_FILES[family] for family in style["font_family"] if family in _FACE_FILES), None)
    return None if path is None else _Shaper.of(path, style["font_size"])


def _apply(context, words: list[_Word]) -> dict:
    """Give each box its elongated text; box -> the width it gained."""
    widened: dict = {}
    for box in {id(word.box): word.box for word in words}.values():
        own = sorted((word for word in words if word.box is box), key=lambda word: -word.start)
        text = box.text
        gained = 0.0
        for word in own:
            longer = elongated(word.text, word.place.index, word.count)
            text = text[:word.start] + longer + text[word.start + len(word.text):]
            gained += word.shaper.width(longer) - word.shaper.width(word.text)
        box.text = text
        box.width += gained
        if not weasy_inline.count_expandable_spaces(box):
            # WeasyPrint lays out again only boxes with spaces to widen.
            box.pango_layout = create_layout(text, box.style, context, None, 0)
            box.pango_layout.deactivate()
        widened[box] = gained
    return widened


def _move_over(box, widened: dict, x_advance: float) -> float:
    """Move each box right by what the boxes on its left gained (as WeasyPrint
    does for widened spaces), widening the inline boxes around them."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        return x_advance + widened.get(box, 0.0)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
        for child in children:
            if child.is_in_normal_flow():
                x_advance = _move_over(child, widened, x_advance)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)
    return x_advance


class _Shaper:
    """HarfBuzz shaping of single words in one face at one size."""

    def __init__(self, path: Path, size_px: float) -> None:
        self.font = _font(path)
        self.scale = size_px / self.font.face.upem

    @classmethod
    @cache
    def of(cls, path: Path, size_px: float) -> _Shaper:
        return cls(path, size_px)

    @lru_cache(maxsize=65536)  # noqa: B019  (one shaper a face and size, for the process)
    def width(self, word: str) -> float:
        buffer = self._shaped(word)
        return sum(position.x_advance for position in buffer.glyph_positions) * self.scale

    @lru_cache(maxsize=65536)  # noqa: B019
    def widening(self, word: str, index: int, count: int) -> float:
        """How much a tatweel more than count at index widens word."""
        return self.width(elongated(word, index, count + 1)) - self.width(elongated(word, index, count))

    @lru_cache(maxsize=65536)  # noqa: B019
    def place(self, word: str) -> Place | None:
        """Where word is best elongated in this face, if anywhere."""
        return best_place(word, self.safe_places(word))

    def safe_places(self, word: str) -> frozenset[int]:
        """Indexes of word before which a tatweel keeps every join."""
        buffer = self._shaped(word, harfbuzz.BufferFlags.PRODUCE_SAFE_TO_INSERT_TATWEEL)
        flag = harfbuzz.GlyphFlags.SAFE_TO_INSERT_TATWEEL
        return frozenset(info.cluster for info in buffer.glyph_infos if info.flags & flag)

    def _shaped(self, word: str, flags: int = 0):
        buffer = harfbuzz.Buffer()
        buffer.add_str(word)
        buffer.guess_segment_properties()
        if flags:
            buffer.flags = flags
        harfbuzz.shape(self.font, buffer, {})
        return buffer


@cache
def _font(path: Path) -> harfbuzz.Font:
    return harfbuzz.Font(harfbuzz.Face(harfbuzz.Blob.from_file_path(str(path))))


__all__ = ["MAX_PER_WORD", "TATWEEL", "install", "kashida_on", "register_face"]

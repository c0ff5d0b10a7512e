"""Whether the ink of one line of a PDF page touches the ink of the next.

The page is drawn twice by PDFium: once with only its odd lines, once with
only its even lines (every other page object removed before rendering). A
pixel dark in both drawings is ink of one line lying on ink of a
neighbouring line: a vowel mark on a descender, a tall Nastaliq word on the
line above. Dark means darker than DARK in each drawing, so the soft edges
antialiasing gives two glyphs that merely come near each other count for
nothing, while a stroke of one line crossing a stroke of the other does.

A line is a group of text objects whose baselines (the y of their matrix)
lie within LINE_TOLERANCE of each other. A form XObject (our PDF draws some
marks that way, see engine_fixes/copy_text) belongs to the line whose
baseline is nearest its own origin: a mark is placed a few points off its
letter's baseline, far less than half a line apart. Paths (rules, the tinted
ground of a quotation) and images are left out of both drawings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DARK = 128  # grey level out of 255: darker is ink
LINE_TOLERANCE = 2.0  # points between baselines of one line's text objects
SCALE = 200 / 72  # 200 dpi


@dataclass(frozen=True)
class PageOverlap:
    page: int  # 0-based
    lines: int
    pixels: int  # dark in both the odd-line and the even-line drawing


def line_overlaps(pdf: Path, scale: float = SCALE, glyph_runs: bool = False) -> list[PageOverlap]:
    """Per page: its number of lines and its pixels inked by two lines.

    glyph_runs: the PDF draws a line as many text objects, a glyph raised or
    lowered off its line as an object of its own (LibreOffice): a line's
    baseline is then where most of its text objects sit, and each text
    object belongs to the nearest baseline (see _run_baselines)."""
    import pypdfium2 as pdfium

    with_pages = pdfium.PdfDocument(str(pdf))
    count = len(with_pages)
    with_pages.close()
    results = []
    for number in range(count):
        lines = _line_count(pdf, number, glyph_runs)
        odd = _drawing(pdf, number, parity=1, scale=scale, glyph_runs=glyph_runs)
        even = _drawing(pdf, number, parity=0, scale=scale, glyph_runs=glyph_runs)
        results.append(PageOverlap(number, lines, int(((odd < DARK) & (even < DARK)).sum())))
    return results


def _baselines(objects: list) -> list[float]:
    """Each line's baseline, top of the page first: the y of its text objects."""
    import pypdfium2.raw as pdfium_c

    text = [obj for obj in objects if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
    ys = sorted({obj.get_matrix().f for obj in text}, reverse=True)
    baselines: list[float] = []
    for y in ys:
        if not baselines or baselines[-1] - y > LINE_TOLERANCE:
            baselines.append(y)
    return baselines


RUN_RADIUS = 16.0  # points: a glyph LibreOffice draws off its line lies within this of its baseline


def _run_baselines(objects: list) -> list[float]:
    """The baselines of a PDF that draws lines as runs of glyphs: the y where
    most text objects sit, then the next most crowded y farther than
    RUN_RADIUS from every baseline found, and so on."""
    from collections import Counter

    import pypdfium2.raw as pdfium_c

    text = [obj for obj in objects if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
    crowd = Counter(round(obj.get_matrix().f * 2) / 2 for obj in text)
    baselines: list[float] = []
    for y, _count in crowd.most_common():
        if all(abs(y - baseline) > RUN_RADIUS for baseline in baselines):
            baselines.append(y)
    return sorted(baselines, reverse=True)


def _lines_of(objects: list, baselines: list[float]) -> list[int | None]:
    """The index of the line each object belongs to (None: not text).

    A text object sits on its line's baseline; a form XObject is drawn after
    the text object of its line (copy-text writes a line, then the marks it
    draws as forms), so it takes the line of the text object before it: a
    Nastaliq glyph may stand half a line above its baseline, nearer the
    baseline of the line above than its own.
    """
    import pypdfium2.raw as pdfium_c

    lines: list[int | None] = []
    current: int | None = None
    for obj in objects:
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            y = obj.get_matrix().f
            current = min(range(len(baselines)), key=lambda index: abs(baselines[index] - y))
            lines.append(current)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            lines.append(current)
        else:
            lines.append(None)
    return lines


def _line_count(pdf: Path, number: int, glyph_runs: bool) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        objects = list(document[number].get_objects(max_depth=0))
        return len(_run_baselines(objects) if glyph_runs else _baselines(objects))
    finally:
        document.close()


def _drawing(pdf: Path, number: int, parity: int, scale: float, glyph_runs: bool = False):
    """The page in grey levels with only the lines whose index has that parity."""
    import numpy
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[number]
        objects = list(page.get_objects(max_depth=0))
        baselines = _run_baselines(objects) if glyph_runs else _baselines(objects)
        for obj, line in zip(objects, _lines_of(objects, baselines), strict=True):
            if line is None or line % 2 != parity:
                page.remove_obj(obj)
        page.gen_content()
        bitmap = page.render(scale=scale, grayscale=True)
        return numpy.array(bitmap.to_pil().convert("L"))
    finally:
        document.close()

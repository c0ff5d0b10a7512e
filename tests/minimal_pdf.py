"""A minimal PDF made by hand, whose text mapping is certainly right.

One line of text in Amiri, drawn as a right-to-left line is drawn: its runs
from right to left, each run's glyphs left to right (a right-to-left run's
glyphs reversed, as HarfBuzz gives them), each glyph exactly as wide as its
advance and standing for exactly the character it draws (one character per
glyph, checked). What a viewer reads wrong from it, it reads wrong from any
PDF: the evidence that a fault is the viewer's, not ours.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import uharfbuzz
from fontTools.ttLib import TTFont

SIZE = 24  # points
RIGHT_EDGE = 500  # where the line starts, in points from the page's left


def amiri() -> Path:
    import fontpkg_amiri

    return Path(fontpkg_amiri.__file__).parent / "files" / "Amiri-Regular.ttf"


def amiri_font() -> tuple[bytes, uharfbuzz.Font, int]:
    """Amiri's file, a HarfBuzz font of it, and its units per em."""
    data = amiri().read_bytes()
    units = TTFont(io.BytesIO(data))["head"].unitsPerEm
    return data, uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(data))), units


def one_line_pdf(runs: list[tuple[str, bool]]) -> bytes:
    """runs: (text, right to left) in logical order."""
    data, font, upem = amiri_font()
    to_unicode: dict[int, str] = {}
    widths: dict[int, int] = {}
    content = [b"BT /F1 %d Tf" % SIZE]
    right = RIGHT_EDGE
    for text, right_to_left in runs:
        glyphs = _shaped(font, text, right_to_left, upem)
        width = sum(advance for _, advance, _ in glyphs) * SIZE / 1000
        content.append(b"1 0 0 1 %.3f 700 Tm [" % (right - width))
        for glyph_id, advance, character in glyphs:
            assert to_unicode.get(glyph_id, character) == character, "one text per glyph"
            to_unicode[glyph_id], widths[glyph_id] = character, advance
            content.append(b"<%04x>" % glyph_id)
        content.append(b"] TJ")
        right -= width
    content.append(b"ET")
    return _pdf(data, b" ".join(content), to_unicode, widths)


def elongated_words_pdf(words: list[tuple[str, str | None]]) -> bytes:
    """One right-to-left line of Arabic words drawn with tatweel elongations
    whose glyph stands for no text, as a justified line is drawn; each word
    (shown, actual text) in a /Span with that /ActualText unless None."""
    data, font, upem = amiri_font()
    to_unicode: dict[int, str] = {}
    widths: dict[int, int] = {}
    content = [b"BT /F1 %d Tf" % SIZE]
    right = RIGHT_EDGE
    for shown, actual in words:
        buffer = uharfbuzz.Buffer()
        buffer.add_str(shown)
        buffer.guess_segment_properties()
        uharfbuzz.shape(font, buffer, {})
        glyphs = [(info.codepoint, round(position.x_advance * 1000 / upem), shown[info.cluster])
                  for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)]
        width = sum(advance for _, advance, _ in glyphs) * SIZE / 1000
        if actual is not None:
            text = actual.encode("utf-16-be").hex().encode()
            content.append(b"/Span << /ActualText <feff%s> >> BDC" % text)
        content.append(b"1 0 0 1 %.3f 700 Tm [" % (right - width))
        for glyph_id, advance, character in glyphs:
            if character != "\u0640":  # an elongation: no text
                to_unicode.setdefault(glyph_id, character)
            widths[glyph_id] = advance
            content.append(b"<%04x>" % glyph_id)
        content.append(b"] TJ")
        if actual is not None:
            content.append(b"EMC")
        right -= width + SIZE / 4  # a space's width
    content.append(b"ET")
    return _pdf(data, b" ".join(content), to_unicode, widths)


def _shaped(font, text: str, right_to_left: bool, upem: int) -> list[tuple[int, int, str]]:
    """(glyph id, advance per mille, the one character it stands for), left to right."""
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if right_to_left else "ltr"
    uharfbuzz.shape(font, buffer, {})
    glyphs = []
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        assert position.x_offset == position.y_offset == 0, "a glyph drawn off its pen position"
        glyphs.append((info.codepoint, round(position.x_advance * 1000 / upem), text[info.cluster]))
    assert "".join(character for _, _, character in glyphs) == (text[::-1] if right_to_left else text), \
        "one glyph per character"
    return glyphs


def _pdf(font_file: bytes, content: bytes, to_unicode: dict[int, str], widths: dict[int, int]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        packed = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)

    cmap = [b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            b"1 begincodespacerange <0000> <ffff> endcodespacerange",
            b"%d beginbfchar" % len(to_unicode),
            *(b"<%04x> <%s>" % (glyph, text.encode("utf-16-be").hex().encode())
              for glyph, text in sorted(to_unicode.items())),
            b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"]
    font_file_number = add(stream(font_file))
    descriptor = add(b"<< /Type /FontDescriptor /FontName /Amiri /Flags 4 /FontBBox [-500 -800 1500 1200] "
                     b"/ItalicAngle 0 /Ascent 1100 /Descent -600 /CapHeight 700 /StemV 80 "
                     b"/FontFile2 %d 0 R >>" % font_file_number)
    w = b" ".join(b"%d [%d]" % item for item in sorted(widths.items()))
    cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Amiri /CIDToGIDMap /Identity "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                   b"/FontDescriptor %d 0 R /W [%s] >>" % (descriptor, w))
    unicode_map = add(stream(b"\n".join(cmap)))
    type0 = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Amiri /Encoding /Identity-H "
                b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, unicode_map))
    contents = add(stream(content))
    pages = len(objects) + 2
    page = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
               b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages, contents, type0))
    add(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, catalog, start))
    return out.getvalue()


def nominal_glyphs_pdf(text: str, marks_together: bool = False, mark_width: int = 20) -> bytes:
    """One right-to-left run of text drawn one nominal glyph (the font's cmap
    glyph, unshaped) per character, from its last character to its first,
    left to right, a combining mark mark_width per mille wide (the sliver the
    text layer gives a mark, copy_text/cells.py); each glyph stands for its
    character. marks_together: consecutive marks drawn as one glyph (the
    first one's) standing for the run of them in typed order. Either way the
    PDF's text is the typed order, whatever a viewer makes of it."""
    import unicodedata

    data, _, upem = amiri_font()
    font = TTFont(io.BytesIO(data))
    cmap, metrics, order = font.getBestCmap(), font["hmtx"].metrics, font.getGlyphOrder()
    units: list[str] = []
    for character in text:
        combining = unicodedata.category(character) == "Mn"
        if marks_together and combining and units and unicodedata.category(units[-1][-1]) == "Mn":
            units[-1] += character
        else:
            units.append(character)
    to_unicode: dict[int, str] = {}
    widths: dict[int, int] = {}
    codes = []
    for unit in reversed(units):
        name = cmap[ord(unit[0])]
        glyph_id = order.index(name)
        assert to_unicode.get(glyph_id, unit) == unit, "one text per glyph"
        to_unicode[glyph_id] = unit
        combining = unicodedata.category(unit[0]) == "Mn"
        widths[glyph_id] = mark_width if combining else round(metrics[name][0] * 1000 / upem)
        codes.append(glyph_id)
    width = sum(widths[glyph_id] for glyph_id in codes) * SIZE / 1000
    drawn = b" ".join(b"<%04x>" % glyph_id for glyph_id in codes)
    content = b"BT /F1 %d Tf 1 0 0 1 %.3f 700 Tm [%s] TJ ET" % (SIZE, RIGHT_EDGE - width, drawn)
    return _pdf(data, content, to_unicode, widths)

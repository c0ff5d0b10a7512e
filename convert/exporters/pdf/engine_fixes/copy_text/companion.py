"""A companion font for each embedded font: the text layer's glyphs.

A PDF font gives each character code one width (W) and one text
(ToUnicode). The text layer needs the same glyph at many widths (its room
on the line) and with several texts (the first letter of each cluster it
starts), so it draws through a second font resource that shares the
embedded font file: a CIDFont whose CIDs 1, 2, 3... map to the real glyphs
(CIDToGIDMap), each with its own width and text. The real font stays as
WeasyPrint writes it, for whatever this fix leaves alone.
"""

from __future__ import annotations

from math import ceil

import pydyf

from .program_glyphs import UnsupportedProgram, append_glyphs

_ATTRIBUTE = "_convert_companion"
# Keys of the real font's descriptor that hold for the companion too.
_DESCRIPTOR_KEYS = ("Type", "FontName", "FontFamily", "Flags", "FontBBox", "ItalicAngle", "Ascent", "Descent",
                    "CapHeight", "StemV", "StemH", "FontFile2")


class Companion:
    """The companion of one WeasyPrint font in one document."""

    def __init__(self, font, name: str) -> None:
        self.font = font
        self.name = name.encode()
        self.codes: dict[tuple[int, int, str, int], int] = {}
        self.entries: list[tuple[int, int, str]] = []  # code - 1 -> (glyph id, width, text)

    def code(self, glyph_id: int, width: float, text: str, variant: int = 0) -> int:
        """The character code drawing glyph_id with this width and text
        (variants: codes that are otherwise the same)."""
        key = (glyph_id, round(width), text, variant)
        code = self.codes.get(key)
        if code is None:
            self.entries.append(key[:3])
            code = self.codes[key] = len(self.entries)
        return code


def companion(font, fonts: dict) -> Companion:
    """The font's companion for this document (WeasyPrint makes a Font per
    document; fonts: all of the document's). Each its own resource name:
    WeasyPrint may make two Fonts of one hash, which share a resource name
    (and the same file), but two companions numbering their codes apart
    must not."""
    found = getattr(font, _ATTRIBUTE, None)
    if found is None:
        twins = [other for other in fonts.values() if other.hash == font.hash]
        rank = twins.index(font) if font in twins else 0
        found = Companion(font, f"{font.hash}T{rank or ''}")
        setattr(font, _ATTRIBUTE, found)
    return found


class LineCodes:
    """The font resource and character code of each text cell of one line.

    PDFium drops a character whose code, in the same font, one of the 7
    before it has within 0.07 em (text drawn twice, it takes it for fake
    bold): the same vowel on two letters a sliver apart. Such twins get
    codes of their own (another variant of the same glyph, width and text).
    """

    WINDOW, DISTANCE = 7, 0.07  # characters; em

    def __init__(self, blanks: dict[int, int], fonts: dict) -> None:
        self.blanks = blanks  # id(font) -> its blank glyph
        self.fonts = fonts  # the document's
        self.seen: dict[tuple[bytes, int], tuple[int, float]] = {}  # -> where it was last drawn
        self.count = 0
        self.companions: dict[int, Companion] = {}

    def __call__(self, cell) -> tuple[bytes, int]:
        face = id(cell.face)
        found = self.companions.get(face)
        if found is None:
            found = self.companions[face] = companion(cell.face, self.fonts)
        glyph_id = self.blanks[face] if cell.glyph_id is None else cell.glyph_id
        variant = 0
        key = (found.name, found.code(glyph_id, cell.width, cell.text))
        while self._twin(key, cell):
            variant += 1
            key = (found.name, found.code(glyph_id, cell.width, cell.text, variant))
        self.count += 1
        self.seen[key] = (self.count, cell.x)
        return key

    def _twin(self, key: tuple[bytes, int], cell) -> bool:
        last = self.seen.get(key)
        return last is not None and self.count - last[0] < self.WINDOW \
            and abs(last[1] - cell.x) < self.DISTANCE * cell.size


def add_companions(pdf, fonts: dict, pdf_fonts: pydyf.Dictionary, compress: bool,
                   consistent_widths: bool = False) -> None:
    """Write the companion of every font that has one into the PDF and the
    fonts dictionary every page's resources use; with consistent_widths
    (PDF/A, PDF/UA, PDF/X), each code's glyph is one appended to the
    embedded program with the code's width as its advance."""
    for font in fonts.values():
        found = getattr(font, _ATTRIBUTE, None)
        if found is None or not found.entries or font.hash not in pdf_fonts:
            continue
        descriptor = _real_descriptor(pdf, pdf_fonts[font.hash])
        glyph_ids = [entry[0] for entry in found.entries]
        if consistent_widths and "FontFile2" in descriptor:
            glyph_ids = _widths_in_program(_object(pdf, descriptor["FontFile2"]), found.entries, glyph_ids)
        pdf_fonts[found.name.decode()] = _write(pdf, found, glyph_ids, descriptor, compress)


def _widths_in_program(program: pydyf.Stream, entries: list[tuple[int, int, str]],
                       glyph_ids: list[int]) -> list[int]:
    """Append the entries' glyphs to the embedded program (a stream shared
    with the real font, whose glyph ids stay as they are); their ids, or
    the real ones for a program that cannot take them."""
    try:
        content, new_ids = append_glyphs(b"".join(program.stream), [entry[:2] for entry in entries])
    except UnsupportedProgram:
        return glyph_ids
    program.stream = [content]
    if "Length1" in program.extra:
        program.extra["Length1"] = len(content)
    return [new_ids[entry[:2]] for entry in entries]


def _object(pdf, reference):
    return pdf.objects[int(bytes(reference).split()[0])]


def _real_descriptor(pdf, font_reference) -> pydyf.Dictionary:
    type0 = _object(pdf, font_reference)
    return _object(pdf, _object(pdf, type0["DescendantFonts"][0])["FontDescriptor"])


def _write(pdf, found: Companion, glyph_ids: list[int], real_descriptor: pydyf.Dictionary,
           compress: bool) -> bytes:
    descriptor = pydyf.Dictionary({key: real_descriptor[key]
                                   for key in _DESCRIPTOR_KEYS if key in real_descriptor})
    if "CIDSet" in real_descriptor:  # PDF 1.4 and PDF/A-1: every CID the font has
        descriptor["CIDSet"] = _add(pdf, _cid_set(len(found.entries)), compress)
    pdf.add_object(descriptor)
    # CID 0 is .notdef, CID n draws glyph_ids[n - 1].
    glyph_map = b"".join(glyph_id.to_bytes(2, "big") for glyph_id in [0, *glyph_ids])
    widths = pydyf.Array([1, pydyf.Array([entry[1] for entry in found.entries])])
    cid_font = pydyf.Dictionary({
        "Type": "/Font",
        "Subtype": "/CIDFontType2",
        "BaseFont": found.font.name,
        "CIDSystemInfo": pydyf.Dictionary({
            "Registry": pydyf.String("Adobe"), "Ordering": pydyf.String("Identity"), "Supplement": 0}),
        "FontDescriptor": descriptor.reference,
        "W": widths,
        "CIDToGIDMap": _add(pdf, glyph_map, compress),
    })
    pdf.add_object(cid_font)
    type0 = pydyf.Dictionary({
        "Type": "/Font",
        "Subtype": "/Type0",
        "BaseFont": found.font.name,
        "Encoding": "/Identity-H",
        "DescendantFonts": pydyf.Array([cid_font.reference]),
        "ToUnicode": _add(pdf, _to_unicode(found.entries), compress),
    })
    pdf.add_object(type0)
    return type0.reference


def _add(pdf, data: bytes, compress: bool) -> bytes:
    stream = pydyf.Stream([data], compress=compress)
    pdf.add_object(stream)
    return stream.reference


def _cid_set(count: int) -> bytes:
    """CIDs 1..count present (CID 0, .notdef, too)."""
    bits = "1" * (count + 1)
    length = ceil(len(bits) / 8)
    return int(bits.ljust(length * 8, "0"), 2).to_bytes(length, "big")


def _to_unicode(entries: list[tuple[int, int, str]]) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    for first in range(0, len(entries), 100):
        batch = entries[first:first + 100]
        lines.append(b"%d beginbfchar" % len(batch))
        for offset, (_, _, text) in enumerate(batch):
            lines.append(b"<%04x> <%s>" % (first + offset + 1, text.encode("utf-16-be").hex().encode()))
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)

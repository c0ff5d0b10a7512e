"""word/fontTable.xml and embedded fonts (ECMA-376 Part 1, §17.8.1 and §17.8.3.3).

A reader without the theme's font installed still sees it: each face is
stored as an obfuscated part ``word/fonts/fontN.odttf`` related from the font
table, and the font table's ``w:embedRegular``/``w:embedBold`` name the part
and the GUID key that undoes the obfuscation.

Obfuscation XORs the first 32 bytes of the font file with the key's 16 bytes
twice over. The key bytes are the GUID's 32 hex digits (braces and hyphens
dropped) read two at a time from the end: for {…-…-…-…-0B3182D0A1AB3A46} the
first key byte is 0x46, the second 0x3A, and so on. The GUID is derived from
the font's own bytes, so a rebuild gives the same key and the same file.
"""

from __future__ import annotations

import hashlib
import struct
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from lxml import etree

from ...errors import ThemeError
from .oxml import w_element
from .relationships import relationships_part

FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# The faces the styles use: Regular for text, Bold for title and headings.
# (Italic is never used; Word slants Regular if an editor asks for it.)
EMBEDDED_FACES = {"Regular": "embedRegular", "Bold": "embedBold"}
_OBFUSCATED_LENGTH = 32


@dataclass(frozen=True)
class EmbeddedFace:
    family: str
    face: str  # Regular, Bold
    part_name: str  # word/fonts/font1.odttf
    key: str  # {GUID}
    data: bytes  # obfuscated font bytes
    source: Path


def font_key(font_data: bytes) -> str:
    """A GUID in registry form, derived from the font's content."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(font_data).digest()[:16])).upper() + "}"


def key_bytes(key: str) -> bytes:
    """The 16 obfuscation bytes: the GUID's hex digits taken pairwise from the end."""
    hex_digits = key.strip("{}").replace("-", "")
    return bytes.fromhex(hex_digits)[::-1]


def obfuscate(font_data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the key (applied twice over); the same call undoes it."""
    mask = key_bytes(key) * 2
    head = bytes(byte ^ mask[i] for i, byte in enumerate(font_data[:_OBFUSCATED_LENGTH]))
    return head + font_data[_OBFUSCATED_LENGTH:]


def embedded_faces(faces_by_family: dict[str, dict[str, Path]]) -> list[EmbeddedFace]:
    """The parts to embed, numbered in a stable order (family, then face)."""
    embedded = []
    for family, faces in faces_by_family.items():
        for face in EMBEDDED_FACES:
            if face not in faces:
                continue
            data = faces[face].read_bytes()
            key = font_key(data)
            part_name = f"word/fonts/font{len(embedded) + 1}.odttf"
            embedded.append(EmbeddedFace(family, face, part_name, key, obfuscate(data, key), faces[face]))
    return embedded


def build_font_table(families: list[str], embedded: list[EmbeddedFace]) -> tuple[bytes, bytes | None]:
    """fontTable.xml and, when fonts are embedded, its relationships part."""
    root = OxmlElement("w:fonts", nsdecls={"w": nsmap["w"], "r": nsmap["r"]})
    relationships = []
    for family in families:
        faces = [item for item in embedded if item.family == family]
        font = w_element("font", name=family)
        if faces:
            font.append(w_element("panose1", val=_panose(faces[0].source)))
        font.append(w_element("charset", val="00"))
        font.append(w_element("family", val="roman"))
        font.append(w_element("pitch", val="variable"))
        if faces:
            font.append(w_element("sig", **_signature(faces[0].source)))
        for face in faces:
            relationship_id = f"rId{len(relationships) + 1}"
            relationships.append((relationship_id, FONT_RELATIONSHIP, face.part_name.removeprefix("word/")))
            embed = w_element(EMBEDDED_FACES[face.face], fontKey=face.key)
            embed.set(qn("r:id"), relationship_id)
            font.append(embed)
        root.append(font)
    table = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return table, (relationships_part(relationships) if relationships else None)


def _panose(path: Path) -> str:
    """The ten PANOSE bytes in hex: how Word matches a substitute font."""
    return os2_fields(path).panose.hex().upper()


def _signature(path: Path) -> dict[str, str]:
    """The Unicode ranges and code pages the font covers (OS/2), as w:sig wants them."""
    fields = os2_fields(path)
    values = dict(zip(("usb0", "usb1", "usb2", "usb3"), fields.unicode_ranges, strict=True))
    values.update(zip(("csb0", "csb1"), fields.code_pages, strict=True))
    return {name: f"{value:08X}" for name, value in values.items()}


@dataclass(frozen=True)
class Os2Fields:
    panose: bytes  # 10 bytes
    unicode_ranges: tuple[int, int, int, int]  # ulUnicodeRange1-4
    code_pages: tuple[int, int]  # ulCodePageRange1-2


@lru_cache(maxsize=8)
def os2_fields(path: Path) -> Os2Fields:
    """The OS/2 table's PANOSE, Unicode ranges and code pages (OpenType spec,
    "OS/2"), read from the table directory. Three fixed fields do not need
    fontTools, whose import is a twentieth of a DOCX run's start."""
    data = path.read_bytes()
    try:
        offset, length = dict(_table_directory(data))["OS/2"]
    except (KeyError, ValueError, struct.error):
        raise ThemeError(f"font {path}: not a TrueType or OpenType font with an OS/2 table") from None
    table = data[offset:offset + length]
    if len(table) < 86 or struct.unpack_from(">H", table, 0)[0] < 1:  # version 0: no code pages
        raise ThemeError(f"font {path}: its OS/2 table is too old or cut short (version 1 or later needed)")
    return Os2Fields(table[32:42], struct.unpack_from(">4I", table, 42), struct.unpack_from(">2I", table, 78))


def _table_directory(data: bytes) -> list[tuple[str, tuple[int, int]]]:
    """(tag, (offset, length)) of each table of a TrueType or OpenType font file."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise ValueError("not a single TrueType or OpenType font")
    (count,) = struct.unpack_from(">H", data, 4)
    entries = []
    for index in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        entries.append((tag.decode("latin-1"), (offset, length)))
    return entries

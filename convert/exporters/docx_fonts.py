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
import uuid
from dataclasses import dataclass
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from fontTools.ttLib import TTFont
from lxml import etree

from .docx_rtl import w_element

FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# The faces the styles use: Regular for text, Bold for title and headings.
# (Italic is never used; Word slants Regular if an editor asks for it.)
EMBEDDED_FACES = {"Regular": "embedRegular", "Bold": "embedBold"}
_OBFUSCATED_LENGTH = 32
_PANOSE_FIELDS = (
    "bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast",
    "bStrokeVariation", "bArmStyle", "bLetterForm", "bMidline", "bXHeight",
)


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
            relationships.append((relationship_id, face.part_name.removeprefix("word/")))
            embed = w_element(EMBEDDED_FACES[face.face], fontKey=face.key)
            embed.set(qn("r:id"), relationship_id)
            font.append(embed)
        root.append(font)
    table = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return table, (_relationships_xml(relationships) if relationships else None)


def _panose(path: Path) -> str:
    """The ten PANOSE bytes in hex: how Word matches a substitute font."""
    panose = TTFont(path, lazy=True)["OS/2"].panose
    return bytes(getattr(panose, field) for field in _PANOSE_FIELDS).hex().upper()


def _signature(path: Path) -> dict[str, str]:
    """The Unicode ranges and code pages the font covers (OS/2), as w:sig wants them."""
    os2 = TTFont(path, lazy=True)["OS/2"]
    values = {
        "usb0": os2.ulUnicodeRange1, "usb1": os2.ulUnicodeRange2,
        "usb2": os2.ulUnicodeRange3, "usb3": os2.ulUnicodeRange4,
        "csb0": os2.ulCodePageRange1, "csb1": os2.ulCodePageRange2,
    }
    return {name: f"{value:08X}" for name, value in values.items()}



def _relationships_xml(relationships: list[tuple[str, str]]) -> bytes:
    namespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    root = etree.Element(f"{{{namespace}}}Relationships", nsmap={None: namespace})
    for relationship_id, target in relationships:
        etree.SubElement(root, f"{{{namespace}}}Relationship", Id=relationship_id,
                         Type=FONT_RELATIONSHIP, Target=target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

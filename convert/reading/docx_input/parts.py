"""The parts of a Word file the reader needs, each read from the ZIP only
when asked for: the main document, then what its relationships name
(styles, numbering, footnotes, endnotes, footers, the pictures its drawings
embed), and the package's core, extended and custom properties.

Why not python-docx here: opening a file with it reads and keeps every part
the package holds, reachable or not (a file of ours carries ~400 KB of
embedded fonts: inflating them was half the reading time), wraps each XML
part in its own element classes, and refuses a macro-enabled main part.
What the reader took from it (relationships, part names, the styles
element, the core properties) is this module's hundred lines. Relationship
and Part keep python-docx's attribute names (reltype, is_external,
target_ref, target_part, blob, partname), so the rest of the reader reads
either alike. Each part goes through package.py's limits: capped reads,
no DTD, a parser that resolves no entity and fetches nothing.
"""

from __future__ import annotations

import posixpath
import zipfile
from functools import cached_property

from lxml import etree

from ...errors import InputError
from .package import MAIN_PART, read_part, refuse_dtd, safe_parser

_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


class Relationship:
    """One relationship of a part: an external one is only ever an address."""

    def __init__(self, package: Package, rid: str, reltype: str, target_ref: str, external: bool,
                 base: str) -> None:
        self.rId = rid
        self.reltype = reltype
        self.target_ref = target_ref
        self.is_external = external
        self._package = package
        self._base = base

    @property
    def target_part(self) -> Part:
        """The part this relationship names (never an external one's: nothing is fetched)."""
        if self.is_external:
            raise ValueError("an external relationship has no part")
        ref = self.target_ref.split("#", 1)[0]
        name = ref.lstrip("/") if ref.startswith("/") else posixpath.join(self._base, ref)
        return self._package.part(posixpath.normpath(name).lstrip("/"))


class Part:
    """A part of the package, its bytes and relationships read on first use."""

    def __init__(self, package: Package, name: str) -> None:
        self._package = package
        self.name = name
        self.partname = "/" + name

    @cached_property
    def blob(self) -> bytes:
        return self._package.read(self.name)

    @cached_property
    def element(self) -> etree._Element:
        return self._package.parse(self.name, self.blob)

    @cached_property
    def rels(self) -> dict[str, Relationship]:
        folder, file = posixpath.split(self.name)
        return self._package.relationships(posixpath.join(folder, "_rels", file + ".rels"), folder)

    def related(self, reltype: str) -> list[Part]:
        """The parts in the package this part relates to by reltype."""
        return [rel.target_part for rel in self.rels.values()
                if rel.reltype == reltype and not rel.is_external]


class Package:
    """A checked ZIP (package.checked_package) read part by part."""

    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source
        self._names = {name.lower(): name for name in archive.namelist()}  # OPC names ignore case
        self._parts: dict[str, Part] = {}

    @cached_property
    def rels(self) -> dict[str, Relationship]:
        return self.relationships("_rels/.rels", "")

    @cached_property
    def main(self) -> Part:
        """The main document: what the package's officeDocument relationship names."""
        for rel in self.rels.values():
            if rel.reltype == _OFFICE_DOCUMENT and not rel.is_external:
                return rel.target_part
        return self.part(MAIN_PART)

    def related(self, reltype: str) -> Part | None:
        """The package-level part related by reltype (the properties), if any.
        Types compare by their last two segments: LibreOffice names the core
        properties by an early draft's type (…/officedocument/2006/relationships/
        metadata/core-properties)."""
        ending = "/" + "/".join(reltype.rsplit("/", 2)[-2:])
        for rel in self.rels.values():
            if rel.reltype.endswith(ending) and not rel.is_external and self.has(rel.target_part.name):
                return rel.target_part
        return None

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def part(self, name: str) -> Part:
        if not self.has(name):
            raise InputError(self.source, f"damaged Word file (no part {name!r})")
        return self._parts.setdefault(name, Part(self, name))

    def read(self, name: str) -> bytes:
        return read_part(self.archive, self._names[name.lower()], self.source)

    def parse(self, name: str, data: bytes) -> etree._Element:
        refuse_dtd(data, name, self.source)
        try:
            return etree.fromstring(data, safe_parser())
        except etree.XMLSyntaxError as error:
            raise InputError(self.source, f"damaged Word file (part {name!r}: {error})") from None

    def relationships(self, name: str, base: str) -> dict[str, Relationship]:
        """The relationships in the .rels part name (none when there is no such part)."""
        if not self.has(name):
            return {}
        found = {}
        for rel in self.parse(name, self.read(name)).iter(_PKG_REL):
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target is not None:
                found[rid] = Relationship(self, rid, rel.get("Type") or "", target,
                                          rel.get("TargetMode") == "External", base)
        return found

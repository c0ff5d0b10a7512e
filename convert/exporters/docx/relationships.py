"""OPC relationship parts (``_rels/*.rels``): one writer for every one we make.

A relationship part lists (id, type, target) triples. The package's, the
document's and the font table's are all written here, the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

RELATIONSHIPS_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def relationships_part(relationships: Iterable[tuple[str, str, str]]) -> bytes:
    """The XML of a relationship part holding (id, type, target) triples, in order."""
    items = "".join(
        f"<Relationship Id={quoted(rid)} Type={quoted(kind)} Target={quoted(target)}/>"
        for rid, kind, target in relationships
    )
    root = f'<Relationships xmlns="{RELATIONSHIPS_NAMESPACE}">{items}</Relationships>'
    return (XML_DECLARATION + root).encode()


def quoted(value: str) -> str:
    """An XML attribute value in double quotes. (html.escape, not xml.sax's
    quoteattr: that module imports urllib and http, 10 ms of start-up.)"""
    return f'"{escape(value, quote=True)}"'

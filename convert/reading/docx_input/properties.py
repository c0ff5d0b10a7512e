"""Custom document properties (docProps/custom.xml): what core properties
have no field for, by the names our exporter writes them under (Word shows
them under File > Info > Properties > Custom): the series, its position,
the publication date and the ISBN."""

from __future__ import annotations

from lxml import etree

from ..isbn import IsbnError, checked_isbn
from .package import safe_parser

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NAMES = {"Series": "series", "SeriesPosition": "series_position", "PublicationDate": "date", "ISBN": "isbn"}


def custom_fields(package) -> dict[str, str]:
    """The model's meta fields found among the package's custom properties."""
    for related in package.rels.values():
        if related.reltype == _CUSTOM and not related.is_external:
            return _fields(etree.fromstring(related.target_part.blob, safe_parser()))
    return {}


def _fields(root: etree._Element) -> dict[str, str]:
    found = {}
    for prop in root:
        name = _NAMES.get(prop.get("name") or "")
        value = "".join(prop.itertext()).strip()
        if name and value:
            found[name] = value
    if "isbn" in found:
        try:
            found["isbn"] = checked_isbn(found["isbn"])
        except IsbnError:  # a wrong ISBN is left out, never published
            del found["isbn"]
    if "series" not in found:
        found.pop("series_position", None)
    return found

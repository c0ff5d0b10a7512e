"""catalog.xml: an OPDS 1.2 acquisition feed (Atom) of an output folder.

One entry per article or book: its title, authors, language, dates, the
first paragraph as summary, its subjects, an acquisition link per format on
disk (relative href, the format's media type) and its cover as image and
thumbnail. Checked in the tests against the OPDS 1.2 RELAX NG schema.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from .entry import CatalogEntry
from .listing import CATALOG_FILE, INDEX_FILE, MEDIA_TYPES, Outputs

ATOM = "http://www.w3.org/2005/Atom"
DC_TERMS = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
ACQUISITION_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition"
ACQUISITION = "http://opds-spec.org/acquisition"
IMAGE_RELATIONS = {"cover": "http://opds-spec.org/image", "thumbnail": "http://opds-spec.org/image/thumbnail"}
_NAMESPACES = {None: ATOM, "dc": DC_TERMS, "opds": OPDS}
_FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:convert-arabic:catalog")


@dataclass(frozen=True)
class Listed:
    """An entry of the catalogue and the files it links to."""

    entry: CatalogEntry
    outputs: Outputs


def href(relative_path: str) -> str:
    """A path relative to the folder as a URI reference, percent-encoded
    (UTF-8): spaces and non-ASCII file names are valid in every client."""
    return quote(relative_path, safe="/")


def catalog_xml(listed: Iterable[Listed], title: str, publisher: str, language: str) -> bytes:
    items = list(listed)
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=_NAMESPACES)
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    _text(feed, "id", f"urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, title)}")
    _text(feed, "title", title)
    _text(feed, "updated", max((item.entry.updated for item in items), default="1970-01-01T00:00:00Z"))
    _text(etree.SubElement(feed, f"{{{ATOM}}}author"), "name", publisher)
    for relation in ("self", "start"):
        _link(feed, relation, CATALOG_FILE, ACQUISITION_FEED)
    _link(feed, "alternate", INDEX_FILE, "text/html")
    for item in items:
        feed.append(_entry(item))
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(item: Listed) -> etree._Element:
    entry, element = item.entry, etree.Element(f"{{{ATOM}}}entry")
    element.set("{http://www.w3.org/XML/1998/namespace}lang", entry.language)
    _text(element, "id", entry.identifier)
    _text(element, "title", entry.title)
    _text(element, "updated", entry.updated)
    for name in entry.authors:
        _text(etree.SubElement(element, f"{{{ATOM}}}author"), "name", name)
    etree.SubElement(element, f"{{{DC_TERMS}}}language").text = entry.language
    if entry.date:
        etree.SubElement(element, f"{{{DC_TERMS}}}issued").text = entry.date
    if entry.publisher:
        etree.SubElement(element, f"{{{DC_TERMS}}}publisher").text = entry.publisher
    for subject in entry.subjects:
        category = etree.SubElement(element, f"{{{ATOM}}}category")
        category.set("term", subject)
        category.set("label", subject)
    if entry.summary:
        _text(element, "summary", entry.summary).set("type", "text")
    # Atom wants content or an alternate link: the description, else the web page, else the summary.
    if entry.description:
        _text(element, "content", entry.description).set("type", "text")
    elif "html" in item.outputs.files:
        _link(element, "alternate", item.outputs.files["html"], MEDIA_TYPES["html"])
    elif entry.summary:
        _text(element, "content", entry.summary).set("type", "text")
    for kind, relation in IMAGE_RELATIONS.items():
        if kind in item.outputs.files:
            _link(element, relation, item.outputs.files[kind], MEDIA_TYPES[kind])
    for fmt in item.outputs.formats:
        _link(element, ACQUISITION, item.outputs.files[fmt], MEDIA_TYPES[fmt])
    return element


def _text(parent: etree._Element, name: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def _link(parent: etree._Element, relation: str, relative_path: str, media_type: str) -> None:
    etree.SubElement(parent, f"{{{ATOM}}}link", rel=relation, href=href(relative_path), type=media_type)

"""feed.xml: an Atom 1.0 feed (RFC 4287) of the folder's newest articles,
for feed readers and for a website that shows the latest opinion pieces.

Written with catalog.xml from the same entries (the catalogue's store, so
it follows incremental runs the same way). Each entry: title, authors,
published (the article's date) and updated (when its outputs were written),
summary (the front matter's description, else the first paragraph cut at a
word), categories from its subjects, its language, a link to its HTML page
(else to each format written, with its media type) and its share card
(NAME.card.png) as enclosure and Media RSS thumbnail. Links are absolute
under the theme's [publishing] base_url when it is set, else relative to
the feed. Checked in the tests against RFC 4287's RELAX NG schema.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from .. import __version__
from ..publication import cut_at_word
from ..web_page import published_address
from .listing import FEED_FILE, MEDIA_TYPES
from .opds import ATOM, Listed, href

# Enough for a reader that polls once a day to miss nothing from a busy
# opinion desk (a few pieces a day), small enough for readers that poll
# every few minutes: some 75 KB with a 400-character Arabic summary each.
FEED_ENTRIES = 50
MEDIA_RSS = "http://search.yahoo.com/mrss/"
FEED_TYPE = "application/atom+xml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NAMESPACES = {None: ATOM, "media": MEDIA_RSS}
# Not the catalogue's namespace: the two feeds are different documents.
_FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:convert-arabic:feed")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class FeedHead:
    """What the feed says about itself."""

    title: str
    author: str  # the publisher
    language: str
    base_url: str = ""  # where the folder is published; "" : links relative to the feed
    page: str | None = None  # the folder's index page, when the catalogue writes it


def newest(listed: Iterable[Listed], count: int = FEED_ENTRIES) -> list[Listed]:
    """The count newest entries: by the article's date, newest first, then
    by title; articles without a date after every dated one."""
    items = sorted(listed, key=lambda item: item.entry.title)
    items.sort(key=lambda item: item.entry.date or "", reverse=True)  # stable: titles stay in order
    return items[:count]


def feed_xml(listed: Iterable[Listed], head: FeedHead, out_dir: Path) -> bytes:
    items = newest(listed)
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=_NAMESPACES)
    feed.set(_XML_LANG, head.language)
    _text(feed, "id", f"urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, head.title)}")
    _text(feed, "title", head.title)
    _text(feed, "updated", max((item.entry.updated for item in items), default="1970-01-01T00:00:00Z"))
    _text(etree.SubElement(feed, f"{{{ATOM}}}author"), "name", head.author)
    _link(feed, "self", _address(FEED_FILE, head.base_url), FEED_TYPE)
    if head.page:
        _link(feed, "alternate", _address(head.page, head.base_url), MEDIA_TYPES["html"])
    _text(feed, "generator", "convert").set("version", __version__)
    for item in items:
        feed.append(_entry(item, head.base_url, out_dir))
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def output_identifier(stem: str) -> str:
    """An entry's id: a name-based UUID of where its outputs lie, which
    stays the same when the article is corrected (RFC 4287: a revision
    keeps its entry's id), as its web address does."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:convert-arabic:output:' + stem)}"


def _entry(item: Listed, base_url: str, out_dir: Path) -> etree._Element:
    entry, files = item.entry, item.outputs.files
    element = etree.Element(f"{{{ATOM}}}entry")
    element.set(_XML_LANG, entry.language)
    _text(element, "id", output_identifier(item.outputs.stem))
    _text(element, "title", entry.title).set("type", "text")
    published = _published(entry.date)
    if published:
        _text(element, "published", published)
    _text(element, "updated", entry.updated)
    for name in entry.authors:
        _text(etree.SubElement(element, f"{{{ATOM}}}author"), "name", name)
    summary = entry.description or entry.summary
    if summary:
        _text(element, "summary", cut_at_word(summary)).set("type", "text")
    for subject in entry.subjects:
        etree.SubElement(element, f"{{{ATOM}}}category", term=subject, label=subject)
    # The web page when there is one; else each format written (one
    # alternate link per media type, as RFC 4287 allows).
    for fmt in ["html"] if "html" in files else item.outputs.formats:
        _link(element, "alternate", _address(files[fmt], base_url), MEDIA_TYPES[fmt])
    if "card" in files:
        _card(element, _address(files["card"], base_url), out_dir / files["card"])
    return element


def _published(article_date: str | None) -> str | None:
    """The article's date as an RFC 3339 date-time, when it names a real
    day; a year or a month alone says too little to be one."""
    try:
        return date.fromisoformat(article_date or "").isoformat() + "T00:00:00Z"
    except ValueError:
        return None


def _card(element: etree._Element, address: str, path: Path) -> None:
    """The share card as an enclosure (its size in bytes) and as Media
    RSS's thumbnail (its size in pixels), which readers show beside the entry."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(24)
        length = path.stat().st_size
    except OSError:
        return  # gone since the folder was listed: the entry goes without it
    _link(element, "enclosure", address, MEDIA_TYPES["card"]).set("length", str(length))
    thumbnail = etree.SubElement(element, f"{{{MEDIA_RSS}}}thumbnail", url=address)
    if header[:8] == _PNG_SIGNATURE and header[12:16] == b"IHDR":
        width, height = struct.unpack(">II", header[16:24])
        thumbnail.set("width", str(width))
        thumbnail.set("height", str(height))


def _address(relative_path: str, base_url: str) -> str:
    """A file's link: where it is published under base_url when set (the
    address its page names too), else relative to the feed."""
    return published_address(base_url, relative_path) if base_url else href(relative_path)


def _text(parent: etree._Element, name: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def _link(parent: etree._Element, relation: str, address: str, media_type: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ATOM}}}link", rel=relation, href=address, type=media_type)

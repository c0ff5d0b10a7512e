"""Small lxml helpers for WordprocessingML: names, attributes, toggles."""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
_OFF = {"0", "false", "off", "none"}


def child(element: etree._Element, name: str) -> etree._Element | None:
    return element.find(W + name)


def attr(element: etree._Element, name: str) -> str | None:
    return element.get(W + name)


def local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for comments and PIs)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def on(element: etree._Element) -> bool:
    """A toggle property (w:b, w:i, w:vanish): on unless its w:val says off."""
    value = attr(element, "val")
    return value is None or value.lower() not in _OFF

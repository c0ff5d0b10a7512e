"""What a DOCX says about itself: core properties (title, authors, tags,
description, ISBN, language, dates) and, in custom properties, what those
have no field for (series, its position, the publication date, the
publisher, the ISBN as such). The publisher is also the extended
properties' Company, which the starting package carries (package.py).

Word shows all of them under File > Info > Properties; stores and document
managers read the core ones.
"""

from __future__ import annotations

from html import escape

from docx.document import Document as WordDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ...options import Options
from ...publication import Publication
from ...text.shown import shown_title
from .relationships import XML_DECLARATION

# OPC core properties hold at most 255 characters; the text itself is never cut.
_PROPERTY_LIMIT = 255
FULL_TITLE = "FullTitle"  # a custom property (docx_input/properties.py reads it)
_CUSTOM_PART = "/docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VARIANT_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every user-defined property carries (ECMA-376 Part 1, 22.3.2.2).
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def set_properties(word: WordDocument, store: Publication, options: Options) -> None:
    set_core_properties(word, store, options)
    custom = custom_properties(store)
    if custom:
        _add_custom_part(word, custom)


def set_core_properties(word: WordDocument, store: Publication, options: Options) -> None:
    """Core properties; the dates are the file's, from options.created (SOURCE_DATE_EPOCH)."""
    properties = word.core_properties
    authors = "; ".join(store.creators)  # Word's own separator between authors
    properties.title = _property_text(store.title)
    properties.author = _property_text(authors)
    properties.last_modified_by = _property_text(authors)
    properties.keywords = _property_text("; ".join(store.subjects))  # Word's "Tags"
    properties.comments = _property_text(store.description or "")  # dc:description
    properties.identifier = store.isbn_urn or ""
    properties.language = store.language
    properties.created = options.created
    properties.modified = options.created
    properties.revision = 1


def custom_properties(store: Publication) -> dict[str, str]:
    """The store fields core properties have no place for, by the name Word shows;
    FULL_TITLE: a title the core properties or the title paragraph shorten, in
    full (read back as the title where the body shows its shortened form)."""
    shortened = store.title != _property_text(store.title) or store.title != shown_title(store.title)
    fields = {
        FULL_TITLE: store.title if shortened else "",
        "Publisher": store.publisher,
        "Series": store.series,
        "SeriesPosition": store.series_position,
        "PublicationDate": store.date,
        "ISBN": store.isbn,
    }
    return {name: value for name, value in fields.items() if value}


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{_USER_DEFINED}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value, quote=False)}</vt:lpwstr></property>"
        # Property ids start at 2 (0 and 1 are reserved).
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    root = f'<Properties xmlns="{_CUSTOM_NAMESPACE}" xmlns:vt="{_VARIANT_TYPES}">'
    return f"{XML_DECLARATION}{root}{items}</Properties>".encode()


def _add_custom_part(word: WordDocument, properties: dict[str, str]) -> None:
    package = word.part.package
    part = Part(PackURI(_CUSTOM_PART), _CUSTOM_TYPE, custom_properties_xml(properties), package)
    package.relate_to(part, _CUSTOM_RELATIONSHIP)


def _property_text(value: str) -> str:
    """value, shortened with an ellipsis when longer than a core property may be."""
    if len(value) <= _PROPERTY_LIMIT:
        return value
    return value[: _PROPERTY_LIMIT - 1].rstrip() + "…"

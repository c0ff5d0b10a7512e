"""What the PDF says about itself: title, authors, description, subjects,
language, dates, variant, and the store fields (publisher, series, ISBN,
publication date) in the Info dictionary and the XMP metadata.

WeasyPrint reads the title and language from the HTML; the rest is set here
on its rendered document, from the model and the options, so the HTML
builder stays format-free. WeasyPrint writes XMP only for PDF/A, UA and X:
store_metadata_finisher writes it for every PDF and adds what WeasyPrint's
has no field for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

import pydyf
from weasyprint.document import Document as RenderedDocument

from ...errors import UsageError
from ...options import PDF_VARIANTS, Options
from ...publication import Publication
from .print_production import indirect_object

_XMP_NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    'xmlns:xmpidq="http://ns.adobe.com/xmp/Identifier/qual/1.0/" '
    # Calibre's series vocabulary: what e-book managers read a PDF's series from.
    'xmlns:calibre="http://calibre-ebook.com/xmp-namespace" '
    'xmlns:calibreSI="http://calibre-ebook.com/xmp-namespace-series-index"'
)


def apply_metadata(rendered: RenderedDocument, store: Publication, options: Options) -> None:
    metadata = rendered.metadata
    metadata.title = store.title
    metadata.authors = list(store.creators)
    metadata.description = store.description
    metadata.keywords = list(store.subjects)
    metadata.lang = store.language
    # Both dates come from options.created: SOURCE_DATE_EPOCH when set, so a
    # rebuild of the same input gives the same bytes.
    metadata.created = metadata.modified = w3c_datetime(options.created)
    metadata.generator = "convert"
    metadata.custom = info_fields(store)


def info_fields(store: Publication) -> dict[str, str]:
    """The Info dictionary's keys for what it has no standard key for."""
    fields = {"Publisher": store.publisher, "Series": store.series, "SeriesPosition": store.series_position,
              "PublicationDate": store.date, "ISBN": store.isbn}
    return {key: value for key, value in fields.items() if value}


def store_metadata_finisher(rendered: RenderedDocument, store: Publication,
                            then: Callable | None = None) -> Callable:
    """A write_pdf finisher: the XMP metadata stream (WeasyPrint's, or one
    made as it would make it), with the store fields added."""

    def finish(document: object, pdf: pydyf.PDF) -> None:
        if "Metadata" not in pdf.catalog:
            # Uncompressed, as PDF/A asks: tools that index files read XMP as plain text.
            rendered.metadata.include_in_pdf(pdf, "", None, None, compress=False)
        stream = indirect_object(pdf, pdf.catalog["Metadata"])
        chunks = [chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in stream.stream]
        packet = b"".join(chunks)
        stream.stream = [packet.replace(b"</rdf:RDF>", xmp_description(store) + b"</rdf:RDF>", 1)]
        if then is not None:
            then(document, pdf)

    return finish


def reading_direction_finisher(direction: str, then: Callable | None = None) -> Callable:
    """A write_pdf finisher: the catalog's ViewerPreferences say which way the
    pages read, so a viewer showing two pages side by side puts page 2 at the
    right of page 3 in a right-to-left document (ISO 32000-2, 12.2, Direction)."""

    def finish(document: object, pdf: pydyf.PDF) -> None:
        preferences = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
        preferences["Direction"] = "/R2L" if direction == "rtl" else "/L2R"
        pdf.catalog["ViewerPreferences"] = preferences
        if then is not None:
            then(document, pdf)

    return finish


def xmp_description(store: Publication) -> bytes:
    """An rdf:Description of the fields WeasyPrint's XMP lacks."""
    parts = []
    if store.publisher:
        parts.append(f"<dc:publisher><rdf:Bag><rdf:li>{escape(store.publisher)}</rdf:li></rdf:Bag></dc:publisher>")
    if store.subjects:
        items = "".join(f"<rdf:li>{escape(subject)}</rdf:li>" for subject in store.subjects)
        parts.append(f"<dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>")
    parts.append(f"<dc:language><rdf:Bag><rdf:li>{escape(store.language)}</rdf:li></rdf:Bag></dc:language>")
    if store.date:
        parts.append(f"<dc:date><rdf:Seq><rdf:li>{escape(store.date)}</rdf:li></rdf:Seq></dc:date>")
    if store.isbn_urn:
        parts.append(f"<dc:identifier>{escape(store.isbn_urn)}</dc:identifier>")
        scheme = '<rdf:li rdf:parseType="Resource"><xmpidq:Scheme>isbn</xmpidq:Scheme>'
        parts.append(f"<xmp:Identifier><rdf:Bag>{scheme}<rdf:value>{escape(store.isbn or '')}</rdf:value>"
                     "</rdf:li></rdf:Bag></xmp:Identifier>")
    if store.series:
        position = (f"<calibreSI:series_index>{escape(store.series_position)}</calibreSI:series_index>"
                    if store.series_position else "")
        parts.append(f'<calibre:series rdf:parseType="Resource"><rdf:value>{escape(store.series)}</rdf:value>'
                     f"{position}</calibre:series>")
    about = quoteattr("")
    return f"<rdf:Description rdf:about={about} {_XMP_NAMESPACES}>{''.join(parts)}</rdf:Description>".encode()


def w3c_datetime(moment: datetime) -> str:
    """2021-03-15T08:30:00Z: the W3C date form WeasyPrint turns into a PDF date."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_options(options: Options) -> dict[str, object]:
    """Keyword arguments for WeasyPrint's Document.write_pdf."""
    if options.pdf_variant not in (None, *PDF_VARIANTS):
        raise UsageError(f"PDF variant {options.pdf_variant!r} (use {' or '.join(PDF_VARIANTS)})")
    return {
        "pdf_variant": options.pdf_variant,
        # The file identifier is the MD5 of the content: stable for the same
        # input and build date (unlike a random one), unique otherwise.
        "pdf_identifier": True,
        # Tagged for every variant, not only pdf/ua-1: screen readers get the
        # structure, and each text box becomes its own marked text object,
        # which the reading order of extracted text relies on (bidi.py).
        "pdf_tags": True,
        # Info keys beyond the standard ones (publisher, series, ISBN): info_fields.
        "custom_metadata": True,
    }

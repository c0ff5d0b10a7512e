"""What the PDF says about itself: title, author, language, dates, variant.

WeasyPrint reads the title and language from the HTML; the author and the
dates are set here on its rendered document, from the model and the options,
so the HTML builder stays format-free.
"""

from __future__ import annotations

from datetime import UTC, datetime

from weasyprint.document import Document as RenderedDocument

from ...errors import UsageError
from ...model import Meta
from ...options import PDF_VARIANTS, Options


def apply_metadata(rendered: RenderedDocument, meta: Meta, options: Options) -> None:
    metadata = rendered.metadata
    metadata.title = meta.title
    metadata.authors = [meta.author] if meta.author else []
    metadata.lang = meta.lang
    # Both dates come from options.created: SOURCE_DATE_EPOCH when set, so a
    # rebuild of the same input gives the same bytes.
    metadata.created = metadata.modified = w3c_datetime(options.created)
    metadata.generator = "convert"


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
    }

"""Arabic articles (plain text) to right-to-left PDF, DOCX, EPUB, HTML and JSON.

Library use::

    from convert import read_file
    doc = read_file(Path("seeds/iran-and-al-qaeda.txt")).document
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ConvertError, InputError  # noqa: E402
from .model import Block, BlockQuote, Book, Document, Heading, ListBlock, Meta, Paragraph, Quote, Text  # noqa: E402
from .reading.reader import read_bytes, read_file  # noqa: E402

__all__ = [
    "Block", "BlockQuote", "Book", "ConvertError", "Document", "Heading", "InputError",
    "ListBlock", "Meta", "Paragraph", "Quote", "Text", "read_bytes", "read_file",
]

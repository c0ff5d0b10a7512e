"""Word files (.docx) as articles: recognised by their content (a ZIP with
word/document.xml; reader.read_bytes sends them here), opened with limits
(package.py), read into the same document model as a text article (document.py)."""

from __future__ import annotations

from .document import read_docx

__all__ = ["read_docx"]

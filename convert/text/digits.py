"""Numbers in the digits a theme names (Theme.digits()): page numbers
written as text (a DOCX contents page, an EPUB's page list)."""

from __future__ import annotations

_TRANSLATIONS = {"arabic-indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
                 "persian": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")}


def number_text(number: int, digits: str) -> str:
    """number in "arabic-indic" (١٢), "persian" (۱۲) or "latin" (12) digits."""
    return str(number).translate(_TRANSLATIONS.get(digits, {}))

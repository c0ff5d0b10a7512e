"""WeasyPrint for the PDF exporter, imported once through the engine-fix gate
(engine_fixes: fast import, then the fixes to its work) before any other
module of ours touches it. The PDF exporter takes WeasyPrint from here."""

from __future__ import annotations

from .engine_fixes import import_weasyprint, install_engine_fixes

import_weasyprint()

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.css import ColorProfile  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

__all__ = ["CSS", "HTML", "ColorProfile", "FontConfiguration", "install_engine_fixes"]

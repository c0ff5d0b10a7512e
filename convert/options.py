"""Everything that shapes a conversion besides the article itself.

Built and validated once by the CLI (or a library caller); exporters only
read it. It is pickled to worker processes, so it holds plain data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from .reading.language import language_code
from .text.vocalisation import is_vocalised
from .theme import Theme, load_theme

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/x-4", "pdf/x-1a")
# The print-production variants: CMYK colours, an output intent, trim and bleed boxes.
PDFX_VARIANTS = ("pdf/x-4", "pdf/x-1a")
# PDF: about 2 MB of memory a page while WeasyPrint lays out (see exporters/pdf/limits.py).
DEFAULT_MAX_PAGES = 1000


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def is_reproducible() -> bool:
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()


@dataclass(frozen=True)
class Options:
    theme: Theme = field(default_factory=load_theme)
    # Disclaimer for articles without one (None: the theme's default text).
    disclaimer: str | None = None
    # False with --no-disclaimer: no disclaimer footer at all.
    footer: bool = True
    # Print options (PDF; DOCX follows the theme's page size too).
    duplex: bool = False
    bleed_mm: float = 0.0
    crop_marks: bool = False
    pdf_variant: str | None = None
    # PDF/X: the CMYK output profile (--output-intent; None: the one in profiles/).
    output_intent: Path | None = None
    # PDF: refuse articles (and books) estimated longer than this many pages.
    max_pages: int = DEFAULT_MAX_PAGES
    created: datetime = field(default_factory=build_time)
    reproducible: bool = field(default_factory=is_reproducible)
    # --lang: the language of every article of the batch whose front matter names none.
    language: str | None = None
    # EPUB: a page list marking where the print PDF's pages start (set when a
    # run writes both: the EPUB then reuses the PDF's layout).
    page_list: bool = False
    # Where this article's (or book's) outputs go, relative to the output
    # folder, without suffix ("opinion/column" for opinion/column.html): the
    # HTML page's canonical address and its share card's under the theme's
    # base_url. Set per article by the batch; None: not known (a library caller).
    output_stem: str | None = None

    @property
    def is_pdfx(self) -> bool:
        """A print-production PDF (PDF/X): CMYK only, an output intent, trim and bleed boxes."""
        return self.pdf_variant in PDFX_VARIANTS

    def for_language(self, lang: str) -> Options:
        """These options with the theme an article in lang is set in."""
        return replace(self, theme=self.theme.for_language(language_code(lang)))

    def for_texts(self, texts: Iterable[str]) -> Options:
        """These options with the theme for texts (title, body…): spaced for
        vowel marks if one of them is vocalised (Theme.for_vocalised)."""
        return replace(self, theme=self.theme.for_vocalised()) if is_vocalised(texts) else self

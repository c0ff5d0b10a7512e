"""HTML: one standalone page per article, the theme's CSS inlined."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ..html import PageOptions, render_book_page, render_page
from ..model import Book, Document
from ..options import Options
from ..theme import Theme


class HtmlExporter:
    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"

    def __init__(self) -> None:
        self._css: dict[Theme, str] = {}  # base.css + html.css, rendered

    def export(self, doc: Document, target: Path, options: Options) -> None:
        page = render_page(doc, PageOptions(css=self._stylesheet(options)))
        target.write_text(page, encoding="utf-8")

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        page = render_book_page(book, PageOptions(css=self._stylesheet(options)))
        target.write_text(page, encoding="utf-8")

    def _stylesheet(self, options: Options) -> str:
        theme = options.theme
        if theme not in self._css:
            self._css[theme] = theme.render_css("base.css", "html.css")
        return self._css[theme]

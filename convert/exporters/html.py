"""HTML: one standalone page per article, the theme's CSS inlined, and its fonts.

Its head carries the page's metadata for search engines and social networks
(web_page.py, web_head.py): description, canonical address, Open Graph,
Twitter card and schema.org JSON-LD.

The page carries its fonts as data: URLs, each face subset to the characters
of the page (font_subset.py, the rule the EPUB follows too): the body face,
the headings' bold, and any fallback face (emoji, symbols) the page needs.
It shows in the theme's font on a machine without it, and still references
no external resource. Theme [embed] fonts = false leaves them out.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from ..font_subset import MEDIA_TYPES, FontFace, face_bytes, font_face_rule, page_faces
from ..html import KEEP_WITH_NEXT, NoteMarkup, PageOptions, render_book_page, render_page
from ..model import Book, Document
from ..options import Options
from ..theme import Theme, fallback_families_css
from ..web_head import head_markup
from ..web_page import web_page
from .note_markup import note_markup
from .page_sheets import block_sheets

_HEAD = re.compile(r"<head>.*?</head>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# Text set in the headings' bold face: headings, and heading-like lines.
_HEADING = re.compile(rf'<(h[1-6])\b[^>]*>(.*?)</\1>|<(p) class="{KEEP_WITH_NEXT}">(.*?)</p>', re.DOTALL)


class HtmlExporter:
    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"

    def __init__(self) -> None:
        # base.css + html.css (+ notes.css, tables.css), rendered, by theme, the
        # fallback families a page uses and the sheets its blocks add
        self._css: dict[tuple[Theme, tuple[str, ...], tuple[str, ...]], str] = {}

    def export(self, doc: Document, target: Path, options: Options) -> None:
        notes = note_markup(doc, options.theme, "end")
        head = head_markup(web_page(doc, options))
        page = self._page(lambda css: render_page(doc, PageOptions(css=css, head=head), notes), options.theme,
                          block_sheets(doc))
        target.write_text(page, encoding="utf-8")

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        # Each article's notes after it, numbered from 1 in its own digits.
        def notes(doc: Document) -> NoteMarkup:
            return note_markup(doc, options.theme, "end")

        head = head_markup(web_page(book, options))
        page = self._page(lambda css: render_book_page(book, PageOptions(css=css, head=head), notes),
                          options.theme, block_sheets(book))
        target.write_text(page, encoding="utf-8")

    def _page(self, render: Callable[[str | None], str], theme: Theme, sheets: tuple[str, ...]) -> str:
        """The page, its stylesheet led by the fonts its text needs."""
        if not theme.embed.fonts:
            return render(self._stylesheet(theme, (), sheets))
        faces, fallback = page_faces(theme, *page_text(render(None)))
        return render(font_face_rules(faces) + "\n" + self._stylesheet(theme, fallback, sheets))

    def _stylesheet(self, theme: Theme, fallback: tuple[str, ...], sheets: tuple[str, ...]) -> str:
        key = (theme, fallback, sheets)
        if key not in self._css:
            extra = {"fonts_fallback": fallback_families_css(fallback)}
            self._css[key] = theme.render_css("base.css", "html.css", *sheets, extra=extra)
        return self._css[key]


def page_text(page: str) -> tuple[str, str]:
    """The characters a reader may see on a page (its body), and those of its headings."""
    body = _HEAD.sub("", page, count=1)
    headings = "".join(match.group(2) or match.group(4) or "" for match in _HEADING.finditer(body))
    return html.unescape(_TAG.sub("", body)), html.unescape(_TAG.sub("", headings))


def font_face_rules(faces: list[tuple[FontFace, frozenset[str]]]) -> str:
    """@font-face rules carrying each face, subset to its characters, as a data: URL."""
    rules = []
    for face, characters in faces:
        data = base64.b64encode(face_bytes(face.path, characters)).decode("ascii")
        media_type = MEDIA_TYPES[face.path.suffix.lower()]
        rules.append(font_face_rule(face, f"url(data:{media_type};base64,{data})"))
    return "\n".join(rules)

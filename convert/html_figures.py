"""A figure in the shared HTML (html.py): ``<figure><img alt><figcaption>``.

Where the picture's bytes are depends on the format, so html.py asks the
source in force (image_sources): by default a data: URL (a standalone HTML
page), a file name in an EPUB's package, a URL the PDF fetcher serves.

The figure's look rides on its style attribute rather than in the theme's
stylesheets: a page without figures keeps exactly the stylesheet (and the
bytes) it had. The picture is never wider than the text (max-width: 100%),
never taller than room_height (PDF: the text block less the caption's room),
centred, the caption under it; print keeps figure and caption on one page.

A decorative picture (alt="": no alt text, no caption) is an <img alt="">
on a screen, which readers and checkers take as decoration. WeasyPrint
tags every <img> as a /Figure, and a Figure without /Alt fails PDF/UA; it
draws a background image as an /Artifact. So where the look gives a
decorative_size (the PDF), such a picture is the background of an empty
block of the picture's size instead: an artifact, seen the same.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from html import escape

from .model import Figure, Image


def data_url(image: Image) -> str:
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


@dataclass(frozen=True)
class FigureLook:
    """source: the src of each picture; room_height: the most a picture may
    take of a page (CSS length), None on a screen (then 90vh)."""

    source: Callable[[Image], str] = data_url
    room_height: str | None = None
    # The PDF: width and height (pt) of a decorative picture drawn as a background.
    decorative_size: Callable[[Image], tuple[float, float]] | None = None


_LOOK: ContextVar[FigureLook | None] = ContextVar("figure_look", default=None)


@contextmanager
def figure_look(look: FigureLook) -> Iterator[None]:
    """While a page is rendered: its pictures' sources and room."""
    token = _LOOK.set(look)
    try:
        yield
    finally:
        _LOOK.reset(token)


_FIGURE_STYLE = "margin: 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid"
_CAPTION_STYLE = "font-size: 0.85em; margin-top: 0.4em; text-align: center; page-break-before: avoid"


def render_figure(figure: Figure, caption_markup: str) -> str:
    """The figure; caption_markup: its caption as html.py renders inlines."""
    look = _LOOK.get() or FigureLook()
    image = figure.image
    height = look.room_height or "90vh"
    img_style = f"display: block; margin: 0 auto; max-width: 100%; max-height: {height}; " \
                "width: auto; height: auto"
    img = (f'<img src="{escape(look.source(image))}" alt="{escape(figure.alt)}" '
           f'width="{image.width}" height="{image.height}" style="{img_style}"/>')
    if not figure.alt and look.decorative_size is not None:
        img = _background(look.source(image), *look.decorative_size(image))
    caption = caption_markup
    if figure.credit:
        credit = f'<span class="credit">{escape(figure.credit)}</span>'
        caption = f"{caption} {credit}" if caption else credit
    figcaption = f'<figcaption style="{_CAPTION_STYLE}">{caption}</figcaption>' if caption else ""
    kind = "figure lead" if figure.lead else "figure"
    return f'<figure class="{kind}" style="{_FIGURE_STYLE}">{img}{figcaption}</figure>'


def _background(source: str, width: float, height: float) -> str:
    """An empty block showing the picture as its background (an artifact in a tagged PDF)."""
    style = (f"display: block; margin: 0 auto; width: {width:.2f}pt; height: {height:.2f}pt; "
             f"background: url('{source}') center / contain no-repeat")
    return f'<div class="decorative" style="{escape(style)}"></div>'

"""Figures: ``![alt](path "caption")`` in a paragraph of its own, and the
lead picture of front matter (``image:``, ``image_alt:``, ``image_caption:``,
``image_credit:``).

The markup is read by markdown-it's own image rule. A picture inside running
text is not a figure: it stays as typed (a paragraph is text; the page sets
figures apart). Alternative text is what a screen reader says: a figure
without one takes its caption's text, with a warning; with neither it is
marked decorative (alt="", which accessibility checkers accept as a deliberate
choice), with a warning.

The pictures are read through images.py, inside the folder the reader was
given (reading_figures): a refused picture refuses the article, one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..model import Figure, Inline, inline_text
from .images import read_image

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass
class _Reading:
    """Where the article's pictures are, its name, and its warnings."""

    folder: Path | None
    article: str
    warnings: list[str] = field(default_factory=list)


_READING: ContextVar[_Reading | None] = ContextVar("figure_reading", default=None)


@contextmanager
def reading_figures(folder: Path | None, article: str, warnings: list[str]) -> Iterator[None]:
    """While the body is read: pictures come from folder, warnings go to warnings."""
    token = _READING.set(_Reading(folder, article, warnings))
    try:
        yield
    finally:
        _READING.reset(token)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero")
    parser.enable(["image", "escape", "emphasis"])  # emphasis: an alt text is plain
    return parser


def _image_token(lines: list[str]) -> Token | None:
    """The image token when the lines are one picture and nothing else."""
    text = " ".join(line.strip() for line in lines).strip()
    if not text.startswith("![") or not text.endswith(")"):
        return None
    children = _parser().parseInline(text)[0].children or []
    images = [child for child in children if child.type == "image"]
    rest = [child for child in children if child.type != "image" and child.content.strip()]
    return images[0] if len(images) == 1 and not rest else None


def is_figure(lines: list[str]) -> bool:
    return _image_token(lines) is not None


def figure_builder(parse_inlines: Callable[[str], tuple[Inline, ...]]) -> Callable[[list[str]], Figure]:
    """The block rule's build: parse_inlines reads the caption (it may carry markup)."""

    def build(lines: list[str]) -> Figure:
        token = _image_token(lines)
        assert token is not None
        alt = "".join(child.content for child in token.children or ()) or token.content
        caption = str(token.attrs.get("title") or "")
        # markdown-it percent-encodes the destination; the file's name is what was typed.
        source = unquote(str(token.attrs.get("src", "")))
        return make_figure(source, alt, parse_inlines(caption) if caption else ())

    return build


def make_figure(typed: str, alt: str, caption: tuple[Inline, ...], credit: str | None = None,
                lead: bool = False) -> Figure:
    """A figure of the picture typed, read from the article's folder."""
    reading = _READING.get() or _Reading(None, "article", [])
    path = typed
    image = read_image(path, reading.folder, reading.article)
    alt = " ".join(alt.split())
    if not alt:
        alt = " ".join(inline_text(caption).split())
        if alt:
            reading.warnings.append(f"image {path!r} has no alt text: its caption is read instead")
        else:
            reading.warnings.append(f"image {path!r} has no alt text and no caption: marked decorative")
    return Figure(image, alt, caption, credit or None, lead)


def lead_figure(front: dict[str, str], parse_inlines: Callable[[str], tuple[Inline, ...]]
                ) -> tuple[Figure, ...]:
    """The lead picture front matter names (image:), as the body's first block; () without one."""
    if "image" not in front:
        return ()
    caption = front.get("image_caption")
    return (make_figure(front["image"], front.get("image_alt", ""), parse_inlines(caption) if caption else (),
                        front.get("image_credit"), lead=True),)

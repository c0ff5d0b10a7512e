"""An EPUB's figures: each picture a file of the package, listed in the
manifest, which the chapter's <img> names (images/figure-<digest>.png|jpg).
A picture used twice is one file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from ...html_figures import FigureLook, figure_look
from ...model import Image
from .package import Resource

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg"}
T = TypeVar("T")


class FigureFiles:
    """The pictures the pages rendered so far name, by file name."""

    def __init__(self) -> None:
        self.files: dict[str, Resource] = {}

    def source(self, image: Image) -> str:
        """The picture's file name (relative to the package document, where the chapters are)."""
        digest = hashlib.sha256(image.data).hexdigest()[:20]
        name = f"images/figure-{digest}.{_EXTENSIONS[image.media_type]}"
        self.files.setdefault(name, Resource(name, image.media_type, image.data))
        return name

    @property
    def resources(self) -> tuple[Resource, ...]:
        return tuple(self.files.values())


@contextmanager
def collecting_figures() -> Iterator[FigureFiles]:
    """While chapters are rendered: their pictures become package files."""
    files = FigureFiles()
    with figure_look(FigureLook(source=files.source)):
        yield files


def rendered_with_figures(render: Callable[[], T]) -> tuple[T, tuple[Resource, ...]]:
    with collecting_figures() as files:
        result = render()
    return result, files.resources

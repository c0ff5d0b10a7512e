"""The only way WeasyPrint may read a file while printing a PDF.

WeasyPrint's default fetcher opens whatever a page names: file:///etc/passwd,
http://… The article text is escaped, so it cannot name anything, but the
PDF exporter still hands WeasyPrint this fetcher: it serves the exact files
the exporter allowed (the theme's font faces) and the pictures it registered
(the article's figures, by a URL of our own), and refuses every other URL
before touching the file system or the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A URL outside the allow-list; WeasyPrint logs it and goes on without it."""


class AllowListFetcher(URLFetcher):
    """Serves the bytes of a fixed set of local files, nothing else."""

    def __init__(self, allowed_files: Iterable[Path]) -> None:
        # fail_on_errors=False: a refused URL is skipped (logged by WeasyPrint),
        # as a browser skips a blocked image; the conversion itself goes on.
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self._files = {file_url(path): path for path in allowed_files}
        # Pictures the exporter registered (pdf/figures.py): URL -> (media type, bytes).
        self._pictures: dict[str, tuple[str, bytes]] = {}

    def register_picture(self, data: bytes, media_type: str) -> str:
        """A URL this fetcher alone serves data at: named by its digest, in a
        scheme no other fetcher reads (nothing leaves the process for it)."""
        url = f"convert-figure:{hashlib.sha256(data).hexdigest()}"
        self._pictures[url] = (media_type, data)
        return url

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        picture = self._pictures.get(url)
        if picture is not None:
            return URLFetcherResponse(url, body=picture[1], headers={"Content-Type": picture[0]})
        # Exact string match against URLs built by us: no path resolution,
        # so "../", symlinks, query strings or case tricks cannot widen it.
        path = self._files.get(url)
        if path is None:
            raise RefusedURL(f"refused {url[:80]!r}: not one of the theme's files")
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": _mime_type(path)})


def file_url(path: Path) -> str:
    """The file:// URL WeasyPrint will ask for when a stylesheet names path."""
    return path.resolve().as_uri()


def _mime_type(path: Path) -> str:
    return {".ttf": "font/ttf", ".otf": "font/otf", ".css": "text/css"}.get(path.suffix.lower(),
                                                                          "application/octet-stream")

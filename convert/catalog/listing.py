"""Which outputs an output folder holds, by stem (the path without suffix)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..exporters import BUILTIN_SUFFIXES
from ..names import unlisted_name

# The formats a reader downloads, in the order the catalogue lists them.
FORMAT_SUFFIXES = {fmt: BUILTIN_SUFFIXES[fmt] for fmt in ("epub", "pdf", "docx", "html", "json")}
# Every file the catalogue lists, the longest suffix first: "a.cover.png" is a
# cover, not a format of "a.cover".
_LISTED_SUFFIXES = {**FORMAT_SUFFIXES,
                    **{part: BUILTIN_SUFFIXES[part] for part in ("cover", "thumbnail", "card")}}
_SUFFIXES = sorted(_LISTED_SUFFIXES.items(), key=lambda item: -len(item[1]))
MEDIA_TYPES = {
    "epub": "application/epub+zip",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "json": "application/json",
    "cover": "image/png",
    "thumbnail": "image/png",
    "card": "image/png",  # the share card (exporters/cards)
}
CATALOG_FILE = "catalog.xml"
INDEX_FILE = "index.html"
FEED_FILE = "feed.xml"
CATALOG_FILES = (CATALOG_FILE, INDEX_FILE, FEED_FILE)


@dataclass
class Outputs:
    """One stem's files, by format (covers included), as paths relative to the folder."""

    stem: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def formats(self) -> list[str]:
        return [fmt for fmt in FORMAT_SUFFIXES if fmt in self.files]


def outputs_by_stem(out_dir: Path, left_out: list[str] | None = None) -> dict[str, Outputs]:
    """Every output in the folder, grouped by stem, in path order. Hidden
    files and folders, temporary files and the catalogue's own are not outputs.
    Neither is a file named as an output that is no regular file (a link,
    dangling or not, a folder) or whose name no listing can hold (not UTF-8,
    a control character): each is named in left_out, if given, and skipped."""
    found: dict[str, Outputs] = {}
    for folder, subfolders, files in os.walk(out_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            relative = Path(os.path.relpath(Path(folder) / name, out_dir)).as_posix()
            if name.startswith(".") or relative in CATALOG_FILES:
                continue
            fmt, suffix = _format_of(name)
            if fmt is None:
                continue
            reason = _unlistable(Path(folder) / name, relative)
            if reason:
                (left_out if left_out is not None else []).append(f"{Path(folder) / name}: {reason}")
                continue
            stem = relative[: -len(suffix)]
            found.setdefault(stem, Outputs(stem)).files[fmt] = relative
    return {stem: found[stem] for stem in sorted(found) if found[stem].formats}


def _unlistable(path: Path, relative: str) -> str | None:
    """Why a file named as an output is left out of the catalogue, or None."""
    if not path.is_file() or path.is_symlink():
        return "not a regular file: left out of the catalogue"
    if unlisted_name(relative):
        return "its name is not UTF-8 or holds a control character: left out of the catalogue"
    return None


def _format_of(name: str) -> tuple[str | None, str]:
    """The format (or cover, thumbnail, card) of a file name and its suffix; None, "" for another file."""
    for fmt, suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return fmt, suffix
    return None, ""


def output_stem(output: Path, out_dir: Path) -> str:
    """The stem an output file belongs to, relative to the folder (a/b.pdf -> a/b)."""
    relative = Path(os.path.relpath(output, out_dir)).as_posix()
    _, suffix = _format_of(Path(relative).name)
    return relative[: -len(suffix)] if suffix else relative

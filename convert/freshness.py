"""Incremental runs: skip an output that is newer than its input and theme.

Modification times alone would also skip an output made with other options
(another page size, no disclaimer…), so the output folder keeps a small
state file recording, per output, a fingerprint of the options that made it.

An article's pictures are files of their own: for an output of an article
with figures, the state also records each picture's path (as the article
typed it, from the article's folder) and its size and modification time, so
a picture changed under the same text makes the output stale, and a picture
deleted makes the next run read the article again (and refuse it, one
line). An output of an article without figures keeps its plain fingerprint:
the state of an earlier version stays valid for it.

A format that writes files beside its own (exporters.WITH_COMPANIONS: the
share cards' NAME.quote-N.png) records them too, and its output is stale
when one of them is missing (deleted by hand), or when none were recorded
(the state of an earlier version, or the catalogue's card part, which
writes NAME.card.png alone).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from . import __version__
from .files import save_json
from .folder_json import read_json_object
from .folder_lock import saving
from .model import Document, Figure
from .options import Options
from .resources import STYLES_DIR
from .web_logo import is_address

STATE_FILE = ".convert-state.json"
# Options that do not change what is written (output_stem: each output's own
# path, set per article: the same for the same output).
_UNTRACKED = {"created", "reproducible", "output_stem"}


def options_fingerprint(options: Options) -> str:
    tracked = {f.name: repr(getattr(options, f.name)) for f in fields(options) if f.name not in _UNTRACKED}
    if options.reproducible:  # the date is written into the files
        tracked["created"] = options.created.isoformat()
    tracked["version"] = __version__
    return hashlib.sha256(json.dumps(tracked, sort_keys=True).encode()).hexdigest()[:16]


def theme_mtime(options: Options) -> float:
    """The newest of the theme file, the package's stylesheets, a PDF/X's
    --output-intent profile and the publisher's logo file (a page gives its size)."""
    paths = [options.theme.path, *STYLES_DIR.glob("*.toml"), *STYLES_DIR.glob("*.css")]
    paths += [options.output_intent] if options.output_intent else []
    logo = options.theme.publishing.logo
    paths += [options.theme.path.parent / logo] if logo and not is_address(logo) else []
    return max(path.stat().st_mtime for path in paths if path.exists())


Warn = Callable[[str], None]
# A picture as typed, and its stamp ("size:mtime_ns"); none: an article without figures.
PictureStamps = tuple[tuple[str, str], ...]
# An entry of the state: the options' fingerprint, or for an output of an
# article with figures, or of a format with companions, {"options":
# fingerprint, "pictures": {typed: stamp}} and "companions": [paths from the
# output folder] (an earlier version reads such an entry, ignoring them).
Entry = str | dict


def picture_stamp(path: Path) -> str | None:
    """The picture's size and modification time, None if it cannot be read."""
    try:
        status = path.stat()
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}"


def document_pictures(document: Document, folder: Path) -> PictureStamps:
    """The stamp of each picture the document shows (once each), as read now."""
    typed = dict.fromkeys(block.image.source for block in document.blocks if isinstance(block, Figure))
    return tuple((name, picture_stamp(folder / name) or "missing") for name in typed)


def _entry(fingerprint: str, pictures: PictureStamps, companions: list[str] | None) -> Entry:
    if not pictures and companions is None:
        return fingerprint
    entry: dict = {"options": fingerprint, "pictures": dict(pictures)}
    return entry if companions is None else entry | {"companions": companions}


def _is_entry(value: object) -> bool:
    if isinstance(value, str):
        return True
    return (isinstance(value, dict) and isinstance(value.get("options"), str)
            and isinstance(value.get("pictures"), dict)
            and all(isinstance(stamp, str) for stamp in value["pictures"].values())
            and _is_path_list(value.get("companions", [])))


def _is_path_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _entry_matches(entry: Entry | None, fingerprint: str, folder: Path) -> bool:
    """entry made with these options, and every picture it records unchanged."""
    if isinstance(entry, str) or entry is None:
        return entry == fingerprint
    return entry["options"] == fingerprint and all(
        picture_stamp(folder / name) == stamp for name, stamp in entry["pictures"].items())


def _companions_present(entry: Entry | None, out_dir: Path) -> bool:
    """entry records the files written beside its output, and each is still there."""
    if not isinstance(entry, dict) or "companions" not in entry:
        return False
    return all(_inside(out_dir, name) and (out_dir / name).is_file() for name in entry["companions"])


def _inside(out_dir: Path, name: str) -> bool:
    """A recorded name that stays in the output folder (the state file is
    not trusted to name a path elsewhere)."""
    return not Path(name).is_absolute() and ".." not in Path(name).parts


class State:
    """Fingerprints of the outputs in one output folder.

    Read once at the start; at the end, re-read under the folder's lock and
    this run's outputs merged in, so a run going at the same time into the
    same folder keeps its own."""

    def __init__(self, out_dir: Path, warn: Warn) -> None:
        self.out_dir = out_dir
        self.path = out_dir / STATE_FILE
        self.entries, problem = self._load()
        self._recorded: dict[str, Entry] = {}
        # A state that had to be ignored (or cleaned) is written anew.
        self._repair = problem is not None
        if problem:
            warn(f"{self.path}: {problem}; ignored, and rebuilt by this run")

    def _key(self, target: Path) -> str:
        # Relative to the folder, so "out", "./out" and "/abs/out" agree.
        return Path(os.path.relpath(target, self.out_dir)).as_posix()

    def _load(self) -> tuple[dict[str, Entry], str | None]:
        """The fingerprints, and what was wrong with the file (None if nothing)."""
        data, problem = read_json_object(self.path)
        entries = {key: value for key, value in data.items() if _is_entry(value)}
        if problem is None and len(entries) < len(data):
            problem = f"{len(data) - len(entries)} entries that are not fingerprints"
        return entries, problem

    def is_fresh(self, source: Path, target: Path, fingerprint: str, since: float,
                 with_companions: bool = False) -> bool:
        """target newer than its source and the theme, made with these
        options and pictures, and (with_companions: its format writes files
        beside it) with every file it wrote beside it still there."""
        entry = self.entries.get(self._key(target))
        try:
            made = target.stat().st_mtime
            return (made >= source.stat().st_mtime and made >= since
                    and _entry_matches(entry, fingerprint, source.parent)
                    and (not with_companions or _companions_present(entry, self.out_dir)))
        except OSError:
            return False

    def record(self, targets: list[Path], fingerprint: str, pictures: PictureStamps = (),
               companions: dict[Path, tuple[Path, ...]] | None = None) -> None:
        """Remember the outputs that were written (and only those), with the
        pictures their article showed and the files each wrote beside it."""
        companions = companions or {}
        for target in targets:
            beside = companions.get(target)
            names = None if beside is None else [self._key(path) for path in beside]
            key = self._key(target)
            self.entries[key] = self._recorded[key] = _entry(fingerprint, pictures, names)

    def save(self) -> None:
        """Write the state if a run wrote anything: whole, or not at all; what
        another run saved meanwhile is kept, this run's outputs over it."""
        if not (self._recorded or self._repair) or not self.path.parent.is_dir():
            return
        with saving(self.out_dir):
            on_disk, _ = self._load()  # a problem was told at the start, or is another run's
            self.entries = on_disk | self._recorded
            save_json(self.path, self.entries, indent=0, sort_keys=True)
        self._recorded, self._repair = {}, False

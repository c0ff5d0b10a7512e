"""Incremental runs: skip an output that is newer than its input and theme.

Modification times alone would also skip an output made with other options
(another page size, no disclaimer…), so the output folder keeps a small
state file recording, per output, a fingerprint of the options that made it.
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
from .options import Options
from .resources import STYLES_DIR

STATE_FILE = ".convert-state.json"
# Options that do not change what is written.
_UNTRACKED = {"created", "reproducible"}


def options_fingerprint(options: Options) -> str:
    tracked = {f.name: repr(getattr(options, f.name)) for f in fields(options) if f.name not in _UNTRACKED}
    if options.reproducible:  # the date is written into the files
        tracked["created"] = options.created.isoformat()
    tracked["version"] = __version__
    return hashlib.sha256(json.dumps(tracked, sort_keys=True).encode()).hexdigest()[:16]


def theme_mtime(options: Options) -> float:
    """The newest of the theme file, the package's stylesheets and a PDF/X's --output-intent profile."""
    paths = [options.theme.path, *STYLES_DIR.glob("*.toml"), *STYLES_DIR.glob("*.css")]
    paths += [options.output_intent] if options.output_intent else []
    return max(path.stat().st_mtime for path in paths if path.exists())


Warn = Callable[[str], None]


class State:
    """Fingerprints of the outputs in one output folder.

    Read once at the start; at the end, re-read under the folder's lock and
    this run's outputs merged in, so a run going at the same time into the
    same folder keeps its own."""

    def __init__(self, out_dir: Path, warn: Warn) -> None:
        self.out_dir = out_dir
        self.path = out_dir / STATE_FILE
        self.entries, problem = self._load()
        self._recorded: dict[str, str] = {}
        # A state that had to be ignored (or cleaned) is written anew.
        self._repair = problem is not None
        if problem:
            warn(f"{self.path}: {problem}; ignored, and rebuilt by this run")

    def _key(self, target: Path) -> str:
        # Relative to the folder, so "out", "./out" and "/abs/out" agree.
        return Path(os.path.relpath(target, self.out_dir)).as_posix()

    def _load(self) -> tuple[dict[str, str], str | None]:
        """The fingerprints, and what was wrong with the file (None if nothing)."""
        data, problem = read_json_object(self.path)
        entries = {key: value for key, value in data.items() if isinstance(value, str)}
        if problem is None and len(entries) < len(data):
            problem = f"{len(data) - len(entries)} entries that are not fingerprints"
        return entries, problem

    def is_fresh(self, source: Path, target: Path, fingerprint: str, since: float) -> bool:
        try:
            made = target.stat().st_mtime
            return (self.entries.get(self._key(target)) == fingerprint
                    and made >= source.stat().st_mtime and made >= since)
        except OSError:
            return False

    def record(self, targets: list[Path], fingerprint: str) -> None:
        """Remember the outputs that were written (and only those)."""
        for key in map(self._key, targets):
            self.entries[key] = self._recorded[key] = fingerprint

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

"""The catalogue's memory of an output folder: each output stem's entry.

Kept in OUT/.convert-catalog.json beside the outputs, so a run that skips
unchanged articles (or converts only some) still lists every article the
folder holds. Written whole or not at all, like the state file, and merged
like it: re-read under the folder's lock before the catalogue is written
(write.py), this run's entries over what another run saved meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..exporters import BUILTIN_SUFFIXES
from ..files import save_json
from ..folder_json import read_json_object
from .entry import CatalogEntry
from .listing import output_stem

STORE_FILE = ".convert-catalog.json"


class CatalogStore:
    def __init__(self, out_dir: Path, warn: Callable[[str], None]) -> None:
        self.out_dir = out_dir
        self.path = out_dir / STORE_FILE
        self.entries, problem = self._load()
        self._recorded: dict[str, CatalogEntry] = {}
        # A store that had to be ignored (or cleaned) is written anew.
        self._changed = problem is not None
        if problem:
            warn(f"{self.path}: {problem}; ignored, and rebuilt by this run")

    def _load(self) -> tuple[dict[str, CatalogEntry], str | None]:
        """The entries, and what was wrong with the file (None if nothing)."""
        data, problem = read_json_object(self.path)
        loaded = {stem: CatalogEntry.from_json(value) for stem, value in data.items()}
        entries = {stem: entry for stem, entry in loaded.items() if entry is not None}
        if problem is None and len(entries) < len(data):
            problem = f"{len(data) - len(entries)} entries not as this version writes them"
        return entries, problem

    def lacks_entry_for(self, target: Path) -> bool:
        """Whether target is a cover of an article the store has no entry for
        (lost with a store that was ignored): writing the cover again
        describes the article again."""
        is_cover = target.name.endswith(BUILTIN_SUFFIXES["cover"])
        return is_cover and output_stem(target, self.out_dir) not in self.entries

    def record(self, stem: str, entry: CatalogEntry) -> None:
        self.entries[stem] = self._recorded[stem] = entry

    def merge_saved(self) -> None:
        """Take in what another run saved since this one started (call it
        under the folder's lock): this run's entries win."""
        on_disk, _ = self._load()  # a problem was told at the start, or is another run's
        self.entries = on_disk | self._recorded
        self._changed = self._changed or bool(self._recorded)

    def forget(self, stems: set[str]) -> None:
        """Drop the entries of stems with no output left in the folder."""
        for stem in stems & set(self.entries):
            del self.entries[stem]
            self._changed = True

    def save(self) -> None:
        """Write the entries (call it under the folder's lock, after merge_saved)."""
        if not self._changed:
            return
        data = {stem: entry.to_json() for stem, entry in sorted(self.entries.items())}
        save_json(self.path, data, indent=1)
        self._changed, self._recorded = False, {}

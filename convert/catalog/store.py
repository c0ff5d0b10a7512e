"""The catalogue's memory of an output folder: each output stem's entry.

Kept in OUT/.convert-catalog.json beside the outputs, so a run that skips
unchanged articles (or converts only some) still lists every article the
folder holds. Written whole or not at all, like the state file.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..files import save_json
from .entry import CatalogEntry

STORE_FILE = ".convert-catalog.json"


class CatalogStore:
    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / STORE_FILE
        self.entries: dict[str, CatalogEntry] = self._load()
        self._changed = False

    def _load(self) -> dict[str, CatalogEntry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        loaded = {str(stem): CatalogEntry.from_json(value) for stem, value in data.items()}
        return {stem: entry for stem, entry in loaded.items() if entry is not None}

    def record(self, stem: str, entry: CatalogEntry) -> None:
        if self.entries.get(stem) != entry:
            self.entries[stem] = entry
            self._changed = True

    def forget(self, stems: set[str]) -> None:
        """Drop the entries of stems with no output left in the folder."""
        for stem in stems & set(self.entries):
            del self.entries[stem]
            self._changed = True

    def save(self) -> None:
        if not self._changed:
            return
        data = {stem: entry.to_json() for stem, entry in sorted(self.entries.items())}
        save_json(self.path, data, indent=1)
        self._changed = False

"""Temporary files a killed run left in the output folder.

files.atomic_target writes each output to ".NAME.XXXXXXXX.part" beside it
(tempfile.mkstemp: eight characters of [a-z0-9_]) and renames it when whole;
SIGKILL mid-write leaves the temporary behind. The next run that has the
folder to itself (folder_lock.running) deletes them: only regular files whose
whole name has that form for a NAME one of our outputs could have, so a
user's "notes.part" or ".draft.part" stays.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .exporters import BUILTIN_SUFFIXES

# What NAME ends in: each format's suffix, the catalogue's files (.xml,
# .html) and the state and store files (.json).
_OUTPUT_ENDINGS = tuple(sorted({*BUILTIN_SUFFIXES.values(), ".xml", ".html", ".json"}))
# Not cli.check_output_folder's probe (".convert-XXXXXXXX.part"): it lives a
# moment, before its run takes the folder's lock, so it may be another run's.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.part")


def is_leftover_name(name: str) -> bool:
    match = _TEMPORARY.fullmatch(name)
    return bool(match) and match["name"].endswith(_OUTPUT_ENDINGS)


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Delete our temporary files anywhere under out_dir (symlinks are
    neither followed nor deleted); the paths deleted."""
    removed = []
    for folder, _, names in os.walk(out_dir):
        for name in filter(is_leftover_name, names):
            path = Path(folder) / name
            try:
                if stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue  # gone already, or not ours to delete: the run goes on
    return removed

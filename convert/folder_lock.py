"""Locks on an output folder, so two runs into one OUT at once lose nothing.

Two flock locks, on two things, because the locks of one process on two
descriptions of one file would wait on each other:

- the file `OUT/.convert.lock`, held exclusively while the state, the
  catalogue store and the catalogue's files are re-read, merged and written
  (``saving``), so the second run's save starts from the first's. It is made
  by the first save and left in place (deleting a lock file races with a
  run about to take it). No output can take its name: none ends in ".lock".
- the folder OUT itself, held shared by every run for its whole length
  (``running``). A run that finds no other holding it may delete what a
  killed run left behind; with another run going, a temporary file may be
  that run's own, half written, so nothing is deleted.

Where flock is missing (not POSIX) or a lock cannot be opened, a run goes
on unlocked and deletes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

SAVE_LOCK_FILE = ".convert.lock"


def _open_lock(path: Path, flags: int) -> int | None:
    if fcntl is None:
        return None
    try:
        return os.open(path, flags | os.O_CLOEXEC, 0o666)
    except OSError:
        return None


@contextmanager
def saving(out_dir: Path) -> Iterator[None]:
    """Only one run at a time re-reads and writes the folder's own files."""
    # O_NOFOLLOW: a symlink planted under the lock's name is not followed.
    handle = _open_lock(out_dir / SAVE_LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW)
    try:
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        if handle is not None:
            os.close(handle)  # closing the description releases the lock


@contextmanager
def running(out_dir: Path, when_alone: Callable[[], None]) -> Iterator[None]:
    """Held for a whole run; calls when_alone first if no other run is going
    into out_dir, while holding the lock alone (no run can start meanwhile)."""
    handle = _open_lock(out_dir, os.O_RDONLY | os.O_DIRECTORY)  # OUT may be a symlink to a folder
    try:
        if handle is not None and _alone(handle):
            when_alone()
        if handle is not None:
            # Shared from here on: other runs may start, and see this one.
            fcntl.flock(handle, fcntl.LOCK_SH)
        yield
    finally:
        if handle is not None:
            os.close(handle)


def _alone(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True

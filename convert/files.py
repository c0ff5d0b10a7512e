"""Write outputs so that a final path never holds a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ConvertError


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# How much longer atomic_target's temporary name is than its target's:
# "." before it, then "." + mkstemp's 8 random letters + ".part" after.
TEMPORARY_EXTRA = len(".") + len(".") + 8 + len(".part")


@contextmanager
def atomic_target(final: Path) -> Iterator[Path]:
    """A temporary path beside final; renamed onto final only if the block succeeds.

    The rename is atomic on one filesystem, so a reader (or a crash, even
    SIGKILL) sees either the old file or the complete new one.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        os.chmod(temporary_path, _default_mode())
        os.replace(temporary_path, final)
    finally:
        temporary_path.unlink(missing_ok=True)


def save_json(path: Path, data: object, indent: int, sort_keys: bool = False) -> None:
    """data as UTF-8 JSON at path, whole or not at all; ConvertError naming the file if it cannot be."""
    try:
        with atomic_target(path) as temporary:
            temporary.write_text(json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys),
                                 encoding="utf-8")
    except OSError as error:
        raise ConvertError(f"{path}: cannot write: {error.strerror or error}") from None

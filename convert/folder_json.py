"""Reading the output folder's own JSON files (the state, the catalogue store).

They are ours, but anyone can edit them, so they are read as untrusted: a
regular file under a size cap, UTF-8 JSON whose top is an object. Anything
else is ignored, with the reason, and the caller rebuilds what it held.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

# Far above what our own files grow to (the catalogue store keeps about
# 1 kB an article: a quarter of a million articles), so only a file that is
# not ours is refused, before it fills the memory.
MAX_BYTES = 256 << 20


def read_json_object(path: Path) -> tuple[dict, str | None]:
    """(the object, None); ({}, None) when there is no file; ({}, why it
    cannot be used) for anything else."""
    try:
        raw = _read_regular_file(path)
    except FileNotFoundError:
        return {}, None
    except ValueError as refusal:
        return {}, str(refusal)
    except OSError as error:
        return {}, f"cannot be read ({error.strerror or error})"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, "not UTF-8"
    except RecursionError:  # json's decoder recurses once a level
        return {}, "nested too deep"
    except ValueError:
        return {}, "not JSON"
    if not isinstance(data, dict):
        return {}, "not a JSON object"
    return data, None


def _read_regular_file(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO put in the file's place must not hang the run before
    # fstat tells it apart.
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES >> 20} MB")
    return raw

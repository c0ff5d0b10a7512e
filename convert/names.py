"""File names: which ones can name an output, and how any name is shown.

Outputs mirror the names of their sources, and every output name ends up in
the state file, the catalogue store and the catalogue (UTF-8 JSON, XML,
HTML): a name that is not UTF-8 or holds a control character cannot be
listed there, and one too long for the output folder cannot be written.
Such a name is refused up front, for its file alone. Names printed to the
terminal are escaped: an escape sequence in a name must not reach the
terminal, nor a newline forge a line of the report.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from pathlib import Path

from .files import TEMPORARY_EXTRA
from .reading.normalize import NONCHARACTERS

_DEFAULT_NAME_MAX, _DEFAULT_PATH_MAX = 255, 4096
# Characters that reorder what follows them on a terminal or in a log viewer
# (embeddings, overrides, isolates), though not controls (category Cf).
_REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(character: str) -> str:
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _unprintable(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Cs", "Zl", "Zp") or character in _REORDERING


def printable(text: str) -> str:
    """text as one line that shows every control, line break, reordering mark
    and undecodable byte as an escape (\\n, \\x1b, \\u202e, \\xff); Arabic,
    Persian (its zero-width non-joiner included) and Latin are left alone."""
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(_shown(character) if _unprintable(character) else character for character in text)


# Controls (category Cc) and non-characters: no XML or JSON listing of names takes one as it is.
_UNLISTED = re.compile(f"[\x00-\x1f\x7f-\x9f{NONCHARACTERS}]")


@functools.lru_cache(maxsize=16)  # asked once an article, of the same folder
def _limits(folder: Path) -> tuple[int, int, int]:
    """The longest file name and path (bytes) the filesystem of folder
    takes, and the length of the folder's own absolute path."""
    own = len(os.fsencode(os.path.abspath(folder)))
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX"), own
    except (OSError, ValueError):
        return _DEFAULT_NAME_MAX, _DEFAULT_PATH_MAX, own


def _listing_flaw(relative: str) -> str | None:
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8"
    control = _UNLISTED.search(relative)
    if control is not None:
        return f"its name holds a control character or non-character (U+{ord(control.group()):04X})"
    return None


def unlisted_name(relative: str) -> bool:
    """Whether a path (relative to the output folder) is one no state file,
    catalogue store or catalogue can hold: not UTF-8, or with a control."""
    return _listing_flaw(relative) is not None


def unfit_name(relative: str, out_dir: Path) -> str | None:
    """Why an output at relative (a path below out_dir, "/" between folders)
    cannot be written, or None if it can: not UTF-8, holding a control
    character, or a part of it too long for out_dir's filesystem (the
    temporary file written beside it, TEMPORARY_EXTRA bytes longer, included)."""
    flaw = _listing_flaw(relative)
    if flaw:
        return flaw
    name_max, path_max, own = _limits(out_dir)
    *folders, name = relative.encode().split(b"/")
    if len(name) + TEMPORARY_EXTRA > name_max:
        return f"its output name is too long ({len(name)} bytes; at most {name_max - TEMPORARY_EXTRA})"
    if any(len(part) > name_max for part in folders):
        return f"a folder in its output path is too long (at most {name_max} bytes)"
    if own + 1 + len(relative.encode()) + TEMPORARY_EXTRA >= path_max:
        return f"its output path is too long (at most {path_max - TEMPORARY_EXTRA - 1} bytes)"
    return None

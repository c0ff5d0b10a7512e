"""The publisher's logo (the theme's [publishing] logo), which the JSON-LD
of every HTML page names as its publisher's (web_head.py).

Either an https:// address, used as it is (its size is not known: the
JSON-LD gives none), or a file from the theme's folder, read by the rules
of an article's pictures (reading/images.py: a regular file inside the
folder, not too large, decoded whole, no decompression bomb) and only as a
PNG or a JPEG. A logo that breaks them stops the run with one line naming
the theme and the file, when the theme is loaded: before any work.

A page names the file as base_url + its file name; with --catalog the
file, as read (metadata left behind, like an article's pictures), is
written into the output folder under that name, so the address resolves.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import ConvertError, InputError, ThemeError
from .files import atomic_target
from .model import Image

LOGO_FORMATS = ("PNG", "JPEG")
_THEME_FOLDER = "the theme's folder"


def is_address(logo: str) -> bool:
    """A logo given as an https:// address (theme_values.logo took nothing else with "://")."""
    return "://" in logo


def logo_file_name(logo: str) -> str:
    """The name the logo file is published under: its own."""
    return Path(logo).name


def read_logo(theme_path: Path, logo: str) -> Image:
    """The logo file, checked and cleaned; ThemeError naming the theme and the file otherwise."""
    try:
        stamp = (theme_path.parent / logo).stat()
    except OSError:
        return _read(theme_path, logo, -1, -1)  # read_image says what is wrong with it
    return _read(theme_path, logo, stamp.st_size, stamp.st_mtime_ns)


@lru_cache(maxsize=4)
def _read(theme_path: Path, logo: str, size: int, mtime_ns: int) -> Image:
    """Read once a process while the file stays the same (size and mtime are the cache's key)."""
    from .reading.images import read_image

    try:
        return read_image(logo, theme_path.parent, str(theme_path), LOGO_FORMATS, _THEME_FOLDER)
    except InputError as error:
        raise ThemeError(f"theme {theme_path}: [publishing] logo: {error.reason}") from None


def publish_logo(out_dir: Path, theme_path: Path, logo: str) -> Path | None:
    """The logo file written into out_dir under its own name, whole (temporary
    file, then rename), and only when what is there differs; None for no logo
    file (none, or an address). ConvertError when it cannot be read or written."""
    if not logo or is_address(logo):
        return None
    picture = read_logo(theme_path, logo)
    target = out_dir / logo_file_name(logo)
    try:
        if target.is_file() and not target.is_symlink() and target.read_bytes() == picture.data:
            return target
        with atomic_target(target) as temporary:
            temporary.write_bytes(picture.data)
    except OSError as error:
        raise ConvertError(f"{target}: cannot write the publisher's logo: {error.strerror or error}"
                           ) from None
    return target

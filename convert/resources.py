"""Where the package's own styles, fonts and colour profiles live.

An installed wheel carries them under ``convert/data/``; a source checkout
(or an editable install) has them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _resource_dir(name: str) -> Path:
    bundled = _PACKAGE / "data" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


STYLES_DIR = _resource_dir("styles")
FONTS_DIR = _resource_dir("fonts")
# ICC profiles: the default output intent of a print PDF (PDF/X), with its licence.
PROFILES_DIR = _resource_dir("profiles")

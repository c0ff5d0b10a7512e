"""Find the font files a theme names.

A font dropped into ``fonts/`` wins (named ``Family-Regular.ttf``,
``Family-Bold.ttf``, ``Family-Italic.ttf`` or ``Family-BoldItalic.ttf``);
otherwise the installed font package (``fontpkg-<family>`` from PyPI).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import FontNotFound
from .resources import FONTS_DIR

STYLE_NAMES = {
    (400, "normal"): "Regular",
    (700, "normal"): "Bold",
    (400, "italic"): "Italic",
    (700, "italic"): "BoldItalic",
}
_SUFFIXES = (".ttf", ".otf")


@cache
def find_font(family: str, weight: int = 400, style: str = "normal") -> Path:
    """The file for one face of a family, or FontNotFound saying where we looked."""
    face = STYLE_NAMES.get((weight, style))
    if face is None:
        raise FontNotFound(f"font {family}: no face for weight {weight}, style {style}")
    for folder in font_dirs():
        for suffix in _SUFFIXES:
            candidate = folder / f"{family.replace(' ', '')}-{face}{suffix}"
            if candidate.is_file():
                return candidate
    packaged = _packaged_font(family, weight, style)
    if packaged is not None:
        return packaged
    raise FontNotFound(
        f"font {family} {face} not found: put {family.replace(' ', '')}-{face}.ttf in "
        f"{FONTS_DIR} or pip install fontpkg-{family.lower().replace(' ', '-')}"
    )


def font_dirs() -> tuple[Path, ...]:
    return (FONTS_DIR,)


def _packaged_font(family: str, weight: int, style: str) -> Path | None:
    try:
        import fontpkg
    except ImportError:
        return None
    try:
        path = fontpkg.path(family, weight=weight, style=style)
    except Exception:  # fontpkg raises its own LookupError family when absent
        return None
    return Path(path) if Path(path).is_file() else None


def family_faces(family: str) -> dict[str, Path]:
    """Every face of a family that can be found, keyed Regular/Bold/…"""
    faces = {}
    for (weight, style), face in STYLE_NAMES.items():
        try:
            faces[face] = find_font(family, weight, style)
        except FontNotFound:
            continue
    if "Regular" not in faces:
        find_font(family)  # raises with the full explanation
    return faces


"""Find the font files a theme names.

A font dropped into ``fonts/`` wins (named ``Family-Regular.ttf``,
``Family-Bold.ttf``, ``Family-Italic.ttf`` or ``Family-BoldItalic.ttf``);
otherwise the installed font package (``fontpkg-<family>`` from PyPI).
The theme's fallback families (``[fonts] fallback``: emoji, symbols) are
looked for the same way, then among the system's fonts through fontconfig.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
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
    # Installed on the system (a language's face, e.g. Noto Nastaliq Urdu from
    # Debian's fonts-noto-core): asked last, it costs an fc-match run.
    system = _fontconfig_face(family, face) if face in ("Regular", "Bold") else None
    if system is not None:
        return system
    raise FontNotFound(
        f"font {family} {face} not found: put {family.replace(' ', '')}-{face}.ttf in "
        f"{FONTS_DIR}, pip install fontpkg-{family.lower().replace(' ', '-')}, or install it on the system"
    )


def font_dirs() -> tuple[Path, ...]:
    return (FONTS_DIR,)


def _packaged_font(family: str, weight: int, style: str) -> Path | None:
    return _static_face_from_metadata(family, weight, style) or _fontpkg_face(family, weight, style)


def _static_face_from_metadata(family: str, weight: int, style: str) -> Path | None:
    """The face's file read straight from the family package's metadata.json.

    Importing fontpkg and reading every package's entry points costs 35 ms a
    process (importlib.metadata), most of a DOCX start-up's font lookup. A
    fontpkg family lives in the package fontpkg_<slug> with a metadata.json
    listing its files; a static file of exactly this weight and style is the
    one fontpkg.path gives (it prefers a variable file, so a family that has
    one goes to fontpkg). Anything else, or a package laid out otherwise,
    returns None and fontpkg itself is asked.
    """
    slug = re.sub(r"[\s_]+", "-", family.strip().lower())  # fontpkg's slugify
    module = f"fontpkg_{slug.replace('-', '_')}"
    if not module.isidentifier():  # a dot would make find_spec import a parent package
        return None
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    try:
        metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        files = [entry for entry in metadata["files"] if entry.get("style", "normal") == style]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if metadata.get("slug") != slug or any(entry.get("variable") for entry in files):
        return None
    for entry in files:
        if entry.get("weight") == weight:
            path = root.joinpath(*str(entry["path"]).split("/"))
            return path if path.is_file() else None
    return None


def _fontpkg_face(family: str, weight: int, style: str) -> Path | None:
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



@dataclass(frozen=True)
class FallbackChain:
    """The theme's fallback families that are installed, in the theme's order."""

    faces: tuple[tuple[str, Path], ...]  # (family, its regular face)
    not_found: tuple[str, ...]


@cache
def fallback_chain(families: tuple[str, ...]) -> FallbackChain:
    """The regular face of each fallback family; a family found nowhere is
    left out of the chain (and named in not_found), never an error."""
    faces, not_found = [], []
    for family in families:
        path = find_fallback_font(family)
        if path is None:
            not_found.append(family)
        else:
            faces.append((family, path))
    return FallbackChain(tuple(faces), tuple(not_found))


@cache
def find_fallback_font(family: str) -> Path | None:
    """A fallback family's regular face, or None: looked for as the theme's
    own families are (fonts/, a font package, then the system's fonts)."""
    try:
        return find_font(family)
    except FontNotFound:
        return None


@cache  # a miss is remembered too: find_font's cache forgets what it raised
def _fontconfig_face(family: str, face: str = "Regular") -> Path | None:
    """The file fontconfig holds for exactly this family and face, or None.

    fc-match answers every pattern with some font (DejaVu Sans for a family
    it does not know), so the family it names is checked. One call (a few
    milliseconds) a family and process, and only when an article needs it.
    """
    import subprocess  # here, not at import: most runs never ask fontconfig

    pattern = re.sub(r"([\\\-:,])", r"\\\1", family) + f":style={face}"
    try:
        result = subprocess.run(["fc-match", "--format", "%{file}\n%{family}", pattern],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):  # no fontconfig tools: no system fonts
        return None
    file, _, names = result.stdout.partition("\n")
    wanted = family.casefold()
    if result.returncode != 0 or wanted not in (name.strip().casefold() for name in names.split(",")):
        return None
    path = Path(file)
    if face != "Regular" and face.casefold() not in path.stem.casefold():
        return None  # fontconfig answered with another face of the family
    return path if path.suffix.lower() in _SUFFIXES and path.is_file() else None

"""Load a theme (``styles/*.toml``) into one immutable Theme object.

A theme file only lists what it changes: it is laid over ``default.toml``.
Every value is checked here, once, so exporters can trust what they read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template

from .errors import ThemeError
from .resources import STYLES_DIR

PAGE_SIZES_MM = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "Letter": (215.9, 279.4)}
DIGIT_STYLES = ("arabic-indic", "latin")
JUSTIFICATIONS = ("both", "lowKashida", "mediumKashida", "highKashida")
QUOTATION_STYLES = ("marks", "text", "none")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A family name is written into CSS inside double quotes.
_BAD_FAMILY = re.compile(r'["\\\x00-\x1f\x7f]')


@dataclass(frozen=True)
class Fonts:
    body: str
    heading: str
    size_pt: float
    title_size_pt: float
    heading_size_pt: float
    small_size_pt: float
    line_height: float
    # Families that draw what the body and heading fonts lack (emoji, symbols), in order.
    fallback: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.fallback, list):  # a TOML array; a tuple keeps the theme hashable
            object.__setattr__(self, "fallback", tuple(self.fallback))


@dataclass(frozen=True)
class Colors:
    text: str
    accent: str
    muted: str
    background: str
    quote_background: str


@dataclass(frozen=True)
class Page:
    size: str
    margin_top_mm: float
    margin_bottom_mm: float
    margin_inner_mm: float
    margin_outer_mm: float

    @property
    def size_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.size]


@dataclass(frozen=True)
class TextRules:
    language: str
    digits: str
    justify: str
    default_disclaimer: str
    kashida: bool = True  # PDF: justify Arabic by elongating letters before widening spaces
    quotation: str = "marks"  # what of an inline quotation takes the accent colour: marks, text, none


@dataclass(frozen=True)
class Embed:
    fonts: bool


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    fonts: Fonts
    colors: Colors
    page: Page
    text: TextRules
    embed: Embed

    def css_values(self) -> dict[str, str]:
        """The values CSS templates in styles/ refer to as ${name}."""
        values = {
            f"{section}_{key}": str(value)
            for section in ("fonts", "colors", "page", "text")
            for key, value in vars(getattr(self, section)).items()
        }
        width, height = self.page.size_mm
        values.update(page_width_mm=f"{width}", page_height_mm=f"{height}")
        values["counter_style"] = "arabic-indic" if self.text.digits == "arabic-indic" else "decimal"
        values["fonts_fallback"] = fallback_families_css(self.fonts.fallback)
        mark, text = self.quotation_colours()
        values.update(quote_mark_color=mark or "inherit", quote_text_color=text or "inherit")
        return values

    def quotation_colours(self) -> tuple[str | None, str | None]:
        """The colours of an inline quotation's marks and of its text (None:
        the text's own), the same in every format."""
        accent, quotation = self.colors.accent, self.text.quotation
        return (None if quotation == "none" else accent), (accent if quotation == "text" else None)

    def render_css(self, *names: str, extra: Mapping[str, str] | None = None) -> str:
        """Stylesheets from styles/, one after the other, with this theme's
        values filled in, and the exporter's own values (extra) beside them."""
        values = {**self.css_values(), **(extra or {})}
        return "\n".join(_render_template(STYLES_DIR / name, values) for name in names)


def fallback_families_css(families: tuple[str, ...]) -> str:
    """${fonts_fallback}: the fallback families as the rest of a CSS font-family
    list after the theme's own font, e.g. `, "Noto Color Emoji", "DejaVu Sans"`, or ''.
    An exporter that embeds only the fallback faces a page needs passes its own."""
    return "".join(f', "{family}"' for family in families)


def _render_template(path: Path, values: Mapping[str, str]) -> str:
    try:
        return Template(path.read_text(encoding="utf-8")).substitute(values)
    except (OSError, KeyError, ValueError) as error:
        raise ThemeError(f"stylesheet {path}: {error}") from None


def load_theme(name_or_path: str = "default") -> Theme:
    """The theme called NAME in styles/, or the TOML file at PATH."""
    path = _theme_path(name_or_path)
    merged = _read_toml(STYLES_DIR / "default.toml")
    if path != STYLES_DIR / "default.toml":
        for section, values in _read_toml(path).items():
            if not isinstance(values, dict):
                raise ThemeError(f"{path}: [{section}] must be a table")
            merged.setdefault(section, {}).update(values)
    return _build_theme(path, merged)


def _theme_path(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.is_file():
        path = candidate
    else:
        path = STYLES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        themes = ", ".join(sorted(p.stem for p in STYLES_DIR.glob("*.toml")))
        raise ThemeError(f"no theme {name_or_path!r} (available: {themes}, or a path to a .toml file)")
    return path.resolve()


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ThemeError(f"theme {path}: {error}") from None


def _section(cls: type, data: dict, name: str, path: Path):
    values = data.get(name, {})
    try:
        return cls(**values)
    except TypeError as error:
        raise ThemeError(f"theme {path}: [{name}]: {error}") from None


def _build_theme(path: Path, data: dict) -> Theme:
    theme = Theme(
        name=path.stem,
        path=path,
        fonts=_section(Fonts, data, "fonts", path),
        colors=_section(Colors, data, "colors", path),
        page=_section(Page, data, "page", path),
        text=_section(TextRules, data, "text", path),
        embed=_section(Embed, data, "embed", path),
    )
    _validate(theme)
    return theme


def _validate(theme: Theme) -> None:
    problems = []
    if theme.page.size not in PAGE_SIZES_MM:
        problems.append(f"page size {theme.page.size!r} (use {', '.join(PAGE_SIZES_MM)})")
    if theme.text.digits not in DIGIT_STYLES:
        problems.append(f"digits {theme.text.digits!r} (use {' or '.join(DIGIT_STYLES)})")
    if theme.text.justify not in JUSTIFICATIONS:
        problems.append(f"justify {theme.text.justify!r} (use {', '.join(JUSTIFICATIONS)})")
    if theme.text.quotation not in QUOTATION_STYLES:
        problems.append(f"quotation {theme.text.quotation!r} (use {', '.join(QUOTATION_STYLES)})")
    if not isinstance(theme.text.kashida, bool):
        problems.append(f"kashida {theme.text.kashida!r} (use true or false)")
    fallback = theme.fonts.fallback
    if not (isinstance(fallback, tuple)
            and all(isinstance(family, str) and family.strip() and not _BAD_FAMILY.search(family)
                    for family in fallback)):
        problems.append(f"fallback {fallback!r} (use a list of font family names, "
                        'e.g. ["Noto Color Emoji", "DejaVu Sans"])')
    problems += [
        f"colour {key} = {value!r} (use #rrggbb)"
        for key, value in vars(theme.colors).items()
        if not _COLOUR.match(str(value))
    ]
    if problems:
        raise ThemeError(f"theme {theme.path}: bad " + "; bad ".join(problems))

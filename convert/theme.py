"""Load a theme (``styles/*.toml``) into one immutable Theme object.

A theme file only lists what it changes: it is laid over ``default.toml``.
Every value is checked here, once, so exporters can trust what they read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from string import Template

from .errors import FontNotFound, ThemeError
from .fonts import family_faces
from .quran import quran_family
from .reading.language import ARABIC, DEFAULT_DISCLAIMER_MARKERS, DEFAULT_NOTE_HEADINGS, language_code
from .resources import STYLES_DIR
from .theme_values import (
    PAGE_SIZES_MM,
    css_value_problem,
    parse_cmyk,
    text_block_problem,
    theme_problems,
)

__all__ = ["PAGE_SIZES_MM", "Theme", "load_theme", "parse_cmyk"]

# CSS counter styles of the digit styles (page numbers, contents).
COUNTER_STYLES = {"arabic-indic": "arabic-indic", "persian": "persian", "latin": "decimal"}
# A theme file larger than this is no theme (default.toml is 5 kB).
MAX_THEME_BYTES = 256 * 1024
MAX_PROBLEMS_SHOWN = 8  # the error line names this many of a theme's problems


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
    # The title's and the DOCX headings' line height; a text whose body needs more
    # (Nastaliq, vowel marks) sets its title at the body's (Theme.for_language, for_vocalised).
    title_line_height: float = 1.4
    # The body of a vocalised text: room for the marks above and below its letters.
    vocalised_line_height: float = 2.2
    # Qur'anic quotations (﴿…﴾): this family where installed, else the body's (quran.py).
    quran: str = "Amiri Quran"

    def __post_init__(self) -> None:
        if isinstance(self.fallback, list):  # a TOML array; a tuple keeps the theme hashable
            object.__setattr__(self, "fallback", tuple(self.fallback))

    def heading_size_pt_of(self, level: int) -> float:
        """The size of a heading of the article's own (level 1 is `#`): the theme's
        heading size, two points less each level down, and always above the body's."""
        return max(self.size_pt + 1, self.heading_size_pt - 2 * (max(level, 1) - 1))

    def with_line_height(self, line_height: float) -> Fonts:
        """These fonts with a body line height, and the title's no tighter than it."""
        return replace(self, line_height=line_height,
                       title_line_height=max(self.title_line_height, line_height)
                       if line_height > self.line_height else self.title_line_height)


@dataclass(frozen=True)
class Colors:
    text: str
    accent: str
    muted: str
    background: str
    quote_background: str
    # [colors.print]: the same colours in CMYK for a print PDF (PDF/X), as
    # "cmyk(C, M, Y, K)" or [C, M, Y, K], each 0-100 (%). One not given is
    # converted from its RGB through the PDF's output intent.
    print: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.print, dict):  # the TOML table; a tuple keeps the theme hashable
            pairs = tuple((key, _frozen(value)) for key, value in self.print.items())
            object.__setattr__(self, "print", pairs)

    def screen(self) -> dict[str, str]:
        """The RGB colours (#rrggbb) by name: every format but a print PDF."""
        return {key: value for key, value in vars(self).items() if key != "print"}

    def print_cmyk(self) -> dict[str, tuple[float, float, float, float] | None]:
        """The CMYK colours [colors.print] gives, by name (percentages; None: malformed)."""
        return {key: parse_cmyk(value) for key, value in self.print}


def _frozen(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


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
    emphasis: str = "bold"  # how *emphasis* shows: bold, colour (the accent), italic


@dataclass(frozen=True)
class Embed:
    fonts: bool


@dataclass(frozen=True)
class Publishing:
    """Who publishes what the theme sets: the store metadata of every format."""

    publisher: str = ""  # EPUB dc:publisher, DOCX Company, PDF XMP dc:publisher, the catalogue's author
    catalog_title: str = ""  # the OPDS catalogue's and index page's title ("" : the publisher's name)
    # The web (issue 33): where the HTML pages are published (canonical URLs,
    # Open Graph, JSON-LD, the Atom feed's links: the base joined with each
    # page's output path), the publisher's logo (an https:// address, or a
    # PNG or JPEG file from the theme file's folder: web_logo.py), its
    # account on X/Twitter ("@name"), and whether its articles are free to
    # read (JSON-LD isAccessibleForFree).
    base_url: str = ""
    logo: str = ""
    twitter_site: str = ""
    free_to_read: bool = True


@dataclass(frozen=True)
class LanguageRules:
    """What an article's language changes: its tag (HTML, EPUB, PDF /Lang,
    DOCX w:lang), its own digits, the words that open its disclaimer, its
    default disclaimer, and the font and line height it is set in (None:
    the theme's)."""

    code: str
    tag: str
    digits: str
    disclaimer_markers: tuple[str, ...]
    default_disclaimer: str
    font: str | None = None
    line_height: float | None = None
    note_headings: tuple[str, ...] = ()  # what heads a writer's closing list of notes (the first: ours)

    def __post_init__(self) -> None:
        for name in ("disclaimer_markers", "note_headings"):
            if isinstance(getattr(self, name), list):  # a TOML array; a tuple keeps the theme hashable
                object.__setattr__(self, name, tuple(getattr(self, name)))


@dataclass(frozen=True)
class Theme:
    name: str
    path: Path
    fonts: Fonts
    colors: Colors
    page: Page
    text: TextRules
    embed: Embed
    languages: tuple[LanguageRules, ...] = ()
    publishing: Publishing = Publishing()

    def css_values(self) -> dict[str, str]:
        """The values CSS templates in styles/ refer to as ${name}. The Qur'an
        face is looked up (a font package, then fontconfig: some 50 ms a
        process) only when a stylesheet asks for it: only pages that quote
        the Qur'an add the sheet that does (page_sheets.py)."""
        values = _LazyValues({
            f"{section}_{key}": str(value)
            for section in ("fonts", "colors", "page", "text")
            for key, value in vars(getattr(self, section)).items()
        }, fonts_quran=lambda: quran_family(self.fonts.quran, self.fonts.body))
        width, height = self.page.size_mm
        values.update(page_width_mm=f"{width}", page_height_mm=f"{height}")
        values["counter_style"] = COUNTER_STYLES[self.digits()]
        values["fonts_fallback"] = fallback_families_css(self.fonts.fallback)
        # h2, h3, h4: the article's `#`, `##` and `###` (h1 is its title).
        values.update({f"fonts_h{level + 1}_size_pt": f"{self.fonts.heading_size_pt_of(level)}"
                       for level in (1, 2, 3)})
        mark, text = self.quotation_colours()
        values.update(quote_mark_color=mark or "inherit", quote_text_color=text or "inherit")
        emphasis = self.text.emphasis
        values.update(emphasis_weight="bold" if emphasis == "bold" else "inherit",
                      emphasis_style="italic" if emphasis == "italic" else "normal",
                      emphasis_color=self.colors.accent if emphasis == "colour" else "inherit")
        return values

    @property
    def language_code(self) -> str:
        """The language this theme sets ("ar", "fa"…), from its tag."""
        return language_code(self.text.language)

    def language_rules(self, code: str) -> LanguageRules:
        """The rules of a language, or, for one the theme does not list, its own
        tag, digits and disclaimer with the Arabic markers."""
        for rules in self.languages:
            if rules.code == code:
                return rules
        fallback = next((rules for rules in self.languages if rules.code == ARABIC), None)
        markers = fallback.disclaimer_markers if fallback else DEFAULT_DISCLAIMER_MARKERS
        headings = fallback.note_headings if fallback else DEFAULT_NOTE_HEADINGS
        return LanguageRules(code, self.text.language, "arabic-indic", markers, self.text.default_disclaimer,
                             note_headings=headings)

    def for_language(self, code: str) -> Theme:
        """This theme as an article in that language is set: its tag, digits,
        default disclaimer, font and line height."""
        return _for_language(self, code)

    def for_vocalised(self) -> Theme:
        """This theme as a vocalised text is set: the body's lines (and the
        title's) spaced for the vowel marks above and below the letters."""
        height = max(self.fonts.line_height, self.fonts.vocalised_line_height)
        return replace(self, fonts=self.fonts.with_line_height(height))

    def digits(self) -> str:
        """The digits of page numbers and contents: the theme's, or with
        "native" those of the language it sets."""
        if self.text.digits != "native":
            return self.text.digits
        return self.language_rules(self.language_code).digits

    def disclaimer_markers(self) -> tuple[str, ...]:
        """Every word that may open a disclaimer, in every language the theme lists."""
        markers = [marker for rules in self.languages for marker in rules.disclaimer_markers]
        return tuple(dict.fromkeys(markers)) or DEFAULT_DISCLAIMER_MARKERS

    def note_headings(self) -> tuple[str, ...]:
        """Every heading that may open a writer's list of notes, in every language the theme lists."""
        headings = [heading for rules in self.languages for heading in rules.note_headings]
        return tuple(dict.fromkeys(headings)) or DEFAULT_NOTE_HEADINGS

    def quotation_colours(self) -> tuple[str | None, str | None]:
        """The colours of an inline quotation's marks and of its text (None:
        the text's own), the same in every format."""
        accent, quotation = self.colors.accent, self.text.quotation
        return (None if quotation == "none" else accent), (accent if quotation == "text" else None)

    def with_page_size(self, size: str) -> Theme:
        """This theme on another page size (--page-size), whose margins must
        still leave room for the text."""
        page = replace(self.page, size=size)
        margins = (page.margin_top_mm, page.margin_bottom_mm, page.margin_inner_mm, page.margin_outer_mm)
        if (problem := text_block_problem(size, margins)) is not None:
            raise ThemeError(f"theme {self.path}: {problem}")
        return replace(self, page=page)

    def render_css(self, *names: str, extra: Mapping[str, str] | None = None) -> str:
        """Stylesheets from styles/, one after the other, with this theme's
        values filled in, and the exporter's own values (extra) beside them."""
        values = self.css_values()
        values.update(extra or {})
        return "\n".join(_render_template(STYLES_DIR / name, values) for name in names)


@cache
def _for_language(theme: Theme, code: str) -> Theme:
    rules = theme.language_rules(code)
    font = rules.font or theme.fonts.body
    if rules.font:
        try:
            family_faces(rules.font)
        except FontNotFound:  # not installed: the theme's own (the reader warns, see outputs.py)
            font = theme.fonts.body
    fonts = replace(theme.fonts, body=font, heading=font if rules.font and font != theme.fonts.body
                    else theme.fonts.heading).with_line_height(rules.line_height or theme.fonts.line_height)
    text = replace(theme.text, language=rules.tag, default_disclaimer=rules.default_disclaimer)
    return replace(theme, fonts=fonts, text=text)


def fallback_families_css(families: tuple[str, ...]) -> str:
    """${fonts_fallback}: the fallback families as the rest of a CSS font-family
    list after the theme's own font, e.g. `, "Noto Color Emoji", "DejaVu Sans"`, or ''.
    An exporter that embeds only the fallback faces a page needs passes its own."""
    return "".join(f', "{family}"' for family in families)


def _render_template(path: Path, values: Mapping[str, str]) -> str:
    try:
        return Template(path.read_text(encoding="utf-8")).substitute(_CssValues(values))
    except (OSError, KeyError, ValueError) as error:
        raise ThemeError(f"stylesheet {path}: {error}") from None


class _LazyValues(dict):
    """Values, some of them made only when first asked for (by a function)."""

    def __init__(self, values: Mapping[str, str], **lazy: Callable[[], str]) -> None:
        super().__init__({key: value for key, value in values.items() if key not in lazy})
        self._lazy = lazy

    def __missing__(self, key: str) -> str:
        if key not in self._lazy:
            raise KeyError(key)
        value = self[key] = self._lazy.pop(key)()
        return value


class _CssValues:
    """The values a template asks for, each refused if it could end its rule
    or name a resource: themes are checked when loaded (theme_values.py), and
    this second guard keeps any value that slips past out of a stylesheet."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = values  # not copied: a _LazyValues makes its values when asked

    def __getitem__(self, key: str) -> str:
        value = self._values[key]
        if (problem := css_value_problem(value)) is not None:
            raise ThemeError(f"stylesheet value {key} = {value[:60]!r}: {problem}")
        return value


def load_theme(name_or_path: str = "default") -> Theme:
    """The theme called NAME in styles/, or the TOML file at PATH."""
    path = _theme_path(name_or_path)
    merged = _read_toml(STYLES_DIR / "default.toml")
    if path != STYLES_DIR / "default.toml":
        for section, values in _read_toml(path).items():
            if not isinstance(values, dict):
                raise ThemeError(f"theme {path}: [{section}] must be a table")
            merged.setdefault(section, {}).update(_merged_tables(merged.get(section, {}), values))
            if section == "colors":
                _forget_print_twins(merged["colors"], values)
    return _build_theme(path, merged)


def _forget_print_twins(colours: dict, changes: dict) -> None:
    """A colour a theme changes without its [colors.print] twin no longer
    takes the default's CMYK (a different colour): the PDF/X converts it."""
    twins = colours.get("print")
    if isinstance(twins, dict):
        given = changes.get("print", {}) if isinstance(changes.get("print"), dict) else {}
        for key in changes:
            if key != "print" and key not in given:
                twins.pop(key, None)


def _merged_tables(base: dict, changes: dict) -> dict:
    """A theme's table laid over the default's; a nested table ([languages.ur])
    changes only the keys it lists."""
    merged = {}
    for key, value in changes.items():
        nested = isinstance(value, dict) and isinstance(base.get(key), dict)
        merged[key] = {**base[key], **value} if nested else value
    return merged


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
    """The file's tables; one too large or nested too deep is refused (tomllib
    parses arrays and inline tables by recursion)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_THEME_BYTES + 1)
        if len(data) > MAX_THEME_BYTES:
            raise ThemeError(f"theme {path}: larger than {MAX_THEME_BYTES // 1024} kB")
        return tomllib.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ThemeError(f"theme {path}: {error}") from None
    except RecursionError:
        raise ThemeError(f"theme {path}: nested too deep") from None


def _build_theme(path: Path, data: dict) -> Theme:
    """The Theme of checked tables: every problem of every key in one line."""
    problems = theme_problems(data)
    page = data.get("page", {})
    if not problems and (block := text_block_problem(page["size"], _margins(page))):
        problems.append(block)
    if problems:
        hidden = len(problems) - MAX_PROBLEMS_SHOWN
        more = f"; and {hidden} more" if hidden > 0 else ""
        raise ThemeError(f"theme {path}: " + "; ".join(problems[:MAX_PROBLEMS_SHOWN]) + more)
    return Theme(
        name=path.stem,
        path=path,
        fonts=Fonts(**data["fonts"]),
        colors=Colors(**data["colors"]),
        page=Page(**data["page"]),
        text=TextRules(**data["text"]),
        embed=Embed(**data["embed"]),
        publishing=_publishing(path, data.get("publishing", {})),
        languages=tuple(LanguageRules(code=code, **values)
                        for code, values in data.get("languages", {}).items()),
    )


def _publishing(path: Path, values: dict) -> Publishing:
    """The [publishing] table, its logo file checked now, before any work
    (ThemeError, one line, if it is no PNG or JPEG)."""
    from .web_logo import is_address, read_logo

    publishing = Publishing(**values)
    if publishing.logo and not is_address(publishing.logo):
        read_logo(path, publishing.logo)
    return publishing


def _margins(page: Mapping[str, float]) -> tuple[float, float, float, float]:
    return (page["margin_top_mm"], page["margin_bottom_mm"], page["margin_inner_mm"], page["margin_outer_mm"])

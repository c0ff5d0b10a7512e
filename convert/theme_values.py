"""What each key of a theme file may hold, checked before any work.

A theme is untrusted input: its values are written into stylesheets (CSS
templates in styles/), HTML, OOXML and EPUB metadata, and name the fonts
that are looked up on disk. Each value is checked by type and range here,
so what reaches an output is a number, a #rrggbb colour, a font family
name, a language tag, a choice from a list, or a bounded plain text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping

from .reading.language import language_tag
from .reading.normalize import NONCHARACTERS

Check = Callable[[object], str | None]  # the problem with a value, or None

PAGE_SIZES_MM = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "Letter": (215.9, 279.4)}
DIGIT_STYLES = ("native", "arabic-indic", "persian", "latin")
LANGUAGE_DIGITS = DIGIT_STYLES[1:]  # a language's own digits ("native" is the theme's word for them)
JUSTIFICATIONS = ("both", "lowKashida", "mediumKashida", "highKashida")
QUOTATION_STYLES = ("marks", "text", "none")
EMPHASIS_STYLES = ("bold", "colour", "italic")
SCREEN_COLOURS = ("text", "accent", "muted", "background", "quote_background")
# The room a page keeps for its text block, whatever its margins (mm).
MIN_TEXT_BLOCK_MM = 40
MAX_LANGUAGES = 64
MAX_FALLBACK_FAMILIES = 16

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# A family name: letters of any script, digits, spaces, hyphens, underscores,
# dots and plus signs ("Noto Naskh Arabic", "M+ 1p"). No quote, brace,
# semicolon, parenthesis, slash, colon or comma: the name is written into CSS
# strings, fontconfig patterns and file names.
_FAMILY = re.compile(r"[\w][\w .+-]{0,99}")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
# Dropped from an article's body (see reading/normalize.py), refused here:
# direction embeddings, overrides and isolates a theme's text would leave open.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")


def _shown(value: object) -> str:
    """A value as the error line shows it: its repr (controls escaped), cut short."""
    text = ("true" if value else "false") if isinstance(value, bool) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number(low: float, high: float, unit: str = "") -> Check:
    """A finite number from low to high (inclusive)."""
    def check(value: object) -> str | None:
        if _is_number(value) and math.isfinite(value) and low <= value <= high:  # type: ignore[arg-type]
            return None
        return f"{_shown(value)} (use a number from {low:g} to {high:g}{unit})"
    return check


def choice(options: tuple[str, ...] | Mapping[str, object]) -> Check:
    def check(value: object) -> str | None:
        return None if isinstance(value, str) and value in options else \
            f"{_shown(value)} (use {', '.join(options)})"
    return check


def boolean(value: object) -> str | None:
    return None if isinstance(value, bool) else f"{_shown(value)} (use true or false)"


def colour(value: object) -> str | None:
    return None if isinstance(value, str) and _COLOUR.fullmatch(value) else f"{_shown(value)} (use #rrggbb)"


def family(value: object) -> str | None:
    if isinstance(value, str) and _FAMILY.fullmatch(value) and value == value.strip():
        return None
    return (f"{_shown(value)} (use a font family name: letters, digits, spaces, "
            "hyphens, underscores, dots, at most 100 characters)")


def families(value: object) -> str | None:
    if isinstance(value, list) and len(value) <= MAX_FALLBACK_FAMILIES and not any(map(family, value)):
        return None
    return (f"{_shown(value)} (use a list of at most {MAX_FALLBACK_FAMILIES} font family names, "
            'e.g. ["Noto Color Emoji", "DejaVu Sans"])')


def tag(value: object) -> str | None:
    if isinstance(value, str) and len(value) <= 35 and language_tag(value) and value == value.strip():
        return None
    return f"{_shown(value)} (use a language tag, e.g. ar-SA or fa)"


def _text_problem(value: object, limit: int) -> str | None:
    if not isinstance(value, str):
        return "use text"
    if len(value) > limit:
        return f"{len(value)} characters, at most {limit}"
    bad = next((char for char in value if _refused_char(char)), None)
    return None if bad is None else f"U+{ord(bad):04X} is not allowed"


def _refused_char(char: str) -> bool:
    """A control character, a surrogate, a non-character, or a direction
    embedding, override or isolate (ZWNJ, ZWJ and the marks LRM, RLM, ALM stay)."""
    return (unicodedata.category(char) in ("Cc", "Cs") or bool(_NONCHARACTER.match(char))
            or bool(_BIDI_CONTROLS.match(char)))


def text(limit: int) -> Check:
    """Plain text on one line, at most limit characters."""
    def check(value: object) -> str | None:
        problem = _text_problem(value, limit)
        return None if problem is None else f"{_shown(value)} ({problem})"
    return check


def texts(count: int, limit: int) -> Check:
    """A list of at most count non-empty texts, each at most limit characters."""
    def check(value: object) -> str | None:
        if isinstance(value, list) and 0 < len(value) <= count and all(
                isinstance(item, str) and item.strip() and _text_problem(item, limit) is None
                for item in value):
            return None
        return f"{_shown(value)} (use a list of 1 to {count} words, each at most {limit} characters)"
    return check


_WEB_BASE = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?")
_ACCOUNT = re.compile(r"@\w{1,50}")


def web_base(value: object) -> str | None:
    """Where the pages are published: an http(s) address, no query or fragment."""
    if value == "" or (isinstance(value, str) and _WEB_BASE.fullmatch(value) and len(value) <= 500):
        return None
    return f"{_shown(value)} (an http:// or https:// address without ? or #, like https://example.org/opinion/)"


_LOGO_ADDRESS = re.compile(r"https://[^\s/?#]+/\S*")
_LOGO_NAME = re.compile(r"[^/\\]+\.(?:png|jpe?g)", re.IGNORECASE)
# Names of the files an article's outputs take (exporters: NAME.card.png,
# .cover.png, .thumb.png, .quote-N.png), which a logo written into the
# output folder under its own name must not take.
_OUTPUT_PICTURE = re.compile(r".*\.(?:card|cover|thumb|quote-[0-9]+)\.png", re.IGNORECASE)
_LOGO_HELP = ("use an https:// address, or the path of a PNG or JPEG file from the theme's folder, "
              "like logo.png")


def logo(value: object) -> str | None:
    """The publisher's logo: "" (none), an https:// address, or a relative
    path to a .png, .jpg or .jpeg file (checked as a picture when the theme
    is loaded: web_logo.py)."""
    if value == "":
        return None
    problem = _text_problem(value, 300)
    if problem is None and isinstance(value, str):
        problem = _logo_problem(value)
    return None if problem is None else f"{_shown(value)} ({problem}; {_LOGO_HELP})"


def _logo_problem(value: str) -> str | None:
    if "://" in value:
        return None if _LOGO_ADDRESS.fullmatch(value) else "not an https:// address of a file"
    if value.startswith(("/", "\\")) or "\\" in value or value != value.strip():
        return "not a relative path"
    name = value.rsplit("/", 1)[-1]
    if not _LOGO_NAME.fullmatch(name):
        return "not a .png, .jpg or .jpeg file"
    if _OUTPUT_PICTURE.fullmatch(name):
        return "named like an article's card, quote card, cover or thumbnail"
    return None


def account(value: object) -> str | None:
    """An X/Twitter account: @ and letters, digits or _."""
    if value == "" or (isinstance(value, str) and _ACCOUNT.fullmatch(value)):
        return None
    return f"{_shown(value)} (an account like @name)"


_SIZE = number(4, 144, " pt")
_LINE_HEIGHT = number(0.5, 5)
_MARGIN = number(0, 100, " mm")
_DISCLAIMER = text(2000)

SECTIONS: dict[str, dict[str, Check]] = {
    "fonts": {
        "body": family, "heading": family, "fallback": families, "quran": family,
        "size_pt": _SIZE, "title_size_pt": _SIZE, "heading_size_pt": _SIZE, "small_size_pt": _SIZE,
        "line_height": _LINE_HEIGHT, "title_line_height": _LINE_HEIGHT, "vocalised_line_height": _LINE_HEIGHT,
    },
    "colors": {name: colour for name in SCREEN_COLOURS},  # and [colors.print]: see print_colour_problems
    "page": {"size": choice(PAGE_SIZES_MM), "margin_top_mm": _MARGIN, "margin_bottom_mm": _MARGIN,
             "margin_inner_mm": _MARGIN, "margin_outer_mm": _MARGIN},
    "text": {"language": tag, "digits": choice(DIGIT_STYLES), "justify": choice(JUSTIFICATIONS),
             "default_disclaimer": _DISCLAIMER, "kashida": boolean, "quotation": choice(QUOTATION_STYLES),
             "emphasis": choice(EMPHASIS_STYLES)},
    "embed": {"fonts": boolean},
    "publishing": {"publisher": text(200), "catalog_title": text(200), "base_url": web_base,
                   "logo": logo, "twitter_site": account, "free_to_read": boolean},
}
LANGUAGE_KEYS: dict[str, Check] = {
    "tag": tag, "digits": choice(LANGUAGE_DIGITS), "disclaimer_markers": texts(16, 40),
    "default_disclaimer": _DISCLAIMER, "font": family, "line_height": _LINE_HEIGHT,
    "note_headings": texts(16, 40),
}
REQUIRED_LANGUAGE_KEYS = ("tag", "digits", "disclaimer_markers", "default_disclaimer")


def theme_problems(data: Mapping[str, object]) -> list[str]:
    """Every problem of a theme's tables (laid over the default's), one phrase
    each naming the key: unknown tables and keys are problems too."""
    problems = [f"unknown table [{_key(name)}] (use {', '.join([*SECTIONS, 'languages'])})"
                for name in data if name not in SECTIONS and name != "languages"]
    for name, checks in SECTIONS.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            problems.append(f"[{name}] must be a table")
            continue
        extra = frozenset({"print"} if name == "colors" else ())
        problems += _table_problems(f"[{name}]", table, checks, extra)
        if name == "colors" and "print" in table:
            problems += print_colour_problems(table["print"])
    problems += _language_problems(data.get("languages", {}))
    return problems


def _key(name: object) -> str:
    """A key as the error line shows it: controls and quotes escaped."""
    shown = repr(str(name))[1:-1]
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _table_problems(where: str, table: dict, checks: Mapping[str, Check],
                    extra: frozenset[str] = frozenset()) -> list[str]:
    problems = []
    for key, value in table.items():
        if key in extra:
            continue
        check = checks.get(key)
        if check is None:
            problems.append(f"unknown key {where} {_key(key)} (use {', '.join(checks)})")
        elif (problem := check(value)) is not None:
            problems.append(f"{where} {key} = {problem}")
    return problems


def _language_problems(tables: object) -> list[str]:
    if not isinstance(tables, dict):
        return ["[languages] must be a table of [languages.CODE] tables"]
    if len(tables) > MAX_LANGUAGES:
        return [f"[languages] lists {len(tables)} languages, at most {MAX_LANGUAGES}"]
    problems = []
    for code, table in tables.items():
        where = f"[languages.{_key(code)}]"
        if not _LANGUAGE_CODE.fullmatch(code):
            problems.append(f"{where}: {_shown(code)} is no language code "
                            "(use 2 or 3 lower-case letters, e.g. ur)")
        elif not isinstance(table, dict):
            problems.append(f"{where} must be a table")
        else:
            missing = [key for key in REQUIRED_LANGUAGE_KEYS if key not in table]
            problems += [f"{where} needs {', '.join(missing)}"] if missing else []
            problems += _table_problems(where, table, LANGUAGE_KEYS)
    return problems


def print_colour_problems(twins: object) -> list[str]:
    """[colors.print]: each key a screen colour, each value a CMYK colour."""
    if not isinstance(twins, dict):
        return [f"[colors.print] = {_shown(twins)} (use a table: text = \"cmyk(0, 0, 0, 100)\"…)"]
    return [
        f"[colors.print] {_key(key)} = {_shown(value)} (" + (
            'use "cmyk(C, M, Y, K)" or [C, M, Y, K], each 0-100)' if key in SCREEN_COLOURS
            else f"no such colour: use {', '.join(SCREEN_COLOURS)})")
        for key, value in twins.items()
        if key not in SCREEN_COLOURS or parse_cmyk(value) is None
    ]


_CMYK = re.compile(r"^\s*cmyk\(\s*([^,\s)]+)\s*,?\s*([^,\s)]+)\s*,?\s*([^,\s)]+)\s*,?\s*([^,\s)]+)\s*\)\s*$",
                   re.IGNORECASE)


def parse_cmyk(value: object) -> tuple[float, float, float, float] | None:
    """"cmyk(0, 0, 0, 90)" (a % after a number is allowed) or four numbers,
    each from 0 to 100, as percentages; None for anything else."""
    if isinstance(value, str):
        match = _CMYK.match(value)
        parts: tuple = tuple(part.removesuffix("%") for part in match.groups()) if match else ()
    else:
        parts = tuple(value) if isinstance(value, tuple | list) else ()
    try:
        numbers = tuple(float(part) for part in parts if not isinstance(part, bool))
    except (TypeError, ValueError):
        return None
    if len(numbers) != 4 or len(parts) != 4 or not all(0 <= number <= 100 for number in numbers):
        return None
    return numbers  # type: ignore[return-value]


def text_block_problem(size: str, margins_mm: tuple[float, float, float, float]) -> str | None:
    """Margins (top, bottom, inner, outer) that leave too little of the page
    for the text."""
    width, height = PAGE_SIZES_MM[size]
    top, bottom, inner, outer = margins_mm
    if min(width - inner - outer, height - top - bottom) >= MIN_TEXT_BLOCK_MM:
        return None
    return (f"[page] margins leave less than {MIN_TEXT_BLOCK_MM} mm of a {size} page "
            f"({width:g} x {height:g} mm) for the text")


# A value written into a stylesheet: no statement, block, comment, escape,
# markup or at-rule; no function but device-cmyk() (a print PDF's colours);
# double quotes only in pairs (a family name's).
_CSS_UNSAFE = re.compile(r"[\x00-\x1f\x7f;{}<>\\@'`]|/\*|\*/")
_CSS_FUNCTION = re.compile(r"([\w-]*)\s*\(")
_CSS_STRING = re.compile(r'"[^"]*"')
CSS_FUNCTIONS = ("device-cmyk",)


def css_value_problem(value: str) -> str | None:
    """Why a value cannot be written into a stylesheet as it is, or None."""
    if _CSS_UNSAFE.search(value) or '"' in _CSS_STRING.sub("", value):
        return "a character that could end the rule or open another"
    functions = [name.lower() for name in _CSS_FUNCTION.findall(value)]
    if any(name not in CSS_FUNCTIONS for name in functions):
        return f"the function {next(name for name in functions if name not in CSS_FUNCTIONS)}()"
    return None

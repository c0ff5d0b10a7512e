"""The PDF stylesheet: the theme's fonts, base.css and the paged-media print.css
(and print-book.css over it for a book).

print.css is a string.Template like base.css. Besides the theme's values it
takes the print options (duplex margins, bleed, crop marks), added here, so
the theme stays free of per-run choices.

A page with characters the theme's fonts lack (emoji, symbols) gets the
theme's fallback faces that draw them, as @font-face rules and in the body's
and headings' font-family lists, so WeasyPrint falls back to them character
by character; a page without gets the same stylesheet as before. Each
fallback face is named for WeasyPrint under a name of its own (FALLBACK_NAME):
named "Noto Color Emoji", fontconfig's emoji rules also match the system's
copy of the font, and Pango then sets the word spaces of justified lines in
it, wider than the layout measured them (lines ran past the right margin).

A print PDF (PDF/X) gets the theme's colours in CMYK, as device-cmyk()
([colors.print], or converted through the output intent's profile), the
profile as the stylesheet's @color-profile device-cmyk (WeasyPrint embeds it
as the output intent), room past the trim for the bleed and the crop marks,
and none of WeasyPrint's own marks (print_production.py draws them in CMYK).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from ...errors import ConvertError
from ...font_subset import FontFace, fallback_use, theme_lacking
from ...fonts import family_faces, find_fallback_font
from ...model import Book, Document
from ...options import Options
from ...poetry import POETRY_STYLESHEET
from ...quran import QURAN_PRINT_STYLESHEET, QURAN_STYLESHEET, quran_family, quran_path
from ...table_html import TABLES_STYLESHEET
from ...theme import Theme, fallback_families_css
from .fetcher import file_url
from .notes import printed_texts
from .output_intent import output_intent, rgb_to_cmyk
from .print_production import media_margin_mm

PRINT_CSS = "print.css"
PRINT_BOOK_CSS = "print-book.css"
# Left-to-right runs are set in the same font files under this second family
# name. WeasyPrint then embeds them as a font of their own, with its own
# glyph -> text map: "<" drawn mirrored in Arabic text uses the glyph of ">",
# and in one map that glyph could copy as only one of the two characters.
LTR_TWIN = "{family} LTR"
# A fallback face's family name in the PDF's stylesheet (see above).
FALLBACK_NAME = "{family} fallback"

# family_faces() keys -> the @font-face descriptors that select them.
_FACE_DESCRIPTORS = {
    "Regular": ("normal", "normal"),
    "Bold": ("bold", "normal"),
    "Italic": ("normal", "italic"),
    "BoldItalic": ("bold", "italic"),
}


@dataclass(frozen=True)
class PrintStyle:
    """The stylesheet text and the font files it names (and nothing else)."""

    css: str
    font_files: tuple[Path, ...]
    regular_faces: dict[str, Path]  # family -> its regular face
    profile: Path | None = None  # PDF/X: the output intent's ICC profile, which the stylesheet names


def build_print_style(options: Options, book: bool = False,
                      fallback: tuple[FontFace, ...] = (), quran: bool = False) -> PrintStyle:
    """The stylesheet of a single article, or of a book (title page,
    contents, chapters) when book is true; with the fallback faces given,
    and the Qur'an face when quran (an article quotes the Qur'an)."""
    theme = options.theme
    faces = theme_font_faces(theme, quran)
    # tables.css and poetry.css always: a PDF holds no stylesheet, rules no
    # element matches change no PDF byte. The Qur'an's only where it is quoted:
    # their values look up its face (some 50 ms a process).
    sheets = ("base.css", TABLES_STYLESHEET, PRINT_CSS, *((PRINT_BOOK_CSS,) if book else ()))
    sheets += (POETRY_STYLESHEET, *((QURAN_STYLESHEET, QURAN_PRINT_STYLESHEET) if quran else ()))
    families = tuple(FALLBACK_NAME.format(family=face.family) for face in fallback)
    extra = {**print_values(options, quran), "fonts_fallback": fallback_families_css(families)}
    rules = font_face_rules(faces) + fallback_face_rules(fallback)
    profile = output_intent(options.output_intent).path if options.is_pdfx else None
    if profile:
        rules = colour_profile_rule(profile) + rules
    css = rules + "\n" + theme.render_css(*sheets, extra=extra)
    font_files = tuple(path for family in faces.values() for path in family.values())
    return PrintStyle(css, font_files + tuple(face.path for face in fallback),
                      {family: files["Regular"] for family, files in faces.items() if "Regular" in files},
                      profile)


def pdf_fallback_faces(content: Document | Book, theme: Theme, inked: bool = False) -> tuple[FontFace, ...]:
    """The theme's fallback faces that draw some character of these articles
    (none for plain Arabic: one set difference against the fonts' characters).
    inked (a print PDF): without the colour fonts (see inked_fallback_faces)."""
    if isinstance(content, Book):
        documents, texts = content.documents, [content.title, content.author or ""]
    else:
        documents, texts = (content,), []
    text = "".join(texts + [text for doc in documents for text in printed_texts(doc)])
    lacking = theme_lacking(theme, text)
    if inked and lacking:
        return inked_fallback_faces(theme, lacking, text)
    return tuple(face for face, _ in fallback_use(theme, lacking, text).faces)


def inked_fallback_faces(theme: Theme, lacking: frozenset[str], text: str) -> tuple[FontFace, ...]:
    """A print PDF's fallback faces: the chain without its colour fonts (Noto
    Color Emoji's glyphs are RGB bitmaps, which no CMYK plate can print), so
    a symbol a black-and-white font of the chain has (DejaVu Sans: ☺ ★ ➜) is
    drawn in ink. A character only a colour font has refuses the article,
    naming it: leaving it out silently would print something else."""
    inked = tuple(family for family in theme.fonts.fallback if not is_colour_font(find_fallback_font(family)))
    use = fallback_use(replace(theme, fonts=replace(theme.fonts, fallback=inked)), lacking, text)
    coloured = sorted(use.uncovered - fallback_use(theme, use.uncovered, text).uncovered, key=text.find)
    if coloured:
        character = coloured[0]
        more = f" (and {len(coloured) - 1} more)" if len(coloured) > 1 else ""
        raise ConvertError(f"PDF/X: U+{ord(character):04X} {character}{more} is only in a colour font "
                           "(an RGB bitmap, which a print PDF cannot hold): leave it out, or add a "
                           "black-and-white font that has it to the theme's [fonts] fallback")
    return tuple(face for face, _ in use.faces)


# U+FE0E VARIATION SELECTOR-15: the character before it in text (not emoji) presentation.
TEXT_PRESENTATION = "\ufe0e"


def in_text_presentation(markup: str, theme: Theme) -> str:
    """A print PDF's page with each symbol the theme's own faces lack
    followed by U+FE0E (in place of an emoji presentation selector U+FE0F).
    Pango draws a character of emoji presentation (😀) from a colour emoji
    font, whatever the stylesheet names, if one is installed; told "text
    presentation", it takes the black-and-white face of the chain that has
    it. Symbols (★) are drawn the same either way. Plain Arabic: unchanged.
    Only symbols and punctuation outside ASCII can take an emoji
    presentation, and only the page's text is changed, not its markup: an
    Urdu article's Nastaliq face has no Latin letters, and a selector after
    each of them (and after the markup's own < and ") broke the page."""
    lacking = {character for character in theme_lacking(theme, markup) if _may_be_emoji(character)}
    if not lacking:
        return markup
    characters = "".join(re.escape(character) for character in sorted(lacking))
    selected = re.compile(f"([{characters}])[\ufe0e\ufe0f]?")
    parts = _TAG.split(markup)  # text, tag, text, tag, ...
    parts[::2] = [selected.sub(lambda match: match.group(1) + TEXT_PRESENTATION, text) for text in parts[::2]]
    return "".join(parts)


_TAG = re.compile("(<[^>]*>)")


def _may_be_emoji(character: str) -> bool:
    """Symbols and punctuation beyond ASCII (☺ ‼ ™ ©); never letters, digits or marks."""
    return ord(character) > 0x7F and unicodedata.category(character)[0] in "SP"


# sfnt tables of colour glyphs: bitmaps (CBDT, sbix) and layered colour (COLR, SVG).
_COLOUR_TABLES = ("CBDT", "sbix", "COLR", "SVG ")


@cache
def is_colour_font(path: Path | None) -> bool:
    """Whether the face at path draws its glyphs in colour (fontTools reads
    the table directory alone, lazily; a collection's first face)."""
    if path is None:
        return False
    from fontTools.ttLib import TTFont, TTLibError  # here: only a print PDF with symbols asks

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return any(tag in font for tag in _COLOUR_TABLES)
    except (OSError, TTLibError):
        return False


def theme_font_faces(theme: Theme, quran: bool = False) -> dict[str, dict[str, Path]]:
    """Family name -> its face files, for the body and heading fonts (and
    quran: the Qur'an face, for articles that quote the Qur'an)."""
    families = dict.fromkeys((theme.fonts.body, theme.fonts.heading))
    faces = {family: family_faces(family) for family in families}
    # The Qur'an face's regular alone (quran.py), where it is not the body's.
    path = quran_path(theme.fonts.quran, theme.fonts.body) if quran else None
    if path is not None and theme.fonts.quran not in faces:
        faces[theme.fonts.quran] = {"Regular": path}
    return faces


def font_face_rules(faces: dict[str, dict[str, Path]]) -> str:
    """@font-face rules naming each face file by URL, so WeasyPrint embeds it
    (subset) instead of asking fontconfig for a system font."""
    rules = []
    for family, files in faces.items():
        for name in (family, LTR_TWIN.format(family=family)):
            for face, path in files.items():
                weight, style = _FACE_DESCRIPTORS[face]
                rules.append(
                    f'@font-face {{ font-family: "{name}"; src: url("{file_url(path)}"); '
                    f"font-weight: {weight}; font-style: {style}; }}"
                )
    return "\n".join(rules)


def fallback_face_rules(fallback: tuple[FontFace, ...]) -> str:
    """@font-face rules for the fallback faces: the one regular face serves normal
    and bold text (else fontconfig would look for a bold emoji among the system's
    fonts); no left-to-right twin: emoji and symbols are not mirrored."""
    return "".join(
        f'\n@font-face {{ font-family: "{FALLBACK_NAME.format(family=face.family)}"; '
        f'src: url("{file_url(face.path)}"); font-weight: {weight}; font-style: normal; }}'
        for face in fallback
        for weight in ("normal", "bold")
    )


def print_values(options: Options, quran: bool = False) -> dict[str, str]:
    """Values print.css needs beyond the theme's own (and quran-print.css, when quran)."""
    theme = options.theme
    page = theme.page
    inner, outer = f"{page.margin_inner_mm}", f"{page.margin_outer_mm}"
    # A recto binds on its right (see print.css). One-sided, every page is a
    # recto; two-sided, versos mirror it.
    verso_right, verso_left = (outer, inner) if options.duplex else (inner, outer)
    values = {
        "margin_recto_right_mm": inner,
        "margin_recto_left_mm": outer,
        "margin_verso_right_mm": verso_right,
        "margin_verso_left_mm": verso_left,
        # "auto" is no bleed, or 6pt for the crop marks to be drawn in.
        "bleed": f"{options.bleed_mm:g}mm" if options.bleed_mm > 0 else "auto",
        "marks": "crop" if options.crop_marks else "none",
        "fonts_body_ltr": LTR_TWIN.format(family=theme.fonts.body),
        "fonts_heading_ltr": LTR_TWIN.format(family=theme.fonts.heading),
        # Book mode: where a chapter may open (see print-book.css).
        "chapter_break": "recto" if options.duplex else "page",
        "kashida": "on" if theme.text.kashida else "off",
        # A link to an address: shown as one where a reader can follow it.
        "link_color": theme.colors.accent,
        "link_decoration": "underline",
        **note_sizes(theme),
    }
    if options.is_pdfx:
        values.update(pdfx_values(options))
    if quran:
        values["fonts_quran_ltr"] = LTR_TWIN.format(family=quran_family(theme.fonts.quran, theme.fonts.body))
    return values


def note_sizes(theme: Theme) -> dict[str, str]:
    """The sizes of a note's text and of its calls, from the body's: a note a
    fifth smaller (never below the theme's small size), a call about two
    thirds of the text's, wherever the call stands (a heading too)."""
    fonts = theme.fonts
    return {"note_size_pt": f"{max(fonts.small_size_pt, round(fonts.size_pt * 0.8, 1)):g}",
            "note_call_size_pt": f"{round(fonts.size_pt * 0.65, 1):g}"}


def pdfx_values(options: Options) -> dict[str, str]:
    """A print PDF's colours, every one device-cmyk(), and its bleed: the
    room past the trim the bleed and the crop marks need (drawn by
    print_production.py, not by WeasyPrint: no marks here)."""
    colours = print_colours(options)
    values = {f"colors_{key}": device_cmyk(cmyk) for key, cmyk in colours.items()}
    mark, text = options.theme.quotation_colours()
    accent = values["colors_accent"]
    values.update(quote_mark_color=accent if mark else "inherit",
                  quote_text_color=accent if text else "inherit")
    # Emphasis "colour": the accent's inks, as every other accent of a print PDF.
    if options.theme.text.emphasis == "colour":
        values["emphasis_color"] = accent
    # Paper has no links (links.py leaves them out): their text is text.
    values.update(link_color="inherit", link_decoration="none")
    margin = media_margin_mm(options.bleed_mm, options.crop_marks)
    values.update(bleed=f"{margin:g}mm" if margin > 0 else "auto", marks="none")
    return values


def print_colours(options: Options) -> dict[str, tuple[float, float, float, float]]:
    """Each theme colour in CMYK: [colors.print]'s, or converted from the RGB."""
    given = options.theme.colors.print_cmyk()
    intent = output_intent(options.output_intent)
    return {key: given.get(key) or rgb_to_cmyk(rgb, intent)
            for key, rgb in options.theme.colors.screen().items()}


def device_cmyk(cmyk: tuple[float, float, float, float]) -> str:
    return "device-cmyk({:g}% {:g}% {:g}% {:g}%)".format(*cmyk)


def colour_profile_rule(profile: Path) -> str:
    """The output intent's profile for WeasyPrint: device-cmyk() colours are
    in its space, and a PDF/X embeds it as the /OutputIntents profile."""
    return (f'@color-profile device-cmyk {{ src: url("{file_url(profile)}"); '
            "components: c, m, y, k; }\n")


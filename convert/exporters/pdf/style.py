"""The PDF stylesheet: the theme's fonts, base.css and the paged-media print.css
(and print-book.css over it for a book).

print.css is a string.Template like base.css. Besides the theme's values it
takes the print options (duplex margins, bleed, crop marks), added here, so
the theme stays free of per-run choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...fonts import family_faces
from ...options import Options
from ...theme import Theme
from .fetcher import file_url

PRINT_CSS = "print.css"
PRINT_BOOK_CSS = "print-book.css"
# Left-to-right runs are set in the same font files under this second family
# name. WeasyPrint then embeds them as a font of their own, with its own
# glyph -> text map: "<" drawn mirrored in Arabic text uses the glyph of ">",
# and in one map that glyph could copy as only one of the two characters.
LTR_TWIN = "{family} LTR"

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


def build_print_style(options: Options, book: bool = False) -> PrintStyle:
    """The stylesheet of a single article, or of a book (title page,
    contents, chapters) when book is true."""
    theme = options.theme
    faces = theme_font_faces(theme)
    sheets = ("base.css", PRINT_CSS, PRINT_BOOK_CSS) if book else ("base.css", PRINT_CSS)
    css = font_face_rules(faces) + "\n" + theme.render_css(*sheets, extra=print_values(options))
    return PrintStyle(css, tuple(path for family in faces.values() for path in family.values()),
                      {family: files["Regular"] for family, files in faces.items() if "Regular" in files})


def theme_font_faces(theme: Theme) -> dict[str, dict[str, Path]]:
    """Family name -> its face files, for the body and heading fonts."""
    families = dict.fromkeys((theme.fonts.body, theme.fonts.heading))
    return {family: family_faces(family) for family in families}


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


def print_values(options: Options) -> dict[str, str]:
    """Values print.css needs beyond the theme's own."""
    theme = options.theme
    page = theme.page
    inner, outer = f"{page.margin_inner_mm}", f"{page.margin_outer_mm}"
    # A recto binds on its right (see print.css). One-sided, every page is a
    # recto; two-sided, versos mirror it.
    verso_right, verso_left = (outer, inner) if options.duplex else (inner, outer)
    return {
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
    }


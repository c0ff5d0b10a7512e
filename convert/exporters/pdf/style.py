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
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...font_subset import FontFace, fallback_use, theme_lacking
from ...fonts import family_faces
from ...model import Book, Document, reader_texts
from ...options import Options
from ...theme import Theme, fallback_families_css
from .fetcher import file_url

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


def build_print_style(options: Options, book: bool = False,
                      fallback: tuple[FontFace, ...] = ()) -> PrintStyle:
    """The stylesheet of a single article, or of a book (title page,
    contents, chapters) when book is true; with the fallback faces given."""
    theme = options.theme
    faces = theme_font_faces(theme)
    sheets = ("base.css", PRINT_CSS, PRINT_BOOK_CSS) if book else ("base.css", PRINT_CSS)
    families = tuple(FALLBACK_NAME.format(family=face.family) for face in fallback)
    extra = {**print_values(options), "fonts_fallback": fallback_families_css(families)}
    rules = font_face_rules(faces) + fallback_face_rules(fallback)
    css = rules + "\n" + theme.render_css(*sheets, extra=extra)
    font_files = tuple(path for family in faces.values() for path in family.values())
    return PrintStyle(css, font_files + tuple(face.path for face in fallback),
                      {family: files["Regular"] for family, files in faces.items() if "Regular" in files})


def pdf_fallback_faces(content: Document | Book, theme: Theme) -> tuple[FontFace, ...]:
    """The theme's fallback faces that draw some character of these articles
    (none for plain Arabic: one set difference against the fonts' characters)."""
    if isinstance(content, Book):
        documents, texts = content.documents, [content.title, content.author or ""]
    else:
        documents, texts = (content,), []
    text = "".join(texts + [text for doc in documents for text in reader_texts(doc)])
    return tuple(face for face, _ in fallback_use(theme, theme_lacking(theme, text), text).faces)


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


"""The theme's fonts as EPUB resources: which faces, subset to the book's letters, and @font-face.

Subsetting keeps every layout feature and the GDEF, GPOS and GSUB tables, so the
subsetter also keeps each glyph those tables can produce from the kept letters
(initial, medial and final forms, lam-alef and other ligatures, mark positions):
a reading system shapes the subset exactly as it shapes the full font.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import FontNotFound
from ...fonts import find_font
from ...theme import Theme

# Characters a reading system may need besides the book's own: joiners and the
# tatweel (shaping and justification), bidi marks, both sets of digits (list
# numbers), and the punctuation and bullets a stylesheet or reader may draw.
SHAPING_CHARACTERS = frozenset(
    "\u200c\u200d\u0640\u200e\u200f\u061c\u2066\u2067\u2068\u2069"
    "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    " \u00a0.,:;!?()[]-\u2010\u2013\u2014\u2026%\u066a\u066b\u066c\u060c\u061b\u061f\u06d4"
    "\u00ab\u00bb\u201c\u201d\u2018\u2019\"'/\u2022\u25e6\u25aa"
)
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf"}


@dataclass(frozen=True)
class FontFace:
    """One face of a family the stylesheet asks for."""

    family: str
    weight: int
    path: Path


@dataclass(frozen=True)
class EmbeddedFont:
    face: FontFace
    file_name: str  # inside the EPUB content folder, e.g. fonts/Amiri-Regular.ttf
    data: bytes

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.face.path.suffix.lower()]


def book_faces(theme: Theme) -> list[FontFace]:
    """The faces the stylesheet uses: the body's regular and the headings' bold."""
    body = FontFace(theme.fonts.body, 400, find_font(theme.fonts.body))
    heading = _heading_face(theme.fonts.heading)
    return [body] if heading.path == body.path else [body, heading]


def _heading_face(family: str) -> FontFace:
    try:
        return FontFace(family, 700, find_font(family, 700))
    except FontNotFound:
        # Without a bold face the reading system emboldens the regular one.
        return FontFace(family, 400, find_font(family))


def embed_fonts(faces: list[tuple[FontFace, str]], subset: bool = True) -> list[EmbeddedFont]:
    """Each face as bytes for the EPUB, cut down to the text set in it when that is smaller."""
    embedded = []
    for face, text in faces:
        data = _font_file(face.path)
        if subset:
            smaller = _subset_or_none(face.path, frozenset(text) | SHAPING_CHARACTERS)
            data = smaller if smaller is not None and len(smaller) < len(data) else data
        embedded.append(EmbeddedFont(face, f"fonts/{face.path.name}", data))
    return embedded


@lru_cache(maxsize=8)
def _font_file(path: Path) -> bytes:
    # Read once a batch, not once a book: only its length is needed when it is subset.
    return path.read_bytes()


def _subset_or_none(path: Path, characters: frozenset[str]) -> bytes | None:
    """Subsetting only makes the book smaller: a font HarfBuzz cannot cut is embedded whole."""
    try:
        return subset_font(path, characters)
    except Exception:  # a malformed or unusual font: embed it whole rather than fail
        return None


@lru_cache(maxsize=32)
def subset_font(path: Path, characters: frozenset[str]) -> bytes:
    """The font cut down to the glyphs for characters and all their shaped forms.

    HarfBuzz's subsetter (through uharfbuzz) takes a few milliseconds where
    fontTools takes half a second a face; it follows the GSUB closure the same
    way, and the tests shape every paragraph with both fonts to prove it.
    """
    import uharfbuzz as hb

    plan = hb.SubsetInput()
    plan.unicode_set.update(ord(character) for character in characters)
    # An emptied, inverted set means "all": every layout feature, so every
    # glyph GSUB can reach; every name record, so the licence stays.
    for everything in (plan.layout_feature_tag_set, plan.name_id_set, plan.name_lang_id_set):
        everything.clear()
        everything.invert()
    plan.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    subset = hb.subset(_harfbuzz_face(path), plan)
    if subset is None:
        raise ValueError(f"HarfBuzz could not subset {path}")
    return bytes(subset.blob.data)


@lru_cache(maxsize=8)
def _harfbuzz_face(path: Path):
    import uharfbuzz as hb

    return hb.Face(hb.Blob(path.read_bytes()))


def font_face_css(fonts: list[EmbeddedFont], folder_prefix: str) -> str:
    """@font-face rules pointing at the embedded files, relative to the stylesheet."""
    rules = []
    for font in fonts:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{font.face.family}";\n'
            f"  font-weight: {font.face.weight};\n"
            "  font-style: normal;\n"
            f'  src: url("{folder_prefix}{font.file_name}");\n'
            "}"
        )
    return "\n".join(rules)

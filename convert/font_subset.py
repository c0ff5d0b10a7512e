"""Fonts cut down to the characters a page uses, and the characters a face lacks.

One home for both rules: the EPUB and the standalone HTML embed the theme's
faces subset with them, and the PDF, the EPUB, the HTML and the reader's
warnings ask which characters the theme's faces lack (those the fallback
chain of the theme, ``[fonts] fallback``, must draw, or no font has).

Subsetting keeps every layout feature and the GDEF, GPOS and GSUB tables, so the
subsetter also keeps each glyph those tables can produce from the kept letters
(initial, medial and final forms, lam-alef and other ligatures, mark positions):
a reading system shapes the subset exactly as it shapes the full font.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .errors import FontNotFound
from .fonts import fallback_chain, find_font
from .quran import quran_path
from .reading.quran import quotation_text
from .theme import Theme

# Characters a reading system may need besides the book's own: joiners and the
# tatweel (shaping and justification), bidi marks, the digits lists may be numbered in (Latin,
# Arabic-Indic, Persian: CSS counters), and the punctuation and bullets a stylesheet or reader may draw.
SHAPING_CHARACTERS = frozenset(
    "\u200c\u200d\u0640\u200e\u200f\u061c\u2066\u2067\u2068\u2069"
    "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
    " \u00a0.,:;!?()[]-\u2010\u2013\u2014\u2026%\u066a\u066b\u066c\u060c\u061b\u061f\u06d4"
    "\u00ab\u00bb\u201c\u201d\u2018\u2019\"'/\u2022\u25e6\u25aa"
)
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf"}
# Groups a face's subset takes whole once a page uses one character of them
# (page_faces, grouped=True): books then share a few subsets between them, so a
# batch cuts and compresses each subset once instead of once a book. The
# letters and vowel marks of Arabic, the basic Latin letters, the ASCII
# punctuation and symbols (every digit is in SHAPING_CHARACTERS already).
CHARACTER_GROUPS = tuple(
    frozenset(map(chr, codes)) for codes in (
        [*range(0x0621, 0x063B), *range(0x0641, 0x064B)],
        [*range(0x064B, 0x0653), 0x0670],
        [*range(0x41, 0x5B), *range(0x61, 0x7B)],
        [*range(0x21, 0x30), *range(0x3A, 0x41), *range(0x5B, 0x61), *range(0x7B, 0x7F)],
    )
)
# Characters that draw nothing of their own: a face lacking them is no loss
# (spaces, controls, joiners, bidi marks, variation selectors).
_INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))


@dataclass(frozen=True)
class FontFace:
    """One face of a family the stylesheet asks for."""

    family: str
    weight: int
    path: Path


def theme_faces(theme: Theme) -> list[FontFace]:
    """The faces the stylesheets use: the body's regular and the headings' bold."""
    body = FontFace(theme.fonts.body, 400, find_font(theme.fonts.body))
    heading = _heading_face(theme.fonts.heading)
    return [body] if heading.path == body.path else [body, heading]


def _heading_face(family: str) -> FontFace:
    try:
        return FontFace(family, 700, find_font(family, 700))
    except FontNotFound:
        # Without a bold face the reading system emboldens the regular one.
        return FontFace(family, 400, find_font(family))


# ---------------------------------------------------------------- what a face lacks

def is_invisible(character: str) -> bool:
    code = ord(character)
    return (unicodedata.category(character) in _INVISIBLE_CATEGORIES
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or code == 0x034F)


def _joins(character: str) -> bool:
    """An invisible character that is part of a sequence (joiner, variation
    selector, tag), not a space or a line break."""
    return is_invisible(character) and unicodedata.category(character) not in ("Zs", "Zl", "Zp", "Cc")


def lacking(text: str | Iterable[str], path: Path) -> frozenset[str]:
    """The visible characters of text the face at path has no glyph for.

    The fast path of plain text: one set difference against the face's
    characters (read once a process); only what is left is looked at.
    """
    left = set(text) - font_characters(path)
    return frozenset(character for character in left if not is_invisible(character)) if left else frozenset()


@dataclass(frozen=True)
class FallbackUse:
    """What the theme's fallback chain does for some characters its own faces lack."""

    faces: tuple[tuple[FontFace, frozenset[str]], ...]  # each face used, in chain order, and its characters
    uncovered: frozenset[str]  # characters no face of the chain has
    not_found: tuple[str, ...]  # fallback families not installed


NO_FALLBACK = FallbackUse((), frozenset(), ())


def fallback_use(theme: Theme, missing: frozenset[str], text: str | Iterable[str] = "") -> FallbackUse:
    """Which fallback face draws each missing character: the first of the chain that has it.

    A face used also keeps the invisible characters of text it has (the zero
    width joiner and variation selectors of emoji sequences), so its subset
    still forms them; never a space, which the theme's own face sets.
    """
    if not missing:
        return NO_FALLBACK
    chain = fallback_chain(theme.fonts.fallback)
    left, used = set(missing), []
    invisible = {character for character in set(text) if _joins(character)}
    for family, path in chain.faces:
        has = font_characters(path)
        drawn = left & has
        if drawn:
            left -= drawn
            used.append((FontFace(family, 400, path), frozenset(drawn | (invisible & has))))
    return FallbackUse(tuple(used), frozenset(left), chain.not_found)


def page_faces(theme: Theme, all_text: str, headings_text: str, grouped: bool = False
               ) -> tuple[list[tuple[FontFace, frozenset[str]]], tuple[str, ...]]:
    """Each face a page (or a book) embeds and the characters it keeps: the body
    face every character of the page, the heading face the headings' (both
    with SHAPING_CHARACTERS, and grouped: each of CHARACTER_GROUPS whole that
    they use one of), each fallback face the characters those lack
    that it draws first (none for plain Arabic). With the fallback families
    used, in chain order, for the stylesheet's font-family lists."""
    body, *heading = theme_faces(theme)
    keep = _grouped if grouped else frozenset
    faces = [(body, keep(all_text) | SHAPING_CHARACTERS)]
    faces += [(face, keep(headings_text) | SHAPING_CHARACTERS) for face in heading]
    missing = lacking(all_text, body.path)
    for face in heading:
        missing |= lacking(headings_text, face.path)
    fallback = fallback_use(theme, missing, all_text).faces
    faces += _quran_faces(theme, all_text, keep)
    return faces + list(fallback), tuple(face.family for face, _ in fallback)


def _quran_faces(theme: Theme, text: str, keep: Callable[[str], frozenset[str]]
                 ) -> list[tuple[FontFace, frozenset[str]]]:
    """The Qur'an face with the characters of the page's quotations, when it
    has any and the face is installed and not the body's (quran.py)."""
    quoted = quotation_text(text)
    path = quran_path(theme.fonts.quran, theme.fonts.body) if quoted else None
    return [(FontFace(theme.fonts.quran, 400, path), keep(quoted) | SHAPING_CHARACTERS)] if path else []


def _grouped(text: str) -> frozenset[str]:
    characters = frozenset(text)
    return characters.union(*(group for group in CHARACTER_GROUPS if not characters.isdisjoint(group)))


def uncovered_warnings(texts: Iterable[str], theme: Theme, limit: int = 20) -> list[str]:
    """One warning for each visible character of texts that no font of the
    theme has, its own faces nor its fallback chain (-v prints them); at most
    limit of them, then how many more. Plain Arabic costs one set difference."""
    text = "".join(texts)
    try:
        missing = theme_lacking(theme, text)
    except FontNotFound:  # the exporters that need the font report it themselves
        return []
    if not missing:
        return []
    use = fallback_use(theme, missing)
    if not use.uncovered:
        return []
    absent = f" (not installed: {', '.join(use.not_found)})" if use.not_found else ""
    characters = sorted(use.uncovered)
    warnings = [f"no font has U+{ord(character):04X} {character}{absent}" for character in characters[:limit]]
    if len(characters) > limit:
        warnings.append(f"and {len(characters) - limit} more characters no font has")
    return warnings


def theme_lacking(theme: Theme, text: str | Iterable[str]) -> frozenset[str]:
    """The visible characters of text that none of the theme's own faces has."""
    characters = set(text)
    for face in theme_faces(theme):
        characters = lacking(characters, face.path)
        if not characters:
            break
    return frozenset(characters)


@cache
def font_characters(path: Path) -> frozenset[str]:
    """Every character the face at path maps to a glyph (its cmap), read once a process.

    Read here with struct, not HarfBuzz: the reader's warnings ask it for
    every article, and a DOCX or JSON run should not pay uharfbuzz's import.
    """
    data = font_file(path)
    codes = _cmap_codes(data)
    if codes is None:  # a cmap this reader does not know: HarfBuzz knows them all
        codes = _harfbuzz_face(path).unicodes
    return frozenset(map(chr, codes))


def _cmap_codes(data: bytes) -> set[int] | None:
    """The code points of the font's Unicode cmap subtable (format 4 or 12), or None."""
    try:
        offset = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
        tables = struct.unpack_from(">H", data, offset + 4)[0]
        cmap = next(
            (table_offset for tag, table_offset in
             (struct.unpack_from(">4s4xI", data, offset + 12 + 16 * index) for index in range(tables))
             if tag == b"cmap"),
            None,
        )
        if cmap is None:
            return None
        subtables = {}
        for index in range(struct.unpack_from(">H", data, cmap + 2)[0]):
            platform, encoding, start = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
            subtables.setdefault((platform, encoding), cmap + start)
        # The full-repertoire tables first, then the Basic Multilingual Plane ones.
        for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
            start = subtables.get(key)
            if start is None:
                continue
            subtable_format = struct.unpack_from(">H", data, start)[0]
            if subtable_format == 12:
                return _format_12(data, start)
            if subtable_format == 4:
                return _format_4(data, start)
        return None
    except struct.error:
        return None


def _format_12(data: bytes, start: int) -> set[int]:
    codes: set[int] = set()
    for index in range(struct.unpack_from(">I", data, start + 12)[0]):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * index)
        codes.update(range(first + (glyph == 0), last + 1))
    return codes


def _format_4(data: bytes, start: int) -> set[int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_offsets_at = start + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, range_offsets_at)
    codes: set[int] = set()
    segments_data = zip(starts, ends, deltas, range_offsets, strict=True)
    for index, (first, last, delta, range_offset) in enumerate(segments_data):
        last = min(last, 0xFFFE)
        if range_offset == 0:
            codes.update(code for code in range(first, last + 1) if (code + delta) & 0xFFFF)
            continue
        glyphs_at = range_offsets_at + 2 * index + range_offset
        for code in range(first, last + 1):
            glyph = struct.unpack_from(">H", data, glyphs_at + 2 * (code - first))[0]
            if glyph and (glyph + delta) & 0xFFFF:
                codes.add(code)
    return codes


# ---------------------------------------------------------------- subsetting

def face_bytes(path: Path, characters: frozenset[str] | None) -> bytes:
    """The face's file, cut down to characters when that is smaller; whole when characters is None."""
    data = font_file(path)
    if characters is None:
        return data
    smaller = _subset_or_none(path, characters)
    return smaller if smaller is not None and len(smaller) < len(data) else data


@lru_cache(maxsize=8)
def font_file(path: Path) -> bytes:
    # Read once a batch, not once a book: only its length is needed when it is subset.
    return path.read_bytes()


def _subset_or_none(path: Path, characters: frozenset[str]) -> bytes | None:
    """Subsetting only makes the file smaller: a font HarfBuzz cannot cut is embedded whole."""
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

    return hb.Face(hb.Blob(font_file(path)))


def font_face_rule(face: FontFace, source: str) -> str:
    """The @font-face rule of a face whose file CSS finds at source (a url(…))."""
    return (
        "@font-face {\n"
        f'  font-family: "{face.family}";\n'
        f"  font-weight: {face.weight};\n"
        "  font-style: normal;\n"
        f"  src: {source};\n"
        "}"
    )

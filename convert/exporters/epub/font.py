"""The theme's fonts as EPUB resources: each face subset to the book's letters, and @font-face.

Which faces, the subsetting and which characters a face lacks are shared with
the standalone HTML (convert/font_subset.py); this module only packs the
result as files of the book.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...font_subset import MEDIA_TYPES, FontFace, face_bytes, font_face_rule


@dataclass(frozen=True)
class EmbeddedFont:
    face: FontFace
    file_name: str  # inside the EPUB content folder, e.g. fonts/Amiri-Regular.ttf
    data: bytes

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.face.path.suffix.lower()]


def embed_fonts(faces: list[tuple[FontFace, frozenset[str]]], subset: bool = True) -> list[EmbeddedFont]:
    """Each face as bytes for the EPUB, cut down to its characters when that is smaller
    (font_subset.page_faces says which faces and characters)."""
    embedded, names = [], set()
    for index, (face, characters) in enumerate(faces):
        name = f"fonts/{face.path.name}"
        if name in names:  # two folders' files of one name (a fallback font beside the theme's)
            name = f"fonts/{index}-{face.path.name}"
        names.add(name)
        embedded.append(EmbeddedFont(face, name, face_bytes(face.path, characters if subset else None)))
    return embedded


def font_face_css(fonts: list[EmbeddedFont], folder_prefix: str) -> str:
    """@font-face rules pointing at the embedded files, relative to the stylesheet."""
    return "\n".join(font_face_rule(font.face, f'url("{folder_prefix}{font.file_name}")') for font in fonts)

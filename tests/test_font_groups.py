"""EPUB font subsets keep whole groups of characters, so books share them
(convert/font_subset.py: CHARACTER_GROUPS, page_faces(grouped=True))."""

from __future__ import annotations

from convert.exporters.epub.exporter import EpubExporter
from convert.font_subset import CHARACTER_GROUPS, SHAPING_CHARACTERS, page_faces
from convert.model import Document, Meta, Paragraph, Text
from convert.options import Options

ARABIC_LETTERS, VOWEL_MARKS, LATIN_LETTERS, ASCII_PUNCTUATION = CHARACTER_GROUPS


def test_a_group_is_kept_whole_once_one_of_it_is_used():
    theme = Options().theme
    exact, _ = page_faces(theme, "نص قصير", "عنوان")
    grouped, _ = page_faces(theme, "نص قصير", "عنوان", grouped=True)
    for (face, characters), (same_face, kept) in zip(exact, grouped, strict=True):
        assert face == same_face and characters <= kept
    body = grouped[0][1]
    assert ARABIC_LETTERS <= body
    assert not (VOWEL_MARKS | LATIN_LETTERS) & body  # none of them used: none kept
    assert not (ASCII_PUNCTUATION - SHAPING_CHARACTERS) & body
    with_latin, _ = page_faces(theme, "قال Biden إنّ", "", grouped=True)
    assert LATIN_LETTERS | VOWEL_MARKS <= with_latin[0][1]


def test_books_with_different_letters_share_their_font_subsets():
    def fonts(title: str, text: str) -> tuple[bytes, ...]:
        doc = Document(Meta(title), (Paragraph((Text(text),)),))
        return tuple(font.data for font in EpubExporter().book_content(doc, Options()).fonts)

    first = fonts("الشعر والعلم", "كتب الشاعر قصيدة")
    second = fonts("ظلال الغابة", "ذهب الطفل إلى المدرسة صباحا")
    assert first == second

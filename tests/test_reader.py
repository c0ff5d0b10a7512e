"""The reader: every encoding, normalisation and structure rule."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from convert.errors import InputError
from convert.model import BlockQuote, Heading, ListBlock, Paragraph, Quote, Text, document_texts
from convert.reading.reader import read_bytes, read_file

ARTICLE = "عنوان المقال\n\nالفقرة الأولى من النص.\n\nالفقرة الثانية من النص.\n\nتنويه: الآراء لأصحابها.\n"
EXPECTED_BODY = ["الفقرة الأولى من النص.", "الفقرة الثانية من النص."]


def read(text: str | bytes, source: str = "article.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_bytes(data, source)


def body(text: str | bytes) -> list[str]:
    return document_texts(read(text).document)


# Encodings ------------------------------------------------------------------

@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("cp1256"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "windows-1256"],
)
def test_every_supported_encoding_reads_the_same_article(data: bytes) -> None:
    doc = read(data).document
    assert doc.meta.title == "عنوان المقال"
    assert document_texts(doc) == EXPECTED_BODY
    assert doc.meta.disclaimer == "تنويه: الآراء لأصحابها."


def test_windows_1256_fixture_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("مقال قديم\n\nنص محفوظ بترميز ويندوز.".encode("cp1256"))
    assert read_file(path).document.meta.title == "مقال قديم"


def test_random_binary_is_refused_naming_the_file() -> None:
    data = bytes(range(256)) * 8
    with pytest.raises(InputError, match=r"^photo\.txt: not a text file"):
        read(data, "photo.txt")


def test_a_file_of_nul_bytes_is_binary() -> None:
    with pytest.raises(InputError, match="binary data"):
        read(bytes(64))


def test_utf16_without_bom_is_refused_as_binary() -> None:
    with pytest.raises(InputError, match="not a text file"):
        read("Title\n\nplain text".encode("utf-16-le"))


def test_png_header_is_refused() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(InputError, match="not a text file"):
        read(data)


def test_utf8_with_a_broken_sequence_names_the_offset() -> None:
    head = ARTICLE[:10].encode("utf-8")
    broken = head + b"\xff" + ARTICLE[10:].encode("utf-8")
    with pytest.raises(InputError, match=rf"not valid UTF-8: invalid byte 0xff at offset {len(head)}$"):
        read(broken)


def test_latin1_text_is_not_mistaken_for_arabic() -> None:
    with pytest.raises(InputError, match="binary or unknown encoding"):
        read("Café crème brûlée\n\nà la française".encode("latin-1"))


def test_truncated_utf16_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")[:-1]
    with pytest.raises(InputError, match="not valid UTF-16"):
        read(data)


# Normalisation ----------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings(newline: str) -> None:
    assert body(ARTICLE.replace("\n", newline)) == EXPECTED_BODY


def test_mixed_line_endings() -> None:
    text = "عنوان\r\n\r\nأولى\n\rثانية\r\rثالثة"
    assert body(text) == ["أولى", "ثانية", "ثالثة"]


def test_nul_and_controls_are_dropped_with_a_warning() -> None:
    reading = read("عنوان\x00\n\nنص\x07 فيه\x1b تحكم\tوجدول\x7f")
    assert reading.document.meta.title == "عنوان"
    assert document_texts(reading.document) == ["نص فيه تحكم\tوجدول"]
    assert reading.warnings == ("dropped 4 control character(s)",)


def test_presentation_forms_fold_back_to_letters() -> None:
    # "سلام" typed as presentation forms, as text copied out of an old PDF.
    reading = read("\ufeb3\ufefc\ufee1\n\n\ufee3\ufeae\ufea3\ufe92\ufe8e")
    assert reading.document.meta.title == "سلام"
    assert document_texts(reading.document) == ["مرحبا"]
    assert any("presentation forms" in warning for warning in reading.warnings)


def test_text_is_composed_nfc() -> None:
    decomposed = "Cafe\u0301"
    assert read(f"{decomposed}\n\nنص").document.meta.title == "Café"


def test_bidi_overrides_are_dropped_and_isolates_balanced() -> None:
    reading = read("عنوان\n\nأ \u202eمعكوس\u202c ب\n\nج \u2067عزل د\n\nهـ \u2069 و")
    texts = document_texts(reading.document)
    assert texts == ["أ معكوس ب", "ج \u2067عزل د\u2069", "هـ  و"]
    assert any("bidi" in warning for warning in reading.warnings)


def test_marks_and_joiners_are_kept() -> None:
    text = "عنوان\n\nكلمة\u200fب\u200eوصل\u200dفصل\u200cعلامة\u061c"
    assert body(text) == ["كلمة\u200fب\u200eوصل\u200dفصل\u200cعلامة\u061c"]


# Structure --------------------------------------------------------------------

def test_title_is_first_non_empty_line() -> None:
    assert read("\n\n   العنوان هنا   \n\nنص").document.meta.title == "العنوان هنا"


def test_lines_of_a_paragraph_are_joined() -> None:
    assert body("عنوان\n\nسطر أول\nسطر ثان\n\nفقرة") == ["سطر أول سطر ثان", "فقرة"]


def test_no_blank_lines_gives_one_paragraph_per_line() -> None:
    assert body("عنوان\nأولى\nثانية\nثالثة") == ["أولى", "ثانية", "ثالثة"]


def test_last_disclaimer_paragraph_leaves_the_body() -> None:
    doc = read("عنوان\n\nتنويه: الأول\n\nنص\n\nتنويه : الأخير\n\nخاتمة").document
    assert doc.meta.disclaimer == "تنويه : الأخير"
    assert document_texts(doc) == ["تنويه: الأول", "نص", "خاتمة"]


def test_a_paragraph_starting_tanwih_without_colon_is_body() -> None:
    doc = read("عنوان\n\nتنويه مهم للقراء").document
    assert doc.meta.disclaimer is None
    assert document_texts(doc) == ["تنويه مهم للقراء"]


@pytest.mark.parametrize("byline", ["بقلم: سارة الأحمد", "بقلم سارة الأحمد", "بقلم :  سارة   الأحمد"])
def test_byline_under_the_title_becomes_the_author(byline: str) -> None:
    doc = read(f"عنوان\n{byline}\n\nنص").document
    assert doc.meta.author == "سارة الأحمد"
    assert document_texts(doc) == ["نص"]


def test_byline_after_one_blank_line() -> None:
    assert read("عنوان\n\nبقلم: كاتب\n\nنص").document.meta.author == "كاتب"


def test_byline_far_from_the_title_is_text() -> None:
    doc = read("عنوان\n\nنص\n\nبقلم: كاتب").document
    assert doc.meta.author is None
    assert document_texts(doc) == ["نص", "بقلم: كاتب"]


def test_front_matter_overrides_the_rules() -> None:
    text = (
        "---\ntitle: عنوان من البيانات\nauthor: كاتب البيانات\ndate: 2024-01-31\n"
        "disclaimer: 'تنويه: من البيانات'\n---\nعنوان النص\nبقلم: كاتب النص\n\nنص\n\nتنويه: من النص"
    )
    meta = read(text).document.meta
    assert (meta.title, meta.author, meta.date, meta.disclaimer) == (
        "عنوان من البيانات", "كاتب البيانات", "2024-01-31", "تنويه: من البيانات",
    )


def test_front_matter_title_alone_makes_a_document() -> None:
    doc = read("---\ntitle: عنوان\n---\n").document
    assert doc.meta.title == "عنوان"
    assert doc.blocks == ()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [غير\n---\nنص", "front matter is not valid YAML"),
        ("---\n- قائمة\n---\nنص", "front matter must be key: value lines"),
        ("---\ntitle: عنوان\nنص بلا إغلاق", "never closed"),
        ("---\ntitle: {a: 1}\n---\nنص", "must be plain text"),
    ],
)
def test_bad_front_matter_is_a_clear_error(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        read(text)


@pytest.mark.parametrize("text", ["", "   \n\t\n  \r\n", "\n\x00\n    \n"])
def test_empty_or_whitespace_only_is_an_error(text: str) -> None:
    with pytest.raises(InputError, match=r"^empty\.txt: empty file"):
        read(text, "empty.txt")


def test_title_only_is_a_valid_document_without_body() -> None:
    doc = read("عنوان وحيد\n").document
    assert doc.meta.title == "عنوان وحيد"
    assert doc.blocks == ()


def test_quotations_become_quote_inlines() -> None:
    doc = read("عنوان\n\nقال “نص أول” ثم «نص ثان» وانتهى “بلا إغلاق").document
    assert doc.blocks[0].inlines == (
        Text("قال "), Quote("نص أول", "“", "”"), Text(" ثم "), Quote("نص ثان", "«", "»"),
        Text(" وانتهى “بلا إغلاق"),
    )


def test_block_markers() -> None:
    text = "عنوان\n\n## عنوان فرعي\n\n> اقتباس\n> طويل\n\n- أ\n- ب\n\n1. واحد\n٢. اثنان\n\n- وحيد"
    doc = read(text).document
    heading, quote, bullets, numbers, single = doc.blocks
    assert heading == Heading(2, (Text("عنوان فرعي"),))
    assert quote == BlockQuote((Paragraph((Text("اقتباس طويل"),)),))
    assert bullets == ListBlock(False, ((Text("أ"),), (Text("ب"),)))
    # The first marker's digits decide the numbering.
    assert numbers == ListBlock(True, ((Text("واحد"),), (Text("اثنان"),)), "decimal")
    assert single == Paragraph((Text("- وحيد"),))


def test_source_is_recorded() -> None:
    assert read("عنوان", "seeds/x.txt").document.meta.source == "seeds/x.txt"


# Files ------------------------------------------------------------------------

def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(InputError, match=r"too large \(1,000 bytes; the limit is 999\)"):
        read_file(path, max_bytes=999)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_file(tmp_path / "absent.txt")


@pytest.mark.parametrize(("typed", "outline"), [
    ([2], [1]), ([1, 3], [1, 2]), ([3, 2], [1, 1]), ([2, 3, 1], [1, 2, 1]), ([1, 2, 3, 2], [1, 2, 3, 2]),
])
def test_headings_become_an_outline_without_skipped_levels(typed: list[int], outline: list[int]) -> None:
    """Screen readers (and Ace's heading-order rule) expect no level skipped under the title."""
    from convert.model import Document, Heading, Meta, Paragraph, Text
    from convert.options import Options
    from convert.reading.transforms import prepare

    blocks = [block for level in typed
              for block in (Heading(level, (Text("عنوان"),)), Paragraph((Text("نص"),)))]
    prepared = prepare(Document(Meta("مقالة"), tuple(blocks)), Options())
    assert [block.level for block in prepared.blocks if isinstance(block, Heading)] == outline


# Marks typed after a space, signs before a number --------------------------------------------

@pytest.mark.parametrize(("typed", "read_as"), [
    ("قَالَ ۚ ثُمَّ مَضَى", "قَالَۚ ثُمَّ مَضَى"),  # after a vocalised word (it ends in a mark)
    ("عَلِيمٌ ۖ وَ", "عَلِيمٌۖ وَ"),
    ("الله ۗ والعلم", "اللهۗ والعلم"),
    ("رَبِّهِمْ ۚ ۖ فَ", "رَبِّهِمْۚۖ فَ"),  # two marks, each after a space
    ("كلمة \u08f0 أخرى", "كلمة\u08f0 أخرى"),  # Arabic Extended-A (open fathatan)
    ("كلمة \u0670 أخرى", "كلمة\u0670 أخرى"),  # superscript alef
])
def test_a_mark_typed_after_a_space_joins_the_word_before_with_a_warning(typed: str, read_as: str) -> None:
    reading = read(f"عنوان\n\n{typed}\n")
    assert document_texts(reading.document) == [read_as]
    assert any("combining mark(s) typed after a space" in warning for warning in reading.warnings)


@pytest.mark.parametrize("typed", ["قال \u06dd١٢ ثم", "قال \u06de ثم", "قال \u06e9 ثم", "قال ۱۹۴۸ ثم"])
def test_signs_that_are_not_combining_marks_keep_their_space(typed: str) -> None:
    """U+06DD (end of ayah), U+06DE, U+06E9 are signs of their own, not marks."""
    reading = read(f"عنوان\n\n{typed}\n")
    assert document_texts(reading.document) == [typed]
    assert not reading.warnings


def test_a_mark_opening_a_paragraph_stays_there() -> None:
    assert body("عنوان\n\nكلمة\n\nۚ فقرة\n") == ["كلمة", "ۚ فقرة"]


@pytest.mark.parametrize(("typed", "read_as"), [
    ("سال \u0601 ۱۹۴۸ میں", "سال \u0601۱۹۴۸ میں"),
    ("الرقم \u0600  ١٢٣ هنا", "الرقم \u0600١٢٣ هنا"),
    ("السنة \u0601\u00a01948 هنا", "السنة \u06011948 هنا"),
    ("صفحة \u0603 23 و\u08e2 ٤", "صفحة \u060323 و\u08e2٤"),
])
def test_a_number_sign_joins_the_digits_after_it_with_a_warning(typed: str, read_as: str) -> None:
    reading = read(f"عنوان\n\n{typed}\n")
    assert document_texts(reading.document) == [read_as]
    assert any("number sign(s)" in warning for warning in reading.warnings)


def test_a_number_sign_before_a_word_keeps_its_space() -> None:
    assert body("عنوان\n\nعلامة \u0601 كلمة و\u0600 .\n") == ["علامة \u0601 كلمة و\u0600 ."]

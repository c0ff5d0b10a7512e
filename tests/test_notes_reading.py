"""Notes and bare addresses as the reader finds them: Markdown footnotes, a
writer's markers with a closing list of notes, and what stays as typed."""

from __future__ import annotations

import pytest

from convert.model import (
    Link,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    document_texts,
    inline_text,
    note_texts,
)
from convert.reading.reader import read_bytes
from convert.theme import load_theme


def read(body: str, *, title: str = "عنوان المقال", headings: tuple[str, ...] | None = None):
    source = f"{title}\n\n{body}\n".encode()
    if headings is None:
        return read_bytes(source, "article.txt")
    return read_bytes(source, "article.txt", note_headings=headings)


def calls(inlines) -> list[NoteRef]:
    found = []
    for inline in inlines:
        if isinstance(inline, NoteRef):
            found.append(inline)
        elif hasattr(inline, "inlines"):
            found += calls(inline.inlines)
    return found


def links_in(inlines) -> list[Link]:
    found = []
    for inline in inlines:
        if isinstance(inline, Link):
            found.append(inline)
        elif hasattr(inline, "inlines"):
            found += links_in(inline.inlines)
    return found


def note_text(note: Note) -> str:
    return " | ".join(inline_text(paragraph) for paragraph in note.paragraphs)


def test_markdown_footnotes_are_numbered_by_first_call_and_read_with_their_markup() -> None:
    reading = read("يرى الكاتب[^b] أن السلام ممكن، وقال غيره[^a] مثل ذلك[^b].\n\n"
                   "[^a]: المصدر الأول **المهم** على [الموقع](https://example.org/a).\n\n"
                   "[^b]: المصدر الثاني، Reuters 2024.\n\n    فقرة ثانية للحاشية.")
    doc = reading.document
    refs = calls(doc.blocks[0].inlines)
    assert [(ref.number, ref.first) for ref in refs] == [(1, True), (2, True), (1, False)]
    assert [note.number for note in doc.notes] == [1, 2]
    assert note_text(doc.notes[0]) == "المصدر الثاني، Reuters 2024. | فقرة ثانية للحاشية."
    assert note_text(doc.notes[1]) == "المصدر الأول المهم على الموقع."
    assert Link("https://example.org/a", (Text("الموقع"),)) in doc.notes[1].paragraphs[0]
    assert document_texts(doc) == ["يرى الكاتب أن السلام ممكن، وقال غيره مثل ذلك."]
    assert reading.warnings == ()


@pytest.mark.parametrize("marker", ["(1)", " (1)", "[1]", "(١)", " [١]", "(۱)", "¹"])
def test_a_writers_marker_in_any_form_calls_its_item(marker: str) -> None:
    doc = read(f"ذكرت الصحيفة{marker} أن الاتفاق وقع.\n\nالهوامش:\n(1) صحيفة الحياة، 12 مارس 2021.").document
    assert [ref.number for ref in calls(doc.blocks[0].inlines)] == [1]
    assert document_texts(doc) == ["ذكرت الصحيفة أن الاتفاق وقع."]
    assert note_texts(doc) == ["صحيفة الحياة، 12 مارس 2021."]


@pytest.mark.parametrize("item", ["(1) ", "[1] ", "1. ", "1- ", "١) ", "۱: ", "¹ "])
@pytest.mark.parametrize("heading", ["الهوامش", "## الحواشي", "المراجع:", "الإحالات"])
def test_a_closing_list_of_notes_under_any_heading_and_numbering(item: str, heading: str) -> None:
    doc = read(f"قال الوزير(١) كلاما.\n\n{heading}\n{item}تصريح للوزير\nتكملة التصريح.").document
    assert note_texts(doc) == ["تصريح للوزير تكملة التصريح."]
    assert len(doc.blocks) == 1  # the list is gone from the body


def test_items_separated_by_blank_lines_and_calls_out_of_order() -> None:
    doc = read("أولا[2] ثم ثانيا[1] ثم[2] أيضا.\n\nهوامش\n\n[1] الأول\n\n[2] الثاني").document
    refs = calls(doc.blocks[0].inlines)
    assert [(ref.number, ref.first) for ref in refs] == [(1, True), (2, True), (1, False)]
    assert note_texts(doc) == ["الثاني", "الأول"]  # numbered by first call


def test_calls_after_a_quotation_a_number_and_a_latin_word() -> None:
    notes = "الهوامش\n(1) أ\n(2) ب\n(3) ج"
    doc = read(f"قال «لا سلام»(1) في عام 2020 (2) وفي تقرير BBC[3] كذلك.\n\n{notes}").document
    inlines = doc.blocks[0].inlines
    assert [ref.number for ref in calls(inlines)] == [1, 2, 3]
    assert inline_text(inlines) == "قال «لا سلام» في عام 2020 وفي تقرير BBC كذلك."


def test_a_superscript_after_a_digit_is_a_power_not_a_call() -> None:
    doc = read("مساحة 10³ متر مكعب ذكرها التقرير².\n\nالهوامش\n(2) التقرير\n(3) غير مستدعى").document
    assert [ref.number for ref in calls(doc.blocks[0].inlines)] == [1]
    assert "10³" in inline_text(doc.blocks[0].inlines)


def test_a_marker_without_an_item_stays_as_typed_with_a_warning() -> None:
    reading = read("الأول(1) والثاني(7) هنا.\n\nالهوامش\n(1) موجود")
    assert inline_text(reading.document.blocks[0].inlines) == "الأول والثاني(7) هنا."
    assert any("(7)" in warning and "left as typed" in warning for warning in reading.warnings)


@pytest.mark.parametrize("listing", ["المراجع\n1. كتاب أول\n2. كتاب ثان",
                                     "المراجع\n\n(1) كتاب أول\n\n(2) كتاب ثان"])
def test_a_list_no_marker_calls_stays_as_typed_with_a_warning(listing: str) -> None:
    body = f"نص بلا إحالات.\n\n{listing}"
    reading = read(body)
    assert reading.document.notes == ()
    assert reading.document.blocks == read(body, headings=()).document.blocks  # as without the feature
    assert any("no markers" in warning for warning in reading.warnings)


def test_items_no_marker_calls_stay_after_the_notes_that_are_called() -> None:
    reading = read("نص(1) هنا.\n\nالهوامش\n(1) مستدعاة\n(2) يتيمة")
    assert note_texts(reading.document) == ["مستدعاة"]
    assert document_texts(reading.document)[1:] == ["الهوامش", "(2) يتيمة"]
    assert any("note 2" in warning for warning in reading.warnings)


def test_without_a_list_of_notes_brackets_and_numbers_stay_text() -> None:
    text = "البند (1) من المادة [2] ينص على أن 5*3 = 15، والقوس [نص] ليس رابطا¹."
    reading = read(text)
    assert reading.document.notes == ()
    assert inline_text(reading.document.blocks[0].inlines) == text
    assert reading.warnings == ()


def test_a_footnote_call_with_no_text_and_a_text_with_no_call_stay_as_typed() -> None:
    reading = read("نص[^x] هنا.\n\n[^y]: حاشية لا يستدعيها شيء.")
    doc = reading.document
    assert doc.notes == ()
    assert document_texts(doc) == ["نص[^x] هنا.", "[^y]: حاشية لا يستدعيها شيء."]
    assert len(reading.warnings) == 2


def test_a_call_inside_a_note_stays_text() -> None:
    doc = read("نص[^1].\n\n[^1]: حاشية تشير إلى[^2].\n\n[^2]: أخرى").document
    assert note_texts(doc) == ["حاشية تشير إلى[^2]."]


def test_persian_and_urdu_lists_of_notes_from_the_theme() -> None:
    headings = load_theme().note_headings()
    persian = read("این گزارش(۱) را ببینید.\n\nپانوشت‌ها\n(۱) خبرگزاری ایسنا، ۱۴۰۲",
                   headings=headings).document
    assert note_texts(persian) == ["خبرگزاری ایسنا، ۱۴۰۲"]
    urdu = read("یہ رپورٹ[۱] دیکھیں۔\n\nحوالہ جات\n[۱] روزنامہ جنگ", headings=headings).document
    assert note_texts(urdu) == ["روزنامہ جنگ"]


def test_notes_come_before_the_disclaimer_and_leave_it_alone() -> None:
    doc = read("نص(1).\n\nالهوامش\n(1) مصدر\n\nتنويه: الآراء لكاتبها.").document
    assert doc.meta.disclaimer == "تنويه: الآراء لكاتبها."
    assert note_texts(doc) == ["مصدر"]


@pytest.mark.parametrize(("text", "href", "shown", "after"), [
    ("راجع https://example.org/a?b=1&c=2، ثم", "https://example.org/a?b=1&c=2",
     "https://example.org/a?b=1&c=2", "، ثم"),
    ("«https://example.org/x»", "https://example.org/x", "https://example.org/x", "»"),
    ("راسلنا editor@example.com؟", "mailto:editor@example.com", "editor@example.com", "؟"),
    ("(http://example.org/ص)", "http://example.org/%D8%B5", "http://example.org/ص", ")"),
])
def test_bare_addresses_become_links_without_the_arabic_punctuation_after_them(
        text: str, href: str, shown: str, after: str) -> None:
    inlines = read(text).document.blocks[0].inlines
    # At any depth: a quoted address is a quotation holding a link.
    links = links_in(inlines)
    assert [(link.href, inline_text(link.inlines)) for link in links] == [(href, shown)]
    assert inline_text(inlines) == text
    assert inline_text(inlines).endswith(after)


@pytest.mark.parametrize("text", ["موقع example.com ليس رابطا", "ftp://example.org/file", "www.example.org"])
def test_bare_domains_and_other_schemes_stay_text(text: str) -> None:
    inlines = read(text).document.blocks[0].inlines
    assert not any(isinstance(inline, Link) for inline in inlines)
    assert inline_text(inlines) == text


def test_a_plain_article_reads_as_before() -> None:
    doc = read("فقرة أولى فيها رقم (1) وقوسان [٢].\n\nفقرة ثانية.").document
    assert doc.blocks == (Paragraph((Text("فقرة أولى فيها رقم (1) وقوسان [٢]."),)),
                          Paragraph((Text("فقرة ثانية."),)))
    assert doc.notes == ()


# -- a note call inside a link's text (markdown-it's link rule took [^2] for a link in the link) --

REPORT = "https://example.org/report?id=7&lang=ar"


@pytest.mark.parametrize(("typed", "inlines"), [
    # The call at the end of the link's words, in Arabic, and after a Latin name and a number.
    (f"[النص[^2]]({REPORT})", (Text("النص"), NoteRef(1))),
    (f"[تقرير Reuters لعام 2023[^2]]({REPORT})", (Text("تقرير Reuters لعام 2023"), NoteRef(1))),
    # In the middle of the words; inside strong text inside the link; the link only a call.
    (f"[الجزء الأول[^2] والثاني]({REPORT})", (Text("الجزء الأول"), NoteRef(1), Text(" والثاني"))),
    (f"[**مهم[^2]** جدا]({REPORT})", (Strong((Text("مهم"), NoteRef(1))), Text(" جدا"))),
    (f"[[^2]]({REPORT})", (NoteRef(1),)),
])
def test_a_call_inside_a_links_words_is_a_call_in_the_link(typed: str, inlines: tuple) -> None:
    reading = read(f"قرأت {typed} أمس.\n\n[^2]: المصدر، ص ١٢.")
    paragraph = reading.document.blocks[0].inlines
    assert paragraph == (Text("قرأت "), Link(REPORT, inlines), Text(" أمس."))
    assert note_texts(reading.document) == ["المصدر، ص ١٢."]
    assert reading.warnings == ()


def test_a_call_with_no_text_inside_a_link_stays_typed_in_the_link() -> None:
    reading = read(f"قرأت [النص[^x]]({REPORT}) أمس.")
    assert reading.document.blocks[0].inlines == (Text("قرأت "), Link(REPORT, (Text("النص[^x]"),)),
                                                  Text(" أمس."))
    assert any("[^x]" in warning for warning in reading.warnings)


def test_a_link_inside_a_links_words_is_still_refused_beside_a_call() -> None:
    """CommonMark: no link in a link; the inner one wins, the outer brackets stay text."""
    doc = read(f"[أ [ب](https://b.example) [^1]]({REPORT})\n\n[^1]: حاشية.").document
    inlines = doc.blocks[0].inlines
    assert Link("https://b.example", (Text("ب"),)) in inlines
    assert not any(isinstance(inline, Link) and inline.href == REPORT and inline.inlines != (Text(REPORT),)
                   for inline in inlines)
    assert [ref.number for ref in calls(inlines)] == [1]

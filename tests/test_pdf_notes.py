"""Notes in the PDF: footnotes at the foot of the page that holds their call (issue 29).

Articles of the corpus get notes by hand (calls after a number, after a Latin
word, two calls after one word, a call repeated, a mixed-direction note, a
long note) and are read back with pdfplumber: each note on the page of its
call, between the body's last line and the disclaimer, its number and its
calls in the article's digits, the calls raised and smaller, the separator
rule at the right; a book numbers each article's notes from 1; the four
viewer families' extractors copy the notes whole.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import linked_calls
import pdfplumber
import pypdf
import pytest
from conftest import FIXTURES
from pdf_readers import EXTRACTORS, FLOOR, pdfium_finds, reading, search_words, words

from convert.exporters import get_exporter
from convert.model import Book, Document, Note, NoteRef, Paragraph, Text, block_texts, note_texts
from convert.options import Options
from convert.outputs import prepared_reading

COPY = FIXTURES / "copy"
DIGITS = {"arabic-indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}
BODY_PT, NOTE_PT, CALL_PT = 14.0, 11.2, 9.1  # the default theme's body, and print_values' note sizes


# -- articles with notes -------------------------------------------------------------------------

@dataclass(frozen=True)
class Call:
    """A call to note `number` right after the first `after` in paragraph `block`."""

    block: int
    after: str
    number: int


def with_notes(doc: Document, calls: list[Call], notes: list[str]) -> Document:
    """doc with those calls and notes (note n is notes[n - 1]); a number
    called again is a repeated call (NoteRef first=False)."""
    blocks, seen = list(doc.blocks), set()
    for call in calls:
        blocks[call.block] = _called(blocks[call.block], call, call.number in seen)
        seen.add(call.number)
    return replace(doc, blocks=tuple(blocks),
                   notes=tuple(Note(number, (tuple(_paragraph(text)),))
                               for number, text in enumerate(notes, start=1)))


def _paragraph(text: str) -> tuple[Text, ...]:
    return (Text(text),)


def _called(block: Paragraph, call: Call, again: bool) -> Paragraph:
    """The paragraph with the call after `after` (and after the calls already there)."""
    inlines, ref = list(block.inlines), NoteRef(call.number, first=not again)
    for index, inline in enumerate(inlines):
        if isinstance(inline, Text) and call.after in inline.text:
            end = inline.text.index(call.after) + len(call.after)
            if end == len(inline.text):  # called already: after those calls
                place = index + 1
                while place < len(inlines) and isinstance(inlines[place], NoteRef):
                    place += 1
                inlines.insert(place, ref)
            else:
                inlines[index:index + 1] = [Text(inline.text[:end]), ref, Text(inline.text[end:])]
            return replace(block, inlines=tuple(inlines))
    raise AssertionError(f"{call.after!r} is not in paragraph {call.block}")


def article(name: str) -> tuple[Document, Options]:
    """A corpus article as the command line gives it to the exporters."""
    source = COPY / f"{name}.txt"
    prepared = prepared_reading(source.read_bytes(), source.name, Options())
    return prepared.document, prepared.options


MIXED_NOTES = [
    "انظر: التقرير السنوي لعام 2023، ص 45، وهو تقرير World Bank المعروف.",
    "Source: David Crystal, English as a Global Language (2003) — وفق الطبعة الثانية.",
    "المختصر GDP يعني الناتج المحلي الإجمالي.",
    "ترجمة COVID-19 المعتمدة: مرض فيروس كورونا.",
]
# Two calls after one word (3 and 4 after GDP), a call after a number (a
# date), after a Latin word (Crystal), and 1 called again.
MIXED_CALLS = [Call(0, "GDP", 3), Call(0, "GDP", 4), Call(2, "بتاريخ 2024-03-15", 1),
               Call(4, "David Crystal", 2), Call(5, "قائمة محدثة كل عام", 1)]


def mixed_article() -> tuple[Document, Options]:
    """ar-mixed with notes 1..4; calls in text order are 3, 4 (after GDP), 1, 2: a
    note's number follows its first call, so renumber to 1..4 in that order."""
    doc, options = article("ar-mixed")
    order = [3, 4, 1, 2]  # the calls' numbers in text order, as written above
    renumber = {old: new for new, old in enumerate(order, start=1)}
    calls = [replace(call, number=renumber[call.number]) for call in MIXED_CALLS]
    notes = [MIXED_NOTES[old - 1] for old in order]
    return with_notes(doc, calls, notes), options


def export(doc: Document, options: Options, target: Path) -> Path:
    get_exporter("pdf").export(doc, target, options)
    return target


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    doc, options = mixed_article()
    return doc, export(doc, options, tmp_path_factory.mktemp("notes") / "mixed.pdf")


# -- reading a page back ----------------------------------------------------------------------------

def near(value: float, expected: float, tolerance: float = 0.3) -> bool:
    return abs(value - expected) <= tolerance


def page_chars(pdf: Path) -> list[list[dict]]:
    """Each page's characters as pdfplumber reads them, with their baseline
    (from the page's top, like `top`)."""
    with pdfplumber.open(pdf) as document:
        pages = []
        for page in document.pages:
            chars = [dict(char, baseline=page.height - char["matrix"][5]) for char in page.chars]
            pages.append(chars)
        return pages


def note_lines(chars: list[dict]) -> list[str]:
    """The page's note lines (characters of the notes' size), top to bottom,
    each as its characters in logical order (pdfplumber gives them in the
    content stream's order, which the text layer writes in reading order)."""
    return _lines([char for char in chars if near(char["size"], NOTE_PT)])


def body_chars(chars: list[dict]) -> list[dict]:
    return [char for char in chars if near(char["size"], BODY_PT)]


def calls(chars: list[dict]) -> list[dict]:
    """The raised call numbers on a page."""
    return [char for char in chars if near(char["size"], CALL_PT, 0.05) and char["text"].strip()]


def _lines(chars: list[dict]) -> list[str]:
    rows: dict[int, list[dict]] = {}
    for char in chars:
        rows.setdefault(round(char["baseline"]), []).append(char)
    return ["".join(char["text"] for char in rows[key]) for key in sorted(rows)]


def squashed(text: str) -> str:
    return re.sub(r"[\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", unicodedata.normalize("NFC", text))


def page_of(pdf_pages: list[list[dict]], text: str) -> list[int]:
    """The pages (from 1) whose note lines hold the start of a note's text."""
    start = squashed(text)[:12]
    return [number for number, chars in enumerate(pdf_pages, start=1)
            if start in squashed("".join(note_lines(chars)))]


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as poppler copies it."""
    with pdfplumber.open(pdf) as document:
        count = len(document.pages)
    return [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for page in range(1, count + 1)]


def on_page(page_text: str, note: str) -> bool:
    """Whether the page's text holds every word of the note."""
    return set(words(note)) <= set(words(page_text))


def number_text(number: int, digits: str) -> str:
    return "".join(DIGITS[digits][int(digit)] for digit in str(number))


def call_pages(pages: list[list[dict]], digits: str) -> dict[int, int]:
    """Each note number -> the page (from 1) of its first call."""
    found: dict[int, int] = {}
    for page_number, chars in enumerate(pages, start=1):
        for char in calls(chars):
            number = DIGITS[digits].index(char["text"])
            found.setdefault(number, page_number)
    return found


def separator(pdf: Path, page: int) -> dict:
    """The footnote area's rule: the shortest full-height-less rectangle that
    starts above the page's note lines."""
    with pdfplumber.open(pdf) as document:
        rects = document.pages[page - 1].rects
    return min(rects, key=lambda rect: rect["x1"] - rect["x0"])


# -- the tests --------------------------------------------------------------------------------------

def test_each_note_is_on_the_page_of_its_first_call(mixed) -> None:
    doc, pdf = mixed
    texts, first_calls = page_texts(pdf), call_pages(page_chars(pdf), "arabic-indic")
    assert sorted(first_calls) == [1, 2, 3, 4]
    for note, text in zip(doc.notes, note_texts(doc), strict=True):
        holding = [number for number, page in enumerate(texts, start=1) if on_page(page, text)]
        assert holding == [first_calls[note.number]], (note.number, holding, first_calls)


def test_notes_lie_below_the_text_and_above_the_disclaimer(mixed) -> None:
    _, pdf = mixed
    chars = page_chars(pdf)[0]
    notes = [char for char in chars if near(char["size"], NOTE_PT)]
    body = body_chars(chars)
    footer = [char for char in chars if near(char["size"], 9.0, 0.05) and char["top"] > 700]
    assert notes and body and footer
    assert min(char["top"] for char in notes) > max(char["bottom"] for char in body)
    assert max(char["bottom"] for char in notes) < min(char["top"] for char in footer)
    rule = separator(pdf, 1)
    assert max(char["bottom"] for char in body) < rule["top"] < min(char["top"] for char in notes)


def test_the_separator_rule_is_at_the_right(mixed) -> None:
    _, pdf = mixed
    body = body_chars(page_chars(pdf)[0])
    left, right = min(char["x0"] for char in body), max(char["x1"] for char in body)
    rule = separator(pdf, 1)
    assert near(rule["x1"], right, 1.0)
    assert 0.2 < (rule["x1"] - rule["x0"]) / (right - left) < 0.3


def test_calls_are_raised_and_smaller(mixed) -> None:
    _, pdf = mixed
    pages = page_chars(pdf)
    checked = 0
    for chars in pages:
        body = body_chars(chars)
        for call in calls(chars):
            line = [char for char in body if abs(char["baseline"] - call["baseline"]) < 8]
            assert line, call["text"]
            baseline = max(char["baseline"] for char in line)
            assert call["baseline"] < baseline - 2  # raised: its baseline above the line's (y grows down)
            assert call["size"] < 0.7 * max(char["size"] for char in line)
            checked += 1
    assert checked == 5  # four first calls and the repeated one


def test_notes_and_calls_are_in_the_articles_digits_and_in_order(mixed) -> None:
    _, pdf = mixed
    chars = page_chars(pdf)[0]
    assert [char["text"] for char in calls(chars)] == ["١", "٢", "٣", "٤"]
    digits = DIGITS["arabic-indic"][1:]
    markers = [char for char in chars if near(char["size"], NOTE_PT) and char["text"] in digits]
    numbers = [char["text"] for char in sorted(markers, key=lambda char: char["top"])]
    assert numbers[:4] == ["١", "٢", "٣", "٤"]  # two notes and more on one page, in their order
    assert not any(char["text"] in "123456789" for char in calls(chars))


NATIVE_NOTES = {"fa-opinion": ["یادداشت نخست دربارهٔ Tehran و سال 1402.", "یادداشت دوم."],
                "ur-opinion": ["پہلا حاشیہ: Lahore کا ذکر 1947 میں۔", "دوسرا حاشیہ۔"]}


@pytest.mark.parametrize("name", ["fa-opinion", "ur-opinion"])
def test_persian_and_urdu_notes_count_in_persian_digits(name: str, tmp_path: Path) -> None:
    doc, options = article(name)
    first = doc.blocks[0].inlines[0].text.split()
    noted = with_notes(doc, [Call(0, first[2], 1), Call(0, first[5], 2)], NATIVE_NOTES[name])
    pdf = export(noted, options, tmp_path / f"{name}.pdf")
    text, chars = page_texts(pdf)[0], page_chars(pdf)[0]
    assert [char["text"] for char in calls(chars)] == ["۱", "۲"]
    # The notes' numbers: digits of the notes' size; 1402 and 1947 are the notes' own, typed in Latin.
    markers = [char["text"] for char in sorted(chars, key=lambda char: char["top"])
               if near(char["size"], NOTE_PT) and char["text"].isdigit() and char["text"] not in "0123456789"]
    assert markers == ["۱", "۲"]
    for note in note_texts(noted):
        assert on_page(text, note)


# A paragraph of ar-mixed (the seventh) repeated: the page fills before its call.
FILLER = 8


def long_note_article() -> tuple[Document, Options, str]:
    """ar-mixed grown to three pages, a call near the foot of page 1 to a note
    of some twenty lines: more than the room left under its call."""
    doc, options = three_pages()
    sentence = "هذه حاشية طويلة تشرح المسألة بالتفصيل وتذكر مصادرها مثل World Bank وتقارير عام 2022."
    note = " ".join([sentence] * 14)
    return with_notes(doc, [Call(3, "الغربية", 1)], [note]), options, note


def three_pages() -> tuple[Document, Options]:
    """ar-mixed grown to three pages, without notes."""
    doc, options = article("ar-mixed")
    return replace(doc, blocks=doc.blocks[:4] + (doc.blocks[6],) * FILLER), options


def test_a_note_longer_than_the_room_left_goes_with_its_call_to_the_next_page(tmp_path: Path) -> None:
    """WeasyPrint 70 cannot break a footnote across pages: the line of its
    call goes to the next page with it (footnote-policy: line, engine fix
    footnotes-kept), whole, under the text."""
    doc, options, note = long_note_article()
    pdf = export(doc, options, tmp_path / "long.pdf")
    pages, texts = page_chars(pdf), page_texts(pdf)
    first_call = call_pages(pages, "arabic-indic")[1]
    assert [number for number, text in enumerate(texts, start=1) if on_page(text, note)] == [first_call]
    chars = pages[first_call - 1]
    notes = [char for char in chars if near(char["size"], NOTE_PT)]
    assert min(char["top"] for char in notes) > max(char["bottom"] for char in body_chars(chars))
    assert len(note_lines(chars)) >= 8


# A note of some fifty lines, longer than a page: sentences that differ in
# their numbers, names and years, so that a line lost or repeated shows.
PLACES = ["القاهرة", "Oxford", "بيروت", "Leiden", "الرباط", "Princeton", "دمشق"]


def page_long_note() -> str:
    return " ".join(f"({number}) أورد أرشيف {PLACES[number % len(PLACES)]} سنة {1890 + 7 * number} "
                    f"نسخة رقمها {number * 13} من المخطوط، وقابلها الباحث بنسخة World Bank Library "
                    f"المؤرخة في {number}-{number % 12 + 1}-{1950 + number}، فوجد بينهما فروقًا يسيرة."
                    for number in range(1, 25))


SHORT_NOTE = "حاشية قصيرة: انظر Journal of Semitic Studies، العدد 12 لسنة 1999."


def long_and_short_notes() -> tuple[Document, Options, str]:
    """The three-page article with a note longer than a page called near the
    foot of page 1 and a short note called after it, on the same page."""
    doc, options = three_pages()
    note = page_long_note()
    doc = with_notes(doc, [Call(3, "الغربية", 1), Call(5, "القارئ العربي لا", 2)],
                     [note, SHORT_NOTE])
    return doc, options, note


def link_targets(pdf: Path) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """The PDF's named destinations -> their page (from 1), and each internal
    link as (its page, the destination it goes to), as pypdf reads them."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    names = {name: reader.get_destination_page_number(dest) + 1
             for name, dest in reader.named_destinations.items()}
    links = [(number, str(annotation.get_object()["/Dest"]))
             for number, page in enumerate(reader.pages, start=1) for annotation in page.get("/Annots") or []
             if "/Dest" in annotation.get_object()]
    return names, links


@pytest.fixture(scope="module")
def long_and_short(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, str, Path]:
    doc, options, note = long_and_short_notes()
    return doc, note, export(doc, options, tmp_path_factory.mktemp("endnotes") / "endnote.pdf")


def test_a_note_longer_than_a_page_closes_the_article_across_two_pages(long_and_short) -> None:
    """WeasyPrint cannot break a footnote: a note longer than a page is set
    after the body, under the notes' heading, and flows on to the next page."""
    doc, note, pdf = long_and_short
    pages = page_chars(pdf)
    own = set(words(note)) - set(words(SHORT_NOTE))  # the long note's words, not the footnote's
    holding = [number for number, chars in enumerate(pages, start=1)
               if set(words(squashed_spaces(" ".join(note_lines(chars))))) & own]
    assert len(holding) == 2 and holding[1] == holding[0] + 1, holding
    first = pages[holding[0] - 1]
    # On its first page the note starts below the body's last line and the heading.
    last_body_line = max(char["bottom"] for char in body_chars(first))
    heading = [char for char in first if char["size"] > BODY_PT + 0.5]
    assert heading and min(char["top"] for char in heading) > last_body_line
    note_top = min(char["top"] for char in first if near(char["size"], NOTE_PT))
    assert note_top > max(char["bottom"] for char in heading)
    assert sorted(char["text"] for char in heading) == sorted("الهوامش")
    assert "الهوامش" in words(page_texts(pdf)[holding[0] - 1])
    # Whole and in order over the two pages: pypdf's lines of the note (read in
    # drawing order; the first after its number, in the article's digits)
    # make up its text. (Poppler orders a line's mixed runs its own way.)
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    lines = [squashed(line) for number in holding
             for line in reader.pages[number - 1].extract_text().splitlines()]
    start = next(index for index, line in enumerate(lines) if line.startswith("(١)"))
    lines[start] = lines[start].removeprefix("(١)")
    # (pypdf gives a paragraph's closing full stop, the note's and the
    # disclaimer's, a line of its own: full stops out.)
    read = "".join(line for line in lines[start:] if line and line in squashed(note))
    assert read.replace(".", "") == squashed(note).replace(".", ""), read
    # Nothing of the article's body comes after it.
    assert not any(body_chars(chars) for chars in pages[holding[0]:])


def test_the_long_notes_call_links_to_it_and_its_number_back(long_and_short) -> None:
    _, _, pdf = long_and_short
    pages = page_chars(pdf)
    call_page = call_pages(pages, "arabic-indic")[1]
    names, links = link_targets(pdf)
    note_page = names["note-1"]
    assert note_page > call_page
    assert (call_page, "note-1") in links
    assert names["noteref-1"] == call_page and (note_page, "noteref-1") in links


def test_a_short_note_beside_it_stays_a_footnote_numbered_after_it(long_and_short) -> None:
    _, note, pdf = long_and_short
    pages, texts = page_chars(pdf), page_texts(pdf)
    first_calls = call_pages(pages, "arabic-indic")
    assert first_calls[1] == first_calls[2] == 1
    assert on_page(texts[0], SHORT_NOTE)
    assert [number for number, text in enumerate(texts, start=1) if on_page(text, SHORT_NOTE)] == [1]
    # Counted after the endnote: the footnote's number is 2, its call too.
    markers = [char["text"] for char in pages[0]
               if near(char["size"], NOTE_PT) and char["text"] in DIGITS["arabic-indic"]]
    assert markers[:1] == ["٢"]
    assert [char["text"] for char in calls(pages[0])] == ["١", "٢"]
    assert not (set(words(note)) - set(words(SHORT_NOTE))) & set(words(" ".join(note_lines(pages[0]))))


def test_the_long_note_copies_whole_in_every_viewer(long_and_short) -> None:
    doc, note, pdf = long_and_short
    expected = "\n".join([doc.meta.title, *[text for block in doc.blocks for text in block_texts(block)],
                          doc.meta.disclaimer or "", "الهوامش", *note_texts(doc)])
    numbers = " ".join(str(number) for number in range(1, 10)) + " " + " ".join(DIGITS["arabic-indic"])
    for name, extract in EXTRACTORS.items():
        text = extract(pdf)
        found = reading(text, expected, numbers)
        assert found.whole, (name, found.match, found.recall, sorted(found.stray), found.missing[:8])
        assert set(words(note)) - viewer_faults(name, note) <= set(words(re.sub("[١٢]", " ", text))), name


def test_a_book_numbers_each_articles_notes_from_one_in_its_digits(tmp_path: Path) -> None:
    arabic, options = mixed_article()
    persian, _ = article("fa-opinion")
    first = persian.blocks[0].inlines[0].text.split()
    persian = with_notes(persian, [Call(0, first[2], 1)], NATIVE_NOTES["fa-opinion"][:1])
    book = Book("كتاب الحواشي", documents=(arabic, persian))
    target = tmp_path / "book.pdf"
    get_exporter("pdf").export_book(book, target, options)
    pages, texts = page_chars(target), page_texts(target)
    numbers = [[char["text"] for char in calls(chars)] for chars in pages]
    persian_pages = [number for number, text in enumerate(texts, start=1)
                     if on_page(text, NATIVE_NOTES["fa-opinion"][0])]
    assert len(persian_pages) == 1
    assert numbers[persian_pages[0] - 1] == ["۱"]  # from 1 again, in Persian digits
    assert [digit for page in numbers for digit in page if digit in DIGITS["arabic-indic"]] == \
        ["١", "٢", "٣", "٤", "٣"]


def test_notes_copy_whole_in_every_viewer(mixed) -> None:
    doc, pdf = mixed
    expected = "\n".join([doc.meta.title, *[text for block in doc.blocks for text in block_texts(block)],
                          doc.meta.disclaimer or "", *note_texts(doc)])
    numbers = " ".join(str(number) for number in range(1, 10)) + " " + " ".join(DIGITS["arabic-indic"])
    for name, extract in EXTRACTORS.items():
        text = extract(pdf)
        found = reading(text, expected, numbers)
        assert found.whole, (name, found.match, found.recall, sorted(found.stray), found.unknown[:8],
                             found.missing[:8])
        # The words beside the calls come out whole: alone, or with the call's
        # digits right after them (poppler, MuPDF, pypdf: "Crystal٤"; PDFium leaves the calls out).
        for word in ("بمؤشر GDP", "Crystal", "محدثة كل عام"):
            assert re.search("(?<![\\w])" + re.escape(word) + "[١-٤]*(?![\\w])", squashed_spaces(text)), \
                (name, word)
        # A note's number may come out glued to its first word (MuPDF: "٤Source"): numbers apart.
        apart = set(words(re.sub("[١-٤]", " ", text)))
        for note in note_texts(doc):
            assert set(words(note)) - viewer_faults(name, note) <= apart, (name, note)


def squashed_spaces(text: str) -> str:
    """text with the bidi marks out and each run of white space one space."""
    return " ".join(re.sub("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).split())


def viewer_faults(extractor: str, note: str) -> set[str]:
    """PDFium swaps the parts of a Latin word holding digits (COVID-19) in a
    right-to-left line, whatever the PDF (test_pdf_copy.py shows it)."""
    return set(words(" ".join(re.findall(r"[A-Za-z]+-\d+", note)))) if extractor == "pdfium" else set()


def test_pdfium_search_finds_the_notes_words(mixed) -> None:
    doc, pdf = mixed
    wanted = search_words("\n".join(note_texts(doc)), count=20)
    found = pdfium_finds(pdf, wanted)
    assert len(found) >= FLOOR * len(wanted), sorted(set(wanted) - set(found))


def test_a_call_typed_inside_a_links_words_stands_beside_the_links_box(tmp_path: Path) -> None:
    """[النص[^2]](https://…): no link annotation covers a call (the call's
    own link to its note would lose its click), each covers its words; the
    calls are raised and their notes at the foot of the page."""
    pdf = linked_calls.convert(tmp_path, "pdf") / "linked.pdf"
    reader = pypdf.PdfReader(pdf)
    height = float(reader.pages[0].mediabox.height)
    boxes = []
    for annotation in (a.get_object() for a in reader.pages[0].get("/Annots") or []):
        uri = annotation.get("/A", {}).get("/URI")
        if uri:
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            boxes.append((uri, min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)))
    assert {box[0] for box in boxes} == {linked_calls.REPORT, linked_calls.TWO, linked_calls.THREE}
    chars = page_chars(pdf)[0]
    raised = calls(chars)
    assert [char["text"] for char in raised] == linked_calls.CALLS
    assert [(char["text"], box[0]) for char in raised for box in boxes if _in_box(char, box, 0)] == []
    covered: dict[str, set[str]] = {}
    for box in boxes:
        covered.setdefault(box[0], set()).update(c["text"] for c in body_chars(chars) if _in_box(c, box, 1))
    assert set("Reuters2023") <= covered[linked_calls.REPORT]
    assert set("الجزءوالثاني") <= covered[linked_calls.TWO]
    assert len(note_lines(chars)) == 2
    assert all(on_page(page_texts(pdf)[0], note) for note in linked_calls.NOTES)


def _in_box(char: dict, box: tuple, slack: float) -> bool:
    """Whether the middle of char lies in box (address, left, top, right, bottom), give or take slack."""
    _, left, top, right, bottom = box
    return (left - slack <= (char["x0"] + char["x1"]) / 2 <= right + slack
            and top - slack <= (char["top"] + char["bottom"]) / 2 <= bottom + slack)

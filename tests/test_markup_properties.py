"""Property tests: random articles with strong, emphasis, links and notes in
mixed-direction paragraphs, through the reader and every exporter: no text
lost, none duplicated.

Each article is built from segments (plain words, **strong**, *emphasis*,
[a link](https://…), a word with a note call) whose words mix Arabic, Latin
names and numbers in three kinds of digits; its notes are Markdown
footnotes or a writer's (1) markers with a closing الهوامش list. What a
reader must find: every stretch of each paragraph between its calls, in
order, and each note's text exactly once. A quick profile runs by default,
the deep one (300 articles per format) under `pytest -m deep` (CI).
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import squash
from extract import text_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_readers import poppler

from convert.exporters import get_exporter
from convert.model import document_texts, note_texts
from convert.options import Options
from convert.reading.reader import read_bytes
from convert.reading.transforms import prepare

WORDS = ["السلام", "الحرب", "مفاوضات", "الاتفاق", "طهران", "القاعدة", "تقرير", "الوزير", "قالَ", "مُحَمَّد",
         "Reuters", "F-16", "New York", "COVID-19", "2024", "١٤٤٥", "۱۴۰۲", "15%", "iPhone", "الـBBC"]
NOTE_LETTERS = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
FORMATS = ["json", "html", "docx", "epub", "pdf"]
QUICK = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
DEEP = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
OPTIONS = Options()
EMBEDDINGS = dict.fromkeys(range(0x202A, 0x202F))


@dataclass(frozen=True)
class Segment:
    kind: str  # plain, strong, em, link, note
    words: str
    note: str = ""


PHRASES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
SEGMENTS = st.builds(Segment, st.sampled_from(["plain", "plain", "strong", "em", "link", "note"]), PHRASES,
                     st.lists(st.sampled_from(WORDS), min_size=2, max_size=8).map(" ".join))
PARAGRAPHS = st.lists(SEGMENTS, min_size=1, max_size=6)
ARTICLES = st.tuples(st.lists(PARAGRAPHS, min_size=1, max_size=4), st.booleans())


def source_of(paragraphs: list[list[Segment]], typed_notes: bool) -> tuple[str, list[str]]:
    """The article's text, and its notes' texts in the order of their calls."""
    lines, notes = [], []
    for paragraph in paragraphs:
        parts = []
        for segment in paragraph:
            if segment.kind == "note":
                notes.append(f"{segment.note} حاشية{NOTE_LETTERS[len(notes)]}")  # every note's text its own
                call = f"({len(notes)})" if typed_notes else f"[^n{len(notes)}]"
                parts.append(segment.words + call)
            else:
                parts.append({"plain": "{}", "strong": "**{}**", "em": "*{}*",
                              "link": "[{}](https://example.org/a?b=1)"}[segment.kind].format(segment.words))
        lines.append(" ".join(parts))
    if typed_notes and notes:
        lines.append("الهوامش\n" + "\n".join(f"({number}) {text}" for number, text in enumerate(notes, 1)))
    elif notes:
        lines += [f"[^n{number}]: {text}" for number, text in enumerate(notes, 1)]
    return "عنوان المقال\n\n" + "\n\n".join(lines) + "\n", notes


def stretches(paragraph: list[Segment]) -> list[str]:
    """The paragraph's text as a reader sees it, cut at its calls."""
    pieces, current = [], []
    for segment in paragraph:
        current.append(segment.words)
        if segment.kind == "note":
            pieces.append(" ".join(current))
            current = []
    pieces.append(" ".join(current))
    return [squash(piece) for piece in pieces if squash(piece)]


def check_article(fmt: str, article: tuple[list[list[Segment]], bool]) -> None:
    paragraphs, typed_notes = article
    source, notes = source_of(*article)
    reading = read_bytes(source.encode(), "random.txt")
    doc = prepare(reading.document, OPTIONS)
    assert [squash(text) for text in note_texts(doc)] == [squash(note) for note in notes]
    assert [squash(text) for text in document_texts(doc)] == ["".join(stretches(p)) for p in paragraphs]
    assert reading.warnings == ()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"out{get_exporter(fmt).suffix}"
        get_exporter(fmt).export(doc, target, OPTIONS)
        if fmt == "json":  # the model itself, checked above (its strings interleave text and hrefs)
            return
        # NFC: poppler gives a shadda before the vowel on it, as typed (NFC puts the vowel first).
        # poppler wraps runs in embeddings (U+202A-U+202C): not text.
        extracted = poppler(target).translate(EMBEDDINGS) if fmt == "pdf" else text_of(target)
        content = squash(unicodedata.normalize("NFC", extracted))
    if fmt == "pdf":
        check_pdf_words(paragraphs, notes, content)
        return
    position = 0
    for paragraph in paragraphs:
        for piece in stretches(paragraph):
            found = content.find(piece, position)
            assert found >= 0, f"{fmt}: {piece!r} lost"
            position = found + len(piece)
    for note in notes:
        assert content.count(squash(note)) == 1, f"{fmt}: note {note!r} lost or duplicated"


def check_pdf_words(paragraphs: list[list[Segment]], notes: list[str], content: str) -> None:
    """The PDF: every word of the text and of the notes extracted (poppler), as
    words: a line mixing directions may come out in either order of its runs."""
    words = [word for paragraph in paragraphs for segment in paragraph for word in segment.words.split()]
    words += [word for note in notes for word in note.split()]
    for word in words:
        # poppler may give a number's sign on its other side in a right-to-left line (15% as %15).
        letters = "".join(character for character in word if unicodedata.category(character)[0] in "LM")
        digits = "".join(character for character in word if character.isdigit())
        assert squash(letters) in content, f"pdf: {word!r} lost"
        assert digits in content or digits[::-1] in content, f"pdf: the digits of {word!r} lost"


@pytest.mark.parametrize("fmt", FORMATS)
def test_marked_up_articles_lose_and_duplicate_nothing(fmt: str) -> None:
    QUICK(given(ARTICLES)(lambda article: check_article(fmt, article)))()


@pytest.mark.deep
@pytest.mark.parametrize("fmt", FORMATS)
def test_marked_up_articles_lose_and_duplicate_nothing_deep(fmt: str) -> None:
    DEEP(given(ARTICLES)(lambda article: check_article(fmt, article)))()

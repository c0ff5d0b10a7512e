"""Hostile front matter: YAML escapes, types and sizes.

YAML escapes can write any code point ("\\x01", "\\uD800", "\\u202E",
"\\U0010FFFF"), and YAML's own types fail in their own ways (2024-02-30,
a 5,000-digit number, 10,000 nested lists). Each value is cleaned as the
body is, or the article is refused in one line naming the file and the
field; a batch, a book and a catalogue go on with the other articles. The
outputs are read back (JSON parsed: every string; HTML parsed by lxml:
every text and attribute) to check that nothing the clean-up drops reaches them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from extract import text_of
from lxml import etree, html

from convert.errors import InputError
from convert.reading.reader import read_bytes

BODY = "نص المقال فيه أرقام 2024 وكلمة Latin.\n"
# What the body's clean-up drops: C0 and C1 controls (tab and newline aside),
# the embeddings and overrides, lone surrogates, the non-characters of every plane.
DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
                     + "]")


def article(front: str, title: str = "عنوان النص") -> str:
    return f"---\n{front}\n---\n{title}\n\n{BODY}"


def flow_nesting(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


# Values YAML escapes write: each comes out cleaned, as the body would be.
ESCAPES = article("\n".join((
    r'title: "عنوان\x01 \u202Eمقلوب\u202C \uFFFE\U0001FFFE\U0010FFFF\uFDD0 تم"',
    r'author: ["سلمى\x1b الخطيب", "Omar \uD800Haddad", "\uD83D\uDE00 Emoji"]',
    r'description: "وصف\x85 \u2066LTR مفتوح"',
    r'tags: "ذاكرة\u202D، مدن\0"',
    r'series: "\uFEFB \u0627\u0653"',
)))
CLEANED = {
    "title": "عنوان مقلوب تم",
    "authors": ["سلمى الخطيب", "Omar Haddad", "\U0001F600 Emoji"],
    "description": "وصف \u2066LTR مفتوح\u2069",  # the isolate closed, as in the body
    "subjects": ["ذاكرة", "مدن"],
    "series": "لا \u0622",  # presentation form folded, alef and madda composed (NFC)
}

# (file name, front matter, the one error line's reason after "FILE: ")
REFUSED = [
    ("bad-day.txt", "date: 2024-02-30", "front matter date '2024-02-30' is not a real date"),
    ("bad-month.txt", "date: 2024-13", "front matter date '2024-13' is not a real date"),
    ("not-leap.txt", "date: ٢٠٢٣-٠٢-٢٩", "front matter date '٢٠٢٣-٠٢-٢٩' is not a real date"),
    ("null-author.txt", "author: [~, x]",
     "front matter field 'author' must be a list of plain text (item 1 is empty)"),
    ("nested-author.txt", "authors: [Omar, [a, b]]",
     "front matter field 'authors' must be a list of plain text (item 2 is not plain text)"),
    ("deep.txt", f"title: ok\ntags: {flow_nesting(10_000)}",
     "front matter nested deeper than 16 levels (line 3)"),
    ("huge-number.txt", "series_index: " + "9" * 5000,
     "front matter series_index '" + "9" * 40 + "…' is not a number (e.g. 3 or 2.5)"),
    ("huge-isbn.txt", "isbn: " + "9" * 5000, "front matter isbn '" + "9" * 40 + "…' is not an ISBN"),
    ("binary.txt", "title: !!binary aGVsbG8=", "front matter field 'title' must be plain text"),
    ("beyond-unicode.txt", r'title: "\U00110000"',
     "front matter is not valid YAML (an escape beyond Unicode)"),
    ("too-large.txt", "description: " + "و" * 40_000,
     "front matter too large (80,013 bytes; the limit is 65,536)"),
]


def read(text: str):
    return read_bytes(text.encode("utf-8"), "a.txt")


# The reader ----------------------------------------------------------------------

def test_escaped_values_are_cleaned_as_the_body_is() -> None:
    reading = read(ESCAPES)
    meta = reading.document.meta
    assert meta.title == CLEANED["title"]
    assert list(meta.authors) == CLEANED["authors"]
    assert meta.description == CLEANED["description"]
    assert list(meta.subjects) == CLEANED["subjects"]
    assert meta.series == CLEANED["series"]
    assert "front matter title: dropped 1 control character(s)" in reading.warnings
    assert "front matter title: dropped 4 non-character(s) or lone surrogate(s)" in reading.warnings
    assert "front matter title: dropped 2 bidi embedding/override control(s)" in reading.warnings
    assert "front matter author: dropped 1 non-character(s) or lone surrogate(s)" in reading.warnings


@pytest.mark.parametrize(("name", "front", "reason"), REFUSED, ids=[case[0] for case in REFUSED])
def test_bad_values_are_refused_naming_the_field(name: str, front: str, reason: str) -> None:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # nesting is refused long before Python's own limit
    try:
        with pytest.raises(InputError) as raised:
            read(article(front))
    finally:
        sys.setrecursionlimit(limit)
    assert str(raised.value).startswith(f"a.txt: {reason}")


@pytest.mark.parametrize(("front", "field", "expected"), [
    ("isbn: 0306406152", "isbn", "0306406152"),  # YAML's int would drop the leading zero
    ("lang: no", "lang", "no"),  # Norwegian, not YAML's False
    ("title: yes", "title", "yes"),
    ("title: 010", "title", "010"),  # not YAML 1.1's octal 8
    ("title: " + "9" * 5000, "title", "9" * 5000),  # not int, which Python will not print
    ("date: 2024-02-29", "date", "2024-02-29"),
    ("date: 2024-03-15T10:00:00Z", "date", "2024-03-15T10:00:00Z"),
    ("date: ربيع 2024", "date", "ربيع 2024"),  # a date in words is shown as written
    ("series: x\nseries_index: 2.50", "series_position", "2.50"),
])
def test_scalars_are_the_text_written(front: str, field: str, expected: str) -> None:
    assert getattr(read(article(front)).document.meta, field) == expected


def test_the_body_drops_the_non_characters_of_every_plane() -> None:
    text = "عنوان\n\nنص \U0001FFFE و\U0010FFFF و\U0008FFFF و\uFDD0 و\uFFFF هنا.\n"
    reading = read(text)
    paragraph = json.dumps(reading.document.blocks[0], default=repr, ensure_ascii=False)
    assert not DROPPED.search(paragraph)
    assert "dropped 5 non-character(s) or lone surrogate(s)" in reading.warnings


# A batch, a book, a catalogue ----------------------------------------------------

def hostile_folder(folder: Path) -> dict[str, str]:
    """Every refused case, the escapes, the body's non-characters and a plain article."""
    folder.mkdir(parents=True)
    texts = {name: article(front) for name, front, _ in REFUSED}
    texts |= {
        "escapes.txt": ESCAPES,
        "body-noncharacters.txt": "عنوان آخر\n\nنص \U0001FFFE\U0010FFFF\uFDD0 هنا.\n",
        "plain.txt": article("date: 2024-02-29", "مقال عادي"),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return texts


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def assert_refused_once_each(stderr: str, folder: Path) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr and "conversion failed" not in stderr
    errors = error_lines(stderr)
    assert len(errors) == len(REFUSED), errors
    for name, _, reason in REFUSED:
        assert sum(line.startswith(f"error: {folder / name}: {reason}") for line in errors) == 1, name


def every_string_in_html(path: Path) -> str:
    root = html.document_fromstring(path.read_text(encoding="utf-8"))
    parts = [part for element in root.iter() if isinstance(element.tag, str)
             for part in (element.text, element.tail, *element.attrib.values()) if part]
    return "\n".join(parts)


def test_a_batch_refuses_each_bad_file_in_one_line_and_converts_the_rest(tmp_path: Path) -> None:
    hostile_folder(tmp_path / "in")
    out = tmp_path / "out"
    result = run_cli(str(tmp_path / "in"), "--to", "html,json", "-o", str(out))
    assert result.returncode == 1
    assert_refused_once_each(result.stderr, tmp_path / "in")
    assert sorted(path.name for path in out.iterdir() if not path.name.startswith(".")) == [
        "body-noncharacters.html", "body-noncharacters.json", "escapes.html", "escapes.json",
        "plain.html", "plain.json"]
    for path in out.glob("*.*"):
        if path.name.startswith("."):
            continue  # the state, the folder's lock
        text = every_string_in_html(path) if path.suffix == ".html" else text_of(path)
        assert not DROPPED.search(text), (path.name, DROPPED.findall(text))
    meta = json.loads((out / "escapes.json").read_text(encoding="utf-8"))["meta"]
    assert (meta["title"], meta["authors"], meta["description"], meta["subjects"], meta["series"]) == (
        CLEANED["title"], CLEANED["authors"], CLEANED["description"], CLEANED["subjects"], CLEANED["series"])
    page = html.document_fromstring((out / "escapes.html").read_text(encoding="utf-8"))
    assert page.xpath("string(//title)").strip().startswith(CLEANED["title"])
    assert CLEANED["title"] in page.xpath("string(//h1)")


def test_a_book_leaves_bad_articles_out_and_is_built_from_the_rest(tmp_path: Path) -> None:
    hostile_folder(tmp_path / "in")
    out = tmp_path / "out"
    result = run_cli(str(tmp_path / "in"), "--book", "كتاب المقالات", "--to", "html,json", "-o", str(out))
    assert result.returncode == 1
    assert_refused_once_each(result.stderr, tmp_path / "in")
    assert f"book of 3 article(s) ({len(REFUSED)} left out)" in result.stderr
    book = json.loads((out / "كتاب-المقالات.json").read_text(encoding="utf-8"))
    titles = [document["meta"]["title"] for document in book["documents"]]
    assert titles == ["عنوان آخر", CLEANED["title"], "مقال عادي"]
    for path in (out / "كتاب-المقالات.json", out / "كتاب-المقالات.html"):
        text = every_string_in_html(path) if path.suffix == ".html" else text_of(path)
        assert not DROPPED.search(text), path.name
    assert "نص المقال فيه أرقام 2024" in every_string_in_html(out / "كتاب-المقالات.html")


def test_the_catalogue_lists_cleaned_values(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "control.txt").write_text(article(r'title: "a\x01b"'), encoding="utf-8")
    (source / "escapes.txt").write_text(ESCAPES, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(str(source), "--to", "html", "-o", str(out), "--catalog")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    feed = etree.parse(str(out / "catalog.xml"))
    titles = sorted(feed.xpath("//*[local-name()='entry']/*[local-name()='title']/text()"))
    assert titles == sorted(["ab", CLEANED["title"]])
    authors = feed.xpath("//*[local-name()='entry']/*[local-name()='author']/*[local-name()='name']/text()")
    assert set(CLEANED["authors"]) <= set(authors)
    index = every_string_in_html(out / "index.html")
    assert "ab" in index and CLEANED["title"] in index
    for text in ("\n".join(feed.xpath("//text() | //@*")), index):
        assert not DROPPED.search(text)

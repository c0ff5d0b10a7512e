"""Book mode on the command line: order, names, and articles that fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from convert.bookmode import book_stem
from convert.reading.reader import read_file

BOOK = FIXTURES / "book"


def book_titles(path: Path) -> list[str]:
    return [doc["meta"]["title"] for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]]


def source_title(name: str) -> str:
    return read_file(BOOK / name).document.meta.title


def test_file_name_order_by_default(tmp_path: Path) -> None:
    result = run_cli(str(BOOK), "--to", "json", "--book", "كتاب", "--name", "b", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert book_titles(tmp_path / "b.json") == [source_title(n) for n in ("one.txt", "three.txt", "two.txt")]


def test_order_file_is_respected(tmp_path: Path) -> None:
    order = tmp_path / "order.txt"
    order.write_text(f"# the month's order\n{BOOK / 'two.txt'}\n\n{BOOK / 'one.txt'}\n{BOOK / 'three.txt'}\n")
    result = run_cli(str(BOOK), "--to", "json,html", "--book", "كتاب", "--name", "b", "--order", str(order),
                     "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert book_titles(tmp_path / "b.json") == [source_title(n) for n in ("two.txt", "one.txt", "three.txt")]
    assert "book of 3 article(s) (0 left out)" in result.stderr


def test_missing_and_unreadable_articles_are_reported_and_left_out(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(bytes(range(256)) * 4)
    order = tmp_path / "order.txt"
    order.write_text(f"{BOOK / 'one.txt'}\n{tmp_path / 'absent.txt'}\n{broken}\n{BOOK / 'two.txt'}\n")
    result = run_cli(str(BOOK), str(tmp_path), "--to", "json,pdf,docx,epub", "--book", "كتاب", "--name", "b",
                     "--order", str(order), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert f"{tmp_path / 'absent.txt'}: cannot read" in errors[0]
    assert f"{broken}: not a text file" in errors[1]
    assert book_titles(tmp_path / "out" / "b.json") == [source_title("one.txt"), source_title("two.txt")]
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"b.json", "b.pdf", "b.docx", "b.epub"}
    assert "Traceback" not in result.stderr


def test_no_readable_article_writes_no_book(tmp_path: Path) -> None:
    order = tmp_path / "order.txt"
    order.write_text(f"{tmp_path / 'absent.txt'}\n")
    result = run_cli(str(tmp_path), "--to", "json", "--book", "كتاب", "--order", str(order),
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "no article could be read: no book written" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_book_name_comes_from_the_title(tmp_path: Path) -> None:
    result = run_cli(str(BOOK), "--to", "json", "--book", "مقالات فبراير: 2024/..", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "مقالات-فبراير-2024.json").is_file()


@pytest.mark.parametrize(("title", "stem"), [
    ("كتاب الشهر", "كتاب-الشهر"), ("../../etc/passwd", "etc-passwd"), ("CON", "CON-book"), ("؟؟", "book"),
])
def test_book_stem(title: str, stem: str) -> None:
    assert book_stem(title) == stem


@pytest.mark.parametrize("name", ["a/b", "..", "x\\y"])
def test_bad_names_are_usage_errors(name: str, tmp_path: Path) -> None:
    result = run_cli(str(BOOK), "--to", "json", "--book", "كتاب", "--name", name, "-o", str(tmp_path))
    assert result.returncode == 2
    assert "give a plain file name" in result.stderr


def test_book_options_need_book(tmp_path: Path) -> None:
    result = run_cli(str(BOOK), "--to", "json", "--order", "x.txt", "-o", str(tmp_path))
    assert result.returncode == 2
    assert "need --book TITLE" in result.stderr

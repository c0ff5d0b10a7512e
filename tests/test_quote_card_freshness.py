"""Incremental runs and the files a format writes beside its own: a share
card's quote cards (NAME.quote-N.png). Each is checked on disk after a real
run of the command, and in the state file the run leaves."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

from convert.freshness import STATE_FILE

QUOTES = ["الكتابة ليست ترفاً، بل هي شهادة على ما يحدث حين يصمت الجميع.", "لا أحد ينجو وحده.",
          "چرا کتاب‌خوانی کاهش یافته است؟ ۱۴۰۲"]


def write_article(folder: Path, quotes: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "مقال «الرأي».txt"
    front = {"title": "عنوان المقال </script>", "author": "كاتب", "date": "2024-03-15"}
    if quotes:
        front["pull_quotes"] = quotes
    lines = ["---", *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()),
             "---", "نص المقال."]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def summary(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


def cards(source: Path, out: Path, *more: str):
    return run_cli(str(source), "--to", "cards", "-o", str(out), *more)


def quote_cards(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.quote-*.png"))}


def test_a_quote_card_deleted_by_hand_is_drawn_again(tmp_path):
    source, out = write_article(tmp_path / "in", QUOTES), tmp_path / "out"
    assert "1 written" in summary(cards(source, out))
    drawn = quote_cards(out)
    assert len(drawn) == 3
    assert "0 written, 0 failed, 1 skipped" in summary(cards(source, out))
    (out / "مقال «الرأي».quote-2.png").unlink()
    assert "1 written" in summary(cards(source, out))
    assert quote_cards(out) == drawn  # the same three, the same bytes
    assert "1 skipped" in summary(cards(source, out))


def test_an_article_without_quotes_is_still_skipped(tmp_path):
    source, out = write_article(tmp_path / "in", []), tmp_path / "out"
    assert "1 written" in summary(cards(source, out))
    assert "1 skipped" in summary(cards(source, out))
    state = json.loads((out / STATE_FILE).read_text("utf-8"))
    assert state["مقال «الرأي».card.png"]["companions"] == []


def test_the_state_names_each_quote_card(tmp_path):
    write_article(tmp_path / "in" / "sub", QUOTES[:2])
    out = tmp_path / "out"
    summary(run_cli(str(tmp_path / "in"), "--to", "cards", "-o", str(out)))
    state = json.loads((out / STATE_FILE).read_text("utf-8"))
    entry = state["sub/مقال «الرأي».card.png"]
    assert entry["companions"] == ["sub/مقال «الرأي».quote-1.png", "sub/مقال «الرأي».quote-2.png"]
    assert all((out / name).is_file() for name in entry["companions"])


def test_a_card_the_catalogue_drew_alone_gets_its_quote_cards(tmp_path):
    """--catalog's card part writes NAME.card.png without quote cards; a
    later --to cards must not find that card up to date."""
    source, out = write_article(tmp_path / "in", QUOTES[:1]), tmp_path / "out"
    summary(run_cli(str(source), "--to", "json", "--catalog", "-o", str(out)))
    assert not quote_cards(out)
    summary(cards(source, out))
    assert list(quote_cards(out)) == ["مقال «الرأي».quote-1.png"]


def test_an_older_state_without_companions_draws_the_cards_again(tmp_path):
    source, out = write_article(tmp_path / "in", QUOTES[:2]), tmp_path / "out"
    summary(cards(source, out))
    state_path = out / STATE_FILE
    state = json.loads(state_path.read_text("utf-8"))
    key = "مقال «الرأي».card.png"
    state[key] = state[key]["options"]  # as the version before companions wrote it
    state_path.write_text(json.dumps(state), encoding="utf-8")
    assert "1 written" in summary(cards(source, out))
    assert "1 skipped" in summary(cards(source, out))


def test_a_state_naming_files_elsewhere_is_not_trusted(tmp_path):
    source, out = write_article(tmp_path / "in", QUOTES[:1]), tmp_path / "out"
    summary(cards(source, out))
    (tmp_path / "elsewhere.png").write_bytes(b"x")
    state_path = out / STATE_FILE
    state = json.loads(state_path.read_text("utf-8"))
    key = "مقال «الرأي».card.png"
    for companions in (["../elsewhere.png"], [str(tmp_path / "elsewhere.png")]):
        state[key]["companions"] = companions
        state_path.write_text(json.dumps(state), encoding="utf-8")
        assert "1 written" in summary(cards(source, out))  # drawn again, not read from there
    state[key]["companions"] = "quote-1.png"  # not a list: the entry is dropped, with a warning
    state_path.write_text(json.dumps(state), encoding="utf-8")
    result = cards(source, out)
    assert "1 written" in summary(result)
    assert "not fingerprints" in result.stderr

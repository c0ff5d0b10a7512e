"""The docs name where the rich blocks (figures, tables, poems, Qur'anic
quotations) are read and written, and what each format makes of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("reading/figures.py", "reading/images.py", "reading/tables.py", "reading/poetry.py",
           "reading/quran.py", "html_figures.py", "table_html.py", "poetry.py", "quran.py",
           "exporters/docx/figures.py")


def concerns_table() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return text.split("## Where each concern lives", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("module", MODULES)
def test_the_concerns_table_names_each_rich_block_module_and_it_exists(module: str) -> None:
    assert (ROOT / "convert" / module).is_file()
    assert f"`{module}`" in concerns_table()


def test_the_architecture_describes_the_four_blocks() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    pipeline = text.split("## Where each concern lives", 1)[0]
    for name in ("`Figure`", "`Table`", "`Poem`", "`QuranQuote`", "`exporters/docx/tables.py`",
                 "`exporters/docx/poetry.py`"):
        assert name in pipeline, name


def test_what_each_format_gets_says_it_for_the_four_blocks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What each format gets", 1)[1].split("\n## ", 1)[0]
    formats = re.split(r"\n- \*\*", section)[1:]
    names = [entry.split("**", 1)[0].split()[0] for entry in formats]
    assert names == ["PDF", "DOCX", "EPUB", "HTML", "JSON"]
    for entry in formats:
        flat = " ".join(entry.split())
        assert re.search(r"[Ff]igure", flat) and re.search(r"[Tt]able", flat), flat[:40]
        assert re.search(r"[Pp]oem", flat) and re.search(r"Qur'an|QuranQuote", flat), flat[:40]

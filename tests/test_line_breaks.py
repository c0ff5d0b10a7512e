"""No line of a paragraph ends early in the PDF (issue 28; engine_fixes/trailing_space).

Read back with pdfplumber (pdf_lines.py): every line of a paragraph but its
last reaches both edges of the text block. The fault this guards against was
WeasyPrint's: a text box ending in a space (the box before a quotation) that
fits its line but for that space was cut after its first word, leaving a word
alone on a short line mid-paragraph, most often in fully vocalised text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED, run_cli
from pdf_lines import early_line_ends

BUKHARI = ROOT / "bench" / "data" / "bukhari.txt"
COPY = FIXTURES / "copy"
ARTICLES = [SEED, FIXTURES / "pdf" / "tashkeel.txt", *sorted(COPY.glob("*.txt"))]


def hadith(folder: Path, first: int, count: int) -> Path:
    """Fully vocalised classical Arabic: hadith of Sahih al-Bukhari, one a paragraph."""
    records = [line.strip() for line in BUKHARI.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = folder / f"hadith-{first}.txt"
    body = "\n\n".join(records[first:first + count])
    path.write_text(f"من صحيح البخاري\n\n{body}\n", encoding="utf-8")
    return path


def converted(sources: list[Path], out: Path, *options: str, switch: str = "on") -> dict[str, Path]:
    result = run_cli(*map(str, sources), "--to", "pdf", "-o", str(out), "-q", *options,
                     env={"CONVERT_ENGINE_FIXES": switch})
    assert result.returncode == 0, result.stderr
    return {path.stem: path for path in out.glob("*.pdf")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The corpus in A4 and A5, and hadith 88-95 (whose A5 pages met the fault)."""
    folder = tmp_path_factory.mktemp("line-breaks")
    sources = [*ARTICLES, hadith(folder, 0, 12), hadith(folder, 88, 8)]
    return {size: converted(sources, folder / size, "--page-size", size) for size in ("A4", "A5")}


@pytest.mark.parametrize("size", ["A4", "A5"])
@pytest.mark.parametrize("name", [path.stem for path in ARTICLES] + ["hadith-0", "hadith-88"])
def test_no_line_of_a_paragraph_ends_early(corpus, size: str, name: str) -> None:
    assert early_line_ends(corpus[size][name]) == []


def test_a_line_that_fits_but_for_its_trailing_space_stays_whole(tmp_path: Path) -> None:
    """Without the fix, the page of hadith 88-95 that WeasyPrint breaks before
    `قَالَ` starts with that word alone on its line; with it, the line is full."""
    source = hadith(tmp_path, 88, 8)
    unfixed = converted([source], tmp_path / "off", "--page-size", "A5", switch="off:trailing-space")
    fixed = converted([source], tmp_path / "on", "--page-size", "A5")
    alone = early_line_ends(unfixed[source.stem])
    assert [line.text for line in alone] == ["قَالَ"]
    assert early_line_ends(fixed[source.stem]) == []

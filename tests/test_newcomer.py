"""Clear answers where a newcomer stumbles: the output folder, empty
sources, a full disk, two-sided DOCX, the state file, and the README's
Quick start run word for word."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT, SEED, libreoffice_pdfs, require, run_cli
from ooxml_schema import SCHEMAS, invalid_parts

from convert import cli
from convert.exporters.json import JsonExporter
from convert.folder_lock import SAVE_LOCK_FILE
from convert.freshness import STATE_FILE

MM = 72 / 25.4


# The output folder ---------------------------------------------------------------------------

def assert_usage_error(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"convert: error: {message}"]
    assert "converted" not in result.stdout


def test_an_output_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    result = run_cli(str(SEED), "--to", "json", "-o", str(target))
    assert_usage_error(result, f"-o {target}: is a file, not a folder")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    target = tmp_path / "file" / "out"
    result = run_cli(str(SEED), "--to", "json,pdf", "-o", str(target))
    assert_usage_error(result, f"-o {target}: cannot create the folder (Not a directory)")


def test_an_output_folder_that_cannot_be_written_is_a_usage_error() -> None:
    # /proc refuses new files even to root, who may write anywhere else.
    result = run_cli(str(SEED), "--to", "json", "-o", "/proc")
    assert result.returncode == 2
    assert result.stderr.startswith("convert: error: -o /proc: cannot write in the folder (")
    assert len(result.stderr.strip().splitlines()) == 1


def test_book_mode_checks_the_output_folder_too(tmp_path: Path) -> None:
    target = tmp_path / "book.pdf"
    target.write_text("", encoding="utf-8")
    result = run_cli(str(SEED), "--to", "json", "--book", "كتاب", "-o", str(target))
    assert_usage_error(result, f"-o {target}: is a file, not a folder")


# Sources without articles ---------------------------------------------------------------------

def test_a_folder_without_articles_is_an_error_and_the_others_are_converted(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("# not an article", encoding="utf-8")
    result = run_cli("empty/", str(SEED), "--to", "json", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "error: empty/: no .txt or .docx articles found" in result.stderr.splitlines()
    assert (tmp_path / "out" / f"{SEED.stem}.json").is_file()


def test_a_book_from_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli(str(tmp_path / "empty"), str(SEED), "--to", "json", "--book", "كتاب",
                     "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"error: {tmp_path / 'empty'}: no .txt or .docx articles found" in result.stderr.splitlines()
    assert len(list((tmp_path / "out").glob("*.json"))) == 1


# A full disk, and the state file --------------------------------------------------------------

def full_disk_after(name: str):
    """A JSON export that writes half the file for article `name`, then finds the disk full."""
    export = JsonExporter.export

    def export_until_full(self, doc, target, options):
        if doc.meta.source and Path(doc.meta.source).name == name:
            target.write_text('{"half": ', encoding="utf-8")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        export(self, doc, target, options)

    return export_until_full


def articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"article-{number}.txt").write_text(text.replace("إيران", f"إيران {number}", 1),
                                                      encoding="utf-8")
    return folder


def test_a_full_disk_is_one_line_naming_the_file_and_leaves_no_partial_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    source, out = articles(tmp_path / "in", 3), tmp_path / "out"
    monkeypatch.setattr(JsonExporter, "export", full_disk_after("article-1.txt"))
    status = cli.main([str(source), "--to", "json", "-o", str(out), "--jobs", "1"])
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert status == 1
    assert errors == [f"error: {source / 'article-1.txt'}: json: cannot write {out / 'article-1.json'}: "
                      "No space left on device"]
    assert sorted(path.name for path in out.iterdir()) == [STATE_FILE, SAVE_LOCK_FILE, "article-0.json",
                                                           "article-2.json"]
    recorded = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    assert sorted(recorded) == ["article-0.json", "article-2.json"]


def test_a_state_file_that_cannot_be_saved_keeps_the_old_one_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert run_cli(str(SEED), "--to", "json", "-o", str(out)).returncode == 0
    before = (out / STATE_FILE).read_bytes()

    write_text = Path.write_text

    def full_for_the_state(path: Path, *arguments, **keywords):
        if STATE_FILE in path.name:  # the temporary file the state is written to
            write_text(path, "{", encoding="utf-8")  # a part of it, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write_text(path, *arguments, **keywords)

    monkeypatch.setattr(Path, "write_text", full_for_the_state)
    status = cli.main([str(SEED), "--to", "json,html", "-o", str(out), "--jobs", "1", "-q"])
    assert status == 1
    assert f"error: {out / STATE_FILE}: cannot write: No space left on device" in capsys.readouterr().err
    assert (out / STATE_FILE).read_bytes() == before
    written = sorted(path.name for path in out.iterdir())
    assert written == [STATE_FILE, SAVE_LOCK_FILE, f"{SEED.stem}.html", f"{SEED.stem}.json"]


def test_a_run_in_which_every_input_failed_writes_no_state(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00garbage\x00")
    result = run_cli(str(tmp_path / "broken.txt"), "--to", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert list((tmp_path / "out").iterdir()) == []


# Two-sided DOCX -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def duplex_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("duplex")
    long_article = folder / "long.txt"
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n\n")
    long_article.write_text(f"{title}\n\n" + "\n\n".join([body.rsplit("\n\n", 1)[0]] * 3), encoding="utf-8")
    result = run_cli(str(long_article), "--to", "docx", "--duplex", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    return folder / "long.docx"


def test_duplex_docx_mirrors_its_margins(duplex_docx: Path) -> None:
    with zipfile.ZipFile(duplex_docx) as package:
        settings = package.read("word/settings.xml").decode()
    assert "<w:mirrorMargins/>" in settings


def test_duplex_docx_binds_rectos_on_the_right_in_libreoffice(duplex_docx: Path, tmp_path: Path) -> None:
    """Page 1 (a recto) has the inner, wider margin on its right; page 2 on its left: as the PDF."""
    [rendered] = libreoffice_pdfs([duplex_docx], tmp_path)
    with pdfplumber.open(rendered) as document:
        margins = [_side_margins(page) for page in document.pages[:2]]
    (left_1, right_1), (left_2, right_2) = margins
    assert right_1 == pytest.approx(25 * MM, abs=1.5) and left_1 == pytest.approx(20 * MM, abs=1.5)
    assert left_2 == pytest.approx(25 * MM, abs=1.5) and right_2 == pytest.approx(20 * MM, abs=1.5)


def _side_margins(page) -> tuple[float, float]:
    body = [char for char in page.chars if 0.15 * page.height < char["top"] < 0.85 * page.height]
    return min(char["x0"] for char in body), page.width - max(char["x1"] for char in body)


# The README's Quick start, word for word ------------------------------------------------------

def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_readme_has_the_two_quick_start_commands() -> None:
    assert quick_start_commands() == [
        "bash scripts/install && .venv/bin/convert seeds/ --to all -o out/",
        "bash scripts/install --test && .venv/bin/python -m pytest",
    ]


def test_the_first_quick_start_command_converts_the_seeds_in_every_format(tmp_path: Path) -> None:
    """In a fresh copy of the repository (what git tracks), as the README says."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in tracked.stdout.splitlines():
        if (ROOT / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tmp_path / name)
    result = subprocess.run(["bash", "-c", quick_start_commands()[0]], cwd=tmp_path,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-2000:]
    written = {path.suffix for path in (tmp_path / "out").glob(f"{SEED.stem}.*")}
    assert written == {".json", ".html", ".pdf", ".docx", ".epub"}


# Every DOCX part we write against ECMA-376 -----------------------------------------------------

def test_every_docx_part_is_valid_ecma_376(duplex_docx: Path, tmp_path: Path) -> None:
    """Word is stricter than LibreOffice: the duplex settings, an article, a book."""
    require(SCHEMAS.is_file(), f"needs the ECMA-376 schemas at {SCHEMAS}")
    result = run_cli(str(SEED), str(FIXTURES / "mixed.txt"), "--to", "docx", "-o", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    result = run_cli(str(FIXTURES / "book"), "--to", "docx", "--book", "كتاب", "--duplex",
                     "-o", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    documents = [duplex_docx, *(tmp_path / "a").glob("*.docx"), *(tmp_path / "b").glob("*.docx")]
    assert len(documents) == 4
    assert {document.name: invalid_parts(document) for document in documents} == {
        document.name: {} for document in documents}

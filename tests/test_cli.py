"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED, run_cli

from convert.exporters import available_formats


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder with a nested good article, a bad one and a non-article file."""
    source = tmp_path / "articles"
    (source / "opinion" / "2021").mkdir(parents=True)
    shutil.copy(SEED, source / "opinion" / "2021" / "first.txt")
    (source / "second.txt").write_text("عنوان ثان\n\nنص قصير.", encoding="utf-8")
    (source / "broken.txt").write_bytes(bytes(range(256)) * 4)
    (source / "notes.md").write_text("not an article", encoding="utf-8")
    return source


def test_outputs_mirror_input_paths(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(str(batch), "--to", "html,json", "-o", str(out))
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                     if p.is_file() and p.name not in (".convert-state.json", ".convert.lock"))
    assert written == [
        "opinion/2021/first.html", "opinion/2021/first.json", "second.html", "second.json",
    ]
    assert result.returncode == 1


def test_a_bad_file_is_one_line_and_does_not_stop_the_batch(batch: Path, tmp_path: Path) -> None:
    result = run_cli(str(batch), "--to", "json", "-o", str(tmp_path / "out"))
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {batch / 'broken.txt'}: not a text file (binary or unknown encoding)"]
    assert "Traceback" not in result.stderr
    assert "3 file(s), 1 format(s) (json): 2 written, 1 failed" in result.stderr


def test_exit_zero_when_everything_converts(tmp_path: Path) -> None:
    result = run_cli("seeds/", "--to", "html,json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "iran-and-al-qaeda.html").is_file()
    assert (tmp_path / "iran-and-al-qaeda.json").is_file()
    assert list(tmp_path.glob(".*.part")) == []


def test_single_file_argument_goes_to_out_root(tmp_path: Path) -> None:
    assert run_cli(str(SEED), "--to", "json", "-o", str(tmp_path)).returncode == 0
    # The state, and the lock its save took (folder_lock.py).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".convert-state.json", ".convert.lock",
                                                          "iran-and-al-qaeda.json"]


def test_dotted_file_names_keep_their_dots(tmp_path: Path) -> None:
    source = tmp_path / "a.b.txt"
    source.write_text("عنوان\n\nنص", encoding="utf-8")
    assert run_cli(str(source), "--to", "json", "-o", str(tmp_path / "o")).returncode == 0
    assert (tmp_path / "o" / "a.b.json").is_file()


def test_two_inputs_with_one_output_name_do_not_overwrite(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(f"عنوان {folder}\n\nنص", encoding="utf-8")
    result = run_cli(str(tmp_path / "x" / "same.txt"), str(tmp_path / "y" / "same.txt"),
                     "--to", "json", "-o", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "would overwrite those of" in result.stderr
    assert "عنوان x" in (tmp_path / "o" / "same.json").read_text(encoding="utf-8")


def test_missing_source_fails_that_input_only(tmp_path: Path) -> None:
    result = run_cli("no-such-folder", "seeds/", "--to", "json", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "error: no-such-folder: no such file or folder" in result.stderr
    assert (tmp_path / "iran-and-al-qaeda.json").is_file()


def test_failed_input_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("عنوان\n\nنص", encoding="utf-8")
    out = tmp_path / "o"
    assert run_cli(str(source), "--to", "json", "-o", str(out)).returncode == 0
    before = (out / "a.json").read_bytes()
    source.write_bytes(b"")
    assert run_cli(str(source), "--to", "json", "-o", str(out)).returncode == 1
    assert (out / "a.json").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["seeds/", "--to", "odt"], "unknown format odt (available: "),
        (["seeds/", "--style", "nope"], "no theme 'nope'"),
        (["seeds/", "--bleed", "lots"], "--bleed 'lots'"),
        (["--to", "json"], "give at least one SRC"),
        (["seeds/", "--page-size", "A3"], "invalid choice"),
        (["seeds/", "--jobs", "0"], "--jobs, --max-bytes and --max-pages must be at least 1"),
    ],
)
def test_usage_errors_exit_two(args: list[str], message: str, tmp_path: Path) -> None:
    result = run_cli(*args, "-o", str(tmp_path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_list_formats() -> None:
    result = run_cli("--list-formats")
    assert result.returncode == 0
    assert result.stdout.split() == available_formats()
    assert {"html", "json"} <= set(result.stdout.split())


def test_help_mentions_every_option() -> None:
    result = run_cli("--help")
    for option in ("--to", "--out", "--style", "--disclaimer", "--no-disclaimer", "--page-size",
                   "--duplex", "--bleed", "--crop-marks", "--pdf-variant", "--max-bytes", "--jobs",
                   "--list-formats", "--quiet", "--verbose"):
        assert option in result.stdout


def test_quiet_and_verbose(tmp_path: Path) -> None:
    source = tmp_path / "nul.txt"
    source.write_bytes("عنوان\x00\n\nنص".encode())
    quiet = run_cli(str(source), "--to", "json", "-o", str(tmp_path / "q"), "-q")
    assert quiet.stderr.splitlines()[0].startswith("1 file(s)")
    assert "1 warning(s) (-v shows them)" in quiet.stderr
    verbose = run_cli(str(source), "--to", "json", "-o", str(tmp_path / "v"), "-v")
    assert f"warning: {source}: dropped 1 control character(s)" in verbose.stderr


def test_disclaimer_options(tmp_path: Path) -> None:
    source = tmp_path / "plain.txt"
    source.write_text("عنوان\n\nنص بلا تنويه", encoding="utf-8")
    run_cli(str(source), "--to", "json", "-o", str(tmp_path / "a"), "--disclaimer", "تنويه: خاص")
    assert '"disclaimer": "تنويه: خاص"' in (tmp_path / "a" / "plain.json").read_text("utf-8")
    run_cli(str(source), "--to", "json", "-o", str(tmp_path / "b"))
    assert "تعبر عن رأي أصحابها" in (tmp_path / "b" / "plain.json").read_text("utf-8")
    run_cli(str(SEED), "--to", "json", "-o", str(tmp_path / "c"), "--no-disclaimer")
    assert '"disclaimer": null' in (tmp_path / "c" / "iran-and-al-qaeda.json").read_text("utf-8")


def test_too_large_input_is_refused(tmp_path: Path) -> None:
    result = run_cli(str(SEED), "--to", "json", "-o", str(tmp_path), "--max-bytes", "1000")
    assert result.returncode == 1
    assert "too large (" in result.stderr and "the limit is 1,000)" in result.stderr


def test_python_m_and_console_script_agree() -> None:
    script = Path(shutil.which("convert") or "")
    assert script.name == "convert"
    assert run_cli("--version").stdout.startswith("convert ")

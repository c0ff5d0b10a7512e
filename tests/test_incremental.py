"""Incremental runs and worker processes."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from conftest import SEED, run_cli


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_second_run_skips_up_to_date_outputs(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    shutil.copy(SEED, source)
    out = tmp_path / "out"
    first = run_cli(str(source), "--to", "json,html", "-o", str(out))
    assert "2 written" in summary(first)
    second = run_cli(str(source), "--to", "json,html", "-o", str(out))
    assert "0 written, 0 failed, 2 skipped (up to date" in summary(second)
    forced = run_cli(str(source), "--to", "json,html", "-o", str(out), "--force")
    assert "2 written" in summary(forced)


def test_a_newer_input_or_theme_is_converted_again(tmp_path: Path) -> None:
    source, theme = tmp_path / "a.txt", tmp_path / "mine.toml"
    shutil.copy(SEED, source)
    theme.write_text('[page]\nsize = "A5"\n', encoding="utf-8")
    out = tmp_path / "out"
    args = (str(source), "--to", "json", "-o", str(out), "--style", str(theme))
    run_cli(*args)
    output = out / "a.json"
    # Times an hour ahead, so the package's own stylesheets are older still.
    base = time.time() + 3600

    def age(path: Path, offset: float) -> None:
        os.utime(path, (base + offset, base + offset))

    age(theme, -60), age(source, -120), age(output, 0)
    assert "1 skipped" in summary(run_cli(*args))
    age(source, 10)
    assert "1 written" in summary(run_cli(*args))  # the input is newer
    age(output, 20)
    assert "1 skipped" in summary(run_cli(*args))
    age(theme, 30)
    assert "1 written" in summary(run_cli(*args))  # the theme is newer


def test_other_options_are_not_skipped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli(str(SEED), "--to", "json", "-o", str(out))
    result = run_cli(str(SEED), "--to", "json", "-o", str(out), "--no-disclaimer")
    assert "1 written" in summary(result)
    assert '"disclaimer": null' in (out / "iran-and-al-qaeda.json").read_text("utf-8")


def test_only_the_stale_format_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli(str(SEED), "--to", "json", "-o", str(out))
    result = run_cli(str(SEED), "--to", "json,html", "-o", str(out))
    assert "1 written, 0 failed, 1 skipped" in summary(result)


def test_worker_processes_give_the_same_outputs(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    for index in range(5):
        text = SEED.read_text(encoding="utf-8").replace("إيران", f"إيران {index}", 1)
        (source / f"{index}.txt").write_text(text, encoding="utf-8")
    (source / "bad.txt").write_bytes(b"\xff\xfe\x00")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = run_cli(str(source), "--to", "json,html", "-o", str(out), "--jobs", jobs)
        assert result.returncode == 1
        assert "6 file(s), 2 format(s) (json, html): 10 written, 1 failed" in summary(result)
        outputs[jobs] = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert len(outputs["1"]) == 10
    assert outputs["1"] == outputs["2"]

"""Batches on a Dask cluster: a LocalCluster of two worker processes on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED, run_cli, seed_copies

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


@pytest.fixture(scope="module")
def cluster():
    # One retry when a worker dies, as the README tells cluster operators to set.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as local:
            with distributed.Client(local.scheduler_address) as client:
                yield local.scheduler_address, client


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in (SEED, FIXTURES / "mixed.txt", FIXTURES / "markup.txt"):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 4)
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def test_cluster_outputs_equal_a_local_run(cluster, corpus: Path, tmp_path: Path) -> None:
    address, _ = cluster
    remote = run_cli(str(corpus), "--to", "all", "-o", str(tmp_path / "remote"), "--scheduler", address,
                     env=EPOCH)
    local = run_cli(str(corpus), "--to", "all", "-o", str(tmp_path / "local"), "--jobs", "1", env=EPOCH)
    assert remote.returncode == local.returncode == 1
    assert len(outputs(tmp_path / "remote")) == 15
    assert outputs(tmp_path / "remote") == outputs(tmp_path / "local")
    errors = [line for line in remote.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {corpus / 'broken.txt'}: not a text file (binary or unknown encoding)"]
    assert "4 file(s), 5 format(s)" in remote.stderr and "15 written, 1 failed" in remote.stderr
    assert list((tmp_path / "remote").glob(".*.part")) == []


def test_skip_rules_apply_on_the_cluster(cluster, corpus: Path, tmp_path: Path) -> None:
    address, _ = cluster
    out = tmp_path / "out"
    run_cli(str(corpus / "mixed.txt"), "--to", "json", "-o", str(out), "--scheduler", address)
    again = run_cli(str(corpus / "mixed.txt"), "--to", "json", "-o", str(out), "--scheduler", address)
    assert "0 written, 0 failed, 1 skipped" in again.stderr


def test_jobs_is_ignored_with_a_note(cluster, corpus: Path, tmp_path: Path) -> None:
    address, _ = cluster
    result = run_cli(str(corpus / "mixed.txt"), "--to", "json", "-o", str(tmp_path), "--scheduler", address,
                     "--jobs", "7")
    assert result.returncode == 0
    assert "note: --jobs is ignored with --scheduler" in result.stderr


def test_killing_a_worker_mid_batch_still_finishes(cluster, tmp_path: Path) -> None:
    address, client = cluster
    folder = seed_copies(tmp_path / "many", 10)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(folder), "--to", "pdf", "-o", str(out), "--scheduler", address],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("*.pdf")):
        time.sleep(0.05)
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert len(list(out.glob("*.pdf"))) == 10
    assert all(path.read_bytes().rstrip().endswith(b"%%EOF") for path in out.glob("*.pdf"))


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli(str(SEED), "--to", "json", "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9",
                     "--scheduler-wait", "0.5")
    assert result.returncode == 2
    assert "cannot reach the scheduler" in result.stderr and "Traceback" not in result.stderr


def test_without_dask_the_error_names_the_extra(tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    (blocker / "distributed").mkdir(parents=True)
    (blocker / "distributed" / "__init__.py").write_text("raise ImportError('not installed')\n")
    result = run_cli(str(SEED), "--to", "json", "-o", str(tmp_path / "o"), "--scheduler", "tcp://x:1",
                     env={"PYTHONPATH": str(blocker)})
    assert result.returncode == 2
    assert "--scheduler needs Dask: pip install 'convert-arabic[cluster]'" in result.stderr


def test_the_catalogue_of_a_cluster_run_equals_a_local_one(cluster, corpus: Path, tmp_path: Path) -> None:
    """Cluster workers describe their articles for --catalog as local ones do."""
    address, _ = cluster
    remote = run_cli(str(corpus), "--to", "epub", "-o", str(tmp_path / "remote"), "--scheduler", address,
                     "--catalog", env=EPOCH)
    local = run_cli(str(corpus), "--to", "epub", "-o", str(tmp_path / "local"), "--jobs", "1", "--catalog",
                    env=EPOCH)
    assert remote.returncode == local.returncode == 1  # broken.txt
    made = outputs(tmp_path / "remote")
    assert made == outputs(tmp_path / "local")
    assert made["catalog.xml"].count(b"<entry") == 3 and {"index.html", "mixed.thumb.png"} <= set(made)


def test_word_files_convert_on_the_cluster_as_they_do_locally(cluster, tmp_path: Path) -> None:
    """A .docx is shipped as bytes like a text article (read by its content on
    the worker): the same outputs as a local run; a damaged one is one line."""
    address, _ = cluster
    folder = tmp_path / "corpus"
    folder.mkdir()
    made = run_cli(str(FIXTURES / "markup.txt"), "--to", "docx", "-o", str(tmp_path / "made"), env=EPOCH)
    assert made.returncode == 0
    word = (tmp_path / "made" / "markup.docx").read_bytes()
    (folder / "from-word.docx").write_bytes(word)
    (folder / "no-suffix-word").write_bytes(word)  # a Word file whatever it is called: given by itself
    (folder / "truncated.docx").write_bytes(word[: len(word) // 2])
    (folder / "mixed.txt").write_bytes((FIXTURES / "mixed.txt").read_bytes())
    remote = run_cli(str(folder), "--to", "json,docx", "-o", str(tmp_path / "remote"), "--scheduler", address,
                     env=EPOCH)
    local = run_cli(str(folder), "--to", "json,docx", "-o", str(tmp_path / "local"), "--jobs", "1", env=EPOCH)
    assert remote.returncode == local.returncode == 1
    produced = outputs(tmp_path / "remote")
    assert set(produced) == {"from-word.json", "from-word.docx", "mixed.json", "mixed.docx"}
    assert produced == outputs(tmp_path / "local")
    errors = [line for line in remote.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {folder / 'truncated.docx'}: ")
    assert errors == [line for line in local.stderr.splitlines() if line.startswith("error:")]
    alone = run_cli(str(folder / "no-suffix-word"), "--to", "json", "-o", str(tmp_path / "alone"),
                    "--scheduler", address, env=EPOCH)
    assert alone.returncode == 0
    assert (tmp_path / "alone" / "no-suffix-word.json").read_bytes() == produced["from-word.json"].replace(
        b"from-word.docx", b"no-suffix-word").replace(b"from-word", b"no-suffix-word")

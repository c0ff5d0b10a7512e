"""Room on CPython's frame stack (convert/frame_stack.py): a call at the end of
a frame-stack chunk no longer maps and unmaps memory each time, and nothing
the exports write changes.

The cost of a chunk is seen in minor page faults: a freshly mapped chunk
faults when its first page is written, so a call that maps one each time
faults each time; a call into room already there does not."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

import pytest
from conftest import MIXED, SEED, run_cli

from convert.errors import UsageError
from convert.frame_stack import SWITCH, report, state, with_room

CALLS = 2000
needs_the_room = pytest.mark.skipif(sys.version_info >= (3, 13),
                                    reason="this Python keeps a spare chunk itself (gh-142183)")


def _leaf() -> None:
    return None


def _faults_of_calls_at(depth: int) -> int:
    """Minor page faults of CALLS calls made `depth` frames below here."""
    if depth:
        return _faults_of_calls_at(depth - 1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(CALLS):
        _leaf()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def most_faults_at_any_depth() -> int:
    """The most faults CALLS calls make at depths 0..399 from here: one of
    those depths puts the calls across the end of a 16 kB chunk."""
    return max(_faults_of_calls_at(depth) for depth in range(400))


@needs_the_room
def test_without_room_a_call_across_a_chunk_end_maps_memory_each_time(monkeypatch) -> None:
    monkeypatch.setenv(SWITCH, "off")
    assert state() == "off"
    assert with_room(most_faults_at_any_depth) >= CALLS


@needs_the_room
def test_with_room_no_call_maps_memory(monkeypatch) -> None:
    monkeypatch.delenv(SWITCH, raising=False)
    assert state() == "on"
    assert with_room(most_faults_at_any_depth) < CALLS // 20


def test_with_room_returns_what_the_work_returns_and_raises_what_it_raises() -> None:
    assert with_room(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        with_room(lambda: 1 / 0)


@pytest.mark.parametrize("value", ["of", "1", "yes please"])
def test_a_switch_that_means_nothing_is_a_usage_error(monkeypatch, value: str) -> None:
    monkeypatch.setenv(SWITCH, value)
    with pytest.raises(UsageError, match=SWITCH):
        state()


def test_a_bad_switch_stops_the_run_before_any_work(tmp_path: Path) -> None:
    result = run_cli(str(SEED), "--to", "docx", "-o", str(tmp_path), env={SWITCH: "of"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"convert: error: {SWITCH}='of': use on or off"]
    assert not list(tmp_path.iterdir())


def test_version_prints_the_state() -> None:
    result = run_cli("--version", env={SWITCH: "off"})
    assert result.returncode == 0
    assert report().replace(": on ", ": off ").replace(": not needed ", ": off ") in result.stdout


def test_the_room_changes_no_byte_of_any_output(tmp_path: Path) -> None:
    outputs = {}
    for switch in ("on", "off"):
        out = tmp_path / switch
        result = run_cli(str(SEED), str(MIXED), "--to", "pdf,docx,epub", "-o", str(out), "-q",
                         "--jobs", "1", env={SWITCH: switch, "SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
        written = [path for path in sorted(out.iterdir()) if not path.name.startswith(".")]
        outputs[switch] = {path.name: path.read_bytes() for path in written}
    assert outputs["on"] == outputs["off"] and len(outputs["on"]) == 6

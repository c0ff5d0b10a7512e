"""JSON exporter: golden files of the model, stable bytes, schema version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MIXED, ROOT, SEED, run_cli

from convert.exporters.json import SCHEMA, document_json
from convert.model import document_texts
from convert.reading.reader import read_file

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(("source", "golden"), [(SEED, "iran-and-al-qaeda.json"), (MIXED, "mixed.json")])
def test_model_matches_golden(source: Path, golden: str) -> None:
    """The reader's model of a real article; review a diff here like code."""
    name = source.relative_to(ROOT).as_posix()
    produced = document_json(read_file(source, name).document)
    assert produced == (GOLDEN / golden).read_text(encoding="utf-8")


def test_json_holds_schema_and_every_paragraph() -> None:
    doc = read_file(SEED).document
    data = json.loads(document_json(doc))
    assert data["schema"] == SCHEMA
    assert list(data) == ["schema", "meta", "blocks"]
    texts = ["".join(i.get("open_mark", "") + i["text"] + i.get("close_mark", "") for i in b["inlines"])
             for b in data["blocks"]]
    assert texts == document_texts(doc)


def test_cli_json_output_is_stable_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert run_cli("seeds/", "--to", "json", "-o", str(out), "-q").returncode == 0
    name = "iran-and-al-qaeda.json"
    assert (first / name).read_bytes() == (second / name).read_bytes()

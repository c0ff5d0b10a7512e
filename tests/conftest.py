"""Shared test helpers: paths, options, and running conversions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convert.model import Document, document_texts
from convert.options import Options
from convert.reader import read_file
from convert.transforms import prepare

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "iran-and-al-qaeda.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MIXED = FIXTURES / "mixed.txt"


def load(path: Path, options: Options | None = None) -> Document:
    """The document exactly as exporters receive it (disclaimer applied)."""
    return prepare(read_file(path).document, options or Options())


def source_texts(doc: Document) -> list[str]:
    """What a reader should find, in order: title, byline, body, disclaimer."""
    meta = doc.meta
    texts = [meta.title]
    texts += [part for part in (meta.author, meta.date) if part]
    texts += document_texts(doc)
    if meta.disclaimer:
        texts.append(meta.disclaimer)
    return texts


def squash(text: str) -> str:
    """Text with all white space removed, to compare across line breaks."""
    return "".join(text.split())


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `python -m convert` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def export(fmt: str, source: Path, target: Path, options: Options | None = None) -> Path:
    """Convert one article to one format in-process; returns the output path."""
    from convert.exporters import get_exporter

    options = options or Options()
    get_exporter(fmt).export(load(source, options), target, options)
    return target


def seed_copies(folder: Path, count: int) -> Path:
    """folder holding count copies of the seed article (00.txt, 01.txt …)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"{index:02d}.txt").write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture
def options() -> Options:
    return Options()

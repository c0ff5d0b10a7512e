"""The EPUB cover and the catalogue's cover and thumbnail against a title's length.

    .venv/bin/python bench/cover.py [--sizes 1000 16000 200000] [--authors 5000]
                                    [--timeout 120] [--code DIR]

Each case is a title: words of two to nine Arabic letters (N letters in
all), or one word of N letters; a short title over --authors authors; one
letter under 10,000 stacked fathas, and under fatha and damma alternating
5,000 times. Two measures, each in a fresh process:

- convert: `convert SRC --to epub --catalog` (the EPUB draws the cover, the
  catalogue its cover and thumbnail), with the cover's size in pixels;
- drawing: the cover drawn from the whole title and byline
  (exporters/epub/cover.py's cover_png), without the display limits of
  text/shown.py: how the drawing itself grows with the text.

Printed: seconds, or "timeout". --code runs another checkout's `convert`
(say the main branch's, for the figures before a change).
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "سمعنلكبتحرق"
FATHA, DAMMA = "\u064e", "\u064f"
DRAW = """
import sys, time
from pathlib import Path
from convert.exporters.epub.cover import cover_png
from convert.exporters.epub.exporter import cover_style
from convert.theme import load_theme
title, author = (Path(name).read_text(encoding="utf-8") or None for name in sys.argv[1:3])
style = cover_style(load_theme())
started = time.perf_counter()
cover_png(title, author, style)
print(time.perf_counter() - started)
"""


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    authors: tuple[str, ...] = ()


def words_title(size: int) -> str:
    """size letters in words of two to nine letters."""
    words, used = [], 0
    while used < size:
        length = min(2 + len(words) % 8, size - used)
        words.append("".join(LETTERS[(used + n) % len(LETTERS)] for n in range(length)))
        used += length
    return " ".join(words)


def one_word_title(size: int) -> str:
    return "".join(LETTERS[n % len(LETTERS)] for n in range(size))


def write_case(folder: Path, case: Case) -> Path:
    """The article (front matter listing the authors), and beside it the
    title and byline as plain files for the drawing."""
    front = ""
    if case.authors:
        front = "---\nauthors:\n" + "".join(f"  - {name}\n" for name in case.authors) + "---\n"
    source = folder / f"{case.name}.txt"
    source.write_text(f"{front}{case.title}\n\nفقرة قصيرة تحت العنوان.\n", encoding="utf-8")
    (folder / f"{case.name}.title").write_text(case.title, encoding="utf-8")
    (folder / f"{case.name}.byline").write_text("، ".join(case.authors), encoding="utf-8")
    return source


def png_size(path: Path) -> str:
    if not path.exists():
        return "-"
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return f"{width}x{height}"


def timed(command: list[str], code: Path, timeout: float) -> tuple[str, str]:
    """Seconds the command took (or "timeout", or its exit status), and its output."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, cwd=code,
                              env={**os.environ, "PYTHONPATH": str(code)})
    except subprocess.TimeoutExpired:
        return "timeout", ""
    seconds = time.perf_counter() - started
    if done.returncode:
        return f"exit {done.returncode}", done.stderr.decode(errors="replace").strip().splitlines()[-1]
    return f"{seconds:.2f}", done.stdout.decode().strip()


def measure(case: Case, folder: Path, code: Path, timeout: float) -> str:
    source, out = write_case(folder, case), folder / case.name
    command = [sys.executable, "-m", "convert", str(source), "--to", "epub", "--catalog", "-o", str(out)]
    converted, message = timed(command, code, timeout)
    if converted.startswith("exit"):
        converted = f"{converted}: {message[:60]}"
    sizes = " ".join(png_size(out / f"{case.name}{suffix}") for suffix in (".cover.png", ".thumb.png"))
    drawn, seconds = timed([sys.executable, "-c", DRAW, str(source.with_suffix(".title")),
                            str(source.with_suffix(".byline"))], code, timeout)
    drawing = f"{float(seconds):.2f}" if seconds and not drawn.startswith("exit") else drawn
    return f"{case.name:20} {converted:>10} {drawing:>10}  {sizes}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 16_000, 200_000])
    parser.add_argument("--authors", type=int, default=5_000)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose convert runs")
    args = parser.parse_args()
    cases = [Case(f"words-{size}", words_title(size)) for size in args.sizes]
    cases += [Case(f"one-word-{size}", one_word_title(size)) for size in args.sizes]
    cases += [Case(f"authors-{args.authors}", "عنوان قصير",
                   tuple(f"كاتب {number}" for number in range(args.authors))),
              Case("fathas-10000", "ب" + FATHA * 10_000),
              Case("fatha-damma-5000", "ب" + (FATHA + DAMMA) * 5_000)]
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{'case':20} {'convert':>10} {'drawing':>10}  cover, thumbnail")
        for case in cases:
            print(measure(case, Path(scratch), args.code.resolve(), args.timeout), flush=True)


if __name__ == "__main__":
    main()

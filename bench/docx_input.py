"""Benchmark: Word files in (issue 31) beside the same articles as text.

    .venv/bin/python bench/docx_input.py [--articles 20] [--repeat 5] [--reads 20] [--formats pdf,docx,epub]

The corpus is bench/corpus.py's distinct articles (corpus_txt/), written as
DOCX by our own exporter (`convert corpus_txt/ --to docx`: corpus_docx/,
with the theme's embedded fonts, as an editor would get them back). Then,
in one run:

1. per article, in this process, the fastest of --reads: reading the text
   file, reading the DOCX, and writing that DOCX from the article's model
   (the exporter warm, as in a batch). Reading a DOCX must cost less than
   writing one.
2. `convert corpus_txt/ --to FORMATS` and `convert corpus_docx/ --to
   FORMATS`, a fresh process each, taking turns so that load on the
   machine hits both alike; the fastest of --repeat counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from corpus import describe, distinct_articles  # noqa: E402

from convert.exporters.docx.exporter import DocxExporter  # noqa: E402
from convert.options import Options  # noqa: E402
from convert.reading.reader import read_file  # noqa: E402
from convert.reading.transforms import prepare  # noqa: E402

ENVIRONMENT = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}


def convert(source: Path, formats: str, out: Path) -> float:
    """Seconds for one `convert` in a fresh process."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "convert", str(source), "--to", formats, "-o", str(out), "-q"],
                   check=True, env=ENVIRONMENT, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def fastest(action: Callable[[], object], repeat: int) -> float:
    """Milliseconds of the fastest of repeat calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def per_article(texts: list[Path], docx_folder: Path, scratch: Path, repeat: int) -> list[tuple[str, ...]]:
    """(name, words, read text ms, read DOCX ms, write DOCX ms) per article."""
    exporter, options = DocxExporter(), Options()
    rows = []
    for text in texts:
        word_file = docx_folder / text.with_suffix(".docx").name
        model = prepare(read_file(text).document, options)
        exporter.export(model, scratch, options)  # warm: the starting package is built once per batch
        read_text = fastest(lambda text=text: read_file(text), repeat)
        read_word = fastest(lambda word_file=word_file: read_file(word_file), repeat)
        write_word = fastest(lambda model=model: exporter.export(model, scratch, options), repeat)
        words = len(text.read_text(encoding="utf-8").split())
        rows.append((text.stem, words, read_text, read_word, write_word))
    return rows


def print_articles(rows: list[tuple]) -> None:
    print(f"{'article':<14} {'words':>6} {'read txt':>9} {'read docx':>10} {'write docx':>11} "
          f"{'read/write':>10}")
    for name, words, read_text, read_word, write_word in rows:
        print(f"{name:<14} {words:>6} {read_text:>9.2f} {read_word:>10.2f} {write_word:>11.2f} "
              f"{read_word / write_word:>10.2f}")
    totals = [sum(row[index] for row in rows) for index in (2, 3, 4)]
    print(f"{'all (ms)':<14} {sum(row[1] for row in rows):>6} {totals[0]:>9.1f} {totals[1]:>10.1f} "
          f"{totals[2]:>11.1f} {totals[1] / totals[2]:>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reads", type=int, default=20, help="in-process runs per article")
    parser.add_argument("--formats", default="pdf,docx,epub")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-docx-input-"))
    try:
        texts = distinct_articles(work / "corpus_txt", args.articles)
        convert(work / "corpus_txt", "docx", work / "corpus_docx")
        docx_bytes = sum(path.stat().st_size for path in (work / "corpus_docx").glob("*.docx"))
        print(f"{describe(texts)}; as DOCX {docx_bytes / 1e6:.1f} MB; fastest of {args.reads} (ms), "
              f"of {args.repeat} (convert)")
        print_articles(per_article(texts, work / "corpus_docx", work / "scratch.docx", args.reads))
        runs: dict[str, list[float]] = {"txt": [], "docx": []}
        for _ in range(args.repeat):  # taking turns
            for kind in runs:
                runs[kind].append(convert(work / f"corpus_{kind}", args.formats, work / "out"))
        text_seconds, word_seconds = min(runs["txt"]), min(runs["docx"])
        print(f"convert corpus_txt/  --to {args.formats}: {text_seconds:.2f} s")
        print(f"convert corpus_docx/ --to {args.formats}: {word_seconds:.2f} s "
              f"({word_seconds / text_seconds:.3f} × text)")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

"""Benchmark: convert against pandoc and against the bare WeasyPrint engine.

    .venv/bin/python bench/run.py [--articles 40] [--formats pdf,docx,epub] [--repeat 3]

Builds a deterministic corpus of N articles from seeds/ (paragraphs
reordered), then measures side by side, in one run, wall time and peak
memory of: `convert corpus/ --to FORMAT`; pandoc called once per file (the
usual way, PDF through --pdf-engine=weasyprint); and the engine floor,
WeasyPrint rendering our own HTML in one process with nothing around it,
stock and with our fixes to its own work (engine import, right-to-left
lines, PDF serialization). Every command runs in a
fresh process, several times taking turns with the others; the fastest run
of each counts. The figures are printed as tables.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "iran-and-al-qaeda.txt"
PYTHON = sys.executable
CHEAP_RUNS_FACTOR = 3
PANDOC_TARGETS = {"pdf": ".pdf", "docx": ".docx", "epub": ".epub"}


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    peak_mb: float


def run_measured(label: str, command: list[str], env: dict[str, str] | None = None) -> Measure:
    """Wall time and peak resident memory of one command in a fresh process.

    Peak memory is the largest ru_maxrss among the process and the children
    it waited for (worker processes included).
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise SystemExit(f"{label} failed ({process.returncode}): {stderr[-2000:]}")
    return Measure(label, seconds, usage.ru_maxrss / 1024)


def build_corpus(folder: Path, count: int, repeat: int = 1) -> list[Path]:
    """count articles from the seed, each with its paragraphs reordered."""
    text = SEED.read_text(encoding="utf-8")
    title, *paragraphs = [part for part in text.split("\n\n") if part.strip()]
    disclaimer = paragraphs.pop()  # the seed ends with its disclaimer
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        shuffled = paragraphs * repeat
        random.Random(index).shuffle(shuffled)
        body = "\n\n".join([f"{title} {index + 1}", *shuffled, disclaimer])
        path = folder / f"article-{index + 1:04d}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def measure_convert(corpus: Path, fmt: str, out: Path, jobs: int | None = None) -> Measure:
    command = [PYTHON, "-m", "convert", str(corpus), "--to", fmt, "-o", str(out), "--force", "-q"]
    if jobs:
        command += ["--jobs", str(jobs)]
    return run_measured(f"convert --to {fmt}", command)


def measure_pandoc(articles: list[Path], fmt: str, out: Path) -> Measure:
    """pandoc once per file, driven by a shell loop as people do it."""
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    out.mkdir(parents=True, exist_ok=True)
    extra = "--pdf-engine=weasyprint" if fmt == "pdf" else ""
    script = "\n".join(
        f'"{pandoc}" -f markdown -M lang=ar -M dir=rtl {extra} "{article}" '
        f'-o "{out / (article.stem + PANDOC_TARGETS[fmt])}"'
        for article in articles
    )
    # pandoc runs weasyprint as a command: put the venv's on PATH.
    env = {"PATH": f"{Path(PYTHON).parent}:{os.environ['PATH']}"}
    return run_measured(f"pandoc -> {fmt}", ["bash", "-c", f"set -e\n{script}"], env)


def measure_floor(corpus: Path, out: Path, engine_fixes: bool = False) -> Measure:
    label = "WeasyPrint floor with our engine fixes" if engine_fixes else "WeasyPrint floor"
    command = [PYTHON, str(ROOT / "bench" / "floor.py"), str(corpus), str(out)]
    return run_measured(label, command + (["--engine-fixes"] if engine_fixes else []))


def print_table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    print()


def best_of(repeat: int, *measurements: Callable[[], Measure]) -> list[Measure]:
    """Each measurement run repeat times, taking turns, keeping each one's
    fastest run: the machines are shared, and other work only ever adds time."""
    runs: list[list[Measure]] = [[] for _ in measurements]
    for _ in range(repeat):
        for index, measure in enumerate(measurements):
            runs[index].append(measure())
    return [min(found, key=lambda measure: measure.seconds) for found in runs]


def compare(corpus: Path, articles: list[Path], formats: list[str], work: Path, pandoc: bool,
            repeat: int) -> None:
    count = len(articles)
    rows = []
    for fmt in formats:
        # DOCX and EPUB runs take a second or two: a busy moment on the machine
        # outweighs them, and more runs cost little.
        runs = repeat if fmt == "pdf" else CHEAP_RUNS_FACTOR * repeat
        ours, *theirs = best_of(runs, lambda fmt=fmt: measure_convert(corpus, fmt, work / f"ours-{fmt}"),
                                *([lambda fmt=fmt: measure_pandoc(articles, fmt, work / f"pandoc-{fmt}")]
                                  if pandoc else []))
        rows.append(_row(ours, count, theirs[0] if theirs else None))
        rows.extend(_row(measure, count) for measure in theirs)
    if "pdf" in formats:
        # The floor is one process: compare it with one worker, like for like.
        # Against stock WeasyPrint, and against WeasyPrint with the fixes we
        # apply to its own work (what is left is our own overhead).
        single, floor, fixed_floor = best_of(
            repeat, lambda: measure_convert(corpus, "pdf", work / "ours-pdf-1", jobs=1),
            lambda: measure_floor(corpus, work / "floor"),
            lambda: measure_floor(corpus, work / "floor-fixed", engine_fixes=True))
        label = "convert --to pdf --jobs 1"
        rows.append(_row(Measure(label, single.seconds, single.peak_mb), count, floor=floor))
        rows.append(_row(floor, count))
        rows.append(_row(Measure(label, single.seconds, single.peak_mb), count, floor=fixed_floor))
        rows.append(_row(fixed_floor, count))
    print(f"## {count} articles, {os.cpu_count()} CPUs, fastest of {repeat} runs each "
          f"(DOCX and EPUB: of {CHEAP_RUNS_FACTOR * repeat})\n")
    print_table(rows, ["command", "seconds", "articles/s", "peak MB", "vs pandoc", "vs floor"])


def _row(measure: Measure, count: int, pandoc: Measure | None = None,
         floor: Measure | None = None) -> list[str]:
    return [
        measure.label,
        f"{measure.seconds:.2f}",
        f"{count / measure.seconds:.1f}",
        f"{measure.peak_mb:.0f}",
        f"{pandoc.seconds / measure.seconds:.1f}x faster" if pandoc else "",
        f"{measure.seconds / floor.seconds:.2f}x" if floor else "",
    ]


def scale(work: Path, formats: list[str]) -> None:
    """One long article at 1x, 5x and 20x the seed's length."""
    rows = []
    for factor in (1, 5, 20):
        corpus = work / f"long-{factor}"
        build_corpus(corpus, 1, repeat=factor)
        for fmt in formats:
            measure = measure_convert(corpus, fmt, work / f"long-out-{factor}", jobs=1)
            rows.append([f"{factor}x seed", fmt, f"{measure.seconds:.2f}", f"{measure.peak_mb:.0f}"])
    print("## One long article\n")
    print_table(rows, ["article", "format", "seconds", "peak MB"])


def books(work: Path, formats: list[str], sizes: tuple[int, ...] = (10, 50, 200)) -> None:
    """Book mode at growing sizes: seconds, seconds per (PDF) page, peak memory."""
    from pypdf import PdfReader

    rows = []
    for size in sizes:
        corpus = work / f"book-{size}"
        build_corpus(corpus, size)
        pages = 0
        for fmt in ["pdf", *[f for f in formats if f != "pdf"]]:
            out = work / f"book-out-{size}"
            measure = run_measured(f"book {size} {fmt}", [
                PYTHON, "-m", "convert", str(corpus), "--to", fmt, "--book", f"كتاب {size}",
                "--name", "book", "-o", str(out), "-q", "--jobs", "1"])
            if fmt == "pdf":
                pages = len(PdfReader(out / "book.pdf").pages)
            rows.append([str(size), fmt, str(pages), f"{measure.seconds:.1f}",
                         f"{measure.seconds / pages:.3f}", f"{measure.peak_mb:.0f}"])
    print("## Book mode (pages: the PDF's)\n")
    print_table(rows, ["articles", "format", "pages", "seconds", "s/page", "peak MB"])


def cluster(corpus: Path, work: Path) -> None:
    """A local Dask cluster of 2 workers against --jobs 2, PDF."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        remote = run_measured("convert --to pdf --scheduler (2 workers)", [
            PYTHON, "-m", "convert", str(corpus), "--to", "pdf", "-o", str(work / "cluster"), "--force",
            "-q", "--scheduler", local.scheduler_address])
    jobs = measure_convert(corpus, "pdf", work / "jobs2", jobs=2)
    count = len(list(corpus.glob("*.txt")))
    print("## Cluster\n")
    print_table([_row(remote, count), _row(jobs, count)],
                ["command", "seconds", "articles/s", "peak MB", "vs pandoc", "vs floor"])


def cold_start(work: Path) -> None:
    corpus = work / "single"
    build_corpus(corpus, 1)
    first = measure_convert(corpus, "docx", work / "single-out")
    print(f"single article --to docx from a cold start: {first.seconds:.2f} s wall\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--formats", default="pdf,docx,epub")
    parser.add_argument("--no-pandoc", action="store_true", help="skip the pandoc comparison")
    parser.add_argument("--no-scale", action="store_true", help="skip the long-article and book tables")
    parser.add_argument("--cluster", action="store_true", help="also compare a local Dask cluster")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each comparison command, taking turns; the fastest counts (default 3)")
    args = parser.parse_args()
    formats = args.formats.split(",")
    # Measure the package as installed, with its bytecode written (pip does
    # that; a first run does too, unless PYTHONDONTWRITEBYTECODE is set, when
    # every run would compile the package again).
    compileall.compile_dir(ROOT / "convert", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="convert-bench-"))
    try:
        corpus = work / "corpus"
        articles = build_corpus(corpus, args.articles)
        compare(corpus, articles, formats, work, pandoc=not args.no_pandoc, repeat=args.repeat)
        incremental = run_measured("convert again, nothing changed",
                                   [PYTHON, "-m", "convert", str(corpus), "--to", ",".join(formats),
                                    "-o", str(work / "inc"), "-q"])
        again = run_measured("second run", [PYTHON, "-m", "convert", str(corpus), "--to",
                                            ",".join(formats), "-o", str(work / "inc"), "-q"])
        print(f"incremental: first run {incremental.seconds:.2f} s, second run {again.seconds:.2f} s "
              f"({100 * again.seconds / incremental.seconds:.0f}% of the first)\n")
        cold_start(work)
        if args.cluster:
            cluster(corpus, work)
        if not args.no_scale:
            scale(work, formats)
            books(work, formats)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

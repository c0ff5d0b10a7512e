"""Benchmark: convert against pandoc and against the bare WeasyPrint engine, on distinct articles.

    .venv/bin/python bench/run.py [--articles 20] [--large 200] [--reruns 20,1000] [--repeat 3]

The corpus is bench/corpus.py's: distinct articles (300 to 5,000 words, no
two with the same set of characters, so no cache of one article serves the
next), as an archive holds them. For --articles and then --large articles it
measures side by side, in one run, wall time, peak memory and the size of
what is written, for: `convert corpus/ --to FORMAT`; pandoc called once per
file (the usual way, PDF through --pdf-engine=weasyprint); and, for the
first corpus, the engine floor, WeasyPrint rendering our own HTML in one
process with nothing around it, stock and with our fixes to its own work,
and the same with our fixes in one process a CPU (forked from a warm one, as
convert's workers are): the most `convert --to pdf` could gain on pandoc
with this engine, were our own work free.
Every command runs in a fresh process, several times taking turns with the
others; the fastest run of each counts. Then what a rerun costs when
nothing changed (every output skipped) at each of --reruns articles (the
largest reuses short articles, 300 words), and when one article changed.
The figures are printed as tables.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from corpus import describe, distinct_articles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "iran-and-al-qaeda.txt"
PYTHON = sys.executable
CHEAP_RUNS_FACTOR = 3
PANDOC_TARGETS = {"pdf": ".pdf", "docx": ".docx", "epub": ".epub"}
SHORT_WORDS = 300  # the articles of the largest rerun corpus


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    peak_mb: float
    out_mb: float | None = None  # what the command wrote


def run_measured(label: str, command: list[str], env: dict[str, str] | None = None,
                 out: Path | None = None) -> Measure:
    """Wall time and peak resident memory of one command in a fresh process
    (and the size of what it left in out).

    Peak memory is the largest ru_maxrss among the process and the children
    it waited for (worker processes included).
    """
    # Its messages go to a file: a pipe nobody reads while it runs fills up
    # (WeasyPrint's warnings, 200 articles' worth) and stops the command.
    with tempfile.TemporaryFile() as messages:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=messages,
                                   env={**os.environ, **(env or {})}, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0,):
            messages.seek(0)
            stderr = messages.read().decode(errors="replace")
            raise SystemExit(f"{label} failed ({process.returncode}): {stderr[-2000:]}")
    return Measure(label, seconds, usage.ru_maxrss / 1024, _megabytes(out) if out else None)


def _megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()
               and not path.name.startswith(".")) / 1e6


def build_corpus(folder: Path, count: int, repeat: int = 1) -> list[Path]:
    """count articles from the seed, each with its paragraphs reordered (the
    long-article and book tables: the seed made longer, or bound many times)."""
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


def convert_command(corpus: Path, fmt: str, out: Path, jobs: int | None = None,
                    force: bool = True) -> list[str]:
    command = [PYTHON, "-m", "convert", str(corpus), "--to", fmt, "-o", str(out), "-q"]
    return command + (["--force"] if force else []) + (["--jobs", str(jobs)] if jobs else [])


def measure_convert(corpus: Path, fmt: str, out: Path, jobs: int | None = None) -> Measure:
    label = f"convert --to {fmt}" + (f" --jobs {jobs}" if jobs else "")
    return run_measured(label, convert_command(corpus, fmt, out, jobs), out=out)


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
    return run_measured(f"pandoc -> {fmt}", ["bash", "-c", f"set -e\n{script}"], env, out=out)


def measure_floor(corpus: Path, out: Path, engine_fixes: bool = False, processes: int = 1) -> Measure:
    label = "WeasyPrint floor with our engine fixes" if engine_fixes else "WeasyPrint floor"
    label += f", {processes} processes" if processes > 1 else ""
    command = [PYTHON, str(ROOT / "bench" / "floor.py"), str(corpus), str(out), f"--processes={processes}"]
    return run_measured(label, command + (["--engine-fixes"] if engine_fixes else []), out=out)


def print_table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    print(flush=True)


def best_of(repeat: int, *measurements: Callable[[], Measure]) -> list[Measure]:
    """Each measurement run repeat times, taking turns, keeping each one's
    fastest run: the machines are shared, and other work only ever adds time."""
    runs: list[list[Measure]] = [[] for _ in measurements]
    for _ in range(repeat):
        for index, measure in enumerate(measurements):
            runs[index].append(measure())
    return [min(found, key=lambda measure: measure.seconds) for found in runs]


class OtherWork:
    """How much CPU the machine's other work took while we measured: it slows
    our two workers more than pandoc's one process, so the tables say it."""

    def __init__(self) -> None:
        self.started, self.busy, self.ours = time.perf_counter(), _busy_seconds(), _children_seconds()

    def report(self) -> str:
        wall = time.perf_counter() - self.started
        others = (_busy_seconds() - self.busy) - (_children_seconds() - self.ours)
        return f"other work took {max(others, 0) / wall:.0%} of one CPU meanwhile"


def _busy_seconds() -> float:
    """CPU seconds every process of the machine has used (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(field) for field in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _children_seconds() -> float:
    times = os.times()
    return times.children_user + times.children_system


def compare(corpus: Path, articles: list[Path], formats: list[str], work: Path, pandoc: bool,
            repeat: int, floor: bool) -> None:
    count = len(articles)
    busy = OtherWork()
    rows = []
    pandoc_pdf: Measure | None = None
    for fmt in formats:
        # DOCX and EPUB runs take a second or two: a busy moment on the machine
        # outweighs them, and more runs cost little.
        runs = repeat if fmt == "pdf" else CHEAP_RUNS_FACTOR * repeat
        ours, *theirs = best_of(runs, lambda fmt=fmt: measure_convert(corpus, fmt, work / f"ours-{fmt}"),
                                *([lambda fmt=fmt: measure_pandoc(articles, fmt, work / f"pandoc-{fmt}")]
                                  if pandoc else []))
        rows.append(_row(ours, count, theirs[0] if theirs else None))
        rows.extend(_row(measure, count) for measure in theirs)
        if fmt == "pdf" and theirs:
            pandoc_pdf = theirs[0]
    if floor and "pdf" in formats:
        # The floor is one process: compare it with one worker, like for like.
        # Against stock WeasyPrint, and against WeasyPrint with the fixes we
        # apply to its own work (what is left is our own overhead).
        single, stock, fixed = best_of(
            repeat, lambda: measure_convert(corpus, "pdf", work / "ours-pdf-1", jobs=1),
            lambda: measure_floor(corpus, work / "floor"),
            lambda: measure_floor(corpus, work / "floor-fixed", engine_fixes=True))
        rows.append(_row(single, count, floor=stock))
        rows.append(_row(stock, count))
        rows.append(_row(single, count, floor=fixed))
        rows.append(_row(fixed, count))
        # The same engine floor in as many processes as convert has workers:
        # the least `convert --to pdf` could take were our own work free, so
        # the most it could be ahead of pandoc with this engine.
        workers, parallel = best_of(
            repeat, lambda: measure_convert(corpus, "pdf", work / "ours-pdf"),
            lambda: measure_floor(corpus, work / "floor-parallel", engine_fixes=True,
                                  processes=os.cpu_count() or 1))
        rows.append(_row(workers, count, pandoc_pdf, floor=parallel))
        rows.append(_row(parallel, count, pandoc_pdf))
    print(f"## {describe(articles)}\n\n{os.cpu_count()} CPUs, fastest of {repeat} runs each "
          f"(DOCX and EPUB: of {CHEAP_RUNS_FACTOR * repeat}), taking turns; {busy.report()}\n")
    print_table(rows, ["command", "seconds", "articles/s", "peak MB", "out MB", "vs pandoc", "vs floor"])


def _row(measure: Measure, count: int, pandoc: Measure | None = None,
         floor: Measure | None = None) -> list[str]:
    return [
        measure.label,
        f"{measure.seconds:.2f}",
        f"{count / measure.seconds:.1f}",
        f"{measure.peak_mb:.0f}",
        f"{measure.out_mb:.1f}" if measure.out_mb is not None else "",
        f"{pandoc.seconds / measure.seconds:.1f}x faster" if pandoc else "",
        f"{measure.seconds / floor.seconds:.2f}x" if floor else "",
    ]


def reruns(corpus: Path, formats: list[str], out: Path, repeat: int) -> list[list[str]]:
    """A first run, the rerun with nothing changed (fastest of repeat), and
    the rerun after one article was edited."""
    count = len(list(corpus.glob("*.txt")))
    command = convert_command(corpus, ",".join(formats), out, force=False)
    first = run_measured("first run", command, out=out)
    again = best_of(repeat, lambda: run_measured("rerun", command))[0]
    edited = sorted(corpus.glob("*.txt"))[count // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة أضيفت بعد النشر.\n", encoding="utf-8")
    one = best_of(1, lambda: run_measured("one edited", command))[0]
    return [[str(count), ",".join(formats), f"{first.seconds:.2f}", f"{again.seconds:.3f}",
             f"{100 * again.seconds / first.seconds:.1f}%", f"{one.seconds:.2f}"]]


def print_reruns(rows: list[list[str]], repeat: int) -> None:
    print(f"## Reruns (nothing changed: fastest of {repeat}; the largest corpus: articles of "
          f"{SHORT_WORDS} words)\n")
    print_table(rows, ["articles", "formats", "first run s", "rerun s", "of first", "one article edited s"])


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
    print("## Book mode (copies of the seed; pages: the PDF's)\n")
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
                ["command", "seconds", "articles/s", "peak MB", "out MB", "vs pandoc", "vs floor"])


def cold_start(work: Path) -> None:
    corpus = work / "single"
    build_corpus(corpus, 1)
    first = measure_convert(corpus, "docx", work / "single-out")
    print(f"single article --to docx from a cold start: {first.seconds:.2f} s wall\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--large", type=int, default=200,
                        help="the same comparison at this many articles (0: skip; default 200)")
    parser.add_argument("--reruns", default="20,1000",
                        help="rerun costs at these corpus sizes (default 20,1000; empty: skip)")
    parser.add_argument("--formats", default="pdf,docx,epub")
    parser.add_argument("--no-pandoc", action="store_true", help="skip the pandoc comparison")
    parser.add_argument("--no-floor", action="store_true", help="skip the WeasyPrint floor rows")
    parser.add_argument("--scale", action="store_true", help="also the long-article and book tables")
    parser.add_argument("--cluster", action="store_true", help="also compare a local Dask cluster")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each comparison command, taking turns; the fastest counts (default 3)")
    args = parser.parse_args()
    formats = args.formats.split(",")
    print(f"# {date.today()}, {platform.node() or 'this machine'}: {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}\n", flush=True)
    # Measure the package as installed, with its bytecode written (pip does
    # that; a first run does too, unless PYTHONDONTWRITEBYTECODE is set, when
    # every run would compile the package again).
    compileall.compile_dir(ROOT / "convert", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="convert-bench-"))
    try:
        corpus = work / "corpus"
        articles = distinct_articles(corpus, args.articles)
        compare(corpus, articles, formats, work, pandoc=not args.no_pandoc, repeat=args.repeat,
                floor=not args.no_floor)
        if args.large:
            large = work / "corpus-large"
            compare(large, distinct_articles(large, args.large), formats, work / "large",
                    pandoc=not args.no_pandoc, repeat=args.repeat, floor=False)
        rows = []
        for size in [int(part) for part in args.reruns.split(",") if part.strip()]:
            folder = work / f"rerun-{size}"
            longest = SHORT_WORDS if size > args.articles else 5000
            distinct_articles(folder, size, max_words=max(longest, SHORT_WORDS),
                              min_words=SHORT_WORDS)
            rows += reruns(folder, formats, work / f"rerun-out-{size}", args.repeat)
        if rows:
            print_reruns(rows, args.repeat)
        cold_start(work)
        if args.cluster:
            cluster(corpus, work)
        if args.scale:
            scale(work, formats)
            books(work, formats)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

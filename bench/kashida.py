"""Kashida against word spaces alone: how even the justified lines are, and what it costs.

    .venv/bin/python bench/kashida.py [--articles 20] [--repeat 3]

Converts a corpus of distinct articles (bench/corpus.py) to PDF with the
theme's kashida on and off, taking turns, the fastest of --repeat runs each,
and prints the time of each and their ratio, then the word spaces of every
justified line of the PDFs (median, 95th percentile and maximum, in em of
the body size): from the glyph before each space to the glyph after it, on
lines that reach both margins (a paragraph's last line does not); then the
elongations the kashida PDFs draw (tests/elongations.py): the most in one
line, how many lines have more than four, and how many words have more than
one place.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import distinct_articles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' reading of the PDFs
from elongations import read_lines  # noqa: E402
from word_spaces import justified_spaces, summary  # noqa: E402

from convert.theme import load_theme  # noqa: E402


def convert(corpus: Path, out: Path, theme: Path | None) -> float:
    style = ["--style", str(theme)] if theme else []
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "convert", str(corpus), "--to", "pdf", "-o", str(out), "-q",
                    "--force", *style], cwd=ROOT, check=True)
    return time.perf_counter() - started


def described(spaces: list[float]) -> str:
    median, p95, largest = summary(spaces)
    return (f"median {median:.3f} em, 95th percentile {p95:.3f} em, max {largest:.3f} em "
            f"({len(spaces)} spaces)")


def elongations(pdfs: list[Path]) -> str:
    size = load_theme().fonts.size_pt
    lines = [line for pdf in pdfs for line in read_lines(pdf, size)]
    per_line = [line.elongations for line in lines]
    twice = sum(len(word.elongations(size)) > 1 for line in lines for word in line.words)
    return (f"{sum(per_line)} in {len(lines)} lines, at most {max(per_line, default=0)} a line, "
            f"{sum(count > 4 for count in per_line)} lines with more than 4, "
            f"{twice} words elongated at more than one place")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kashida-bench-") as work:
        folder = Path(work)
        distinct_articles(folder / "corpus", arguments.articles)
        spaces_only = folder / "spaces-only.toml"
        spaces_only.write_text("[text]\nkashida = false\n", encoding="utf-8")
        runs = {"kashida": None, "spaces only": spaces_only}
        times: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(arguments.repeat):
            for label, theme in runs.items():
                times[label].append(convert(folder / "corpus", folder / label, theme))
        best = {label: min(values) for label, values in times.items()}
        print(f"{arguments.articles} distinct articles to PDF, fastest of {arguments.repeat}:")
        for label, seconds in best.items():
            print(f"  {label:<12} {seconds:6.2f} s")
        print(f"  kashida / spaces only: {best['kashida'] / best['spaces only']:.3f}")
        print("word spaces of justified lines:")
        for label in runs:
            spaces = [gap for pdf in sorted((folder / label).glob("*.pdf")) for gap in justified_spaces(pdf)]
            print(f"  {label:<12} {described(spaces)}")
        print(f"elongations drawn: {elongations(sorted((folder / 'kashida').glob('*.pdf')))}")


if __name__ == "__main__":
    main()

"""Benchmark: what rich articles (issue 29: strong, emphasis, links, notes) cost.

    .venv/bin/python bench/markup.py BASE_TREE [--articles 12] [--repeat 3] [--formats pdf,docx]
        [--no-addresses] [--instructions]

BASE_TREE: a checkout of the code before the change (e.g. `git worktree add
/tmp/base c587912~1`). Two corpora of distinct articles (bench/corpus.py):
the plain one, as today's archive holds it, and the same articles marked up
the way writers do it (a strong phrase and an emphasised one, a link, two
Markdown footnotes and a writer's (1) marker with a closing الهوامش list per
article, each placed by the article's own random numbers). For each format,
in one run, taking turns: `convert plain/ --to FORMAT` with BASE_TREE's code
and with this tree's, and `convert marked/` with this tree's; a fresh process
each time, the fastest of --repeat runs counts. Prints seconds and ratios:
plain now / plain before (should stay within 1.05), marked / plain (what the
markup costs).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import distinct_articles  # noqa: E402

DISCLAIMER_START = "تنويه:"
_ADDRESS = re.compile(r"\S*(?:://|@)\S*")
_COLLECTED = re.compile(r"Collected : ([\d,]+)")


def marked_up(text: str, rng: random.Random) -> str:
    """text with the markup writers use, at places rng picks in its paragraphs."""
    head, _, rest = text.partition("\n\n")
    paragraphs = rest.split("\n\n")
    body = [index for index, paragraph in enumerate(paragraphs)
            if not paragraph.startswith(("#", ">", "-", "*", "•", DISCLAIMER_START, "---", "بقلم"))
            and not re.match(r"^[0-9٠-٩۰-۹]", paragraph) and len(paragraph.split()) > 8]
    kinds = ["strong", "em", "link", "note", "note", "typed"]
    for mark, (index, kind) in enumerate(zip(rng.sample(body, min(len(body), 6)), kinds, strict=False)):
        words = paragraphs[index].split(" ")
        at = rng.randrange(1, len(words) - 3)
        if kind == "strong":
            words[at] = f"**{words[at]} {words[at + 1]}**"
            del words[at + 1]
        elif kind == "em":
            words[at] = f"*{words[at]}*"
        elif kind == "link":
            words[at] = f"[{words[at]}](https://example.org/{mark})"
        elif kind == "note":
            words[at] += f"[^n{mark}]"
            paragraphs.append(f"[^n{mark}]: حاشية رقم {mark} عن {' '.join(words[at + 1 : at + 6])}.")
        else:
            words[at] += "(1)"
        paragraphs[index] = " ".join(words)
    closing = [p for p in paragraphs if p.startswith(DISCLAIMER_START)]
    paragraphs = [p for p in paragraphs if not p.startswith(DISCLAIMER_START)]
    if any("(1)" in paragraph for paragraph in paragraphs):
        paragraphs.append("الهوامش\n(1) مقابلة مع الكاتب، 12 مارس 2024، https://example.org/interview")
    return "\n\n".join([head, *paragraphs, *closing]) + "\n"


def timed(tree: Path, source: Path, fmt: str, out: Path, instructions: bool = False) -> float:
    """Seconds of one run; with instructions, the instructions it executed
    under callgrind instead (one process, -j 1: the same count every time,
    however busy the machine is)."""
    shutil.rmtree(out, ignore_errors=True)
    environment = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": "1700000000",
                   "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "convert", str(source), "--to", fmt, "-o", str(out)]
    if instructions:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command, "-j", "1"]
    start = time.perf_counter()
    done = subprocess.run(command, check=True, env=environment, capture_output=True, cwd=tree, text=True)
    if instructions:
        return float(_COLLECTED.search(done.stderr).group(1).replace(",", ""))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default="pdf,docx,epub,html,json")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions under valgrind's callgrind instead of timing (deterministic "
                             "on a shared, noisy machine; one run each, -j 1; needs valgrind)")
    parser.add_argument("--no-addresses", action="store_true",
                        help="take the web and e-mail addresses out of the plain corpus (they are links now)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-markup-"))
    plain = distinct_articles(work / "plain", args.articles, 300, 2000)
    if args.no_addresses:  # articles with none of issue 29's markup at all
        for path in plain:
            path.write_text(_ADDRESS.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
    (work / "marked").mkdir()
    for number, path in enumerate(plain):
        marked = marked_up(path.read_text(encoding="utf-8"), random.Random(number))
        (work / "marked" / path.name).write_text(marked, encoding="utf-8")
    if args.instructions:
        args.repeat = 1
        print(f"{len(plain)} distinct articles, instructions (millions) under callgrind, -j 1")
    else:
        print(f"{len(plain)} distinct articles, {args.repeat} runs each, fastest counts")
    print(f"{'format':<6} {'plain before':>12} {'plain now':>10} {'now/before':>10} {'marked':>8} "
          f"{'marked/plain':>12}")
    for fmt in args.formats.split(","):
        runs = {"before": [], "now": [], "marked": []}
        for _ in range(args.repeat):  # taking turns, so that load on the machine hits all alike
            for key, tree, corpus in (("before", args.base.resolve(), "plain"), ("now", ROOT, "plain"),
                                      ("marked", ROOT, "marked")):
                runs[key].append(timed(tree, work / corpus, fmt, work / "out", args.instructions))
        before, now, marked = (min(runs[key]) / (1e6 if args.instructions else 1)
                               for key in ("before", "now", "marked"))
        print(f"{fmt:<6} {before:>12.2f} {now:>10.2f} {now / before:>10.3f} {marked:>8.2f} "
              f"{marked / now:>12.3f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()

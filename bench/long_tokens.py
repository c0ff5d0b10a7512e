"""The PDF of an article holding one long token, against the seed's, side by side.

    .venv/bin/python bench/long_tokens.py [--sizes 10000 50000 100000] [--repeat 1]

Each article is a short paragraph, a token of N letters (a Latin word, an
Arabic word of joining letters, and alternating Arabic and Latin chunks of
three letters), then another paragraph; each is converted to PDF by
`convert` in a fresh process (bench/run.py's run_measured), taking turns
with the seed, fastest of --repeat. Printed: seconds and peak memory for
the seed and for each token, and each token's time as a multiple of the
seed's. Layout time grows with a token's length: each line lays out one
box of at most 120 characters (convert/exporters/pdf/long_tokens.py), where
WeasyPrint alone laid out the rest of the token for each line.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from run import SEED, Measure, convert_command, run_measured

KINDS = {
    "Latin": lambda size: "q" * size,
    "Arabic": lambda size: "".join("سمعنلكب"[n % 7] for n in range(size)),
    "mixed": lambda size: "".join("ضظغ" if n % 2 else "QJZ" for n in range(size // 3)),
}


def token_article(folder: Path, kind: str, size: int) -> Path:
    source = folder / f"{kind}-{size}.txt"
    token = KINDS[kind](size)
    source.write_text(f"رمز طويل\n\nفقرة قبل الرمز.\n\nنص قبل {token} نص بعد.\n\nفقرة بعده.\n",
                      encoding="utf-8")
    return source


def fastest(source: Path, out: Path, repeat: int) -> Measure:
    runs = [run_measured(source.stem, convert_command(source, "pdf", out)) for _ in range(repeat)]
    return min(runs, key=lambda measure: measure.seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print(f"{'article':24} {'seconds':>8} {'peak MB':>8} {'x seed':>7}")
        for kind in args.kinds:
            for size in args.sizes:
                seed = fastest(SEED, folder / "seed", args.repeat)  # beside each token: the machine is shared
                token = fastest(token_article(folder, kind, size), folder / "out", args.repeat)
                print(f"{'seed':24} {seed.seconds:8.2f} {seed.peak_mb:8.0f}")
                print(f"{kind + ' ' + format(size, ','):24} {token.seconds:8.2f} {token.peak_mb:8.0f} "
                      f"{token.seconds / seed.seconds:7.1f}")


if __name__ == "__main__":
    main()

"""Print a SHA-256 digest of every output convert writes for a fixed set of
inputs, so a refactoring can be shown to change no byte (or to say which
outputs it changes).

    .venv/bin/python scripts/output_digests.py > before.txt
    ... change the code ...
    .venv/bin/python scripts/output_digests.py | diff before.txt -

Inputs: seeds/, every article under tests/fixtures/, the hostile corpus of
the tests; in every format, as single articles, as a book, with PDF/UA-1 and
PDF/A-3u, two-sided with bleed and crop marks, and for print: PDF/X-4 with
bleed and crop marks, PDF/X-1a. SOURCE_DATE_EPOCH is set, so
the same code gives the same bytes. Extra arguments are passed to convert
(e.g. -j 1).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = {
    "articles": ["seeds", "tests/fixtures", "--to", "all"],
    "pdf-ua": ["seeds", "--to", "pdf", "--pdf-variant", "pdf/ua-1"],
    "pdf-a": ["seeds", "--to", "pdf", "--pdf-variant", "pdf/a-3u"],
    "pdf-x4": ["seeds", "--to", "pdf", "--pdf-variant", "pdf/x-4", "--bleed", "3mm", "--crop-marks"],
    "pdf-x1a": ["seeds", "--to", "pdf", "--pdf-variant", "pdf/x-1a"],
    "duplex": ["seeds", "--to", "pdf,docx", "--duplex", "--bleed", "3mm", "--crop-marks",
               "--page-size", "A5"],
    "book": ["tests/fixtures/book", "seeds", "--to", "pdf,docx,epub",
             "--book", "كتاب المقالات 2024", "--book-author", "هيئة التحرير"],
}


def hostile_corpus(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile_corpus import write_corpus

    write_corpus(folder)
    return folder


def main(extra: list[str]) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    # A fixed folder: the JSON model records where each article was read from.
    work = Path("/tmp/convert-output-digests")
    shutil.rmtree(work, ignore_errors=True)
    try:
        runs = dict(RUNS)
        runs["hostile"] = [str(hostile_corpus(work / "hostile")), "--to", "all"]
        for label, args in runs.items():
            out = work / "out" / label
            command = [sys.executable, "-m", "convert", *args, "-o", str(out), "-q", *extra]
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
            for path in sorted(out.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
                    print(f"{digest}  {label}/{path.relative_to(out)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])

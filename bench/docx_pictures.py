"""Benchmark: an article of N pictures written as DOCX (issue 31, the
10,000-picture Word file read and written back).

    .venv/bin/python bench/docx_pictures.py [--sizes 100,1000,10000] [--kinds same,distinct]

Each size is timed twice: every picture the same bytes (the hostile corpus's
file: one image part, N drawings) and every picture different (N image
parts). The article is built in the model, as the reader gives it, so only
the exporter is timed; the exporter is warmed first, as in a batch. A
linear writer takes ten times as long for ten times the pictures: the last
column (milliseconds per picture) stays flat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from PIL import Image as PillowImage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from convert.exporters.docx.exporter import DocxExporter  # noqa: E402
from convert.model import Document, Figure, Image, Meta, Paragraph, Text  # noqa: E402
from convert.options import Options  # noqa: E402


def png(index: int) -> bytes:
    """A 4x3 picture whose colour encodes index: distinct bytes for each index below 2**24."""
    out = BytesIO()
    PillowImage.new("RGB", (4, 3), (index & 255, (index >> 8) & 255, (index >> 16) & 255)).save(out, "PNG")
    return out.getvalue()


def article(count: int, distinct: bool) -> Document:
    same = png(0)
    figures = tuple(Figure(Image(f"p{n}.png", png(n) if distinct else same, "image/png", 4, 3), f"صورة {n}")
                    for n in range(count))
    return Document(Meta("مقال بالصور"), (Paragraph((Text("فقرة أولى."),)), *figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--kinds", default="same,distinct")
    args = parser.parse_args()
    exporter, options = DocxExporter(), Options()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.docx"
        exporter.export(article(1, False), target, options)  # warm: the starting package built once
        print(f"{'pictures':>9} {'kind':>9} {'seconds':>9} {'ms/picture':>11} {'bytes':>11}")
        for kind in args.kinds.split(","):
            for size in (int(value) for value in args.sizes.split(",")):
                doc = article(size, kind == "distinct")
                start = time.perf_counter()
                exporter.export(doc, target, options)
                seconds = time.perf_counter() - start
                print(f"{size:>9,} {kind:>9} {seconds:>9.2f} {seconds * 1000 / size:>11.2f} "
                      f"{target.stat().st_size:>11,}", flush=True)


if __name__ == "__main__":
    main()

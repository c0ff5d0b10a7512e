"""Benchmark: an article of N links written as DOCX (issue 31: a Word file
with tens of thousands of links read and written back).

    .venv/bin/python bench/docx_links.py [--sizes 100,1000,10000,30000] [--where body,notes]

body: N links to N different addresses, ten to a paragraph, beside a
picture every hundred links (pictures and links share the document part's
relationship ids). notes: a hundred footnotes holding the N links between
them (footnotes.xml has its own relationships). Every address is distinct,
so each link adds a relationship: the case where a search among the
relationships before it, or a scan for a free id from rId1, costs most.
The article is built in the model, as the reader gives it, so only the
exporter is timed; the exporter is warmed first, as in a batch. A linear
writer takes ten times as long for ten times the links: the last column
(microseconds per link) stays flat.
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
from convert.model import Document, Figure, Image, Inline, Link, Meta, Note, NoteRef, Paragraph, Text  # noqa: E402
from convert.options import Options  # noqa: E402

NOTES = 100


def png(index: int) -> bytes:
    out = BytesIO()
    PillowImage.new("RGB", (4, 3), (index & 255, (index >> 8) & 255, 7)).save(out, "PNG")
    return out.getvalue()


def links(start: int, count: int) -> tuple[Inline, ...]:
    inlines: list[Inline] = []
    for index in range(start, start + count):
        inlines += [Link(f"https://example.org/مقال/{index}", (Text(f"رابط {index}"),)), Text(" و ")]
    return tuple(inlines)


def in_body(count: int) -> Document:
    blocks: list = []
    for start in range(0, count, 10):
        blocks.append(Paragraph(links(start, min(10, count - start))))
        if start % 100 == 0:
            picture = Image(f"p{start}.png", png(start // 100), "image/png", 4, 3)
            blocks.append(Figure(picture, f"صورة {start}"))
    return Document(Meta("مقال كثير الروابط"), tuple(blocks))


def in_notes(count: int) -> Document:
    per_note = max(1, count // NOTES)
    notes = tuple(Note(n + 1, (links(n * per_note, per_note),)) for n in range(min(NOTES, count)))
    calls = tuple(inline for note in notes for inline in (Text("فقرة"), NoteRef(note.number)))
    return Document(Meta("حواش كثيرة الروابط"), (Paragraph(calls),), notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,30000")
    parser.add_argument("--where", default="body,notes")
    args = parser.parse_args()
    exporter, options = DocxExporter(), Options()
    builders = {"body": in_body, "notes": in_notes}
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.docx"
        exporter.export(in_body(1), target, options)  # warm: the starting package built once
        print(f"{'links':>9} {'where':>6} {'seconds':>9} {'µs/link':>9} {'bytes':>11}")
        for where in args.where.split(","):
            for size in (int(value) for value in args.sizes.split(",")):
                doc = builders[where](size)
                start = time.perf_counter()
                exporter.export(doc, target, options)
                seconds = time.perf_counter() - start
                print(f"{size:>9,} {where:>6} {seconds:>9.2f} {seconds * 1e6 / size:>9.0f} "
                      f"{target.stat().st_size:>11,}", flush=True)


if __name__ == "__main__":
    main()

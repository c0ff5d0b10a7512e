"""The engine floor: WeasyPrint alone rendering our HTML for a corpus.

    python bench/floor.py CORPUS OUT

The exact markup the PDF exporter hands WeasyPrint is built first, for every
article; then one process lays out and writes each, with the same parsed
stylesheet, font configuration and write options: WeasyPrint's own work and
nothing else (CONVERT_ENGINE_FIXES=off).

    python bench/floor.py CORPUS OUT --engine-fixes

is the same engine with our fixes to WeasyPrint's own work
(convert/exporters/pdf/engine_fixes/): the fast import, each right-to-left
line laid out once, C arrays made without a parser run, each PDF object
serialized once. The glyph-to-text fix (tounicode) stays off: it is work we
add, so it counts as our overhead. That is the floor our own overhead is
measured against.

    python bench/floor.py CORPUS OUT --engine-fixes --processes=2

lays the articles out in two processes forked from the warm one, as
convert's workers are: the least a two-worker `convert --to pdf` could take
with this engine, were our own work free.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

ENGINE_FIXES = "--engine-fixes" in sys.argv[3:]
if ENGINE_FIXES:
    # Our speed fixes, as the exporter has them (the ToUnicode fix is ours to
    # make the text copy right, not WeasyPrint's work: it stays off here, and
    # with it the kashida and copy-text fixes that need it, our work too).
    os.environ["CONVERT_ENGINE_FIXES"] = "off:tounicode"
    import convert.exporters.pdf.engine  # noqa: F401  (before anything imports WeasyPrint)
else:
    os.environ["CONVERT_ENGINE_FIXES"] = "off"

from weasyprint import HTML  # noqa: E402

from convert.exporters.pdf.bidi import split_direction_runs  # noqa: E402
from convert.exporters.pdf.engine_fixes import install_engine_fixes, pdf_finisher  # noqa: E402
from convert.exporters.pdf.exporter import BASE_URL, _build_resources  # noqa: E402
from convert.exporters.pdf.metadata import write_options  # noqa: E402
from convert.frame_stack import with_room  # noqa: E402
from convert.html import PageOptions, render_page  # noqa: E402
from convert.options import Options  # noqa: E402
from convert.reading.reader import read_file  # noqa: E402
from convert.reading.transforms import prepare  # noqa: E402


def main(corpus: Path, out: Path, processes: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    options = Options()
    pages = {
        path.stem: split_direction_runs(
            render_page(prepare(read_file(path).document, options), PageOptions(paged=True)))
        for path in sorted(corpus.rglob("*.txt"))
    }
    _engine.update(resources=_build_resources(options), pdf_options=write_options(options))
    install_engine_fixes()
    _engine["finisher"] = pdf_finisher()
    tasks = [(page, out / f"{stem}.pdf") for stem, page in pages.items()]
    if processes == 1:
        for task in tasks:
            write_one(task)
        return
    # As convert's workers: forked from this warm process, one article a task
    # handed to whichever is free.
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for _ in pool.imap_unordered(write_one, tasks):
            pass


_engine: dict = {}  # what every article shares: resources, write options, finisher


def write_one(task: tuple[str, Path]) -> None:
    """One article's PDF, with the room on the frame stack every export has
    (frame_stack.py): where WeasyPrint's calls fall against CPython's stack
    chunks is not the engine's work, so the floor does not pay for it either."""
    page, target = task
    resources, pdf_options = _engine["resources"], _engine["pdf_options"]

    def write() -> None:
        document = HTML(string=page, base_url=BASE_URL, url_fetcher=resources.fetcher).render(
            font_config=resources.font_config, stylesheets=[resources.stylesheet], **pdf_options)
        document.write_pdf(target, finisher=_engine["finisher"], **pdf_options)

    with_room(write)


def processes_wanted(arguments: list[str]) -> int:
    for argument in arguments:
        if argument.startswith("--processes="):
            return int(argument.split("=", 1)[1])
    return 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), processes_wanted(sys.argv[3:]))

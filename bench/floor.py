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
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENGINE_FIXES = "--engine-fixes" in sys.argv[3:]
if ENGINE_FIXES:
    # Our speed fixes, as the exporter has them (the ToUnicode fix is ours to
    # make the text copy right, not WeasyPrint's work: it stays off here).
    os.environ["CONVERT_ENGINE_FIXES"] = "off:tounicode"
    import convert.exporters.pdf.engine  # noqa: F401  (before anything imports WeasyPrint)
else:
    os.environ["CONVERT_ENGINE_FIXES"] = "off"

from weasyprint import HTML  # noqa: E402

from convert.exporters.pdf.bidi import split_direction_runs  # noqa: E402
from convert.exporters.pdf.engine_fixes import install_engine_fixes, pdf_finisher  # noqa: E402
from convert.exporters.pdf.exporter import BASE_URL, _build_resources  # noqa: E402
from convert.exporters.pdf.metadata import write_options  # noqa: E402
from convert.html import PageOptions, render_page  # noqa: E402
from convert.options import Options  # noqa: E402
from convert.reading.reader import read_file  # noqa: E402
from convert.reading.transforms import prepare  # noqa: E402


def main(corpus: Path, out: Path, engine_fixes: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    options = Options()
    pages = {
        path.stem: split_direction_runs(
            render_page(prepare(read_file(path).document, options), PageOptions(paged=True)))
        for path in sorted(corpus.rglob("*.txt"))
    }
    resources = _build_resources(options)
    pdf_options = write_options(options)
    install_engine_fixes()
    finisher = pdf_finisher()
    for stem, page in pages.items():
        document = HTML(string=page, base_url=BASE_URL, url_fetcher=resources.fetcher).render(
            font_config=resources.font_config, stylesheets=[resources.stylesheet], **pdf_options)
        document.write_pdf(out / f"{stem}.pdf", finisher=finisher, **pdf_options)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), ENGINE_FIXES)

"""The engine floor: WeasyPrint alone rendering our HTML for a corpus.

    python bench/floor.py CORPUS OUT

The exact markup the PDF exporter hands WeasyPrint is built first, for every
article; then one process lays out and writes each, with the same parsed
stylesheet, font configuration and write options: WeasyPrint's own work and
nothing else. The exporter's glyph-to-text fix (pdf_tounicode, installed
when a PdfExporter is made) is left out, so it counts as our overhead.

    python bench/floor.py CORPUS OUT --single-rtl-layout

is the same engine with our fix for WeasyPrint laying out every right-to-left
line twice (pdf_rtl_lines): the floor our own overhead is measured against.
"""

from __future__ import annotations

import sys
from pathlib import Path

from weasyprint import HTML

from convert.exporters.pdf import BASE_URL, _build_resources
from convert.exporters.pdf_bidi import split_direction_runs
from convert.exporters.pdf_metadata import write_options
from convert.html import PageOptions, render_page
from convert.options import Options
from convert.reader import read_file
from convert.transforms import prepare


def main(corpus: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    options = Options()
    pages = {
        path.stem: split_direction_runs(
            render_page(prepare(read_file(path).document, options), PageOptions(paged=True)))
        for path in sorted(corpus.rglob("*.txt"))
    }
    resources = _build_resources(options)
    pdf_options = write_options(options)
    for stem, page in pages.items():
        document = HTML(string=page, base_url=BASE_URL, url_fetcher=resources.fetcher).render(
            font_config=resources.font_config, stylesheets=[resources.stylesheet], **pdf_options)
        document.write_pdf(out / f"{stem}.pdf", **pdf_options)


if __name__ == "__main__":
    if "--single-rtl-layout" in sys.argv[3:]:
        from convert.exporters.pdf_rtl_lines import install

        install()
    main(Path(sys.argv[1]), Path(sys.argv[2]))

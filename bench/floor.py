"""The engine floor: WeasyPrint alone rendering our HTML for a corpus.

    python bench/floor.py CORPUS OUT

The pages are built first; then one process renders each with the parsed
print stylesheet and font configuration, and writes the PDF: nothing else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from weasyprint import HTML

from convert.exporters.pdf import BASE_URL, PdfExporter
from convert.html import PageOptions, render_page
from convert.options import Options
from convert.reader import read_file
from convert.transforms import prepare


def main(corpus: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    options = Options()
    pages = {
        path.stem: render_page(prepare(read_file(path).document, options), PageOptions(paged=True))
        for path in sorted(corpus.rglob("*.txt"))
    }
    resources = PdfExporter().resources_for(options)
    for stem, page in pages.items():
        document = HTML(string=page, base_url=BASE_URL, url_fetcher=resources.fetcher).render(
            font_config=resources.font_config, stylesheets=[resources.stylesheet])
        document.write_pdf(out / f"{stem}.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

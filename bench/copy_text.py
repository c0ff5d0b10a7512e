"""Copy and search in the four PDF viewer families: ours against pandoc's, and what the text layer costs.

    .venv/bin/python bench/copy_text.py [--repeat 3] [--articles 20] [--variant pdf/a-3u]

1. The test corpus of tests/test_pdf_copy.py (the seed, the fixtures, the
   Persian, Urdu, Sorani, vocalised and mixed articles of tests/fixtures/copy,
   hadith of Sahih al-Bukhari) is converted to PDF by convert and by pandoc
   (its WeasyPrint engine, as bench/run.py calls it), and each PDF is read
   back by poppler, PDFium, MuPDF and pypdf (tests/pdf_readers.py). Per
   article and extractor the figure is the lower of word match and recall;
   the table gives each extractor's median and worst article, then PDFium's
   search (40 words an article): median and worst.
2. The distinct-article benchmark corpus (bench/corpus.py) is converted with
   the copy-text fix on and off (CONVERT_ENGINE_FIXES=off:copy-text), taking
   turns, fastest of --repeat each; the time and the PDFs' size. With
   --variant, the same in that PDF variant too (where the text layer's
   glyphs are also appended to the font programs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from corpus import distinct_articles
from run import convert_command, measure_pandoc, run_measured

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' readers and corpus
from pdf_readers import EXTRACTORS, pdfium_finds, reading, search_words  # noqa: E402
from test_pdf_copy import ARTICLES, added_text, hadith_article, shown_text  # noqa: E402


def ours(sources: Path, out: Path, switch: str = "on", variant: str | None = None) -> float:
    command = convert_command(sources, "pdf", out) + (["--pdf-variant", variant] if variant else [])
    return run_measured("convert --to pdf", command, {"CONVERT_ENGINE_FIXES": switch}).seconds


def table(sources: Path, pdfs: dict[str, Path]) -> None:
    articles = {source.stem: (shown_text(source), added_text(source))
                for source in sorted(sources.glob("*.txt"))}
    print(f"{'extractor (viewers)':32} " + "  ".join(f"{label:>26}" for label in pdfs))
    for extractor in EXTRACTORS:
        cells = []
        for folder in pdfs.values():
            figures = {}
            for stem, (shown, added) in articles.items():
                found = reading(EXTRACTORS[extractor](folder / f"{stem}.pdf"), shown, added)
                figures[stem] = min(found.match, found.recall)
            cells.append(_median_and_worst(figures))
        print(f"{extractor:32} " + "  ".join(f"{cell:>26}" for cell in cells))
    cells = []
    for folder in pdfs.values():
        hits = {}
        for stem, (shown, _) in articles.items():
            wanted = search_words(shown)
            hits[stem] = len(pdfium_finds(folder / f"{stem}.pdf", wanted)) / len(wanted)
        cells.append(_median_and_worst(hits))
    print(f"{'PDFium search (share of 40)':32} " + "  ".join(f"{cell:>26}" for cell in cells))


def _median_and_worst(figures: dict[str, float]) -> str:
    worst = min(figures, key=figures.get)
    return f"{statistics.median(figures.values()):.2f}, worst {figures[worst]:.2f} ({worst})"


def cost(folder: Path, articles: int, repeat: int, variant: str | None) -> None:
    distinct_articles(folder / "corpus", articles)
    runs = {"copy-text on": ("on", None), "copy-text off": ("off:copy-text", None)}
    if variant:
        runs |= {f"{variant}, on": ("on", variant), f"{variant}, off": ("off:copy-text", variant)}
    times: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(repeat):
        for label, (switch, chosen) in runs.items():
            times[label].append(ours(folder / "corpus", folder / label.replace("/", "-"), switch, chosen))
    print(f"\n{articles} distinct articles to PDF, fastest of {repeat}, taking turns:")
    for label in runs:
        size = sum(path.stat().st_size for path in (folder / label.replace("/", "-")).glob("*.pdf"))
        print(f"  {label:22} {min(times[label]):6.2f} s   {size / 1e6:6.2f} MB")
    labels = list(runs)
    for on, off in zip(labels[::2], labels[1::2], strict=True):
        print(f"  ratio {on} / off: {min(times[on]) / min(times[off]):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--variant", help="also measure the cost in this PDF variant (pdf/a-3u...)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="copy-bench-") as work:
        folder = Path(work)
        sources = folder / "sources"
        sources.mkdir()
        for name, path in {**ARTICLES, "hadith": hadith_article(folder)}.items():
            (sources / f"{name}.txt").write_bytes(path.read_bytes())
        ours(sources, folder / "ours")
        ours(sources, folder / "ours-without", "off:copy-text")
        measure_pandoc(sorted(sources.glob("*.txt")), "pdf", folder / "pandoc")
        print(f"{len(list(sources.glob('*.txt')))} articles; per article the lower of word match and recall")
        table(sources, {"convert": folder / "ours", "convert, copy-text off": folder / "ours-without",
                        "pandoc": folder / "pandoc"})
        cost(folder, arguments.articles, arguments.repeat, arguments.variant)


if __name__ == "__main__":
    main()

"""The ``convert`` command: argument parsing, the batch, exit codes.

Exit status: 0 when every input converted, 1 when some failed (the others
are still written), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import ConvertError, UsageError
from .frame_stack import report as frame_stack_report
from .names import printable
from .options import DEFAULT_MAX_PAGES, PDF_VARIANTS, PDFX_VARIANTS, Options
from .reading.language import language_tag
from .reading.reader import DEFAULT_MAX_BYTES
from .theme import PAGE_SIZES_MM, load_theme

if TYPE_CHECKING:
    from .catalog.store import CatalogStore as CatalogStoreType

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Convert Arabic articles (plain UTF-8 text) to right-to-left PDF, DOCX, EPUB,
HTML and JSON. SRC is a file or a folder (every *.txt, *.docx and *.docm inside it, recursively).
Outputs mirror the input paths under OUT: seeds/a/b.txt -> out/a/b.pdf.
HTML pages carry search and social metadata (Open Graph, Twitter card, JSON-LD);
their addresses are the theme's [publishing] base_url joined with each page's path."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="convert", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", metavar="SRC", help="article files or folders")
    parser.add_argument("--to", default="all", metavar="FORMATS",
                        help="comma list of formats, or 'all' (default: all); see --list-formats. "
                             "'cards' (share cards: NAME.card.png, NAME.quote-N.png) is not part of "
                             "'all': ask for it by name (e.g. all,cards)")
    parser.add_argument("-o", "--out", default="out", metavar="OUT", help="output folder (default: out/)")
    book = parser.add_argument_group("book mode: every article in one output per format")
    book.add_argument("--book", metavar="TITLE", help="bind the articles into one book with this title")
    book.add_argument("--book-author", metavar="NAME", help="the book's author or editor")
    book.add_argument("--name", metavar="NAME",
                      help="the book's file name, without suffix (default: from the title)")
    book.add_argument("--order", metavar="FILE",
                      help="the articles in this order: one path a line, each inside a SRC "
                           "(default: file-name order)")
    parser.add_argument("--lang", metavar="TAG",
                        help="the language of every article whose front matter names none "
                             "(ar, fa, ur, ckb…; default: found from each article's letters)")
    parser.add_argument("--style", default="default", metavar="NAME|PATH",
                        help="theme: a name in styles/ or a path to a .toml file (default: default)")
    footer = parser.add_mutually_exclusive_group()
    footer.add_argument("--disclaimer", metavar="TEXT",
                        help="disclaimer for articles that have none (default: the theme's)")
    footer.add_argument("--no-disclaimer", action="store_true", help="no disclaimer footer at all")
    parser.add_argument("--page-size", choices=sorted(PAGE_SIZES_MM), help="page size (default: the theme's)")
    parser.add_argument("--duplex", action="store_true",
                        help="two-sided print: mirrored margins, binding on the right")
    parser.add_argument("--bleed", default="0", metavar="MM", help="PDF bleed, e.g. 3mm (default: none)")
    parser.add_argument("--crop-marks", action="store_true", help="PDF crop marks for the print shop")
    parser.add_argument("--pdf-variant", choices=PDF_VARIANTS,
                        help="tagged PDF/UA-1, archival PDF/A-3u, or for a print shop PDF/X-4 or PDF/X-1a "
                             "(CMYK, an output intent, trim and bleed boxes)")
    parser.add_argument("--output-intent", metavar="FILE",
                        help="PDF/X: the print shop's CMYK ICC profile (default: ISO Coated v2, FOGRA39)")
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                        help=f"PDF: refuse an article or book estimated over N pages "
                             f"(default: {DEFAULT_MAX_PAGES:,})")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"refuse inputs larger than N bytes (default: {DEFAULT_MAX_BYTES:,})")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask cluster, e.g. tcp://host:8786 (needs the 'cluster' extra)")
    parser.add_argument("--scheduler-wait", type=float, default=10.0, metavar="SECONDS",
                        help="how long to wait for the scheduler to answer (default: 10)")
    parser.add_argument("--catalog", action="store_true",
                        help="also write OUT/catalog.xml (an OPDS 1.2 feed for e-reader apps) and "
                             "OUT/index.html (a page linking every format), covering every output in OUT, "
                             "and OUT/feed.xml (an Atom feed of the 50 newest articles, for feed readers "
                             "and websites), with each article's cover, thumbnail and share card "
                             "(NAME.cover.png, NAME.thumb.png, NAME.card.png), and the theme's "
                             "[publishing] logo file where the pages' JSON-LD says it is")
    parser.add_argument("--follow-links", action="store_true",
                        help="read a *.txt symbolic link whose target is outside its SRC folder "
                             "(by default refused: a shared folder must not publish other files)")
    parser.add_argument("--force", action="store_true",
                        help="rewrite outputs that are newer than their input and the theme")
    parser.add_argument("--list-formats", action="store_true", help="list the available formats and exit")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print warnings")
    parser.add_argument("--version", action=VersionAction, nargs=0,
                        help="print the version, WeasyPrint's, and the state of each engine fix "
                             "and of the frame-stack room")
    return parser


class VersionAction(argparse.Action):
    """--version: ours, the frame-stack room's state (CONVERT_FRAME_STACK), then
    the PDF engine's and each engine fix's state (CONVERT_ENGINE_FIXES), which
    needs WeasyPrint imported: only when asked."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"convert {__version__}")
        try:
            print(frame_stack_report())
            from .exporters.pdf.engine_fixes import report

            print(report())
        except ConvertError as error:
            parser.exit(EXIT_USAGE, f"convert: error: {error}\n")
        except (ImportError, OSError) as error:  # WeasyPrint or its libraries missing
            print(f"PDF: unavailable ({type(error).__name__}: {error})")
        parser.exit()


def say(line: str) -> None:
    """One line to stderr, every control character in it escaped: a file
    name must not move the cursor or forge a line of its own."""
    print(printable(line), file=sys.stderr, flush=True)


def parse_language(text: str | None) -> str | None:
    if text is None:
        return None
    tag = language_tag(text)
    if tag is None:
        raise ConvertError(f"--lang {text!r}: give a language tag, e.g. fa or ur")
    return tag


def parse_output_intent(path: str | None, variant: str | None) -> Path | None:
    """--output-intent: a CMYK output profile, for a PDF/X only; checked now
    (read, and its kind), so a bad one is one usage error before any work."""
    if variant not in PDFX_VARIANTS:
        if path is not None:
            raise UsageError(f"--output-intent needs --pdf-variant {' or '.join(PDFX_VARIANTS)}")
        return None
    from .exporters.pdf.output_intent import output_intent

    # Without FILE, the profile shipped in profiles/ (checked too: there, and readable).
    intent = output_intent(Path(path) if path else None)
    return intent.path if path else None


def parse_bleed(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(mm)?\s*", text)
    if not match:
        raise ConvertError(f"--bleed {text!r}: give millimetres, e.g. 3mm")
    return float(match.group(1))


def build_options(args: argparse.Namespace) -> Options:
    theme = load_theme(args.style)
    if args.page_size:
        theme = theme.with_page_size(args.page_size)
    return Options(
        theme=theme,
        disclaimer=args.disclaimer,
        footer=not args.no_disclaimer,
        duplex=args.duplex,
        bleed_mm=parse_bleed(args.bleed),
        crop_marks=args.crop_marks,
        pdf_variant=args.pdf_variant,
        output_intent=parse_output_intent(args.output_intent, args.pdf_variant),
        language=parse_language(args.lang),
        max_pages=args.max_pages,
    )


def print_before_ebook(formats: list[str]) -> list[str]:
    """The formats in the order asked for, but the PDF before the EPUB: the
    EPUB's page list reuses the layout of the PDF its worker has just written."""
    if "pdf" in formats and "epub" in formats and formats.index("epub") < formats.index("pdf"):
        formats = [fmt for fmt in formats if fmt != "pdf"]
        formats.insert(formats.index("epub"), "pdf")
    return formats


def check_output_folder(out: Path) -> None:
    """-o names a folder that exists or can be made, and that can be written
    in: found out before any work, as one usage error."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"-o {out}: cannot create the folder ({error.strerror or error})") from None
    try:
        probe, name = tempfile.mkstemp(prefix=".convert-", suffix=".part", dir=out)
    except OSError as error:
        raise UsageError(f"-o {out}: cannot write in the folder ({error.strerror or error})") from None
    os.close(probe)
    os.unlink(name)


def check_engine_switch(formats: list[str]) -> None:
    """A CONVERT_ENGINE_FIXES or CONVERT_FRAME_STACK value that means nothing
    is a usage error, before any work."""
    from .frame_stack import state

    state()
    if "pdf" in formats:
        from .exporters.pdf.engine_fixes import switched_off

        switched_off()


def make_executor(jobs: int, tasks: int, warm: Callable[[], None] = lambda: None) -> tuple[Executor, int]:
    """The executor and how many tasks to keep in flight; warm runs first when
    worker processes will fork from this one."""
    from .batch import InlineExecutor

    workers = min(jobs, tasks)
    if workers <= 1:
        return InlineExecutor(), 1
    # Imported here: multiprocessing is a fifth of the start-up of a run that
    # finds nothing to do.
    from concurrent.futures import ProcessPoolExecutor

    warm()
    # What is in memory now is shared with the workers until someone writes
    # to it; the collector writes to every object it scans, so it is told to
    # leave these alone (the gc.freeze documentation's advice before a fork).
    gc.freeze()
    return ProcessPoolExecutor(max_workers=workers, initializer=ignore_interrupts), workers * 2


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process: it stops handing out work,
    and each worker finishes the file it is writing (whole, never half)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .exporters import available_formats, resolve_formats

    if args.list_formats:
        print("\n".join(available_formats()))
        return EXIT_OK
    if not args.sources:
        parser.print_usage(sys.stderr)
        # --order picks among the sources' articles: it needs them given too.
        print("convert: error: give at least one SRC file or folder"
              + (" (--order takes its articles from them)" if args.order else ""), file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler and args.jobs is not None:
        print("convert: note: --jobs is ignored with --scheduler: the cluster's workers do the work",
              file=sys.stderr)
    if args.scheduler:
        from .cluster import check_scheduler

        try:
            check_scheduler(args.scheduler, args.scheduler_wait)
        except ConvertError as error:
            print(f"convert: error: {error}", file=sys.stderr)
            return EXIT_USAGE
    args.jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if min(args.jobs, args.max_bytes, args.max_pages) < 1:
        print("convert: error: --jobs, --max-bytes and --max-pages must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        formats = print_before_ebook(resolve_formats(args.to))
        # An EPUB written with its PDF marks the PDF's page breaks (its page list).
        options = replace(build_options(args), page_list="pdf" in formats and "epub" in formats)
        check_engine_switch(formats)
    except ConvertError as error:
        say(f"convert: error: {error}")
        return EXIT_USAGE
    if args.book is None and (args.book_author or args.name or args.order):
        print("convert: error: --book-author, --name and --order need --book TITLE", file=sys.stderr)
        return EXIT_USAGE
    try:
        check_output_folder(Path(args.out))
    except ConvertError as error:
        say(f"convert: error: {error}")
        return EXIT_USAGE
    from .folder_lock import running
    from .leftovers import remove_leftovers

    out_dir = Path(args.out)
    try:
        # Alone in OUT, a run deletes the temporary files a killed run left there.
        with running(out_dir, lambda: remove_leftovers(out_dir)):
            return (run_book_mode if args.book is not None else run)(args, formats, options)
    finally:
        gc.unfreeze()  # frozen for the workers' fork (make_executor); main() may be called again


def run_book_mode(args: argparse.Namespace, formats: list[str], options: Options) -> int:
    from .batch import reserved_outputs
    from .bookmode import (
        book_articles,
        book_options,
        book_stem,
        check_name,
        check_targets,
        empty_sources,
        read_book,
        run_book,
    )
    from .catalog.entry import catalog_entry
    from .catalog.store import CatalogStore
    from .exporters import catalog_parts
    from .report import Reporter

    started = time.perf_counter()
    out_dir = Path(args.out)
    parts = catalog_parts(formats) if args.catalog else []
    try:
        stem = check_name(args.name) if args.name else book_stem(args.book)
        check_targets(stem, formats + parts, out_dir, reserved_outputs(out_dir, args.catalog))
        sources = book_articles(args.sources, args.order, args.follow_links)
    except ConvertError as error:
        say(f"convert: error: {error}")
        return EXIT_USAGE
    reading = read_book(args.book, args.book_author, list(sources.articles), options, args.max_bytes)
    reporter = Reporter(len(formats), verbosity(args))
    for failure in (*empty_sources(args.sources if args.order is None else []), *sources.refused,
                    *reading.failures):
        reporter.result(failure)
    if args.verbose:
        for warning in reading.warnings:
            say(f"warning: {warning}")
    if not reading.book.documents:
        print("convert: error: no article could be read: no book written", file=sys.stderr)
        return EXIT_FAILED
    executor, _ = make_executor(args.jobs, len(formats) + len(parts))
    with executor:
        for result in run_book(reading.book, formats + parts, out_dir, stem, options, executor):
            reporter.result(result)
    catalog_written = True
    if args.catalog:
        catalog = CatalogStore(out_dir, warn)
        catalog.record(stem, catalog_entry(reading.book, book_options(reading.book, options)))
        catalog_written = write_catalog_files(out_dir, catalog, options, args.quiet)
    read = len(reading.book.documents)
    subject = f"book of {read} article(s) ({len(sources.refused) + len(reading.failures)} left out)"
    reporter.summary(formats + parts, time.perf_counter() - started, subject)
    return EXIT_FAILED if reporter.tally.failed or not catalog_written else EXIT_OK


def run(args: argparse.Namespace, formats: list[str], options: Options) -> int:
    from .batch import plan_jobs, reserved_outputs, run_batch
    from .catalog.listing import output_stem
    from .catalog.store import CatalogStore
    from .exporters import WITH_COMPANIONS, catalog_parts
    from .freshness import State, options_fingerprint, theme_mtime
    from .report import Reporter

    started = time.perf_counter()
    out_dir = Path(args.out)
    parts = catalog_parts(formats) if args.catalog else []  # each article's cover, thumbnail and card
    plan = plan_jobs(args.sources, formats + parts, out_dir, args.follow_links)
    plan.refuse_reserved(reserved_outputs(out_dir, args.catalog))
    state, fingerprint = State(out_dir, warn), options_fingerprint(options)
    catalog = CatalogStore(out_dir, warn) if args.catalog else None
    if not args.force:
        since = theme_mtime(options)
        plan.drop_fresh(lambda source, fmt, target: state.is_fresh(source, target, fingerprint, since,
                                                                   fmt in WITH_COMPANIONS)
                        and not (catalog and catalog.lacks_entry_for(target)))
    try:
        runner, executor, context, window = batch_engine(args, formats, options, len(plan.jobs))
    except ConvertError as error:
        say(f"convert: error: {error}")
        return EXIT_USAGE
    reporter = Reporter(len(plan.jobs) + len(plan.failures), verbosity(args))
    reporter.tally.skip(plan.skipped_files, plan.skipped_outputs)
    for failure in plan.failures:
        reporter.result(failure)
    try:
        with context:
            for result in run_batch(plan.jobs, runner, executor, window):
                reporter.result(result)
                state.record(list(result.written), fingerprint, result.pictures, dict(result.companions))
                if catalog is not None and result.entry is not None and result.written:
                    catalog.record(output_stem(result.written[0], out_dir), result.entry)
    except KeyboardInterrupt:
        executor.shutdown(wait=False, cancel_futures=True)
        print("convert: interrupted; finished files are complete, no partial file was left",
              file=sys.stderr)
        return 130
    finally:
        state_saved = save_state(state)
    # A run that has nothing in OUT (its only source missing, every article
    # refused) leaves the catalogue as it was: it would list nothing new, and
    # in an empty folder it would be an empty catalogue.
    listed = reporter.tally.written or reporter.tally.skipped
    catalog_written = (catalog is None or not listed
                       or write_catalog_files(out_dir, catalog, options, args.quiet))
    reporter.summary(formats + parts, time.perf_counter() - started)
    return EXIT_FAILED if reporter.tally.failed or not (state_saved and catalog_written) else EXIT_OK


def write_catalog_files(out_dir: Path, catalog: CatalogStoreType, options: Options,
                        quiet: bool = False) -> bool:
    """catalog.xml and index.html for the whole folder; a failure is one
    error line, a file it leaves out one warning line."""
    from .catalog.write import write_catalog

    try:
        written = write_catalog(out_dir, catalog, options)
    except ConvertError as error:
        say(f"error: {error}")
        return False
    for line in written.left_out if not quiet else ():
        say(f"warning: {line}")
    if written.refused:
        say(f"error: {written.refused}")
    return written.refused is None


def save_state(state) -> bool:
    """Save which options made each output; a state that cannot be written
    (a full disk) is one error line, and the old state stays whole."""
    try:
        state.save()
    except ConvertError as error:
        say(f"error: {error}")
        return False
    return True


def warn(line: str) -> None:
    say(f"warning: {line}")


def verbosity(args: argparse.Namespace) -> int:
    return -1 if args.quiet else (1 if args.verbose else 0)


def batch_engine(args: argparse.Namespace, formats: list[str], options: Options, tasks: int):
    """(runner, executor, what to close at the end, tasks in flight): local
    worker processes, or a Dask cluster with --scheduler."""
    from .batch import LocalRunner

    if args.scheduler:
        from .cluster import ShippingRunner, cluster_executor

        client, executor, window = cluster_executor(args.scheduler, args.scheduler_wait)
        return ShippingRunner(options, args.max_bytes), executor, client, window
    from .exporters import warm_up

    executor, window = make_executor(args.jobs, tasks, lambda: warm_up(formats, options))
    return LocalRunner(options, args.max_bytes), executor, executor, window


def entry_point() -> None:
    sys.exit(main())

"""Book mode: many articles bound into one output per format.

The articles are read (a bad one is reported and left out, the book is built
from the rest), each gets its disclaimer resolved as in single mode, and one
task per format writes the book through the exporter's ``export_book``.
"""

from __future__ import annotations

import re
import time
import unicodedata
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path

from .batch import JobResult, find_articles
from .errors import ConvertError, UsageError
from .exporters import suffix_of
from .model import Book, reader_texts
from .names import unfit_name
from .options import Options
from .outputs import prepared_reading, write_outputs
from .reading.reader import DEFAULT_MAX_BYTES, read_file_bytes
from .sources import link_escape, order_refusal, source_folder

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)
_MAX_STEM = 80
_MAX_STEM_BYTES = 160  # UTF-8: room for the longest suffix and the temporary name in 255


def book_stem(title: str) -> str:
    """A file name from a book title: letters and digits (any script) joined
    by hyphens; never a path, never a reserved Windows name."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title))
    stem = "-".join(words)[:_MAX_STEM]
    while len(stem.encode()) > _MAX_STEM_BYTES:  # letters of three or four bytes
        stem = stem[:-1]
    stem = stem.strip("-_") or "book"
    return f"{stem}-book" if _WINDOWS_RESERVED.match(stem) else stem


def check_name(name: str) -> str:
    """--name must be a plain file name stem."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise UsageError(f"--name {name!r}: give a plain file name, without folders")
    return name


@dataclass(frozen=True)
class BookSources:
    articles: tuple[Path, ...]  # to read, in the book's order
    refused: tuple[JobResult, ...]  # links leading outside the sources, --order entries outside them


def book_articles(sources: list[str], order_file: str | None, follow_links: bool = False) -> BookSources:
    """The articles in file-name order, or in the order a list file gives;
    either way only files inside the sources given (sources.py)."""
    if order_file is None:
        found = [(article, link_escape(article, source_folder(Path(source)), str(article), follow_links))
                 for source in sources for article in find_articles(Path(source))]
    else:
        given = [Path(source) for source in sources]
        found = [(entry, order_refusal(entry, given, follow_links)) for entry in _listed_articles(order_file)]
    return BookSources(tuple(path for path, refusal in found if refusal is None),
                       tuple(JobResult(str(path), errors=(refusal,)) for path, refusal in found if refusal))


def empty_sources(sources: list[str]) -> list[JobResult]:
    """A folder that holds no article is an error of its own (a mistyped path)."""
    return [JobResult(source, errors=(f"{source}: no .txt or .docx articles found",))
            for source in sources if Path(source).is_dir() and not find_articles(Path(source))]


def _listed_articles(order_file: str) -> list[Path]:
    try:
        lines = Path(order_file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"--order {order_file}: cannot read: {error}") from None
    return [Path(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


def book_targets(stem: str, formats: list[str], out_dir: Path) -> list[tuple[str, Path]]:
    return [(fmt, out_dir / f"{stem}{suffix_of(fmt)}") for fmt in formats]


def check_targets(stem: str, formats: list[str], out_dir: Path, reserved: dict[Path, str]) -> None:
    """UsageError if the book's outputs cannot be written or listed under
    this name, or would take a reserved one (batch.reserved_outputs)."""
    targets = book_targets(stem, formats, out_dir)
    longest = max((target.name for _, target in targets), key=lambda name: len(name.encode()))
    reason = unfit_name(longest, out_dir)
    if reason:
        raise UsageError(f"--name {stem}: {reason}")
    for fmt, target in targets:
        if target in reserved:
            raise UsageError(f"--name {stem}: the book's {fmt} {target} would overwrite {reserved[target]}")


@dataclass(frozen=True)
class BookReading:
    book: Book
    failures: tuple[JobResult, ...]
    warnings: tuple[str, ...]


def read_book(title: str, author: str | None, articles: list[Path], options: Options,
              max_bytes: int = DEFAULT_MAX_BYTES) -> BookReading:
    documents, failures, warnings = [], [], []
    for path in articles:
        try:
            reading = prepared_reading(read_file_bytes(path, str(path), max_bytes), str(path), options,
                                       folder=path.parent)
        except ConvertError as error:
            failures.append(JobResult(str(path), errors=(str(error),)))
            continue
        except Exception as error:  # a reader bug leaves one article out, not the book
            message = f"{path}: internal error: {type(error).__name__}: {error}"
            failures.append(JobResult(str(path), errors=(message,)))
            continue
        documents.append(reading.document)
        warnings.extend(reading.warnings)
    return BookReading(Book(title, author, tuple(documents)), tuple(failures), tuple(warnings))


def book_options(book: Book, options: Options) -> Options:
    """The book is set as its first article's language sets it (each chapter
    keeps its own language tag), spaced for vowel marks if an article is vocalised."""
    if not book.documents:
        return options
    texts = [text for document in book.documents for text in reader_texts(document)]
    return options.for_language(book.meta.lang).for_texts(texts)


def write_book(fmt: str, book: Book, target: Path, options: Options) -> JobResult:
    """One format of the book; a failure becomes a message, never a traceback."""
    started = time.perf_counter()
    written, errors = write_outputs(str(target), book, [(fmt, target)], book_options(book, options))
    return JobResult(f"book ({fmt})", tuple(written), tuple(errors), seconds=time.perf_counter() - started)


def run_book(book: Book, formats: list[str], out_dir: Path, stem: str, options: Options,
             executor: Executor) -> list[JobResult]:
    """Every format of the book, one task each, results in format order."""
    targets = book_targets(stem, formats, out_dir)
    options = replace(options, output_stem=stem)
    futures = [executor.submit(write_book, fmt, book, target, options) for fmt, target in targets]
    results = []
    for (fmt, target), future in zip(targets, futures, strict=True):
        try:
            results.append(future.result())
        except Exception as error:  # a worker process that died, for one
            message = f"{target}: conversion failed: {type(error).__name__}: {error}"
            results.append(JobResult(f"book ({fmt})", errors=(message,)))
    return results

"""The batch driver: plan which file goes where, convert, collect results.

A conversion is a plain function of picklable arguments (``run_job``), handed
to a ``concurrent.futures.Executor``: in-process, worker processes, or later
a cluster run the same code.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from .catalog.entry import CatalogEntry, catalog_entry
from .catalog.index_page import is_catalog_page
from .catalog.listing import CATALOG_FILES, INDEX_FILE
from .catalog.store import STORE_FILE
from .errors import ConvertError
from .exporters import CATALOG_PARTS, WITH_COMPANIONS, get_exporter, suffix_of
from .freshness import document_pictures
from .names import unfit_name
from .options import Options
from .outputs import prepared_reading, write_outputs
from .reading.reader import DEFAULT_MAX_BYTES, read_file_bytes
from .sources import link_escape, source_folder


@dataclass(frozen=True)
class Job:
    """One article and the output path of each format asked for."""

    source: Path
    name: str  # the path as the user sees it, for messages
    targets: tuple[tuple[str, Path], ...]
    stem: str | None = None  # the outputs' path under the output folder, without suffix


@dataclass(frozen=True)
class JobResult:
    name: str
    written: tuple[Path, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    # What the catalogue lists for the article (--catalog), when it was read.
    entry: CatalogEntry | None = None
    # The pictures the article showed, as read (freshness.document_pictures).
    pictures: tuple[tuple[str, str], ...] = ()
    # For each output written of a format in WITH_COMPANIONS, the files it has beside it.
    companions: tuple[tuple[Path, tuple[Path, ...]], ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    failures: list[JobResult] = field(default_factory=list)  # inputs refused up front
    skipped_files: int = 0  # every output up to date
    skipped_outputs: int = 0

    def refuse_reserved(self, reserved: dict[Path, str]) -> None:
        """An article whose output would take a reserved name (reserved_outputs)
        is refused: the file of that name is never overwritten."""
        kept = []
        for job in self.jobs:
            taken = [target for _, target in job.targets if target in reserved]
            if taken:
                message = f"{job.name}: its output {taken[0]} would overwrite {reserved[taken[0]]}"
                self.failures.append(JobResult(job.name, errors=(message,)))
            else:
                kept.append(job)
        self.jobs = kept

    def drop_fresh(self, is_fresh: Callable[[Path, str, Path], bool]) -> None:
        """Keep only the outputs that need writing (incremental runs);
        is_fresh(source, format, target)."""
        kept = []
        for job in self.jobs:
            stale = tuple((fmt, target) for fmt, target in job.targets
                          if not is_fresh(job.source, fmt, target))
            self.skipped_outputs += len(job.targets) - len(stale)
            if stale:
                kept.append(replace(job, targets=stale))
            else:
                self.skipped_files += 1
        self.jobs = kept


# What a folder's articles are named: text, and Word files (reading/docx_input),
# macro-enabled ones too (their text is read, their macros never run nor kept).
ARTICLE_PATTERNS = ("*.txt", "*.docx", "*.docm")
# Word's owner file beside a document open in it (~$name.docx): not an article.
_WORD_LOCK_PREFIX = "~$"


def find_articles(source: Path) -> list[Path]:
    """A folder means every *.txt, *.docx and *.docm inside it, recursively, in sorted order."""
    if source.is_dir():
        return sorted(path for pattern in ARTICLE_PATTERNS for path in source.rglob(pattern)
                      if path.is_file() and not path.name.startswith(_WORD_LOCK_PREFIX))
    return [source]


def reserved_outputs(out_dir: Path, catalog: bool) -> dict[Path, str]:
    """The paths in out_dir no article's output may take, and whose they are:
    the state file and the catalogue store always; with --catalog the
    catalogue's two files; and an index page the catalogue wrote earlier."""
    from .freshness import STATE_FILE

    reserved = {out_dir / STATE_FILE: "the state file", out_dir / STORE_FILE: "the catalogue's store"}
    if catalog or is_catalog_page(out_dir / INDEX_FILE):
        reserved.update({out_dir / name: "the catalogue's (--catalog)" for name in CATALOG_FILES})
    return reserved


def plan_jobs(sources: Iterable[str], formats: list[str], out_dir: Path, follow_links: bool = False) -> Plan:
    """Output paths mirror input paths under out_dir; never built from titles.
    An article that is a link leading outside its source, or whose output
    name cannot be written or listed, is refused with one line."""
    plan = Plan()
    claimed: dict[Path, str] = {}
    longest_suffix = max(map(suffix_of, formats), key=lambda suffix: len(suffix.encode()))
    for source_text in sources:
        source = Path(source_text)
        if not source.exists():
            plan.failures.append(JobResult(source_text, errors=(f"{source_text}: no such file or folder",)))
            continue
        articles = find_articles(source)
        if not articles:  # a mistyped folder must not look like a finished run
            plan.failures.append(JobResult(source_text,
                                           errors=(f"{source_text}: no .txt or .docx articles found",)))
        folder = source_folder(source)
        for article in articles:
            relative = article.relative_to(source) if source.is_dir() else Path(article.name)
            relative_stem = relative.with_suffix("").as_posix()
            stem = out_dir / relative_stem
            name = str(article)
            refusal = (link_escape(article, folder, name, follow_links)
                       or _unfit(name, f"{relative_stem}{longest_suffix}", out_dir))
            if refusal is None and stem in claimed:
                refusal = f"{name}: its outputs would overwrite those of {claimed[stem]}"
            if refusal:
                plan.failures.append(JobResult(name, errors=(refusal,)))
                continue
            claimed[stem] = name
            targets = tuple((fmt, _with_suffix(stem, suffix_of(fmt))) for fmt in formats)
            plan.jobs.append(Job(article, name, targets, relative_stem))
    return plan


def _unfit(name: str, longest_output: str, out_dir: Path) -> str | None:
    reason = unfit_name(longest_output, out_dir)
    return f"{name}: {reason}: not converted (rename it)" if reason else None


def _with_suffix(stem: Path, suffix: str) -> Path:
    # Not Path.with_suffix: a stem like "a.b" must keep its dot ("a.b.pdf").
    return stem.parent / f"{stem.name}{suffix}"


def run_job(job: Job, options: Options, max_bytes: int = DEFAULT_MAX_BYTES) -> JobResult:
    """Read one article and write every format; failures become messages."""
    started = time.perf_counter()
    try:
        reading = prepared_reading(read_file_bytes(job.source, job.name, max_bytes), job.name,
                                   replace(options, output_stem=job.stem), folder=job.source.parent)
    except ConvertError as error:
        return JobResult(job.name, errors=(str(error),), seconds=time.perf_counter() - started)
    # Stamped before the outputs are written: a picture changed meanwhile makes them stale.
    pictures = document_pictures(reading.document, job.source.parent)
    written, errors = write_outputs(job.name, reading.document, job.targets, reading.options)
    entry = catalog_entry(reading.document, reading.options) if wants_catalog(job.targets) else None
    return JobResult(job.name, tuple(written), tuple(errors), reading.warnings, time.perf_counter() - started,
                     entry, pictures, companions_written(job.targets, written))


def companions_written(targets: Iterable[tuple[str, Path]], written: list[Path]) -> tuple[
        tuple[Path, tuple[Path, ...]], ...]:
    """Each written output of a format that writes files beside it, with those files."""
    return tuple((target, tuple(get_exporter(fmt).companions(target)))  # type: ignore[attr-defined]
                 for fmt, target in targets if fmt in WITH_COMPANIONS and target in written)


def wants_catalog(targets: Iterable[tuple[str, Path]]) -> bool:
    """--catalog adds the cover to an article's targets whenever it is
    written again; its entry is described then (and kept otherwise)."""
    return any(fmt in CATALOG_PARTS for fmt, _ in targets)


class Runner(Protocol):
    """How a job becomes a task on an executor, and its outcome a JobResult."""

    def submit(self, executor: Executor, job: Job) -> Future: ...

    def finish(self, job: Job, outcome: object) -> JobResult: ...


@dataclass(frozen=True)
class LocalRunner:
    """Workers read the article and write the outputs themselves."""

    options: Options
    max_bytes: int = DEFAULT_MAX_BYTES

    def submit(self, executor: Executor, job: Job) -> Future:
        return executor.submit(run_job, job, self.options, self.max_bytes)

    def finish(self, job: Job, outcome: object) -> JobResult:
        assert isinstance(outcome, JobResult)
        return outcome


def run_batch(jobs: list[Job], runner: Runner, executor: Executor, window: int = 1) -> Iterator[JobResult]:
    """Results in input order, each as soon as it and those before it are done.

    At most ``window`` jobs are in flight, so a huge batch does not queue
    every task (and its memory) at once; use a few per worker.
    """
    pending: deque[tuple[Job, Future]] = deque()
    for job in jobs:
        pending.append((job, runner.submit(executor, job)))
        if len(pending) >= window:
            yield _result_of(runner, *pending.popleft())
    while pending:
        yield _result_of(runner, *pending.popleft())


def _result_of(runner: Runner, job: Job, future: Future) -> JobResult:
    try:
        return runner.finish(job, future.result())
    except Exception as error:  # a worker process that died, for one
        message = f"{job.name}: conversion failed: {type(error).__name__}: {error}"
        return JobResult(job.name, errors=(message,))


class InlineExecutor(Executor):
    """Runs each task at once in this process: --jobs 1, and the simplest debugging."""

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future

"""Run a batch on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

The batch driver stays one code path: Dask's concurrent.futures executor
takes the tasks, and a ShippingRunner decides what travels. Articles are read
here, on the client, and shipped as bytes; workers convert them in memory
and send every output back as bytes; the client writes them with the same
names, temporary-then-rename and skip rules as a local run. Each worker
process keeps its exporters warm across tasks (get_exporter's per-process
cache). Dask reschedules a task whose worker died (the scheduler's
``distributed.scheduler.allowed-failures``, 3 by default); a task that still
fails is reported for its file and the batch goes on.
"""

from __future__ import annotations

import tempfile
import time
from concurrent.futures import Executor, Future
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .batch import Job, JobResult, wants_catalog
from .catalog.entry import CatalogEntry, catalog_entry
from .errors import ConvertError, UsageError
from .exporters import suffix_of
from .files import atomic_target
from .options import Options
from .outputs import attempt, prepared_reading, write_outputs
from .reading.reader import DEFAULT_MAX_BYTES, read_file_bytes

INSTALL_HINT = "pip install 'convert-arabic[cluster]'"
DEFAULT_WAIT_S = 10.0  # for the scheduler to answer (--scheduler-wait)
MAX_WAIT_S = 3600.0


@dataclass(frozen=True)
class ShippedJob:
    name: str
    data: bytes
    formats: tuple[str, ...]
    stem: str | None = None  # Job.stem: where its outputs go under the output folder


@dataclass(frozen=True)
class ShippedResult:
    name: str
    outputs: tuple[tuple[str, bytes], ...]  # (format, file content)
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    seconds: float
    entry: CatalogEntry | None = None


def convert_shipped(job: ShippedJob, options: Options) -> ShippedResult:
    """On a worker: article bytes in, output bytes out; failures become messages."""
    started = time.perf_counter()
    try:
        reading = prepared_reading(job.data, job.name, replace(options, output_stem=job.stem))
    except ConvertError as error:
        return ShippedResult(job.name, (), (str(error),), (), time.perf_counter() - started)
    with tempfile.TemporaryDirectory(prefix="convert-") as folder:
        targets = {fmt: Path(folder) / f"output{suffix_of(fmt)}" for fmt in job.formats}
        written, errors = write_outputs(job.name, reading.document, targets.items(), reading.options)
        outputs = tuple((fmt, target.read_bytes()) for fmt, target in targets.items() if target in written)
    entry = catalog_entry(reading.document, reading.options) if wants_catalog(targets.items()) else None
    return ShippedResult(job.name, outputs, tuple(errors), reading.warnings, time.perf_counter() - started,
                         entry)


@dataclass(frozen=True)
class ShippingRunner:
    """Reads each article on the client and writes what comes back."""

    options: Options
    max_bytes: int = DEFAULT_MAX_BYTES

    def submit(self, executor: Executor, job: Job) -> Future:
        try:
            data = read_file_bytes(job.source, job.name, self.max_bytes)
        except ConvertError as error:
            refused: Future = Future()
            refused.set_result(JobResult(job.name, errors=(str(error),)))
            return refused
        shipped = ShippedJob(job.name, data, tuple(fmt for fmt, _ in job.targets), job.stem)
        return executor.submit(convert_shipped, shipped, self.options)

    def finish(self, job: Job, outcome: object) -> JobResult:
        if isinstance(outcome, JobResult):  # refused before shipping
            return outcome
        assert isinstance(outcome, ShippedResult)
        targets = dict(job.targets)
        written, errors = [], list(outcome.errors)
        for fmt, content in outcome.outputs:
            error = attempt(job.name, fmt, partial(_write_bytes, targets[fmt], content))
            if error:
                errors.append(error)
            else:
                written.append(targets[fmt])
        return JobResult(job.name, tuple(written), tuple(errors), outcome.warnings, outcome.seconds,
                         outcome.entry)


def _write_bytes(target: Path, content: bytes) -> None:
    with atomic_target(target) as temporary:
        temporary.write_bytes(content)


def check_scheduler(address: str, wait_s: float) -> None:
    """UsageError, one line, unless wait_s is a sensible number of seconds and
    address one Dask can dial (tcp://HOST:PORT, or HOST:PORT; not http://).
    Checked before any work: Dask itself fails on these with a traceback."""
    if not 0 < wait_s <= MAX_WAIT_S:  # nan fails this too
        raise UsageError(f"--scheduler-wait {wait_s:g}: give seconds, more than 0 and at most {MAX_WAIT_S:g}")
    try:
        from distributed.comm.addressing import parse_host_port
        from distributed.comm.registry import backends
    except ImportError:
        raise UsageError(f"--scheduler needs Dask: {INSTALL_HINT}") from None
    scheme, separator, place = address.partition("://")
    scheme, place = (scheme, place) if separator else ("tcp", address)
    try:
        host, port = ("inproc", 1) if scheme == "inproc" else parse_host_port(place)
    except ValueError:
        host, port = "", 0
    if scheme not in backends or not host or not 0 < port < 65536:
        raise UsageError(f"--scheduler {address}: not a Dask scheduler address (give tcp://HOST:PORT; "
                         f"Dask knows {', '.join(sorted(backends))})")


def cluster_executor(address: str,
                     wait_s: float = DEFAULT_WAIT_S) -> tuple[AbstractContextManager, Executor, int]:
    """(the client, its executor, tasks to keep in flight) for a running
    scheduler, waiting at most wait_s seconds to reach it."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(f"--scheduler needs Dask: {INSTALL_HINT}") from None
    try:
        client = Client(address, timeout=wait_s, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise UsageError(f"--scheduler {address}: cannot reach the scheduler ({error})") from None
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return client, client.get_executor(pure=False), workers * 4

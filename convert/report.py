"""What the user sees while a batch runs: a progress bar on a terminal,
plain lines otherwise, errors as one line each, and a closing summary."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from .batch import JobResult
from .names import printable


@dataclass
class Tally:
    files: int = 0
    failed: int = 0
    written: int = 0
    skipped: int = 0
    warnings: int = 0
    failures: list[str] = field(default_factory=list)

    def skip(self, files: int, outputs: int) -> None:
        self.files += files
        self.skipped += outputs

    def add(self, result: JobResult) -> None:
        self.files += 1
        self.written += len(result.written)
        self.warnings += len(result.warnings)
        if result.failed:
            self.failed += 1
            self.failures.extend(result.errors)


class Reporter:
    """Prints results as they come; quiet (-q) keeps only errors and the summary."""

    def __init__(self, total: int, verbosity: int = 0, stream: TextIO | None = None) -> None:
        self.total = total
        self.verbosity = verbosity
        # sys.stderr as it is now, not as it was when this module was imported.
        self.stream = stream or sys.stderr
        self.tally = Tally()
        self._progress = None
        self._task = None
        if verbosity >= 0 and total > 1 and self.stream.isatty():
            self._start_bar()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(file=self.stream), transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("convert", total=self.total)

    def result(self, result: JobResult) -> None:
        self.tally.add(result)
        lines = [f"error: {error}" for error in result.errors]
        if self.verbosity >= 1:
            lines += [f"warning: {warning}" for warning in result.warnings]
        if self.verbosity >= 0 and not result.failed and self._progress is None:
            lines.append(f"converted {result.name} -> {', '.join(map(str, result.written))}")
        for line in lines:
            self._print(line)
        if self._progress is not None:
            self._progress.advance(self._task)

    def _print(self, line: str) -> None:
        line = printable(line)  # a name's escape sequence or newline stays text on this line
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)

    def summary(self, formats: list[str], seconds: float, subject: str | None = None) -> None:
        """One closing line; subject replaces the file count (book mode)."""
        if self._progress is not None:
            self._progress.stop()
        tally = self.tally
        text = (
            f"{subject or f'{tally.files} file(s)'}, {len(formats)} format(s) ({', '.join(formats)}): "
            f"{tally.written} written, {tally.failed} failed"
        )
        if tally.skipped:
            text += f", {tally.skipped} skipped (up to date; --force rewrites)"
        if tally.warnings and self.verbosity < 1:
            text += f", {tally.warnings} warning(s) (-v shows them)"
        print(f"{text} in {seconds:.2f} s", file=self.stream, flush=True)

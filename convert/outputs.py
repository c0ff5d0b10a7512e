"""From an article's bytes to its outputs: the one path every run takes.

Local workers (batch.run_job), cluster workers (cluster.convert_shipped) and
book mode (bookmode) all read an article with ``prepared_reading`` and write
formats with ``write_outputs``: an article or a book in, each format written
whole at its target (temporary file, then rename) or reported as one line.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ConvertError
from .exporters import get_exporter
from .files import atomic_target
from .font_subset import uncovered_warnings
from .frame_stack import with_room
from .model import Book, Document, reader_texts
from .options import Options
from .reading.language import language_code
from .reading.reader import read_bytes
from .reading.transforms import prepare


@dataclass(frozen=True)
class PreparedReading:
    """An article as exporters receive it (disclaimer applied), and the
    reader's warnings (and the characters no font of the theme has), each
    naming the article."""

    document: Document
    warnings: tuple[str, ...]
    options: Options  # the batch's, with the theme as the article's language sets it


def prepared_reading(data: bytes, name: str, options: Options, folder: Path | None = None) -> PreparedReading:
    """Article bytes to the document every exporter is given; InputError if unreadable.
    The theme becomes the one of the article's language (its tag, digits,
    default disclaimer, font: Theme.for_language), spaced for vowel marks
    if the article is vocalised (Theme.for_vocalised). folder: the article's
    own, where its pictures are read (None, as in a cluster: refused)."""
    reading = read_bytes(data, name, options.theme.disclaimer_markers(), options.language,
                         options.theme.note_headings(), folder=folder)
    wanted = options.theme.language_rules(language_code(reading.document.meta.lang)).font
    options = options.for_language(reading.document.meta.lang)
    missing = [f"font {wanted!r} for its language is not installed: set in {options.theme.fonts.body}"
               ] if wanted and wanted != options.theme.fonts.body else []
    document = prepare(reading.document, options)
    options = options.for_texts(reader_texts(document))
    found = (*reading.warnings, *missing, *uncovered_warnings(reader_texts(document), options.theme))
    return PreparedReading(document, tuple(f"{name}: {warning}" for warning in found), options)


def write_outputs(name: str, content: Document | Book, targets: Iterable[tuple[str, Path]],
                  options: Options) -> tuple[list[Path], list[str]]:
    """Each (format, target): the file written whole, or one error line.
    One format failing never stops the others."""
    written, errors = [], []
    for fmt, target in targets:
        error = attempt(name, fmt, lambda fmt=fmt, target=target: with_room(
            lambda: export_to(content, fmt, target, options)))
        if error:
            errors.append(error)
        else:
            written.append(target)
    return written, errors


# What a full disk, a quota or a read-only folder raises while a file is written.
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}


def export_to(content: Document | Book, fmt: str, target: Path, options: Options) -> None:
    """Write one format of an article or a book at target, never half a file."""
    exporter = get_exporter(fmt)
    if isinstance(content, Book):
        write = getattr(exporter, "export_book", None)
        if write is None:
            raise ConvertError("this format cannot hold a book")
    else:
        write = exporter.export
    # Files a format writes beside its own (share cards' quote cards), each
    # whole, before it: its own file, renamed last, is the newest, so a run
    # that fails between them does not find it fresh next time.
    companions = getattr(exporter, "write_companions", None)
    try:
        if companions is not None:
            companions(content, target, options)
        with atomic_target(target) as temporary:
            write(content, temporary, options)
    except OSError as error:
        if error.errno not in _WRITE_ERRORS:
            raise
        raise ConvertError(f"cannot write {target}: {error.strerror}") from None


def attempt(name: str, fmt: str, action: Callable[[], object]) -> str | None:
    """Run one format's export; None when it worked, else the one-line error."""
    try:
        action()
    except ConvertError as error:
        return f"{name}: {fmt}: {error}"
    except Exception as error:  # an exporter bug must not stop the batch
        return f"{name}: {fmt}: internal error: {type(error).__name__}: {error}"
    return None

"""WeasyPrint, imported without its slow search for libraries.

WeasyPrint loads Pango, HarfBuzz, fontconfig and the rest through cffi,
trying several names for each (one per platform). cffi hands a name the
system loader refuses (libpango-1.0-0 on Linux) to ctypes.util.find_library,
which on Linux runs ldconfig and gcc in subprocesses: 22 of them, a quarter
of a second of CPU in every process that imports WeasyPrint, almost half of
the import. The names that load here load directly (libpango-1.0.so.0), so
while WeasyPrint is imported find_library answers "not found" at once. Should
that make the import fail (a system where only the search finds a library),
it is imported again the usual way.

The PDF exporter takes WeasyPrint from here, first among its imports.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    # Only this import runs in the process at that moment (worker start-up).
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def import_weasyprint() -> None:
    """Import WeasyPrint (once) with find_library answering at once."""
    if "weasyprint" in sys.modules:
        return
    try:
        # WeasyPrint prints an installation hint before failing; the retry
        # below prints it again should the libraries really be missing.
        with _no_library_search(), contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module("weasyprint")
    except (ImportError, OSError):
        for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
        importlib.import_module("weasyprint")


import_weasyprint()

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

__all__ = ["CSS", "HTML", "FontConfiguration", "import_weasyprint"]

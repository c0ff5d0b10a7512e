"""WeasyPrint, imported without its slow search for libraries and without
two fontTools modules it almost never uses.

WeasyPrint loads Pango, HarfBuzz, fontconfig and the rest through cffi,
trying several names for each (one per platform). cffi hands a name the
system loader refuses (libpango-1.0-0 on Linux) to ctypes.util.find_library,
which on Linux runs ldconfig and gcc in subprocesses: 22 of them, a quarter
of a second of CPU in every process that imports WeasyPrint, almost half of
the import. The names that load here load directly (libpango-1.0.so.0), so
while WeasyPrint is imported find_library answers "not found" at once. Should
that make the import fail (a system where only the search finds a library),
it is imported again the usual way.

WeasyPrint also imports fontTools' subsetter (used only when HarfBuzz cannot
subset) and its variable-font instancer (used only for variable fonts):
another 145 ms of CPU a process. While WeasyPrint is imported those two
names stand for modules that import the real ones when first used; they
leave sys.modules as soon as the import is done, so any other import of
them gets the real module.

engine_fixes.import_weasyprint decides whether this module imports WeasyPrint.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys
import types
from collections.abc import Callable, Iterator

# Module -> the names WeasyPrint imports from it by name (bound at import).
_DEFERRED = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    # Only this import runs in the process at that moment (worker start-up).
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


class DeferredModule(types.ModuleType):
    """Stands for a module until one of its attributes is asked for; then
    the real module is imported (the usual way) and answers."""

    def __init__(self, name: str, bound_names: tuple[str, ...]) -> None:
        super().__init__(name)
        self._bound_names = bound_names

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):
            # The import system probes module attributes (__path__ and the
            # like): a stand-in has none, and answering must not import.
            raise AttributeError(attribute)
        if attribute in self._bound_names:
            return _call_later(self.__name__, attribute)
        return getattr(_real_module(self), attribute)


def _real_module(stand_in: DeferredModule) -> types.ModuleType:
    if sys.modules.get(stand_in.__name__) is stand_in:
        del sys.modules[stand_in.__name__]
    return importlib.import_module(stand_in.__name__)


def _call_later(module: str, name: str) -> Callable:
    def deferred(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    deferred.__name__ = deferred.__qualname__ = name
    return deferred


@contextlib.contextmanager
def _rarely_used_modules_deferred() -> Iterator[None]:
    stand_ins = {name: DeferredModule(name, bound) for name, bound in _DEFERRED.items()
                 if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def import_fast() -> None:
    """Import WeasyPrint with find_library answering at once and the rarely
    used fontTools modules deferred; the usual way should that fail."""
    try:
        # WeasyPrint prints an installation hint before failing; the retry
        # below prints it again should the libraries really be missing.
        with (_no_library_search(), _rarely_used_modules_deferred(),
              contextlib.redirect_stdout(io.StringIO())):
            importlib.import_module("weasyprint")
    except (ImportError, OSError):
        for name in [name for name in sys.modules if name.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
        importlib.import_module("weasyprint")


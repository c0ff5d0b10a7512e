"""Room on CPython's frame stack, taken once an export, so that deep code does
not map and unmap memory on every call.

CPython 3.11 and 3.12 keep each thread's Python frames on a stack of chunks
(16 kB each). A call that finds no room left in the current chunk maps a new
one; the return that empties that chunk unmaps it at once. Code that loops
at the depth of a chunk's end pays a mmap and a munmap for each call there
(CPython gh-142183; 3.13 and 3.14 keep one spare chunk instead). Laying out
and drawing pages, WeasyPrint sat on such a boundary: converting the 20
benchmark articles to PDF made 52,676 mmap/munmap pairs of 16 kB, 0.35 s of
system time in a 4.3 s run.

``with_room(work)`` calls ``work`` from a frame with ``_RESERVED_SLOTS``
spare local variables. CPython gives such a frame a chunk of its own, the
next power of two that holds it and 1,000 slots more: 256 kB for 128 kB of
locals. What ``work`` calls then runs in the other 128 kB of that chunk
(16,000 slots), so it crosses no boundary: with it, the same 20 PDFs made
130 munmaps in all. The chunk is mapped once a call and unmapped when it
returns; code deeper than the room would only cross a boundary further
down, as before. No private API is used: it is an ordinary Python function
with many local variables.

Off with ``CONVERT_FRAME_STACK=off``; stands aside on Pythons that keep a
spare chunk themselves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache
from types import FunctionType
from typing import TypeVar

from .errors import UsageError

SWITCH = "CONVERT_FRAME_STACK"
_RESERVED_SLOTS = 16_384  # 128 kB of locals: CPython gives the frame a 256 kB chunk
_FIXED_IN = (3, 13)  # gh-142183: 3.13 and later keep one chunk spare
Result = TypeVar("Result")


def state() -> str:
    """on, off (the switch), or not needed (this Python keeps a spare chunk);
    a UsageError for a switch value that means nothing."""
    value = os.environ.get(SWITCH, "").strip().lower()
    if value not in ("", "on", "off"):
        raise UsageError(f"{SWITCH}={value!r}: use on or off")
    if value == "off":
        return "off"
    return "on" if sys.version_info < _FIXED_IN else "not needed"


def report() -> str:
    """The line `convert --version` prints."""
    python = ".".join(map(str, sys.version_info[:3]))
    return f"frame-stack room ({SWITCH}): {state()} (Python {python}; CPython gh-142183)"


def _call(work: Callable[[], object]) -> object:
    return work()


@cache
def _roomy_caller() -> Callable[[Callable[[], object]], object]:
    """_call, with _RESERVED_SLOTS more local variables that nothing uses.

    Naming them is what sizes its frame (CodeType.replace, public API; the
    bytecode is _call's own). A frame's locals start empty, so a call costs
    the clearing of 128 kB: about 60 microseconds."""
    spare = tuple(f"slot{index}" for index in range(_RESERVED_SLOTS))
    names = _call.__code__.co_varnames + spare
    code = _call.__code__.replace(co_varnames=names, co_nlocals=len(names))
    return FunctionType(code, globals(), "call_with_room")


def with_room(work: Callable[[], Result]) -> Result:
    """work(), run with room on the frame stack when this Python needs it."""
    if state() != "on":
        return work()
    return _roomy_caller()(work)  # type: ignore[return-value]

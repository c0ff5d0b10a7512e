"""C arrays for WeasyPrint's font subsetting without running a C parser for each.

WeasyPrint's cffi allocates arrays as ffi.new(f"hb_codepoint_t[{n}]", items).
cffi parses every new type string with pycparser (2-3 ms) and remembers it by
the string, so a length not met before costs a parse: the subset of a font
used for a few digits keeps every glyph id up to its highest, which moves
with the digits an article uses, and two such parses an article went to
nothing else. An array of a fixed length is the open array "hb_codepoint_t[]"
of that length, whose type is parsed once: same memory, same contents, and
C sees the same pointer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from weasyprint.text.ffi import ffi

from .wrap import wrap_once

_FIXED_ARRAY = re.compile(r"(\w+(?: \w+)*) ?\[(\d+)\]")


def install() -> bool:
    """Give WeasyPrint's FFI object the array-making `new` (once a process)."""
    return wrap_once(ffi, "new", ["cdecl", "init"], "makes_fixed_arrays_as_open_ones", fixed_arrays_as_open)


def fixed_arrays_as_open(new: Callable) -> Callable:
    def new_once_parsed(cdecl, init=None):
        match = _FIXED_ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if match is None:
            return new(cdecl, init)
        item, length = match.group(1), int(match.group(2))
        if init is None:
            return new(f"{item}[]", length)  # zero-filled, as a fixed array is
        if len(init) == length:
            return new(f"{item}[]", init)
        return new(cdecl, init)  # shorter contents: cffi zero-fills the rest

    return new_once_parsed

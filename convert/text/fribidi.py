"""Resolved bidi levels from GNU FriBidi, the Unicode Bidirectional
Algorithm (UAX #9, isolates and bracket pairs included) that Pango itself
uses to lay out the PDF's text.

python-bidi (the tests' oracle) gives only the reordered string; the levels
are what the formats need, so they come from FriBidi through ctypes. It is
on every machine where WeasyPrint runs (Pango depends on it); a machine
without it gets one clear error.
"""

from __future__ import annotations

import ctypes
from functools import cache

from ..errors import ConvertError

_LIBRARY_NAMES = ("libfribidi.so.0", "libfribidi.0.dylib", "libfribidi-0.dll")
# FriBidiParType values (fribidi-bidi-types.h): strong | letter, and | rtl.
_PARAGRAPH_LTR, _PARAGRAPH_RTL = 0x110, 0x111
_U32 = ctypes.c_uint32
_U32_ARRAY = ctypes.POINTER(_U32)
_LEVELS = ctypes.POINTER(ctypes.c_int8)
_JOINING = ctypes.POINTER(ctypes.c_uint8)


@cache
def _fribidi() -> ctypes.CDLL:
    for name in _LIBRARY_NAMES:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        library.fribidi_get_bidi_types.argtypes = [_U32_ARRAY, ctypes.c_int, _U32_ARRAY]
        library.fribidi_get_bidi_types.restype = None
        library.fribidi_get_bracket_types.argtypes = [_U32_ARRAY, ctypes.c_int, _U32_ARRAY, _U32_ARRAY]
        library.fribidi_get_bracket_types.restype = None
        library.fribidi_get_par_embedding_levels_ex.argtypes = [
            _U32_ARRAY, _U32_ARRAY, ctypes.c_int, _U32_ARRAY, _LEVELS]
        library.fribidi_get_par_embedding_levels_ex.restype = ctypes.c_int8
        library.fribidi_get_joining_types.argtypes = [_U32_ARRAY, ctypes.c_int, _JOINING]
        library.fribidi_get_joining_types.restype = None
        return library
    raise ConvertError("GNU FriBidi (libfribidi0, which Pango needs) is not installed: "
                       "bash scripts/install installs it")


def embedding_levels(text: str, right_to_left: bool = True) -> list[int]:
    """The resolved level of each character of one paragraph whose base
    direction is given (odd levels are right to left)."""
    length = len(text)
    if not length:
        return []
    library = _fribidi()
    characters = (_U32 * length)(*map(ord, text))
    types, brackets = (_U32 * length)(), (_U32 * length)()
    levels = (ctypes.c_int8 * length)()
    library.fribidi_get_bidi_types(characters, length, types)
    library.fribidi_get_bracket_types(characters, length, types, brackets)
    base = _U32(_PARAGRAPH_RTL if right_to_left else _PARAGRAPH_LTR)
    if library.fribidi_get_par_embedding_levels_ex(types, brackets, length, ctypes.byref(base), levels) == 0:
        raise ConvertError("GNU FriBidi could not resolve a paragraph's directions")
    return list(levels)


# FriBidiJoiningType bits (fribidi-joining-types.h). "Left" and "right" are
# those of right-to-left text: a letter that joins left joins the one after it.
JOINS_RIGHT, JOINS_LEFT, TRANSPARENT = 0x01, 0x02, 0x08


def joining_types(text: str) -> list[int]:
    """The Unicode joining type of each character, as FriBidi's bit masks
    (JOINS_RIGHT, JOINS_LEFT, TRANSPARENT)."""
    length = len(text)
    if not length:
        return []
    characters = (_U32 * length)(*map(ord, text))
    types = (ctypes.c_uint8 * length)()
    _fribidi().fribidi_get_joining_types(characters, length, types)
    return list(types)

"""Wrapping one WeasyPrint function: once per process, and only the function
the wrapper was written for.

Our PDF fixes to WeasyPrint (tounicode, rtl_lines, rtl_line_ends,
kashida, copy_text, arrays) each replace module-level functions (or the FFI
object's `new`) with a wrapper that calls the original. A function
whose parameters changed is not the one the wrapper knows, so it is left
alone: the fix then stands aside and the tests that check its effect fail.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable


def wrap_once(module: object, name: str, parameters: list[str], marker: str,
              make_wrapper: Callable[[Callable], Callable]) -> bool:
    """Replace module.name with make_wrapper(original), unless it is wrapped
    already (it carries marker) or its parameters are not `parameters`. The
    wrapper keeps the original as __wrapped__. True when the wrapper is in
    place (now or before), False when the function was not the expected one."""
    current = getattr(module, name)
    if getattr(current, marker, False):
        return True
    if list(inspect.signature(current).parameters) != parameters:
        return False
    wrapper = make_wrapper(current)
    setattr(wrapper, marker, True)
    wrapper.__wrapped__ = current
    setattr(module, name, wrapper)
    return True

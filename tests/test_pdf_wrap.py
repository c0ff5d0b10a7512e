"""Wrapping one WeasyPrint function once (convert/exporters/pdf/engine_fixes/wrap.py)."""

from __future__ import annotations

from types import ModuleType

from convert.exporters.pdf.engine_fixes.wrap import wrap_once


def module_with(function) -> ModuleType:
    module = ModuleType("weasy_stand_in")
    module.draw = function
    return module


def doubled(draw):
    return lambda a, b: 2 * draw(a, b)


def test_wraps_once_and_keeps_the_original() -> None:
    def draw(a, b):
        return a + b

    module = module_with(draw)
    for _ in range(3):
        wrap_once(module, "draw", ["a", "b"], "doubles", doubled)
    assert module.draw(1, 2) == 6  # wrapped once, not three times
    assert module.draw.__wrapped__ is draw


def test_a_function_with_other_parameters_is_left_alone() -> None:
    def draw(a, b, c):
        return a + b + c

    module = module_with(draw)
    wrap_once(module, "draw", ["a", "b"], "doubles", doubled)
    assert module.draw is draw

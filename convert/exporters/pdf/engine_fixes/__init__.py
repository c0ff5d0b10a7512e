"""Every fix we make to WeasyPrint's (and pydyf's) own work, behind one gate.

Each fix wraps or replaces one function of a library and was checked against
a range of that library's versions. ``install_engine_fixes`` installs them
all, once a process, and decides for each:

- ``on``: installed;
- ``off``: turned off by the environment: ``CONVERT_ENGINE_FIXES=off`` turns
  every fix off, ``CONVERT_ENGINE_FIXES=off:rtl-lines,arrays`` the ones named;
- ``stood aside``: the library's version is outside the checked range, or the
  function to wrap is not the one the fix was written for (its parameters
  changed). The library then does its own work, unfixed.

Four fixes only save time: the PDF is the same bytes with them or without
them. ``tounicode`` makes words that Amiri draws with extra glyphs copy and
search right (WeasyPrint issue #2841); without it the pages look the same,
but such words copy wrong (``للكن`` for ``لكن``). ``rtl-line-ends`` keeps a
right-to-left line of several boxes (a line with a Latin word or a number on
it) inside the margins; without it such a line sticks out by a space's width.
``trailing-space`` keeps a line whole when only its trailing space passes the
line's end; without it such a line ends after its first word, mid-paragraph.
``line-fits`` keeps a line broken inside an Arabic word (a long token's)
inside the margins; without it the letter before the break, in its wider
final form, sticks out by up to 7 pt (seen's tail).
``footnote-room`` keeps a footnote on the page of its call when it fits
there; without it every footnote moves to a later page, one note a page.
``footnotes-kept`` keeps them there when a paragraph's second line would not
fit below them: the paragraph moves, as on a page without notes; without it
the page's last note moves a page past its call.
``kashida`` justifies Arabic lines by elongating letters. ``copy-text``
draws each line again as a text layer that every viewer family copies and
searches whole (vowel marks, Nastaliq, elongations); without it the pages
look the same but PDFium, MuPDF and poppler read broken words.
``convert --version`` prints each fix's state. Before raising the upper
bounds of weasyprint or pydyf in pyproject.toml, run the tests with the new
version: the tests of each fix say whether it still holds.

Nothing here imports WeasyPrint at module level: the command line asks this
module for the switch without paying for it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ....errors import UsageError

ON, OFF, STOOD_ASIDE = "on", "off", "stood aside"
SWITCH = "CONVERT_ENGINE_FIXES"


@dataclass(frozen=True)
class EngineFix:
    name: str
    summary: str
    library: str  # the importable module whose version was checked
    checked: tuple[str, str]  # versions from (included) .. to (excluded)
    module: str  # the submodule that holds it
    needs: tuple[str, ...] = ()  # fixes it cannot do without


FIXES = (
    EngineFix("fast-import", "WeasyPrint imported without its ldconfig/gcc library search, "
              "two rarely used fontTools modules deferred", "weasyprint", ("70.0", "71"), "fast_import"),
    EngineFix("tounicode", "each glyph copies as the letters it stands for (WeasyPrint #2841)",
              "weasyprint", ("70.0", "71"), "tounicode"),
    EngineFix("rtl-lines", "each right-to-left line laid out once instead of twice",
              "weasyprint", ("70.0", "71"), "rtl_lines"),
    EngineFix("rtl-line-ends", "a right-to-left line of several boxes stays inside the margins",
              "weasyprint", ("70.0", "71"), "rtl_line_ends"),
    EngineFix("trailing-space", "a text that fits its line but for a trailing space stays whole "
              "(no line ending after its first word)", "weasyprint", ("70.0", "71"), "trailing_space"),
    EngineFix("line-fits", "a line broken inside a word (a long token's) fits the room it was broken for",
              "weasyprint", ("70.0", "71"), "line_fits"),
    EngineFix("kashida", "justified Arabic lines evened by elongating letters (theme: [text] kashida)",
              "weasyprint", ("70.0", "71"), "kashida", needs=("tounicode",)),
    EngineFix("copy-text", "text copies and searches whole in every viewer: one text glyph per character, "
              "marks and elongations drawn as outlines", "weasyprint", ("70.0", "71"), "copy_text",
              needs=("tounicode",)),
    EngineFix("footnote-room", "a footnote that fits on the page of its call stays there "
              "(no rounding error moving it to the next page, WeasyPrint #2502)",
              "weasyprint", ("70.0", "71"), "footnote_room"),
    EngineFix("footnotes-kept", "a page's footnotes stay with their calls rather than move to the next "
              "page to fit a paragraph's second line", "weasyprint", ("70.0", "71"), "footnotes_kept"),
    EngineFix("arrays", "font subsetting's C arrays made without a C parser run for each length",
              "weasyprint", ("70.0", "71"), "arrays"),
    EngineFix("write-once", "each PDF object serialized and deflated once, not twice",
              "pydyf", ("0.13.0", "0.14"), "write_once"),
)
FIX_NAMES = tuple(fix.name for fix in FIXES)
_states: dict[str, str] = {}


def switched_off(value: str | None = None) -> frozenset[str]:
    """The fixes the environment turns off; a UsageError for a value that means nothing."""
    value = (os.environ.get(SWITCH, "") if value is None else value).strip().lower()
    if value in ("", ON):
        return frozenset()
    if value == OFF:
        return frozenset(FIX_NAMES)
    listed = value.removeprefix("off:") if value.startswith("off:") else ""
    names = [name.strip() for name in listed.split(",") if name.strip()]
    unknown = [name for name in names if name not in FIX_NAMES]
    if not names or unknown:
        raise UsageError(f"{SWITCH}={value!r}: use on, off, or off:NAME,NAME "
                         f"(names: {', '.join(FIX_NAMES)})")
    return frozenset(names)


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def in_checked_range(fix: EngineFix, version: str | None) -> bool:
    low, high = fix.checked
    return version is not None and version_tuple(low) <= version_tuple(version) < version_tuple(high)


def planned_state(fix: EngineFix, version: str | None, off: frozenset[str]) -> str | None:
    """off or stood aside when the switch or the version says so; None: try to install it."""
    if fix.name in off:
        return OFF
    return None if in_checked_range(fix, version) else STOOD_ASIDE


def import_weasyprint() -> None:
    """Import WeasyPrint once, through the fast-import fix when it is on."""
    if "weasyprint" in sys.modules:
        _states.setdefault("fast-import", STOOD_ASIDE)  # imported before we could help
        return
    fix = FIXES[0]
    state = planned_state(fix, _weasyprint_version_unimported(), switched_off())
    if state is None:
        importlib.import_module(f"{__name__}.fast_import").import_fast()
        state = ON
    else:
        importlib.import_module("weasyprint")
    _states[fix.name] = state


def _weasyprint_version_unimported() -> str | None:
    """WeasyPrint's version from its own source, without importing it (the
    import is what the fast-import fix changes) or importlib.metadata (25 ms)."""
    spec = importlib.util.find_spec("weasyprint")
    try:
        with open(spec.origin, encoding="utf-8") as source:  # type: ignore[union-attr]
            match = re.search(r"^VERSION = __version__ = '([^']+)'", source.read(), re.M)
    except (AttributeError, TypeError, OSError):
        return None
    return match.group(1) if match else None


@cache
def install_engine_fixes() -> dict[str, str]:
    """Install every fix that is on and fits the installed versions (once a
    process); the state of each fix by name."""
    import_weasyprint()
    off = switched_off()
    for fix in FIXES[1:]:
        library = importlib.import_module(fix.library)
        state = planned_state(fix, getattr(library, "__version__", None), off)
        if state is None and any(_states.get(name) != ON for name in fix.needs):
            state = STOOD_ASIDE  # e.g. kashida's elongations would copy without tounicode
        if state is None:
            installed = importlib.import_module(f"{__name__}.{fix.module}").install()
            state = ON if installed else STOOD_ASIDE
        _states[fix.name] = state
    return dict(_states)


def pdf_finisher() -> Callable | None:
    """What write_pdf is given as its finisher: the write-once fix, when on."""
    if install_engine_fixes()["write-once"] != ON:
        return None
    return importlib.import_module(f"{__name__}.write_once").serialize_once


def report() -> str:
    """Each fix's state, one line each, as `convert --version` prints it."""
    states = install_engine_fixes()
    import pydyf
    import weasyprint

    lines = [f"WeasyPrint {weasyprint.__version__}, pydyf {pydyf.__version__}; "
             f"engine fixes ({SWITCH}={os.environ.get(SWITCH, ON) or ON}):"]
    for fix in FIXES:
        low, high = fix.checked
        lines.append(f"  {fix.name:<14} {states[fix.name]:<12} {fix.library} >={low},<{high}: {fix.summary}")
    return "\n".join(lines)

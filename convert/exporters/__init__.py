"""The exporter registry.

Built-ins are named in ``BUILTINS`` and imported only when asked for, so
``--to json`` never pays for importing WeasyPrint. Third-party exporters
register a class under the entry-point group ``convert.exporters``::

    [project.entry-points."convert.exporters"]
    odt = "my_package.odt:OdtExporter"
"""

from __future__ import annotations

import importlib
import importlib.util
import tempfile
from functools import cache
from pathlib import Path
from typing import ClassVar, Protocol

from ..errors import UsageError
from ..model import Document, Meta, Paragraph, Text
from ..options import Options

ENTRY_POINT_GROUP = "convert.exporters"

# Format name -> "module:Class", in the order `all` runs them.
BUILTINS: dict[str, str] = {
    "json": "convert.exporters.json:JsonExporter",
    "html": "convert.exporters.html:HtmlExporter",
    "pdf": "convert.exporters.pdf.exporter:PdfExporter",
    "docx": "convert.exporters.docx.exporter:DocxExporter",
    "epub": "convert.exporters.epub.exporter:EpubExporter",
    # Share cards (pictures for social networks): asked for by name, not part
    # of "all" (NOT_IN_ALL).
    "cards": "convert.exporters.cards:CardsExporter",
}
# Formats "all" leaves out: "all" is what a reader reads (what the catalogue
# lists for download); share cards are pictures about an article that a web
# or social media editor asks for (`--to all,cards`). Left out, every run of
# "all" writes the same files as before they existed.
NOT_IN_ALL = frozenset({"cards"})
# Files the catalogue (--catalog) adds beside each article's formats; not
# formats of their own (neither listed nor part of "all").
CATALOG_PARTS: dict[str, str] = {
    "cover": "convert.exporters.cover:CoverExporter",
    "thumbnail": "convert.exporters.cover:ThumbnailExporter",
    "card": "convert.exporters.cards:CardExporter",  # the share card, without quote cards
}
# Formats that write files beside their own (write_companions; the share
# cards' quote cards): an incremental run finds such an output stale when a
# file it wrote beside it is missing (freshness.py). Named here, like the
# suffixes below, so planning imports no exporter.
WITH_COMPANIONS = frozenset({"cards"})
# Their file suffixes, so planning a batch (and skipping fresh outputs) does
# not import WeasyPrint just to learn that a PDF ends in ".pdf".
BUILTIN_SUFFIXES: dict[str, str] = {name: f".{name}" for name in BUILTINS} | {
    "cards": ".card.png", "cover": ".cover.png", "thumbnail": ".thumb.png", "card": ".card.png"}


class Exporter(Protocol):
    name: ClassVar[str]
    suffix: ClassVar[str]

    def export(self, doc: Document, target: Path, options: Options) -> None:
        """Write doc to target (a temporary path the caller renames)."""

    # A format that writes files beside its own (share cards' quote cards) also has:
    #     def write_companions(self, content: Document | Book, final: Path, options: Options) -> None
    # called with the final target before it is written; it writes each file
    # whole itself (files.atomic_target) and removes those it no longer makes;
    #     def companions(self, final: Path) -> list[Path]
    # the files of final's it holds beside it now; and its name is in WITH_COMPANIONS.

    # Formats that can hold many articles also have (book mode, --book):
    #     def export_book(self, book: Book, target: Path, options: Options) -> None


@cache
def _plugin_targets() -> dict[str, str]:
    # Imported here: reading the installed packages' entry points is only
    # needed when a format is not built in, or for "all" and --list-formats.
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _builtin_available(target: str) -> bool:
    module = target.split(":")[0]
    return importlib.util.find_spec(module) is not None


def available_formats() -> list[str]:
    """Every format name that can be asked for: built-ins first, then plugins."""
    names = [name for name, target in BUILTINS.items() if _builtin_available(target)]
    return names + sorted(set(_plugin_targets()) - set(names))


def resolve_formats(spec: str) -> list[str]:
    """A comma list (or "all") to format names, or a UsageError listing the choices."""
    wanted = [part.strip().lower() for part in spec.split(",") if part.strip()]
    if not wanted:
        raise UsageError("no format given (--to FORMATS)")
    if all(name in BUILTINS and _builtin_available(BUILTINS[name]) for name in wanted):
        return list(dict.fromkeys(wanted))  # no need to look for plugins
    available = available_formats()
    unknown = [name for name in wanted if name not in available and name != "all"]
    if unknown:
        raise UsageError(
            f"unknown format {', '.join(unknown)} (available: {', '.join(available)}, all)"
        )
    if "all" in wanted:  # and any format "all" leaves out that is named beside it
        return [name for name in available if name not in NOT_IN_ALL or name in wanted]
    return list(dict.fromkeys(wanted))


def warm_up(formats: list[str], options: Options) -> None:
    """Let exporters that can fill their per-process caches before worker
    processes fork from this one, so every worker starts warm (fork shares
    the memory). An exporter opts in with a warm(options) method."""
    for name in formats:
        warm = getattr(get_exporter(name), "warm", None)
        if warm is not None:
            warm(options)


def warm_by_example(exporter: Exporter, options: Options) -> None:
    """Warm an exporter by converting a one-line article: imports, templates,
    fonts and their compressed bytes all land in the caches."""
    example = Document(Meta("تسخين"), (Paragraph((Text("نص قصير 1"),)),))
    with tempfile.TemporaryDirectory(prefix="convert-warm-") as folder:
        exporter.export(example, Path(folder) / f"warm{exporter.suffix}", options)


def catalog_parts(formats: list[str]) -> list[str]:
    """The catalogue's parts (--catalog) a run of these formats adds: those
    whose file no format of the run writes already (cards writes the card)."""
    taken = {suffix_of(fmt) for fmt in formats}
    return [part for part in CATALOG_PARTS if BUILTIN_SUFFIXES[part] not in taken]


def suffix_of(name: str) -> str:
    """The output suffix of a format, importing only third-party exporters."""
    return BUILTIN_SUFFIXES.get(name) or get_exporter(name).suffix


@cache
def get_exporter(name: str) -> Exporter:
    """One exporter object per process, so its caches last a whole batch."""
    target = BUILTINS.get(name) or CATALOG_PARTS.get(name) or _plugin_targets().get(name)
    if target is None:
        raise UsageError(f"unknown format {name}")
    module_name, _, class_name = target.partition(":")
    exporter_class = getattr(importlib.import_module(module_name), class_name)
    return exporter_class()

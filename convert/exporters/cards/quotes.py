"""The quote cards beside an article's share card: NAME.quote-N.png, one per
pull quote, each written whole (temporary file, then rename); quote cards
left by an earlier run with more pull quotes are removed, so the folder
holds exactly the article's quotes."""

from __future__ import annotations

import re
from pathlib import Path

from ...files import atomic_target
from ...model import Book, Document
from ...options import Options
from .. import BUILTIN_SUFFIXES
from .card import quote_card_png

CARD_SUFFIX = BUILTIN_SUFFIXES["card"]  # the share card a cards run writes


def quote_card_path(final: Path, number: int) -> Path:
    """NAME.quote-N.png beside NAME.card.png."""
    return final.parent / f"{final.name.removesuffix(CARD_SUFFIX)}.quote-{number}.png"


def write_quote_cards(content: Document | Book, final: Path, options: Options) -> list[Path]:
    """Each pull quote's card (a book has none), then the stale ones removed."""
    quotes = () if isinstance(content, Book) else content.meta.pull_quotes
    written = []
    for number, quote in enumerate(quotes, start=1):
        path = quote_card_path(final, number)
        with atomic_target(path) as temporary:
            temporary.write_bytes(quote_card_png(quote, content.meta, options))
        written.append(path)
    _remove_stale(final, len(quotes))
    return written


def _remove_stale(final: Path, kept: int) -> None:
    """Quote cards of this article numbered past `kept`."""
    for number, path in _numbered(final):
        if number > kept:
            path.unlink(missing_ok=True)


def quote_cards_beside(final: Path) -> list[Path]:
    """The article's quote cards in final's folder now, by number."""
    return [path for _, path in sorted(_numbered(final))]


def _numbered(final: Path) -> list[tuple[int, Path]]:
    """The files beside final named as this module names quote cards
    (NAME.quote-N.png, N a number without leading zeros), with N: regular
    files only, never a link."""
    stem = final.name.removesuffix(CARD_SUFFIX)
    pattern = re.compile(rf"{re.escape(stem)}\.quote-([1-9][0-9]*)\.png")
    if not final.parent.is_dir():
        return []
    found = []
    for path in final.parent.glob(f"{glob_escaped(stem)}.quote-*.png"):
        match = pattern.fullmatch(path.name)
        if match and path.is_file() and not path.is_symlink():
            found.append((int(match.group(1)), path))
    return found


def glob_escaped(text: str) -> str:
    """text matched literally by Path.glob ([, ], * and ? bracketed)."""
    return re.sub(r"([\[\]*?])", r"[\1]", text)

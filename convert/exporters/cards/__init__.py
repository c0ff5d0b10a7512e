"""Share cards: PNG pictures of an article for social networks and feeds.

``--to cards`` writes NAME.card.png (1200x630: the title, the author, the
publisher, the date, on the lead picture veiled where there is one) and a
NAME.quote-N.png (1080x1080) for each of the article's pull quotes (front
matter ``pull_quotes:``). ``--catalog`` adds NAME.card.png alone (the "card"
part), which the Atom feed links. The text is drawn by the EPUB cover's
code (exporters/epub/cover.py) in the same theme fonts and colours.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ...model import Book, Document
from ...options import Options
from .card import book_card_png, card_png
from .quotes import quote_cards_beside, write_quote_cards


class CardsExporter:
    """The share card, and beside it the quote cards (companions: written whole
    before the card, see outputs.export_to)."""

    name: ClassVar[str] = "cards"
    suffix: ClassVar[str] = ".card.png"

    def export(self, doc: Document, target: Path, options: Options) -> None:
        target.write_bytes(card_png(doc, options))

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        target.write_bytes(book_card_png(book, options))

    def write_companions(self, content: Document | Book, final: Path, options: Options) -> None:
        write_quote_cards(content, final, options)

    def companions(self, final: Path) -> list[Path]:
        """The quote cards beside final now (an incremental run checks they are still there)."""
        return quote_cards_beside(final)


class CardExporter:
    """The share card alone: the catalogue's part (--catalog)."""

    name: ClassVar[str] = "card"
    suffix: ClassVar[str] = ".card.png"

    def export(self, doc: Document, target: Path, options: Options) -> None:
        target.write_bytes(card_png(doc, options))

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        target.write_bytes(book_card_png(book, options))

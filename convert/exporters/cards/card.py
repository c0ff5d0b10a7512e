"""A card as pixels: its layout (layout.py) drawn as palette indexes, then
coloured, on the theme's ground or on the article's lead picture.

The layout is drawn as the cover is (exporters/epub/cover.py): ground index
127, soft ink towards 0, ink towards 255, anti-aliased edges in between. On
a flat ground the indexes are the picture (a palette PNG); on a picture the
same indexes become how much of each ink covers the veiled picture.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw

from ...errors import ConvertError
from ...model import Book, Document, Figure, Meta
from ...options import Options
from ...reading.language import language_code
from ...text.shown import capped_marks, shortened, shown_byline, shown_title
from ..epub.cover import GROUND_INDEX, LEADING, CoverLayout, CoverStyle, default_shaping, palette
from ..epub.exporter import cover_style
from .backdrop import backdrop
from .layout import CARD_SIZE, CardFaces, CardText, quote_card_layout, safe_area, share_card_layout

DATE_LIMIT = 40  # characters: a date written in words is short
QUOTE_LIMIT = 400  # characters: about 70 Arabic words, seven lines of a quote card


@dataclass(frozen=True)
class CardLook:
    """A card's theme: colours and faces (the cover's), and how its lines are spaced."""

    style: CoverStyle
    faces: CardFaces


def card_look(meta: Meta, options: Options) -> CardLook:
    """The cover's colours and faces (the theme as the article's language
    sets it: Nastaliq for Urdu), lines as far apart as the theme's titles."""
    style = cover_style(options.theme)
    leading = max(LEADING, options.theme.fonts.title_line_height)
    faces = CardFaces(style.title_font, style.text_font, leading, language_code(meta.lang), default_shaping())
    return CardLook(style, faces)


def card_text(meta: Meta, options: Options, with_date: bool = True) -> CardText:
    publisher = options.theme.publishing.publisher.strip()
    date = shortened(capped_marks(meta.date), DATE_LIMIT) if with_date and meta.date else None
    return CardText(shown_title(meta.title), shown_byline(meta.author), publisher or None, date)


def card_png(doc: Document, options: Options) -> bytes:
    """The share card of an article, on its lead picture if it has one."""
    look = card_look(doc.meta, options)
    lead = lead_figure(doc)
    return _drawn(lambda: share_card_layout(card_text(doc.meta, options), look.faces), CARD_SIZE, look,
                  lead.image.data if lead else None)


def book_card_png(book: Book, options: Options) -> bytes:
    """The share card of a book: its title and author on the theme's ground."""
    meta = book.meta
    look = card_look(meta, options)
    return _drawn(lambda: share_card_layout(card_text(meta, options, with_date=False), look.faces),
                  CARD_SIZE, look, None)


def quote_card_png(quote: str, meta: Meta, options: Options) -> bytes:
    look = card_look(meta, options)
    text = card_text(meta, options, with_date=False)
    shown = shortened(capped_marks(quote), QUOTE_LIMIT)
    size = (1080, 1080)
    return _drawn(lambda: quote_card_layout(shown, text, look.faces, size), size, look, None)


def lead_figure(doc: Document) -> Figure | None:
    """The article's lead picture (front matter image:), if any."""
    return next((block for block in doc.blocks if isinstance(block, Figure) and block.lead), None)


def _drawn(lay_out, size: tuple[int, int], look: CardLook, picture: bytes | None) -> bytes:
    try:
        indexes = draw_indexes(lay_out(), size)
    except OSError as error:  # Pillow cannot read the theme's font file
        raise ConvertError(f"card: cannot draw with {look.style.title_font}: {error}") from None
    image = _on_picture(indexes, look.style, picture) if picture else _on_ground(indexes, look.style)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_indexes(layout: CoverLayout, size: tuple[int, int]) -> Image.Image:
    """The layout as palette indexes on the ground, drawn only inside the safe area."""
    left, top, right, bottom = safe_area(size)
    inside = Image.new("L", (right - left, bottom - top), GROUND_INDEX)
    layout.draw(ImageDraw.Draw(inside), top=top, left=left)
    card = Image.new("L", size, GROUND_INDEX)
    card.paste(inside, (left, top))
    return card


def _on_ground(indexes: Image.Image, style: CoverStyle) -> Image.Image:
    indexes.putpalette(palette(style.soft_ink, style.ground, style.ink))
    return indexes


def _on_picture(indexes: Image.Image, style: CoverStyle, picture: bytes) -> Image.Image:
    """The veiled picture with each ink laid on it as much as its index says."""
    image = backdrop(picture, indexes.size, (style.ink, style.soft_ink))
    ink_cover = indexes.point([max(0, value - GROUND_INDEX) * 255 // (255 - GROUND_INDEX)
                               for value in range(256)])
    soft_cover = indexes.point([max(0, GROUND_INDEX - value) * 255 // GROUND_INDEX for value in range(256)])
    image.paste(ImageColor.getrgb(style.ink)[:3], mask=ink_cover)
    image.paste(ImageColor.getrgb(style.soft_ink)[:3], mask=soft_cover)
    return image

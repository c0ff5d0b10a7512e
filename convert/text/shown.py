"""How much of a title and a byline the formats show.

A title or a byline may be any length (front matter, or a first line of
200,000 letters), and every format lays out what it shows: a cover is
redrawn at many sizes, a page lays out and paints every glyph. So where a
title or byline is displayed (the title block, running heads, contents, the
cover, the catalogue's page) it is shortened to these limits, cut after a
whole word (a byline after a whole name) with an ellipsis. The metadata
keeps the full text: PDF Info and XMP, DOCX core properties, the EPUB's
dc:title and dc:creator, the JSON and the catalogue's feed.

A letter is shown with at most MARKS_PER_LETTER marks: ten thousand fathas on
one letter stack up off the page (and past Pillow's image limit on a cover).
"""

from __future__ import annotations

from unicodedata import category

TITLE_LIMIT = 300  # characters (marks included): about 50 Arabic words, six lines of a cover
BYLINE_LIMIT = 300  # characters: about 20 authors' names, joined by the Arabic comma
NAME_SEPARATOR = "، "  # how a byline joins several authors (reading/reader.py)
# Marks one letter carries where a title shows: shadda, a vowel and a Quranic
# sign or two. More (an attack, or a typing slip) are left off.
MARKS_PER_LETTER = 4


def shortened(text: str, limit: int) -> str:
    """text, cut after a whole word with an ellipsis when longer than limit
    (a running head that wraps would push the text down the page)."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ،,;:") + "…"


def capped_marks(text: str, most: int = MARKS_PER_LETTER) -> str:
    """text with at most `most` combining marks after each letter."""
    kept, marks = [], 0
    for character in text:
        marks = marks + 1 if category(character) in ("Mn", "Me") else 0
        if marks <= most:
            kept.append(character)
    return "".join(kept)


def shown_title(title: str) -> str:
    """The title as the formats display it: at most TITLE_LIMIT characters."""
    return shortened(capped_marks(title), TITLE_LIMIT)


def shown_byline(byline: str | None) -> str | None:
    """The byline as the formats display it: at most BYLINE_LIMIT characters,
    cut after a whole name when it lists several."""
    if byline is None:
        return None
    byline = capped_marks(byline)
    if len(byline) <= BYLINE_LIMIT:
        return byline
    head = byline[: BYLINE_LIMIT - 1]
    last_name_end = head.rfind(NAME_SEPARATOR)
    if last_name_end > 0:
        return head[:last_name_end] + NAME_SEPARATOR.strip() + " …"
    return shortened(byline, BYLINE_LIMIT)

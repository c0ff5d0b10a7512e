"""A poem (model.Poem) as Arabic books set it, shared by every format.

A classical verse is two columns of one width, the first hemistich at the
right, the second at the left, each justified to the column (kashida
first, in the PDF), a gap between; the poem is centred on the measure.
The column is as wide as the poem's longest hemistich, estimated from its
letters (EM_PER_CHARACTER: Amiri's Arabic letters and spaces average about
0.33 to 0.41 em, so the longest hemistich fills it or is elongated a
little, never squeezed onto two lines in the body face). A line of free
verse keeps its line break and is set from the right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .model import Book, Document, Inline, Poem, inline_text

EM_PER_CHARACTER = 0.42
MIN_HEMISTICH_EM = 6.0
GAP_EM = 3.0  # poetry.css: 1.5em of padding in each cell
# Vowel marks take no width of their own.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def hemistich_em(poem: Poem) -> float | None:
    """The width of a hemistich's column in em, None without classical verses."""
    lengths = [len(_MARKS.sub("", inline_text(part))) for verse in poem.verses if len(verse) == 2
               for part in verse]
    if not lengths:
        return None
    return max(MIN_HEMISTICH_EM, math.ceil(max(lengths) * EM_PER_CHARACTER * 2) / 2)


def poem_em(poem: Poem) -> float | None:
    """The width of the poem's two columns and the gap, in em."""
    column = hemistich_em(poem)
    return None if column is None else 2 * column + GAP_EM


def render_poem(poem: Poem, render_inlines: Callable[[tuple[Inline, ...]], str]) -> str:
    """The poem's HTML (styles/poetry.css): a verse a table row of two cells
    (every reading system lays tables out; grid is newer), never split."""
    width = poem_em(poem)
    # Our own number, never article text. Centred by equal padding at the
    # sides, none where the measure is narrower: WeasyPrint misplaces a
    # right-to-left block or table centred by auto margins.
    style = f' style="padding: 0 max(0px, 50% - {width / 2:g}em)"' if width else ""
    verses = [_verse(verse, render_inlines) for verse in poem.verses]
    return f'<div class="poem"{style}>{"".join(verses)}</div>'


def _verse(verse: tuple[tuple[Inline, ...], ...], render_inlines: Callable[[tuple[Inline, ...]], str]) -> str:
    if len(verse) == 1:
        return f'<p class="verse free">{render_inlines(verse[0])}</p>'
    # A space between the cells: where styles are off, the halves stay apart.
    cells = " ".join(f'<span class="hemistich">{render_inlines(part)}</span>' for part in verse)
    return f'<p class="verse">{cells}</p>'


# The rules for poems (styles/), added to a stylesheet only where there is a
# poem: an article without one keeps its bytes.
POETRY_STYLESHEET = "poetry.css"
# A narrow screen's rules (HTML, EPUB): the hemistichs stacked.
POETRY_SCREEN_STYLESHEET = "poetry-screen.css"


def has_poems(content: Document | Book) -> bool:
    documents = content.documents if isinstance(content, Book) else (content,)
    return any(isinstance(block, Poem) for doc in documents for block in doc.blocks)


def poetry_sheets(content: Document | Book) -> tuple[str, ...]:
    """The poems' stylesheet, where content has a poem."""
    return (POETRY_STYLESHEET, POETRY_SCREEN_STYLESHEET) if has_poems(content) else ()

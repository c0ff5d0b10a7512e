"""Split article text into right-to-left and left-to-right runs.

Word decides a run's font (the complex-script twin or the Latin one) and the
direction of its neutral characters from the run's ``w:rtl`` flag, not from
the characters alone. So each paragraph is cut into the level runs of the
shared direction rule (text/direction.py: UAX #9). Right-to-left runs are
written with ``w:rtl``; left-to-right ones (``COVID-19``, ``2011``) without
it, so they keep their order and their Latin font inside an Arabic sentence.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from ...text.direction import level_runs


@dataclass(frozen=True)
class ScriptRun:
    """A stretch of text in one direction, tagged with the piece it came from."""

    text: str
    rtl: bool
    tag: Hashable = ""  # a str, or what a writer marks the piece with (text.py: RunMarks)


def split_runs(pieces: Iterable[tuple[str, Hashable]]) -> list[ScriptRun]:
    """Cut tagged pieces of one paragraph into runs of one direction each.

    pieces are (text, tag) pairs, e.g. plain text and a quotation; levels
    are resolved over the whole paragraph so neutrals see their real
    neighbours, then runs are cut where the level or the tag changes.
    """
    pieces = [(text, tag) for text, tag in pieces if text]
    text = "".join(piece for piece, _ in pieces)
    level_cuts = level_runs(text)
    runs: list[ScriptRun] = []
    offset = 0
    first = 0  # the first level run not wholly before the piece
    # Pieces and level runs both tile the text in order: one walk over the
    # two (a paragraph of a thousand links is not a million comparisons).
    for piece, tag in pieces:
        end = offset + len(piece)
        while level_cuts[first].end <= offset:
            first += 1
        index = first
        while index < len(level_cuts) and level_cuts[index].start < end:
            cut = level_cuts[index]
            runs.append(ScriptRun(text[max(cut.start, offset):min(cut.end, end)], cut.right_to_left, tag))
            index += 1
        offset = end
    return runs

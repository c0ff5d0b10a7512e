"""Split article text into right-to-left and left-to-right runs.

Word decides a run's font (the complex-script twin or the Latin one) and the
direction of its neutral characters from the run's ``w:rtl`` flag, not from
the characters alone. So each paragraph is cut into runs where the shared
direction rule (text/direction.py) says a left-to-right stretch starts and
ends. Right-to-left runs are written with ``w:rtl``; left-to-right ones
(``COVID-19``, ``2011``, ``10%``) without it, so they keep their order and
their Latin font inside an Arabic sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...text.direction import ltr_stretches


@dataclass(frozen=True)
class ScriptRun:
    """A stretch of text in one direction, tagged with the piece it came from."""

    text: str
    rtl: bool
    tag: str = ""


def split_runs(pieces: Iterable[tuple[str, str]]) -> list[ScriptRun]:
    """Cut tagged pieces of one paragraph into runs of one direction each.

    pieces are (text, tag) pairs, e.g. plain text and a quotation; directions
    are resolved over the whole paragraph so neutrals see their real
    neighbours, then runs are cut where the direction or the tag changes.
    """
    pieces = [(text, tag) for text, tag in pieces if text]
    text = "".join(piece for piece, _ in pieces)
    cuts = _direction_cuts(len(text), ltr_stretches(text))
    runs: list[ScriptRun] = []
    offset = 0
    for piece, tag in pieces:
        end = offset + len(piece)
        for start, stop, rtl in cuts:
            low, high = max(start, offset), min(stop, end)
            if low < high:
                runs.append(ScriptRun(text[low:high], rtl, tag))
        offset = end
    return runs


def _direction_cuts(length: int, stretches: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The whole text as (start, end, right-to-left) runs, alternating."""
    cuts, position = [], 0
    for start, end in stretches:
        if start > position:
            cuts.append((position, start, True))
        cuts.append((start, end, False))
        position = end
    if position < length:
        cuts.append((position, length, True))
    return cuts

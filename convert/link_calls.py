"""A note call inside a link's text (``[النص[^2]](https://…)``), set beside the link.

The model keeps the call where the writer put it, inside the Link. No format
can show it there as a call: a call is itself a link, to its note, and an
<a> inside an <a> is not HTML (EPUB, HTML and the PDF, made from HTML); in a
PDF the link's annotation would cover the call and take its click; in Word a
w:footnoteReference inside a w:hyperlink is valid OOXML, but the hyperlink
takes the click there too, and the later calls of a note (NOTEREF fields,
links themselves) would nest one link in another. So every format sets a
link that holds calls as the link's words up to each call, the call (raised,
leading to its note), then the rest of the link: the call stands where it
was typed, and the link's box never covers it.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Emphasis, Inline, Link, NoteRef, Quote, Strong, inline_text

_CONTAINERS = (Strong, Emphasis, Link, Quote)


def holds_call(inlines: tuple[Inline, ...]) -> bool:
    return any(isinstance(inline, NoteRef) or (isinstance(inline, _CONTAINERS) and holds_call(inline.inlines))
               for inline in inlines)


def link_pieces(link: Link) -> tuple[Inline, ...]:
    """link cut at its note calls: Link, NoteRef, Link … (a piece without
    words left out); link alone where it holds no call."""
    if not holds_call(link.inlines):
        return (link,)
    return tuple(piece if isinstance(piece, NoteRef) else Link(link.href, piece)
                 for piece in _cut(link.inlines))


def _cut(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...] | NoteRef]:
    """inlines as runs without calls and the calls between them, each
    container a call is in cut in two there (its pieces keep its kind)."""
    pieces: list[list[Inline] | NoteRef] = [[]]
    for inline in inlines:
        if isinstance(inline, NoteRef):
            pieces += [inline, []]
        elif isinstance(inline, _CONTAINERS) and holds_call(inline.inlines):
            parts = _cut(inline.inlines)
            if isinstance(inline, Quote):
                # Runs at both ends, if empty, to hold the quotation's marks.
                parts = [*([()] if isinstance(parts[0], NoteRef) else []), *parts,
                         *([()] if isinstance(parts[-1], NoteRef) else [])]
            runs = [index for index, part in enumerate(parts) if not isinstance(part, NoteRef)]
            for index, part in enumerate(parts):
                if isinstance(part, NoteRef):
                    pieces += [part, []]
                else:
                    current = pieces[-1]
                    assert isinstance(current, list)
                    current.append(_piece_of(inline, part, index == runs[0], index == runs[-1]))
        else:
            current = pieces[-1]
            assert isinstance(current, list)
            current.append(inline)
    return [piece if isinstance(piece, NoteRef) else tuple(piece) for piece in pieces if piece]


def _piece_of(container: Inline, part: tuple[Inline, ...], first: bool, last: bool) -> Inline:
    """container holding only part; a quotation's opening mark on its first
    piece only, its closing mark on its last."""
    if isinstance(container, Quote):
        return Quote(inline_text(part), container.open_mark if first else "",
                     container.close_mark if last else "", part)
    return replace(container, inlines=part)  # type: ignore[arg-type]

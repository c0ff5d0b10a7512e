"""Document -> Document steps run between the reader and the exporters."""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Heading
from ..options import Options


def apply_disclaimer(doc: Document, options: Options) -> Document:
    """The article's own disclaimer, else the --disclaimer text, else the theme's;
    none at all with --no-disclaimer."""
    if not options.footer:
        return doc.with_meta(disclaimer=None)
    if doc.meta.disclaimer:
        return doc
    fallback = options.disclaimer or options.theme.text.default_disclaimer
    return doc.with_meta(disclaimer=fallback or None)


def outline_levels(doc: Document, options: Options) -> Document:
    """Headings as an outline under the title: the article's highest level
    becomes level 1, and no heading is more than one level below the one
    before it. An article whose first heading is "##" would otherwise jump
    from the title (h1) to h3, which screen readers announce as a missing
    section (Ace: heading-order)."""
    levels = [block.level for block in doc.blocks if isinstance(block, Heading)]
    if not levels:
        return doc
    top, previous, blocks = min(levels), 0, []
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(block.level - top + 1, previous + 1)
            block, previous = replace(block, level=level), level
        blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


TRANSFORMS = (apply_disclaimer, outline_levels)


def prepare(doc: Document, options: Options) -> Document:
    for transform in TRANSFORMS:
        doc = transform(doc, options)
    return doc

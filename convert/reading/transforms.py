"""Document -> Document steps run between the reader and the exporters."""

from __future__ import annotations

from ..model import Document
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


TRANSFORMS = (apply_disclaimer,)


def prepare(doc: Document, options: Options) -> Document:
    for transform in TRANSFORMS:
        doc = transform(doc, options)
    return doc

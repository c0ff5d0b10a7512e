"""Serialize each PDF object once while pydyf writes the file.

With a file identifier (we ask for one: the MD5 of the content, see
pdf/metadata.py), pydyf 0.13 writes every object and then serializes every
object a second time to hash it, which deflates every stream twice at level
9: the fonts, the pages, the object stream. About an eighth of the time of
writing a PDF went to doing it again.

WeasyPrint hands us the finished pydyf.PDF through write_pdf's `finisher`,
just before the file is written. From there each object's class becomes a
subclass that keeps its serialized bytes after the first time they are
asked for (objects pydyf adds while writing, the object and cross-reference
streams, too). Nothing is mutated once writing starts, so the bytes are
those pydyf would have made again: the PDF is byte for byte the same.
"""

from __future__ import annotations

from functools import cache

import pydyf


def install() -> bool:
    """Nothing to install (WeasyPrint hands the PDF to serialize_once, see
    engine_fixes.pdf_finisher); True while pydyf is built as this fix expects:
    objects whose bytes are a `data` property, a PDF that adds objects one by one."""
    return isinstance(getattr(pydyf.Object, "data", None), property) and callable(
        getattr(pydyf.PDF, "add_object", None))


def serialize_once(_document: object, pdf: pydyf.PDF) -> None:
    """A write_pdf finisher: from here on, pdf serializes each object once."""
    for pdf_object in pdf.objects:
        _keep_data(pdf_object)
    pdf.__class__ = _once_class(type(pdf))


class _DataOnce:
    """Mixed into a pydyf object's class: its `data` is computed once."""

    @property
    def data(self) -> bytes:
        kept = self.__dict__.get("_data_once")
        if kept is None:
            kept = self.__dict__["_data_once"] = super().data
        return kept


class _AddingOnce:
    """Mixed into pydyf.PDF: objects added while writing keep their data too."""

    def add_object(self, pdf_object: pydyf.Object) -> None:
        _keep_data(pdf_object)
        super().add_object(pdf_object)


def _keep_data(pdf_object: object) -> None:
    # Objects of other kinds (None placeholders, plain values) are left alone.
    if isinstance(pdf_object, pydyf.Object) and not isinstance(pdf_object, _DataOnce):
        pdf_object.__class__ = _once_class(type(pdf_object))


@cache
def _once_class(cls: type) -> type:
    mixin = _AddingOnce if issubclass(cls, pydyf.PDF) else _DataOnce
    return type(f"{cls.__name__}Once", (mixin, cls), {"__module__": __name__})

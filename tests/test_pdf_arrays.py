"""Fixed-length C arrays made as open ones (convert/exporters/pdf/engine_fixes/arrays.py)."""

from __future__ import annotations

import pytest
from conftest import MIXED, SEED, load
from weasyprint import HTML
from weasyprint.text.ffi import ffi

from convert.exporters.pdf.engine_fixes.arrays import fixed_arrays_as_open
from convert.exporters.pdf.exporter import BASE_URL, PdfExporter
from convert.html import PageOptions, render_page

OPEN_ARRAY = ffi.typeof("hb_codepoint_t[]")


@pytest.fixture
def new():
    PdfExporter()  # installs it on WeasyPrint's FFI object
    assert ffi.new.__wrapped__ is not None
    return fixed_arrays_as_open(ffi.new.__wrapped__)


@pytest.mark.parametrize("length", [1, 7, 6221])
def test_same_contents_with_a_type_parsed_once(new, length: int) -> None:
    items = list(range(3, 3 + length))
    array = new(f"hb_codepoint_t[{length}]", items)
    assert ffi.typeof(array) is OPEN_ARRAY  # no type string of this length parsed
    assert list(array) == items and ffi.sizeof(array) == 4 * length
    empty = new(f"hb_codepoint_t[{length}]")
    assert ffi.typeof(empty) is OPEN_ARRAY and list(empty) == [0] * length


def test_other_declarations_go_to_cffi_as_they_are(new) -> None:
    partly = new("hb_codepoint_t[4]", [9, 8])  # shorter contents: cffi zero-fills the rest
    assert list(partly) == [9, 8, 0, 0]
    assert ffi.typeof(new("PangoRectangle *")) is ffi.typeof("PangoRectangle *")
    assert bytes(ffi.buffer(new("char[4]"))) == b"\0\0\0\0"
    assert new("unsigned int *", 100)[0] == 100


def test_installed_once() -> None:
    PdfExporter()
    installed = ffi.new
    PdfExporter()
    assert ffi.new is installed and ffi.new.__wrapped__ is not installed


@pytest.mark.parametrize("source", [SEED, MIXED], ids=["seed", "mixed"])
def test_same_pdf_with_the_arrays_made_open(source, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    PdfExporter()
    html = render_page(load(source), PageOptions(paged=True))
    after = HTML(string=html, base_url=BASE_URL).write_pdf()
    monkeypatch.setattr(ffi, "new", ffi.new.__wrapped__)
    before = HTML(string=html, base_url=BASE_URL).write_pdf()
    assert after == before

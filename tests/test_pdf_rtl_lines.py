"""Right-to-left lines laid out once (convert/exporters/pdf/engine_fixes/rtl_lines.py).

The wrapper only changes how often WeasyPrint lays a line out, never where:
the PDF must be the same bytes with and without it, for our articles and for
a right-to-left page with floats (where the wrapper stands aside).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from conftest import MIXED, SEED, load
from hypothesis import given
from hypothesis import strategies as st
from weasyprint import HTML
from weasyprint.layout import inline as weasy_inline

from convert.exporters.pdf.engine_fixes.rtl_lines import left_edge
from convert.exporters.pdf.exporter import BASE_URL, PdfExporter
from convert.html import PageOptions, render_page
from convert.options import Options

FLOATS_PAGE = """<html dir="rtl" lang="ar"><body style="font-family: Amiri; text-align: justify">
<div style="float: right; width: 40mm; height: 30mm; background: #ccc"></div>
<div style="float: left; width: 25mm; height: 60mm; background: #999"></div>
<p>{text}</p><p>{text}</p></body></html>"""


@pytest.fixture(scope="module")
def wrapper() -> Iterator:
    PdfExporter()  # installs the wrapper
    installed = weasy_inline.avoid_collisions
    assert getattr(installed, "reports_rtl_line_left_edge", False)
    yield installed


def render(html: str, wrapper, use_it: bool, monkeypatch) -> tuple[bytes, int]:
    """The PDF bytes and how many times WeasyPrint laid out a line."""
    monkeypatch.setattr(weasy_inline, "avoid_collisions", wrapper if use_it else wrapper.__wrapped__)
    layouts = 0
    split = weasy_inline.split_inline_box

    def counting(*args, **kwargs):
        nonlocal layouts
        layouts += 1
        return split(*args, **kwargs)

    monkeypatch.setattr(weasy_inline, "split_inline_box", counting)
    try:
        pdf = HTML(string=html, base_url=BASE_URL).write_pdf()
    finally:
        monkeypatch.setattr(weasy_inline, "split_inline_box", split)
    return pdf, layouts


@pytest.fixture(autouse=True)
def fixed_dates(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.mark.parametrize("source", [SEED, MIXED], ids=["seed", "mixed"])
def test_same_pdf_with_half_the_line_layouts(source, wrapper, monkeypatch) -> None:
    html = render_page(load(source), PageOptions(paged=True))
    before, layouts_before = render(html, wrapper, False, monkeypatch)
    after, layouts_after = render(html, wrapper, True, monkeypatch)
    assert after == before
    # Every line was laid out twice; now once (nested inline boxes count too).
    assert layouts_after <= 0.55 * layouts_before


def test_floats_on_the_page_leave_layout_to_weasyprint(wrapper, monkeypatch) -> None:
    paragraph = " ".join(load(SEED).blocks[0].inlines[0].text for _ in range(6))
    html = FLOATS_PAGE.format(text=paragraph)
    before, _ = render(html, wrapper, False, monkeypatch)
    after, _ = render(html, wrapper, True, monkeypatch)
    assert after == before


@given(st.floats(0, 5000, allow_nan=False), st.floats(0.001, 5000, allow_nan=False))
def test_left_edge_plus_width_is_exactly_the_right_edge_or_unchanged(right: float, width: float) -> None:
    left = left_edge(right, width)
    assert left + width == right or left == right
    if left != right:
        assert math.isclose(left, right - width, rel_tol=1e-12, abs_tol=1e-9)


def test_exporter_output_is_unchanged_by_the_wrapper(tmp_path, wrapper, monkeypatch) -> None:
    """The exporter itself (glyph map and all) gives the same file either way."""
    doc, options, exporter = load(SEED), Options(), PdfExporter()  # made once: it installs the wrapper
    targets = []
    for use_it in (False, True):
        monkeypatch.setattr(weasy_inline, "avoid_collisions", wrapper if use_it else wrapper.__wrapped__)
        target = tmp_path / f"{use_it}.pdf"
        exporter.export(doc, target, options)
        targets.append(target.read_bytes())
    assert targets[0] == targets[1]

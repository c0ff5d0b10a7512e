"""Each PDF object serialized once (convert/exporters/pdf/engine_fixes/write_once.py).

The finisher only changes how often pydyf serializes (and deflates) an
object, never what it writes: the PDF must be the same bytes with and
without it, for a plain article, a PDF/A-3u one and a book.
"""

from __future__ import annotations

from collections import Counter

import pydyf
import pytest
from conftest import MIXED, SEED, load
from weasyprint import HTML

from convert.exporters.pdf.engine_fixes.write_once import serialize_once
from convert.exporters.pdf.exporter import BASE_URL, PdfExporter
from convert.exporters.pdf.metadata import write_options
from convert.html import PageOptions, render_page
from convert.options import Options


@pytest.fixture(autouse=True)
def fixed_dates(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def write(html: str, options: Options, finisher) -> tuple[bytes, Counter]:
    """The PDF bytes and how many times each stream was serialized."""
    resources = PdfExporter().resources_for(options)
    rendered = HTML(string=html, base_url=BASE_URL, url_fetcher=resources.fetcher).render(
        font_config=resources.font_config, stylesheets=[resources.stylesheet])
    serialized: Counter = Counter()
    stream_data = pydyf.Stream.data

    def counting(stream):
        serialized[id(stream)] += 1
        return stream_data.fget(stream)

    pydyf.Stream.data = property(counting)
    try:
        pdf = rendered.write_pdf(finisher=finisher, **write_options(options))
    finally:
        pydyf.Stream.data = stream_data
    return pdf, serialized


@pytest.mark.parametrize("variant", [None, "pdf/a-3u"])
@pytest.mark.parametrize("source", [SEED, MIXED], ids=["seed", "mixed"])
def test_same_pdf_each_stream_deflated_once(source, variant) -> None:
    options = Options(pdf_variant=variant)
    html = render_page(load(source), PageOptions(paged=True))
    before, serialized_before = write(html, options, None)
    after, serialized_after = write(html, options, serialize_once)
    assert after == before
    # pydyf hashes the content for the file identifier: every stream twice,
    # but for the cross-reference stream, written after the hash.
    assert Counter(serialized_before.values()) == {2: len(serialized_before) - 1, 1: 1}
    assert set(serialized_after.values()) == {1}
    assert len(serialized_after) == len(serialized_before) > 5  # pages, fonts, object stream


def test_exporter_writes_with_the_finisher(tmp_path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr("convert.exporters.pdf.engine_fixes.write_once.serialize_once",
                        lambda document, pdf: calls.append(type(pdf)) or serialize_once(document, pdf))
    PdfExporter().export(load(SEED), tmp_path / "seed.pdf", Options())
    assert calls == [pydyf.PDF]
    assert (tmp_path / "seed.pdf").read_bytes().startswith(b"%PDF-1.7")

"""A sign that encloses the digits after it (؀ ؁ ؃, U+0600–U+0605, U+08E2) is
drawn under them in the PDF, as HarfBuzz shapes the two together (issue 28).

The oracle is HarfBuzz itself: shaped as one run in the face the PDF uses,
the sign's glyph carries the whole advance and the digits sit over it, so
the signed number is as wide as HarfBuzz says; drawn apart (two runs), it is
the sign's width plus the digits'. The extent is read back with PyMuPDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import uharfbuzz
from conftest import export

from convert.fonts import family_faces

ARTICLE = ("علامات\n\nفي سنة \u0601١٤٤٥ للهجرة وسنة \u06011948 والصفحة \u0603۲۳ "
           "والرقم \u0600123 والسنة \u0601۱۹۴۸ في آخر السطر.\n")
SIGNED = ["\u0601١٤٤٥", "\u06011948", "\u0603۲۳", "\u0600123", "\u0601۱۹۴۸"]


def harfbuzz_width(text: str, face_path: Path, size: float) -> float:
    blob = uharfbuzz.Blob.from_file_path(str(face_path))
    face = uharfbuzz.Face(blob)
    font = uharfbuzz.Font(face)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer)
    return sum(position.x_advance for position in buffer.glyph_positions) * size / face.upem


def drawn_widths(pdf: Path) -> dict[str, tuple[float, float]]:
    """Each signed number's extent on the page and its font size, from its characters' boxes."""
    import pymupdf

    chars = []
    with pymupdf.open(str(pdf)) as document:
        for block in document[0].get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    chars += [(char["c"], char["bbox"], span["size"]) for char in span["chars"]]
    found = {}
    for index, (_, _, size) in enumerate(chars):
        window = "".join(c for c, _, _ in chars[index:index + 5])
        for signed in SIGNED:
            # MuPDF reads a number in Arabic-Indic digits reversed (its own fault): either order.
            if window[:len(signed)] in (signed, signed[::-1]):
                boxes = [box for _, box, _ in chars[index:index + len(signed)]]
                found[signed] = (max(box[2] for box in boxes) - min(box[0] for box in boxes), size)
    return found


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signs")
    source = folder / "signs.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    return export("pdf", source, folder / "signs.pdf")


@pytest.mark.parametrize("signed", SIGNED)
def test_a_sign_is_drawn_under_the_digits_it_encloses(pdf: Path, signed: str) -> None:
    width, size = drawn_widths(pdf)[signed]
    amiri = family_faces("Amiri")["Regular"]
    together = harfbuzz_width(signed, amiri, size)
    apart = harfbuzz_width(signed[0], amiri, size) + harfbuzz_width(signed[1:], amiri, size)
    assert together < apart - 2  # the input tells the two apart
    assert abs(width - together) < 0.5, (width, together, apart)


def test_the_docx_keeps_each_sign_in_one_run_with_its_digits(tmp_path: Path) -> None:
    """Word shapes a run as a whole: the sign and its digits share one (LibreOffice
    draws the sign beside the digits whatever the runs: its own fault, as with
    Arabic-Indic digits that need no help elsewhere)."""
    from docx import Document

    source = tmp_path / "signs.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    document = Document(str(export("docx", source, tmp_path / "signs.docx")))
    runs = [run.text for paragraph in document.paragraphs for run in paragraph.runs]
    assert all(any(signed in run for run in runs) for signed in SIGNED), runs

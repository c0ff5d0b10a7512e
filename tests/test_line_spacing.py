"""Room for vowel marks and a visible heading hierarchy (issue 28, points 3 and 5).

Lines: each page is drawn twice by PDFium, its odd lines alone and its even
lines alone (tests/line_ink.py); a pixel dark in both is ink of one line on
ink of the next. The PDF is tested as the CLI writes it, engine fixes on.
Headings: the sizes a reader sees, read back from the PDF (pdfplumber), from
Chromium's print of the HTML page and of the EPUB chapter, and from the
DOCX's styles (python-docx).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, libreoffice_pdfs, run_cli
from line_ink import line_overlaps
from lxml import etree

from convert.text.vocalisation import is_vocalised

BUKHARI = ROOT / "bench" / "data" / "bukhari.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def hadith_article(folder: Path, count: int) -> Path:
    """An article of the first count hadith of Sahih al-Bukhari, fully vocalised."""
    hadith = BUKHARI.read_text(encoding="utf-8").splitlines()[:count]
    path = folder / "hadith.txt"
    path.write_text("أَحَادِيثُ مِنْ صَحِيحِ الْبُخَارِيِّ\n\n" + "\n\n".join(hadith) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The vocalised and Nastaliq texts of the corpus, as PDF and DOCX."""
    folder = tmp_path_factory.mktemp("spacing")
    sources = folder / "src"
    sources.mkdir()
    for fixture in ("copy/ar-vocalised.txt", "copy/ur-opinion.txt", "pdf/tashkeel.txt"):
        (sources / Path(fixture).name).write_bytes((FIXTURES / fixture).read_bytes())
    hadith_article(sources, 70)
    result = run_cli(str(sources), "--to", "pdf,docx", "-o", str(folder / "out"), "-q")
    assert result.returncode == 0, result.stderr
    return folder / "out"


def test_vocalised_means_marks_on_most_letters() -> None:
    hadith = BUKHARI.read_text(encoding="utf-8").splitlines()[0]
    assert is_vocalised([hadith])
    assert is_vocalised(["مقدمة بلا تشكيل", hadith])  # one vocalised paragraph is enough
    assert not is_vocalised([(FIXTURES.parent.parent / "seeds" / "iran-and-al-qaeda.txt").read_text()])
    # A plain paragraph with a shadda here and a tanwin there is plain.
    assert not is_vocalised(["إنّ الحكومة قررت أيضاً رفع الأسعار مجدداً بعد أن عجزت عن سدّ العجز " * 4])


@pytest.mark.parametrize("name", ["ar-vocalised", "ur-opinion", "tashkeel", "hadith"])
def test_no_line_of_a_pdf_page_touches_the_next(corpus: Path, name: str) -> None:
    pages = line_overlaps(corpus / f"{name}.pdf")
    assert all(page.lines >= 3 for page in pages[:-1]), pages
    assert [page for page in pages if page.pixels] == []


def test_the_measure_sees_nastaliq_lines_that_touch(tmp_path: Path) -> None:
    """The Urdu article at its former line height (2.4): کھینچتے rises into the line above."""
    theme = (ROOT / "styles" / "default.toml").read_text(encoding="utf-8")
    tight = theme.replace("line_height = 2.8", "line_height = 2.4")
    assert tight != theme
    (tmp_path / "tight.toml").write_text(tight, encoding="utf-8")
    result = run_cli(str(FIXTURES / "copy" / "ur-opinion.txt"), "--style", str(tmp_path / "tight.toml"),
                     "--to", "pdf", "-o", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    assert sum(page.pixels for page in line_overlaps(tmp_path / "ur-opinion.pdf")) > 0


def test_docx_never_spaces_lines_exactly(corpus: Path) -> None:
    for name in ("ar-vocalised", "ur-opinion", "hadith"):
        with zipfile.ZipFile(corpus / f"{name}.docx") as package:
            parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")]
            rules = [spacing.get(f"{W}lineRule") for part in parts
                     for spacing in etree.fromstring(package.read(part)).iter(f"{W}spacing")
                     if spacing.get(f"{W}line")]
        assert rules and set(rules) == {"atLeast"}, (name, set(rules))


def test_no_line_of_a_vocalised_docx_touches_the_next_in_libreoffice(corpus: Path, tmp_path: Path) -> None:
    """LibreOffice draws a line as runs of glyphs; its Nastaliq glyphs stand up to
    half a line off their baseline, too far to tell their line by position, so
    the Urdu DOCX is checked by its spacing rule (above) only."""
    pdfs = libreoffice_pdfs([corpus / "ar-vocalised.docx", corpus / "hadith.docx"], tmp_path)
    for pdf in pdfs:
        pages = line_overlaps(pdf, glyph_runs=True)
        assert [page for page in pages if page.pixels] == [], pdf.name


# ---------------------------------------------------------------- headings

HEADINGS = """عنوان المقالة

# العنوان الأول

فقرة أولى من نص المقالة.

## العنوان الثاني

فقرة ثانية من نص المقالة.

### العنوان الثالث

المادة 1

فقرة ثالثة من نص المقالة.
"""
SMALL_PT = 10  # the theme's small size is 9 pt, its body 14
# The lines top to bottom, each paragraph one line.
LINES = ("title", "#", "body", "##", "body", "###", "line", "body")


@pytest.fixture(scope="module")
def headings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("headings")
    (folder / "headings.txt").write_text(HEADINGS, encoding="utf-8")
    result = run_cli(str(folder / "headings.txt"), "--to", "pdf,docx,epub,html", "-o", str(folder), "-q",
                     "--no-disclaimer")
    assert result.returncode == 0, result.stderr
    return folder


def sizes_and_weights(pdf: Path) -> dict[str, tuple[float, bool]]:
    """Each kind of LINES: its largest glyph size and whether all its glyphs are bold."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        lines = [[char for char in line["chars"] if char["text"].strip()]
                 for page in document.pages for line in page.extract_text_lines(return_chars=True)]
    # Small print (the page number) is not one of them.
    lines = [chars for chars in lines if chars and max(char["size"] for char in chars) > SMALL_PT]
    assert len(lines) == len(LINES), [len(chars) for chars in lines]
    found: dict[str, tuple[float, bool]] = {}
    for kind, chars in zip(LINES, lines, strict=True):
        found[kind] = (round(max(char["size"] for char in chars), 1),
                       all("Bold" in char["fontname"] for char in chars))
    return found


def assert_hierarchy(found: dict[str, tuple[float, bool]]) -> None:
    sizes = [found[kind][0] for kind in ("title", "#", "##", "###")]
    assert sizes == sorted(set(sizes), reverse=True), found  # title > # > ## > ###, all apart
    # The heading-like line: at the body's size, below ###, but bold.
    assert sizes[-1] > found["line"][0] == found["body"][0], found
    assert found["line"][1] and not found["body"][1], found


def test_pdf_headings_each_level_its_own_size(headings: Path) -> None:
    assert_hierarchy(sizes_and_weights(headings / "headings.pdf"))


@pytest.mark.parametrize("kind", ["html", "epub"])
def test_chromium_shows_each_level_its_own_size(headings: Path, tmp_path: Path, kind: str) -> None:
    from test_epub import chromium

    if kind == "html":
        page = headings / "headings.html"
    else:
        with zipfile.ZipFile(headings / "headings.epub") as package:
            package.extractall(tmp_path / "book")
        pages = (tmp_path / "book").rglob("*.xhtml")
        page = next(path for path in pages if "العنوان الأول" in path.read_text(encoding="utf-8"))
    chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'print.pdf'}")
    assert_hierarchy(sizes_and_weights(tmp_path / "print.pdf"))


def test_docx_heading_styles_each_level_its_own_size(headings: Path) -> None:
    import docx

    document = docx.Document(str(headings / "headings.docx"))
    styles = document.styles
    names = ("Title", "Heading 1", "Heading 2", "Heading 3", "Normal")
    size = {name: styles[name].font.size.pt for name in names}
    assert list(size.values()) == sorted(set(size.values()), reverse=True), size

    def style_of(text: str):
        return next(paragraph.style for paragraph in document.paragraphs if paragraph.text == text)

    expected = ["Heading 1", "Heading 2", "Heading 3", "Heading Line"]
    assert [style_of(text).name for text in ("العنوان الأول", "العنوان الثاني", "العنوان الثالث", "المادة 1")
            ] == expected
    line_style = style_of("المادة 1")
    assert line_style.font.bold and line_style.font.size.pt == size["Normal"]
    assert line_style.paragraph_format.keep_with_next


def test_docx_headings_each_level_its_own_size_in_libreoffice(headings: Path, tmp_path: Path) -> None:
    (pdf,) = libreoffice_pdfs([headings / "headings.docx"], tmp_path)
    assert_hierarchy(sizes_and_weights(pdf))


# ---------------------------------------------------------------- the top of the EPUB page

def test_marks_over_an_epub_title_are_not_cut_off(tmp_path: Path) -> None:
    """The chapter of a vocalised article in Chromium: the first row of the
    screen holds no ink (a mark cut at the top of the screen would), and the
    title's ink begins below it."""
    import numpy
    from test_epub import screenshot

    source = tmp_path / "vocalised.txt"
    source.write_text("أَعَزُّ مَكَانٍ فِي الدُّنَى سَرْجُ سَابِحٍ\n\n" + BUKHARI.read_text(encoding="utf-8").splitlines()[0]
                      + "\n", encoding="utf-8")
    assert run_cli(str(source), "--to", "epub", "-o", str(tmp_path), "-q").returncode == 0
    with zipfile.ZipFile(tmp_path / "vocalised.epub") as package:
        package.extractall(tmp_path / "book")
    chapter = next(path for path in (tmp_path / "book").rglob("*.xhtml")
                   if "حَدَّثَنَا" in path.read_text(encoding="utf-8"))  # the chapter, not the cover
    ink = numpy.asarray(screenshot(chapter, tmp_path / "shot.png")) < 128
    rows = numpy.nonzero(ink.any(axis=1))[0]
    assert rows.size and rows[0] >= 4, rows[:5]  # cut at the top (padding 0), the marks reach row 1

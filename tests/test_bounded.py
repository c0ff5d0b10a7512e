"""Work bounded by what the input is (issue 32, point 3).

A title or byline past its limit is shown shortened with an ellipsis in
every format and kept whole in the metadata; the cover stays its size and
its layout reads no more of a line than fits; an output intent that is not a
regular, small, usable profile and a scheduler Dask cannot use are one usage
error before any work; a run with nothing to list leaves the catalogue alone.
Speed itself is measured by bench/cover.py, not here.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import fitz
import pytest
from conftest import SEED, run_cli
from lxml import etree, html
from PIL import Image
from pypdf import PdfReader

from convert.exporters.epub.cover import COVER_SIZE, ELLIPSIS, shorten, wrap
from convert.exporters.pdf.output_intent import DEFAULT_PROFILE, MAX_PROFILE_BYTES
from convert.text.shown import (
    BYLINE_LIMIT,
    MARKS_PER_LETTER,
    TITLE_LIMIT,
    capped_marks,
    shown_byline,
    shown_title,
)

FATHA, DAMMA, SHADDA = "\u064e", "\u064f", "\u0651"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
# Each pair of words is distinct, so what a format shows tells how far the title got.
LONG_TITLE = " ".join(f"عنوانٌ T{number:04d}" for number in range(400))  # 4,399 characters
AUTHORS = tuple(f"الكاتب Writer{number:03d}" for number in range(80))  # a byline of 1,598 characters
LAST_WORD, LAST_AUTHOR = "T0399", "Writer079"


def one_error_line(stderr: str, words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], stderr
    assert "Traceback" not in stderr


# ---------------------------------------------------------------- what a title shows

def test_a_title_past_the_limit_is_cut_after_a_whole_word() -> None:
    shown = shown_title(LONG_TITLE)
    assert len(shown) <= TITLE_LIMIT and shown.endswith(ELLIPSIS)
    kept = shown.removesuffix(ELLIPSIS)
    assert LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " "  # a whole word last
    assert shown_title("عنوان قصير T1") == "عنوان قصير T1"


def test_a_long_byline_is_cut_after_a_whole_name() -> None:
    byline = "، ".join(AUTHORS)
    shown = shown_byline(byline)
    assert shown is not None and len(shown) <= BYLINE_LIMIT and shown.endswith("، …")
    names = shown.removesuffix("، …").split("، ")
    assert names == list(AUTHORS[: len(names)])  # every name shown is whole
    assert shown_byline(None) is None and shown_byline("أحمد") == "أحمد"


@pytest.fixture(scope="module")
def long_title_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long-title")
    names = "".join(f"  - {name}\n" for name in AUTHORS)
    body = "فقرة أولى تحت العنوان الطويل، فيها أرقام ١٢٣ و 2024.\n\nفقرة ثانية.\n"
    (folder / "long.txt").write_text(f"---\nauthors:\n{names}---\n{LONG_TITLE}\n\n{body}", encoding="utf-8")
    out = folder / "out"
    result = run_cli(str(folder / "long.txt"), "--to", "all", "--catalog", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _shows_the_start_only(text: str) -> None:
    """The title's first words and an ellipsis are there, its last word is not;
    likewise the first author and not the last."""
    assert "T0000" in text and ELLIPSIS in text and LAST_WORD not in text
    assert "Writer000" in text and LAST_AUTHOR not in text


def test_the_pdf_shows_the_title_shortened_and_keeps_it_whole_in_its_metadata(long_title_run: Path) -> None:
    path = long_title_run / "long.pdf"
    with fitz.open(path) as document:  # PyMuPDF reads what the pages show
        _shows_the_start_only("\n".join(page.get_text() for page in document))
    reader = PdfReader(path)
    assert reader.metadata.title == LONG_TITLE
    assert LAST_AUTHOR in reader.metadata.author
    xmp = reader.xmp_metadata
    assert xmp.dc_title["x-default"] == LONG_TITLE and list(xmp.dc_creator) == list(AUTHORS)


def test_the_docx_shows_the_title_shortened(long_title_run: Path) -> None:
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(long_title_run / "long.docx") as archive:
        shown = []
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(archive.read(name))
                shown += ["".join(paragraph.xpath(".//w:t/text()", namespaces=ns))
                          for paragraph in root.iterfind(".//w:p", ns)]
        core = etree.fromstring(archive.read("docProps/core.xml"))
    _shows_the_start_only("\n".join(shown))
    # Core properties hold what Word's fields hold (255 characters): the title's start.
    title = core.findtext("{http://purl.org/dc/elements/1.1/}title")
    assert LONG_TITLE.startswith(title.removesuffix(ELLIPSIS)) and len(title) > 200


def _epub_part(archive: zipfile.ZipFile, ending: str) -> etree._Element:
    return etree.fromstring(archive.read(next(name for name in archive.namelist() if name.endswith(ending))))


def test_the_epub_shows_the_title_shortened_and_its_package_keeps_it_whole(long_title_run: Path) -> None:
    with zipfile.ZipFile(long_title_run / "long.epub") as archive:
        names = [name for name in archive.namelist() if name.endswith(".xhtml")]
        pages = [etree.fromstring(archive.read(name)) for name in names]
        package, ncx = _epub_part(archive, ".opf"), _epub_part(archive, ".ncx")
        with Image.open(archive.open("EPUB/images/cover.png")) as cover:
            assert cover.size == COVER_SIZE
    # What a reading system shows: the pages (their <title> too) and the contents of either navigation.
    ncx_ns = {"ncx": "http://www.daisy.org/z3986/2005/ncx/"}
    contents = ncx.xpath("//ncx:navMap//ncx:text/text()", namespaces=ncx_ns)
    _shows_the_start_only("\n".join(["".join(page.itertext()) for page in pages] + contents))
    assert not any(LAST_WORD in element.get("alt", "") for page in pages for element in page.iter())
    # The package's metadata, and the NCX's copy of the title, whole.
    assert package.xpath("string(//dc:title)", namespaces=OPF) == LONG_TITLE
    assert package.xpath("//dc:creator/text()", namespaces=OPF) == list(AUTHORS)
    assert ncx.xpath("string(//ncx:docTitle/ncx:text)", namespaces=ncx_ns) == LONG_TITLE


def test_the_html_shows_the_title_shortened(long_title_run: Path) -> None:
    root = html.document_fromstring((long_title_run / "long.html").read_text(encoding="utf-8"))
    _shows_the_start_only(root.xpath("string(//body)"))
    assert root.xpath("string(//h1)").endswith(ELLIPSIS)
    assert root.xpath("string(//title)") == LONG_TITLE  # the page's own metadata, whole


def test_json_and_the_feed_keep_the_title_whole_and_the_index_page_shortens_it(long_title_run: Path) -> None:
    data = json.loads((long_title_run / "long.json").read_text(encoding="utf-8"))
    assert data["meta"]["title"] == LONG_TITLE and list(data["meta"]["authors"]) == list(AUTHORS)
    feed = etree.parse(long_title_run / "catalog.xml")
    atom = {"atom": "http://www.w3.org/2005/Atom"}
    assert feed.xpath("string(//atom:entry/atom:title)", namespaces=atom) == LONG_TITLE
    assert feed.xpath("//atom:entry/atom:author/atom:name/text()", namespaces=atom) == list(AUTHORS)
    page = html.document_fromstring((long_title_run / "index.html").read_text(encoding="utf-8"))
    _shows_the_start_only(page.xpath("string(//body)"))
    assert LAST_WORD not in page.xpath("string(//img/@alt)")
    with Image.open(long_title_run / "long.cover.png") as cover:
        assert cover.size == COVER_SIZE
    with Image.open(long_title_run / "long.thumb.png") as thumbnail:
        assert thumbnail.size == (200, 320)


def test_a_book_title_past_the_limit_is_shortened_on_its_pages(tmp_path: Path) -> None:
    book_title = " ".join(f"كتاب B{number:04d}" for number in range(300))
    result = run_cli(str(SEED), "--book", book_title, "--name", "book", "--to", "epub,html,json",
                     "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    page = html.document_fromstring((tmp_path / "book.html").read_text(encoding="utf-8"))
    body = page.xpath("string(//body)")
    assert "B0000" in body and ELLIPSIS in body and "B0299" not in body
    with zipfile.ZipFile(tmp_path / "book.epub") as archive:
        assert _epub_part(archive, ".opf").xpath("string(//dc:title)", namespaces=OPF) == book_title
        pages = "".join("".join(etree.fromstring(archive.read(name)).itertext())
                        for name in archive.namelist() if name.endswith(".xhtml"))
    assert "B0000" in pages and "B0299" not in pages
    assert json.loads((tmp_path / "book.json").read_text(encoding="utf-8"))["title"] == book_title


# ---------------------------------------------------------------- the cover's own bounds

def test_marks_past_the_cap_are_left_off_only_where_they_stack() -> None:
    assert capped_marks("ب" + FATHA * 10_000) == "ب" + FATHA * MARKS_PER_LETTER
    assert capped_marks("ب" + (FATHA + DAMMA) * 5_000 + "ت" + SHADDA + FATHA) == \
        "ب" + (FATHA + DAMMA) * (MARKS_PER_LETTER // 2) + "ت" + SHADDA + FATHA
    vocalised = "بِسْمِ اللَّهِ الرَّحْمَٰنِ"
    assert capped_marks(vocalised) == vocalised


def test_shortening_a_long_line_measures_no_more_than_twice_what_fits() -> None:
    line = "ب" * 200_000
    measured: list[int] = []

    def fits(text: str) -> bool:  # a line fits when it has at most 37 letters and the ellipsis
        measured.append(len(text))
        return len(text) <= 38

    assert shorten(line, fits) == "ب" * 37 + ELLIPSIS
    assert max(measured) <= 2 * 38 and len(measured) < 20
    assert shorten("قصير", fits) == "قصير" + ELLIPSIS


def test_wrapping_stops_at_the_first_line_past_the_box() -> None:
    measured: list[str] = []

    def fits(text: str) -> bool:
        measured.append(text)
        return len(text) <= 20

    lines = wrap(" ".join(["كلمة"] * 100_000), fits, most=7)
    assert len(lines) == 7 and all(len(line) <= 20 for line in lines)
    assert len(measured) < 100  # not one measure per word of the 100,000


@pytest.mark.parametrize("title", ["ب" + FATHA * 10_000, "ب" + (FATHA + DAMMA) * 5_000,
                                   "س" * 50_000])
def test_a_cover_of_stacked_marks_or_one_long_word_is_drawn_at_its_size(tmp_path: Path, title: str) -> None:
    (tmp_path / "a.txt").write_text(f"{title}\n\nنص قصير.\n", encoding="utf-8")
    result = run_cli(str(tmp_path / "a.txt"), "--to", "epub,html", "--catalog", "-o", str(tmp_path / "out"))
    assert result.returncode == 0 and "error" not in result.stderr, result.stderr
    page = html.document_fromstring((tmp_path / "out" / "a.html").read_text(encoding="utf-8"))
    heading = page.xpath("string(//h1)")
    assert heading.count(FATHA) + heading.count(DAMMA) <= MARKS_PER_LETTER  # no tower of marks on the page
    with Image.open(tmp_path / "out" / "a.cover.png") as cover:
        assert cover.size == COVER_SIZE
        picture = cover.convert("RGB")
        # The rows above the frame are bare ground: no mark stacked up past it.
        top = picture.crop((0, 0, COVER_SIZE[0], 60))
        assert top.getcolors() == [(COVER_SIZE[0] * 60, picture.getpixel((5, 5)))]
    with zipfile.ZipFile(tmp_path / "out" / "a.epub") as archive:
        assert archive.testzip() is None


# ---------------------------------------------------------------- the output intent

def _garbage_tags_profile(path: Path) -> Path:
    """The shipped profile's header and tag table, its tags' data garbage
    but for the description: it reads as a CMYK output profile."""
    data = bytearray(DEFAULT_PROFILE.read_bytes())
    count = int.from_bytes(data[128:132], "big")
    for number in range(count):
        entry = data[132 + 12 * number: 144 + 12 * number]
        offset, size = int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big")
        if entry[:4] != b"desc":
            data[offset:offset + size] = bytes((index * 37 + 11) % 256 for index in range(size))
    path.write_bytes(data)
    return path


def _huge_file(path: Path) -> Path:
    with path.open("wb") as handle:  # sparse: 150 MB that take no room
        handle.truncate(150 * 1024 * 1024)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda folder: Path("/dev/zero"), "not a regular file"),
    (lambda folder: _fifo(folder / "pipe.icc"), "not a regular file"),
    (lambda folder: folder, "not a regular file"),
    (lambda folder: _huge_file(folder / "huge.icc"), f"the limit is {MAX_PROFILE_BYTES:,}"),
    (lambda folder: _garbage_tags_profile(folder / "garbage.icc"), "colour tables are unusable"),
])
def test_an_output_intent_must_be_a_small_usable_profile(tmp_path: Path, make, message: str) -> None:
    profile = make(tmp_path)
    out = tmp_path / "out"
    result = run_cli(str(SEED), "--to", "pdf,html", "--pdf-variant", "pdf/x-4",
                     "--output-intent", str(profile), "-o", str(out), timeout=120)
    assert result.returncode == 2
    one_error_line(result.stderr, message)
    assert not out.exists() or not any(out.iterdir())  # refused before any work


# ---------------------------------------------------------------- the scheduler, the catalogue

@pytest.mark.parametrize(("arguments", "message"), [
    (["--scheduler", "tcp://127.0.0.1:9", "--scheduler-wait", "-5"], "--scheduler-wait -5: give seconds"),
    (["--scheduler", "tcp://127.0.0.1:9", "--scheduler-wait", "nan"], "--scheduler-wait nan: give seconds"),
    (["--scheduler", "tcp://127.0.0.1:9", "--scheduler-wait", "inf"], "--scheduler-wait inf: give seconds"),
    (["--scheduler", "http://127.0.0.1:8786"], "not a Dask scheduler address"),
    (["--scheduler", "tcp://a:b:c"], "not a Dask scheduler address"),
    (["--scheduler", "127.0.0.1:99999"], "not a Dask scheduler address"),
])
def test_a_scheduler_dask_cannot_use_is_one_usage_error(tmp_path: Path, arguments: list[str],
                                                        message: str) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    result = run_cli(str(SEED), "--to", "json", "-o", str(out), *arguments, timeout=120)
    assert result.returncode == 2
    one_error_line(result.stderr, message)
    assert not out.exists() or not any(out.iterdir())


def test_a_run_with_nothing_to_list_leaves_the_catalogue_alone(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    result = run_cli(str(tmp_path / "missing.txt"), "--to", "html", "--catalog", "-o", str(empty))
    assert result.returncode == 1 and "missing.txt: no such file or folder" in result.stderr
    assert not (empty / "catalog.xml").exists() and not (empty / "index.html").exists()
    out = tmp_path / "out"
    assert run_cli(str(SEED), "--to", "html", "--catalog", "-o", str(out)).returncode == 0
    before = {name: (out / name).read_bytes() for name in ("catalog.xml", "index.html")}
    again = run_cli(str(tmp_path / "missing.txt"), "--to", "html", "--catalog", "-o", str(out))
    assert again.returncode == 1
    assert {name: (out / name).read_bytes() for name in before} == before
    assert SEED.stem in before["index.html"].decode()

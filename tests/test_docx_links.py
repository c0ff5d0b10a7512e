"""Many links in a Word file (issue 31): each related without python-docx's
search among every relationship and scan for a free id, every r:id of a part
its own and leading to the address its text names, pictures' and links' ids
apart, the parts valid against ECMA-376, and LibreOffice clicking through
to every address."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

import pypdf
import pytest
from conftest import libreoffice_pdfs
from lxml import etree
from PIL import Image as PillowImage

from convert.exporters.docx.exporter import DocxExporter
from convert.model import Document, Figure, Image, Inline, Link, Meta, Note, NoteRef, Paragraph, Text
from convert.options import Options

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
TOTAL = 5000
NOTES = 50
# Addresses a link's text can tell apart, some hostile to XML and to a scan by
# prefix: Arabic, Persian and Urdu paths percent-encoded, three kinds of
# digits, a query with & and quotes, mailto, and "rId"-like paths.
KINDS = (
    "https://example.org/%D8%B1%D8%A3%D9%8A/{n}",
    "https://example.com/fa/۱۴۰۲/{n}?q=\"x\"&y=<{n}>",
    "http://example.net/ur/٣/rId{n}#frag",
    "mailto:writer{n}@example.org?subject=%D8%B3%D9%84%D8%A7%D9%85",
)


def address(n: int) -> str:
    return KINDS[n % len(KINDS)].format(n=n)


def png(index: int) -> bytes:
    out = BytesIO()
    PillowImage.new("RGB", (8, 6), (index & 255, 40, 200)).save(out, "PNG")
    return out.getvalue()


def linked(n: int) -> Link:
    # The link's text names its address's number, Latin and Arabic-Indic digits alternating.
    shown = str(n) if n % 2 else str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    return Link(address(n), (Text(f"رابط {shown}"),))


def links(numbers: range) -> tuple[Inline, ...]:
    inlines: list[Inline] = []
    for n in numbers:
        inlines += [linked(n), Text(" ثم COVID-19 و ")]
    return tuple(inlines)


def article(total: int = TOTAL, notes: int = NOTES, per_paragraph: int = 20) -> Document:
    """total links: half in the body (some repeating an earlier address, a
    picture every 200 links), half in notes, some of those repeating a
    body address (a note's part relates to it on its own)."""
    in_body = total // 2
    blocks: list = []
    for start in range(0, in_body, per_paragraph):
        inlines = links(range(start, min(start + per_paragraph, in_body)))
        if start % 500 == 0:
            inlines += (linked(0), Text(" مرة أخرى"))  # an address the part already relates to
        if start // per_paragraph < notes:
            inlines += (NoteRef(start // per_paragraph + 1),)
        blocks.append(Paragraph(inlines))
        if start % 200 == 0:
            picture = Image(f"p{start}.png", png(start // 200), "image/png", 8, 6)
            blocks.append(Figure(picture, f"صورة {start}"))
    per_note = (total - in_body) // notes
    note_list = tuple(
        Note(number, (links(range(in_body + (number - 1) * per_note, in_body + number * per_note)),
                      (linked(number), Text(" من المتن"))))
        for number in range(1, notes + 1))
    return Document(Meta("مقال كثير الروابط ٢٠٢٤", author="سلمى"), tuple(blocks), note_list)


def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def relationships(package: dict[str, bytes], part: str) -> list[etree._Element]:
    folder, name = part.rsplit("/", 1)
    rels = etree.fromstring(package[f"{folder}/_rels/{name}.rels"])
    return list(rels.iter(f"{PACKAGE_RELS}Relationship"))


def link_targets(package: dict[str, bytes], part: str) -> list[tuple[str, str]]:
    """(the address its text names, where its r:id leads) for every w:hyperlink of the part."""
    by_id = {rel.get("Id"): rel for rel in relationships(package, part)}
    found = []
    for hyperlink in etree.fromstring(package[part]).iter(f"{W}hyperlink"):
        words = "".join(hyperlink.itertext()).split()
        number = int(words[-1].translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
        rel = by_id[hyperlink.get(f"{R}id")]
        assert rel.get("Type") == HYPERLINK and rel.get("TargetMode") == "External"
        found.append((address(number), rel.get("Target")))
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("links") / "links.docx"
    DocxExporter().export(article(), target, Options())
    return target


def test_links_related_without_python_docx_searches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx's search for an equal relationship and scan for a free id,
    each over every relationship the part has, made 10,000 links take half a
    minute: the exporter must not call them, for links, pictures or notes."""
    from docx.opc.rel import Relationships

    def searched(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("python-docx searched every relationship for one link")

    exporter, target = DocxExporter(), tmp_path / "few.docx"
    # Warmed first: the starting package (its headers and footers) is made once a batch.
    exporter.export(Document(Meta("بلا روابط"), (Paragraph((Text("نص"),)),)), target, Options())
    monkeypatch.setattr(Relationships, "_next_rId", property(searched))
    monkeypatch.setattr(Relationships, "_get_matching", searched)
    exporter.export(article(40, notes=2, per_paragraph=5), target, Options())
    package = parts(target)
    assert len(link_targets(package, "word/document.xml")) == 20 + 1
    assert len(link_targets(package, "word/footnotes.xml")) == 20 + 2


def test_every_link_leads_to_its_own_address(written: Path) -> None:
    package = parts(written)
    body = link_targets(package, "word/document.xml")
    notes = link_targets(package, "word/footnotes.xml")
    assert len(body) == TOTAL // 2 + TOTAL // 2 // 500
    assert len(notes) == TOTAL // 2 + NOTES
    for named, target in body + notes:
        assert target == named


def test_relationship_ids_unique_and_shared_only_by_equal_addresses(written: Path) -> None:
    """Per part: ids distinct (pictures' and links' among them), one
    relationship per address, so a repeated address reuses its id."""
    package = parts(written)
    expected = {"word/document.xml": TOTAL // 2, "word/footnotes.xml": TOTAL // 2 + NOTES}
    for part, expected_links in expected.items():
        rels = relationships(package, part)
        ids = [rel.get("Id") for rel in rels]
        assert len(ids) == len(set(ids)), part
        external = [rel.get("Target") for rel in rels if rel.get("Type") == HYPERLINK]
        assert len(external) == len(set(external)) == expected_links, part
    # Pictures beside the links: each drawing's r:embed an image relationship, not a link's.
    by_id = {rel.get("Id"): rel for rel in relationships(package, "word/document.xml")}
    body = etree.fromstring(package["word/document.xml"])
    blips = [blip.get(f"{R}embed") for blip in body.iter(f"{A}blip")]
    assert len(blips) == TOTAL // 2 // 200 + 1
    assert all(by_id[rid].get("Type") == IMAGE for rid in blips)


def test_many_links_valid_against_ecma_376(written: Path) -> None:
    from ooxml_schema import invalid_parts

    assert invalid_parts(written) == {}


def test_libreoffice_clicks_through_to_every_address(written: Path, tmp_path: Path) -> None:
    pdf = libreoffice_pdfs([written], tmp_path)[0]
    uris = []
    for page in pypdf.PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    # A link broken over two lines has two annotations: at least one each.
    assert len(uris) >= TOTAL + TOTAL // 2 // 500 + NOTES
    # LibreOffice writes the address percent-encoded (ۯ, ", <): compared decoded.
    clicked = {unquote(uri) for uri in uris}
    for n in (0, 1, 2, 3, 2499, 2500, TOTAL - 1):  # a few of each kind, body and notes, by name
        assert unquote(address(n)) in clicked, address(n)
    assert clicked == {unquote(address(n)) for n in range(TOTAL)}

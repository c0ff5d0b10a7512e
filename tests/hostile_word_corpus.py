"""Hostile Word files for the hostile-corpus test: each a Case (hostile_corpus.py)
that must convert, or be refused with one line naming the file.

The attacks point at a sentinel file and at a local port; the test that
runs them checks that neither is ever opened and that no output holds what
/etc/passwd says."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx_inputs import MACRO_TYPE, REL, make_docx, p, r
from figure_files import picture
from hostile_corpus import BODY, DISCLAIMER, Case

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# What /etc/passwd always opens with: no output may hold it.
PASSWD_MARK = "root:x:0:0"
IMAGES = 10_000
PARAGRAPHS = 10_000
_TYPES = "[Content_Types].xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))


def _article(*paragraphs: str) -> str:
    return "".join(p(r(text)) for text in ("عنوان وورد", BODY, *paragraphs, DISCLAIMER))


def _rewritten(data: bytes, replaced: dict[str, str | bytes], added: dict[str, bytes] | None = None) -> bytes:
    """The package data with some parts' bytes replaced and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item.filename, replaced.get(item.filename, source.read(item)))
        for name, value in (added or {}).items():
            archive.writestr(name, value)
    return out.getvalue()


def _rels(data: bytes, *relationships: str) -> dict[str, str]:
    """document.xml.rels with relationships added."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(_DOCUMENT_RELS).decode()
    return {_DOCUMENT_RELS: text.replace("</Relationships>", "".join(relationships) + "</Relationships>")}


def _drawing(index: int, attribute: str) -> str:
    """An inline picture whose blip has attribute (r:embed or r:link)."""
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            f'wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/><wp:docPr id="{index + 1}" '
            f'name="p{index}" descr="صورة {index}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
            f'<a:blip {attribute}/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline>'
            "</w:drawing></w:r>")


def ten_thousand_images() -> bytes:
    """10,000 pictures, each its own part, one per paragraph after the text."""
    base = make_docx(_article())
    png = picture((4, 3), (10, 120, 200))
    rels = "".join(f'<Relationship Id="rI{n}" Type="{REL}/image" Target="media/i{n}.png"/>'
                   for n in range(IMAGES))
    drawings = "".join("<w:p>" + _drawing(n, f'r:embed="rI{n}"') + "</w:p>" for n in range(IMAGES))
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        document = archive.read("word/document.xml").decode()
        types = archive.read(_TYPES).decode()
    return _rewritten(base, {
        "word/document.xml": document.replace("</w:body>", drawings + "</w:body>"),
        _TYPES: types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>'),
        **_rels(base, rels)}, {f"word/media/i{n}.png": png for n in range(IMAGES)})


def ten_thousand_paragraphs() -> bytes:
    lines = (f"الفقرة {n} من عشرة آلاف، فيها {n % 97}٪ من الكلام." for n in range(PARAGRAPHS))
    return make_docx(_article(*lines))


def linked_and_external(sentinel: Path) -> bytes:
    """A linked picture, a hyperlink, a subdocument, an attached template
    and an OLE object, each an external relationship to the sentinel or to a
    local port; and a field that would include the sentinel's text."""
    uri = sentinel.as_uri()
    body = (p(r("عنوان الروابط الخارجية")) + p(r(BODY)) + p(_drawing(0, 'r:link="rX1"'))
            + p(_drawing(1, 'r:link="rX2"'))
            + p('<w:hyperlink r:id="rX3">' + r("رابط ملف") + "</w:hyperlink>")
            + p('<w:subDoc r:id="rX4"/>')
            + p('<w:fldSimple w:instr=" INCLUDETEXT &quot;' + str(sentinel) + '&quot; ">' + r("نص الحقل")
                + "</w:fldSimple>")
            + p(r(DISCLAIMER)))
    base = make_docx(body)
    external = [("rX1", "image", uri), ("rX2", "image", "http://127.0.0.1:9/x.png"),
                ("rX3", "hyperlink", uri),
                ("rX4", "subDocument", uri), ("rX5", "attachedTemplate", uri), ("rX6", "oleObject", uri)]
    rels = [f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}" TargetMode="External"/>'
            for rid, kind, target in external]
    return _rewritten(base, _rels(base, *rels))


def _document_with_dtd(declaration: str, text: str) -> str:
    return (f'<?xml version="1.0"?><!DOCTYPE w:document [{declaration}]><w:document xmlns:w="{W_NS}">'
            f"<w:body><w:p><w:r><w:t>عنوان</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            "</w:body></w:document>")


def billion_laughs() -> bytes:
    laughs = _document_with_dtd('<!ENTITY l0 "ها">' + _LAUGHS, "&l9;")
    return _rewritten(make_docx(_article()), {"word/document.xml": laughs})


def external_entity(sentinel: Path, part: str = "word/document.xml") -> bytes:
    xxe = _document_with_dtd(f'<!ENTITY x SYSTEM "{sentinel.as_uri()}"><!ENTITY y SYSTEM '
                             '"file:///etc/passwd">', "&x;&y;")
    return _rewritten(make_docx(_article()), {part: xxe})


def entity_in_an_unsuffixed_main_part(sentinel: Path) -> bytes:
    """The package's main part is word/main (no .xml: a check by suffix would
    miss it) holding an external entity; a harmless word/document.xml is a decoy."""
    base = make_docx(_article())
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        package_rels = archive.read("_rels/.rels").decode().replace("word/document.xml", "word/main")
        types = archive.read(_TYPES).decode().replace("/word/document.xml", "/word/main")
        document_rels = archive.read(_DOCUMENT_RELS)
    xxe = _document_with_dtd('<!ENTITY y SYSTEM "file:///etc/passwd">', f"&y; {sentinel}")
    return _rewritten(base, {"_rels/.rels": package_rels, _TYPES: types},
                      {"word/main": xxe.encode(), "word/_rels/main.rels": document_rels})


def ratio_bomb() -> bytes:
    """One part that unpacks 1,000 times larger than it is stored."""
    return _rewritten(make_docx(_article()), {}, {"word/media/zeros.bin": b"\0" * (60 * 1024 * 1024)})


def total_bomb() -> bytes:
    """Five small parts whose central-directory entries declare 45 MB each
    (over 200 MB in all): the declared sizes are checked before anything
    is read, so the total is refused whatever the ratio of each part."""
    parts = {f"word/media/part{n}.bin": bytes(64) for n in range(5)}
    data = bytearray(_rewritten(make_docx(_article()), {}, parts))
    offset = data.rfind(b"PK\x05\x06")
    start = int.from_bytes(data[offset + 16:offset + 20], "little")
    position = start
    while data[position:position + 4] == b"PK\x01\x02":
        name_length = int.from_bytes(data[position + 28:position + 30], "little")
        extra_length = int.from_bytes(data[position + 30:position + 32], "little")
        comment_length = int.from_bytes(data[position + 32:position + 34], "little")
        name = bytes(data[position + 46:position + 46 + name_length])
        if name.startswith(b"word/media/part"):
            data[position + 24:position + 28] = (45 * 1024 * 1024).to_bytes(4, "little")
        position += 46 + name_length + extra_length + comment_length
    return bytes(data)


def macro_enabled() -> bytes:
    base = make_docx(_article(), main_type=MACRO_TYPE)
    rels = ('<Relationship Id="rV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="vbaProject.bin"/>')
    macros = {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0MACRO-SENTINEL-AutoOpen"}
    return _rewritten(base, _rels(base, rels), macros)


def encrypted() -> bytes:
    """What Office writes for a password-protected file: an OLE compound file
    holding an EncryptedPackage stream (its directory names are UTF-16)."""
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1016) + "EncryptionInfo".encode("utf-16-le")
            + bytes(50) + "EncryptedPackage".encode("utf-16-le") + bytes(2048))


def not_a_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
        archive.writestr("notes/readme.txt", BODY)
    return out.getvalue()


def word_cases(sentinel: Path) -> list[Case]:
    good = make_docx(_article())
    return [
        Case("word-good.docx", good),
        Case("word-ratio-bomb.docx", ratio_bomb(), refused="larger than it is stored (a ZIP bomb?)"),
        Case("word-total-bomb.docx", total_bomb(), refused="Word file too large unpacked"),
        Case("word-billion-laughs.docx", billion_laughs(), refused="declares a DTD or entities"),
        Case("word-xxe.docx", external_entity(sentinel), refused="declares a DTD or entities"),
        Case("word-xxe-styles.docx", external_entity(sentinel, "word/styles.xml"),
             refused="declares a DTD or entities"),
        Case("word-xxe-unsuffixed.docx", entity_in_an_unsuffixed_main_part(sentinel),
             refused="declares a DTD or entities"),
        Case("word-external.docx", linked_and_external(sentinel), literal=("رابط ملف", "نص الحقل")),
        Case("word-macros.docm", macro_enabled()),  # refused or read without its macros: either
        Case("word-encrypted.docx", encrypted(), refused="encrypted document"),
        Case("word-truncated.docx", good[: len(good) // 2], refused="damaged Word file"),
        Case("word-not-a-docx.docx", not_a_docx(), refused="a ZIP archive, not a Word document"),
        Case("word-paragraphs.docx", ten_thousand_paragraphs(), literal=("الفقرة 9999 من عشرة آلاف",)),
    ]

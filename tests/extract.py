"""What a reader gets out of each format: the text, as extracted by the
tools a reader's software uses."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from lxml import etree, html


def text_of(path: Path) -> str:
    return EXTRACTORS[path.suffix](path)


def _json_text(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key != "type":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            strings.append(value)

    walk(data)
    return "\n".join(strings)


def _html_text(path: Path) -> str:
    root = html.document_fromstring(path.read_text(encoding="utf-8"))
    return root.xpath("string(//title)") + "\n" + root.xpath("string(//body)")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        parts = [name for name in archive.namelist()
                 if name.startswith("word/") and name.endswith(".xml")
                 and name.split("/")[-1].startswith(("document", "header", "footer", "footnotes"))]
        texts = []
        for name in sorted(parts):
            root = etree.fromstring(archive.read(name))
            ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
            for paragraph in root.iterfind(".//w:p", ns):
                texts.append("".join(paragraph.xpath(".//w:t/text()", namespaces=ns)))
    return "\n".join(texts)


def _epub_text(path: Path) -> str:
    texts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith(".xhtml"):
                root = etree.fromstring(archive.read(name))
                texts.append("".join(root.itertext()))
    return "\n".join(texts)


EXTRACTORS = {
    ".json": _json_text,
    ".html": _html_text,
    ".pdf": _pdf_text,
    ".docx": _docx_text,
    ".epub": _epub_text,
}

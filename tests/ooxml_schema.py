"""The ECMA-376 schemas (tests/schemas/ooxml, see its README) as a judge of DOCX parts."""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "ooxml" / "wml.xsd"
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@cache
def wml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS)))


def invalid_parts(docx_path: Path) -> dict[str, str]:
    """Each word/*.xml part (but the theme) that wml.xsd refuses, with the first reason."""
    schema = wml_schema()
    refused = {}
    with zipfile.ZipFile(docx_path) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "/theme/" not in name:
                part = etree.fromstring(package.read(name))
                part.attrib.pop(f"{{{MARKUP_COMPATIBILITY}}}Ignorable", None)
                if not schema.validate(part):
                    refused[name] = str(schema.error_log.last_error)
    return refused

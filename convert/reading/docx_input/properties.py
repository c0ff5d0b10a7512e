"""What a Word file says about itself.

Core properties (docProps/core.xml, Dublin Core): title, creator, keywords,
subject, description, language and the created date. The created date is
the article's date for a file a writer sends (Word, LibreOffice and Google
Docs set it when the document is first made), but not for one our exporter
wrote: its created date is the build time (SOURCE_DATE_EPOCH), not the
article's. Ours are known by the extended properties' Application
(docProps/app.xml), which the exporter's starting package sets to
"convert-arabic" (exporters/docx/package.py); their date, when the article
had one, is in the byline and the PublicationDate custom property.

Custom properties (docProps/custom.xml): what core properties have no field
for, by the names our exporter writes them under (Word shows them under
File > Info > Properties > Custom): the series, its position, the
publication date and the ISBN."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from lxml import etree

from ..isbn import IsbnError, checked_isbn

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_NAMES = {"Series": "series", "SeriesPosition": "series_position", "PublicationDate": "date", "ISBN": "isbn"}
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_FULL_TITLE = "FullTitle"  # exporters/docx/properties.py writes it
OUR_APPLICATION = "convert-arabic"  # exporters/docx/package.py writes it
_W3CDTF_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Core:
    """The core properties the reader uses ("" for one not given)."""

    title: str = ""
    author: str = ""
    keywords: str = ""
    subject: str = ""
    comments: str = ""
    category: str = ""  # Word's Category: the article's section (issue 33)
    language: str = ""
    created: str | None = None  # YYYY-MM-DD


def core_properties(package) -> Core:
    """The package's core properties (all empty when it has none)."""
    part = package.related(_CORE)
    if part is None:
        return Core()
    root = part.element

    def text(tag: str) -> str:
        found = root.find(tag)
        return "".join(found.itertext()).strip() if found is not None else ""

    return Core(title=text(f"{_DC}title"), author=text(f"{_DC}creator"), keywords=text(f"{_CP}keywords"),
                subject=text(f"{_DC}subject"), comments=text(f"{_DC}description"),
                category=" ".join(text(f"{_CP}category").split()),
                language=text(f"{_DC}language"), created=_day(text(f"{_DCTERMS}created")))


def _day(value: str) -> str | None:
    """The day of a W3CDTF date-time, if it is a real one."""
    match = _W3CDTF_DAY.match(value)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def written_by_us(package) -> bool:
    """Whether our exporter wrote the file (its Application, in docProps/app.xml)."""
    part = package.related(_APP)
    if part is None:
        return False
    found = part.element.find(f"{_EXTENDED}Application")
    return found is not None and (found.text or "").strip() == OUR_APPLICATION


def custom_fields(package) -> dict[str, str]:
    """The model's meta fields found among the package's custom properties."""
    part = package.related(_CUSTOM)
    return _fields(part.element) if part is not None else {}


def full_title(package) -> str:
    """The FullTitle custom property (our exporter's, for a title it shows
    shortened), or ""."""
    part = package.related(_CUSTOM)
    if part is None:
        return ""
    found = [prop for prop in part.element if prop.get("name") == _FULL_TITLE]
    return " ".join("".join(found[0].itertext()).split()) if found else ""


def _fields(root: etree._Element) -> dict[str, str]:
    found = {}
    for prop in root:
        name = _NAMES.get(prop.get("name") or "")
        value = "".join(prop.itertext()).strip()
        if name and value:
            found[name] = value
    if "isbn" in found:
        try:
            found["isbn"] = checked_isbn(found["isbn"])
        except IsbnError:  # a wrong ISBN is left out, never published
            del found["isbn"]
    if "series" not in found:
        found.pop("series_position", None)
    return found

"""The .docx container: a minimal starting package, and a reproducible zip.

python-docx opens an existing package and adds to it. Its own template is a
2013 Mac Word file with a thumbnail, custom XML, revision ids and 400 KB of
styles; we start instead from a small package made from the theme (styles,
numbering, settings, font table and embedded fonts), so everything in the
output was put there on purpose.

python-docx would write zip entries stamped with the current time;
``package_bytes`` zips its parts itself with one fixed timestamp, fixed
attributes and python-docx's order, so two runs with SOURCE_DATE_EPOCH set
give byte-identical files.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from docx.document import Document as WordDocument
from docx.opc.pkgwriter import PackageWriter

from ...theme import Theme
from ...zipwriter import Entry, zip_bytes
from .fonts import OBFUSCATED_FONT_TYPE, EmbeddedFace, build_font_table
from .numbering import build_numbering
from .relationships import XML_DECLARATION, quoted, relationships_part
from .styles import build_styles

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_CONTENT_TYPES = {
    "/word/document.xml": f"{_WML}.document.main+xml",
    "/word/styles.xml": f"{_WML}.styles+xml",
    "/word/settings.xml": f"{_WML}.settings+xml",
    "/word/fontTable.xml": f"{_WML}.fontTable+xml",
    "/word/numbering.xml": f"{_WML}.numbering+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
_PACKAGE_RELATIONSHIPS = (
    ("rId1", f"{_R}/officeDocument", "word/document.xml"),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
     "docProps/core.xml"),
    ("rId3", f"{_R}/extended-properties", "docProps/app.xml"),
)
_DOCUMENT_RELATIONSHIPS = (
    ("rId1", f"{_R}/styles", "styles.xml"),
    ("rId2", f"{_R}/settings", "settings.xml"),
    ("rId3", f"{_R}/fontTable", "fontTable.xml"),
    ("rId4", f"{_R}/numbering", "numbering.xml"),
)
_DOCUMENT = f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:sectPr/></w:body></w:document>'
_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>convert-arabic</Application>{company}</Properties>"
)
# The earliest time a zip entry can carry: a starting package is never saved as such.
STARTING_PACKAGE_TIME = datetime(1980, 1, 1)


def starting_package(theme: Theme, families: list[str], embedded: list[EmbeddedFace],
                     duplex: bool = False) -> bytes:
    """A minimal .docx for python-docx to open: empty body, the theme's parts
    (and mirrored margins for two-sided printing)."""
    font_table, font_rels = build_font_table(families, embedded)
    parts: dict[str, bytes] = {
        "[Content_Types].xml": _content_types(embedded),
        "_rels/.rels": relationships_part(_PACKAGE_RELATIONSHIPS),
        "docProps/core.xml": (XML_DECLARATION + _CORE).encode(),
        "docProps/app.xml": _app_properties(theme),
        "word/document.xml": (XML_DECLARATION + _DOCUMENT).encode(),
        "word/_rels/document.xml.rels": relationships_part(_DOCUMENT_RELATIONSHIPS),
        "word/styles.xml": build_styles(theme),
        "word/numbering.xml": build_numbering(theme),
        "word/settings.xml": _settings(theme, embed=bool(embedded), duplex=duplex),
        "word/fontTable.xml": font_table,
    }
    if font_rels is not None:
        parts["word/_rels/fontTable.xml.rels"] = font_rels
    parts.update({face.part_name: face.data for face in embedded})
    # Only python-docx reads this package, from memory: stored, not deflated.
    return zip_bytes([Entry(name, data, compress=False) for name, data in parts.items()],
                     STARTING_PACKAGE_TIME)


def _app_properties(theme: Theme) -> bytes:
    """Extended properties: the application, and the theme's publisher as Word's Company."""
    publisher = theme.publishing.publisher
    company = f"<Company>{escape(publisher, quote=False)}</Company>" if publisher else ""
    return (XML_DECLARATION + _APP.format(company=company)).encode()


def _content_types(embedded: list[EmbeddedFace]) -> bytes:
    lines = [
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        f'<Default Extension="rels" ContentType="{_RELS_TYPE}"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
    ]
    if embedded:
        lines.append(f'<Default Extension="odttf" ContentType="{OBFUSCATED_FONT_TYPE}"/>')
    lines += [f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in _CONTENT_TYPES.items()]
    lines.append("</Types>")
    return (XML_DECLARATION + "".join(lines)).encode()


def _settings(theme: Theme, embed: bool, duplex: bool) -> bytes:
    """Settings in schema order; embedTrueTypeFonts tells Word to keep the fonts
    on save; mirrorMargins swaps the margins of facing pages for two-sided
    printing (the section's right margin, the binding, is a recto's)."""
    language = quoted(theme.text.language)
    items = [
        '<w:zoom w:percent="100"/>',
        "<w:embedTrueTypeFonts/>" if embed else "",
        "<w:mirrorMargins/>" if duplex else "",
        '<w:defaultTabStop w:val="720"/>',
        '<w:characterSpacingControl w:val="doNotCompress"/>',
        # Word 2013+ layout, so Word does not open the file in compatibility mode.
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>',
        f"<w:themeFontLang w:val=\"en-US\" w:bidi={language}/>",
        '<w:decimalSymbol w:val="."/>',
        '<w:listSeparator w:val=";"/>',
    ]
    return f'{XML_DECLARATION}<w:settings xmlns:w="{_W}">{"".join(items)}</w:settings>'.encode()


def package_bytes(word: WordDocument, when: datetime, compress: bool = True) -> bytes:
    """The document as a reproducible .docx: python-docx's parts, in its order,
    zipped by our writer (fixed timestamps; each font deflated once a process).
    Uncompressed for a package only python-docx will open again, from memory.

    python-docx's own save would deflate every part, fonts included, only for
    the archive to be rewritten with stable timestamps: twice the work.
    """
    package = word.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    collector = _PartCollector(compress)
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    return zip_bytes(collector.entries, when)


class _PartCollector:
    """Stands in for python-docx's zip writer and keeps each part's bytes."""

    def __init__(self, compress: bool) -> None:
        self.entries: list[Entry] = []
        self.compress = compress

    def write(self, pack_uri, blob: bytes) -> None:
        self.entries.append(Entry(pack_uri.membername, blob, self.compress))

    def close(self) -> None:
        pass

"""Word files written by hand, part by part, for the DOCX reader's tests:
what Word, Google Docs and older producers put in a package (styles with
localised ids, HYPERLINK fields, tracked changes, hidden text, comments),
and hostile packages. Only the parts a test needs are written."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
_PART_TYPES = {
    "word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "word/footnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "word/endnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "word/comments.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
_RELATIONSHIP_TYPES = {
    "word/styles.xml": f"{REL}/styles", "word/numbering.xml": f"{REL}/numbering",
    "word/footnotes.xml": f"{REL}/footnotes", "word/endnotes.xml": f"{REL}/endnotes",
    "word/comments.xml": f"{REL}/comments",
}


def _xml(root: str, body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:{root}>')


def style(style_id: str, name: str, kind: str = "paragraph", inner: str = "") -> str:
    return f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{inner}</w:style>'


def p(inner: str, style_id: str | None = None, p_pr: str = "") -> str:
    props = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    return f"<w:p><w:pPr>{props}{p_pr}</w:pPr>{inner}</w:p>"


def r(text: str, r_pr: str = "") -> str:
    return f'<w:r><w:rPr>{r_pr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def numbering(*levels: tuple[str, str]) -> str:
    """One abstract list and one w:num per (numId, numFmt)."""
    out = ""
    for index, (_, number_format) in enumerate(levels):
        out += (f'<w:abstractNum w:abstractNumId="{index}"><w:lvl w:ilvl="0">'
                f'<w:numFmt w:val="{number_format}"/></w:lvl></w:abstractNum>')
    for index, (num_id, _) in enumerate(levels):
        out += f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{index}"/></w:num>'
    return _xml("numbering", out)


def core(title: str = "", creator: str = "", language: str = "", keywords: str = "",
         description: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dc:language>{language}</dc:language>"
            f"<cp:keywords>{keywords}</cp:keywords><dc:description>{description}</dc:description>"
            "</cp:coreProperties>")


def app(application: str) -> str:
    """Extended properties naming the application that wrote the file."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/extended-properties"><Application>{application}'
            "</Application></Properties>")


def make_docx(body: str, styles: str = "", parts: dict[str, str] | None = None,
              links: dict[str, str] | None = None, main_type: str = MAIN_TYPE,
              extra: dict[str, bytes] | None = None, document_rels: str = "") -> bytes:
    """A package with word/document.xml holding body; styles: w:style
    elements; parts: other XML parts by name (footnotes, numbering, core);
    links: external hyperlink relationships by id; extra: raw entries;
    document_rels: more of the main document's relationships, as XML."""
    parts = dict(parts or {})
    parts["word/styles.xml"] = _xml("styles", styles)
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{_PART_TYPES[name]}"/>' for name in parts
                        if name in _PART_TYPES)
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{overrides}</Types>')
    package_rels = f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    if "docProps/core.xml" in parts:
        package_rels += ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                         'relationships/metadata/core-properties" Target="docProps/core.xml"/>')
    if "docProps/app.xml" in parts:
        package_rels += (f'<Relationship Id="rId3" Type="{REL}/extended-properties" '
                         'Target="docProps/app.xml"/>')
    document_rels += "".join(f'<Relationship Id="rIdP{index}" Type="{_RELATIONSHIP_TYPES[name]}" '
                            f'Target="{name.removeprefix("word/")}"/>'
                            for index, name in enumerate(parts) if name in _RELATIONSHIP_TYPES)
    document_rels += "".join(f'<Relationship Id="{rid}" Type="{REL}/hyperlink" Target="{target}" '
                             'TargetMode="External"/>' for rid, target in (links or {}).items())
    entries = {
        "[Content_Types].xml": types,
        "_rels/.rels": f'<Relationships xmlns="{PKG_REL}">{package_rels}</Relationships>',
        "word/_rels/document.xml.rels": f'<Relationships xmlns="{PKG_REL}">{document_rels}</Relationships>',
        "word/document.xml": _xml("document", f"<w:body>{body}</w:body>"),
        **parts,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def notes_part(kind: str, notes: dict[str, str]) -> str:
    """A footnotes or endnotes part: Word's separator, then each note's paragraph."""
    separator = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    bodies = "".join(f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>{r(" " + text)}</w:p>'
                     f"</w:{kind}>" for note_id, text in notes.items())
    return _xml(f"{kind}s", separator + bodies)

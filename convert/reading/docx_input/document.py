"""A Word file to the document model: the package opened safely
(package.py), then python-docx for what it reads well (the package's parts
and relationships, the styles part, the core properties) and our own lxml
walk for what it does not read at all or reads wrongly for an article:
footnotes and endnotes (no API), tracked changes (its Paragraph.text keeps
deleted text out but also insertions' runs), hidden text, HYPERLINK fields,
the effective bold and italic of a run through its styles, list kinds.

Why not mammoth or docx2python: mammoth maps DOCX to HTML through style
maps, and its result would be parsed back into the model (a second parser,
for HTML, and mammoth ignores right-to-left settings); docx2python returns
nested lists of text with its own markup for bold and notes, to be parsed
again too, and neither reads tracked changes as asked here. Both would add
a dependency for a walk of about the same size as this one. python-docx is
already one (the DOCX exporter's) and its XML parser does not resolve
entities.

Title: the paragraph in the Title style, else the first paragraph. Byline:
the paragraph after the title opening with بقلم, else the Byline style's
(our exporter's: the author, then the date), else the core properties'
author. Disclaimer: the last paragraph opening with one of the theme's
markers (تنويه:) or in the Disclaimer style, in the body or, as our exporter
puts it, in a footer. Core properties are front matter: title (when the
body has none), authors (Word separates them with ;), keywords and subject
as subjects, comments as the description, language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.parts.coreprops import CorePropertiesPart
from lxml import etree

from ...errors import InputError
from ...model import Document, Figure, Meta
from ..language import ARABIC, DEFAULT_DISCLAIMER_MARKERS, detect_language, language_code, language_tag
from ..reader import _BYLINE, Reading, _disclaimer_pattern
from .body import BodyReader, Entry, WordParagraph, blocks
from .figures import FigureReader
from .inlines import InlineReader
from .notes import NoteCalls, note_elements
from .numbering import Numbering
from .package import checked_package, safe_parser
from .properties import custom_fields
from .styles import Styles

_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")
_KEYWORD_SEPARATOR = re.compile(r"\s*[;,،]\s*")
_ARABIC_SCRIPT_LANGUAGES = {"ar", "fa", "ur", "ckb", "ku", "ps", "sd", "ug", "prs", "pnb", "ks", "bal"}
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def read_docx(data: bytes, source: str, markers: tuple[str, ...] = DEFAULT_DISCLAIMER_MARKERS,
              language: str | None = None) -> Reading:
    """A Word file's bytes to a Document, or one InputError line."""
    checked_package(data, source)
    try:
        word = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as error:  # python-docx raises what its parts make it (KeyError, ValueError…)
        raise InputError(source, f"damaged Word file ({type(error).__name__}: {error})") from None
    _refuse_parsed_dtd(word, source)
    return _reading(word, source, markers, language)


def _refuse_parsed_dtd(word: docx.document.Document, source: str) -> None:
    """A DTD in any part python-docx parsed, whatever its name: the package
    check looks at .xml and .rels entries, and a package may name its main
    part word/main. (python-docx's parser resolves no entity either way.)"""
    for part in word.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and element.getroottree().docinfo.internalDTD is not None:
            name = str(part.partname).lstrip("/")
            raise InputError(source, f"Word file part {name!r} declares a DTD or entities: not read")


def _reading(word: docx.document.Document, source: str, markers: tuple[str, ...],
             language: str | None) -> Reading:
    warnings: list[str] = []
    refused: list[str] = []
    part = word.part
    core = _core_properties(word)
    styles = Styles(word.styles.element)
    notes = {"foot": note_elements(_related_root(part, _FOOTNOTES), "footnote"),
             "endn": note_elements(_related_root(part, _ENDNOTES), "endnote")}
    calls = NoteCalls(notes)
    inlines = InlineReader(styles, _external_links(part), calls, refused)
    given_lang = language_tag(core.language or "") if core.language else None
    numbering = Numbering(_numbering_root(part), given_lang or language or ARABIC)
    figures = FigureReader(part, source, warnings)
    entries = list(BodyReader(styles, numbering, inlines, figures).entries(word.element.body))
    text = " ".join(entry.text for entry in entries if isinstance(entry, WordParagraph))
    if given_lang and _script_contradicts(given_lang, text):
        given_lang = None
    lang = given_lang or language or detect_language(text)
    if lang != ARABIC and not given_lang and not language:
        warnings.append(f"language: {lang} (found from its letters)")
    meta, entries = _meta(entries, core, source, lang, _disclaimer_pattern(markers), _footers(part, styles))
    meta = replace(meta, **custom_fields(part.package))
    kinds = (("foot", _FOOTNOTES), ("endn", _ENDNOTES))
    note_links = {kind: _external_links(target) for kind, reltype in kinds
                  for target in _parts(part, reltype)}
    document = Document(meta, blocks(entries), calls.notes(styles, note_links, refused))
    if inlines.pictures:
        warnings.append(f"{inlines.pictures} old-style picture(s) or embedded object(s) left out")
    warnings.extend(f"link to {url!r} left as text (only http, https and mailto links)" for url in refused)
    return Reading(document, tuple(warnings))


def _meta(entries: list[Entry], core, source: str, lang: str, disclaimer: re.Pattern[str],
          footers: list[WordParagraph]) -> tuple[Meta, list[Entry]]:
    title, before, entries = _title(entries, core.title or "")
    if not title:
        raise InputError(source, "empty Word document (no title, no text)")
    byline, date, entries = _byline(entries, core.author or "")
    entries = before + entries
    found, entries = _disclaimer(entries, disclaimer)
    if found is None:
        found = next((p.text for p in reversed(footers)
                      if p.style.disclaimer or disclaimer.match(p.text)), None)
    body_text = " ".join(" ".join(e.text.split()) for e in entries if isinstance(e, WordParagraph))
    authors = tuple(name for name in _AUTHOR_SEPARATOR.split(core.author or "") if name)
    if byline and byline != "، ".join(authors):  # one name with a ";" in it
        authors = ()
    subjects = tuple(dict.fromkeys(word for value in (core.keywords or "", core.subject or "")
                                   for word in _KEYWORD_SEPARATOR.split(value) if word))
    meta = Meta(title=title, author=byline, date=date, lang=lang, disclaimer=found, source=source,
                authors=authors if len(authors) > 1 else (), subjects=subjects,
                description=_description(core.comments or "", body_text))
    return meta, entries


@dataclass(frozen=True)
class _NoCore:
    """A package without core properties. (python-docx makes up its own for
    one, titled "Word Document" by "python-docx": not the author's.)"""

    title: str = ""
    author: str = ""
    keywords: str = ""
    subject: str = ""
    comments: str = ""
    language: str = ""


def _core_properties(word: docx.document.Document):
    package = word.part.package
    for related in package.rels.values():
        # LibreOffice writes the type as .../officedocument/2006/relationships/
        # metadata/core-properties (an early draft's), which python-docx does
        # not know: the type's end is compared, and the part read where it is.
        if related.reltype.endswith("/metadata/core-properties") and not related.is_external \
                and isinstance(related.target_part, CorePropertiesPart):
            return related.target_part.core_properties
    return _NoCore()


def _script_contradicts(tag: str, text: str) -> bool:
    """A language of the Latin script named for a text mostly in Arabic
    letters: the producer's own locale (LibreOffice writes en-US into a file
    imported from HTML), not the author's; the letters decide then."""
    if language_code(tag) in _ARABIC_SCRIPT_LANGUAGES:
        return False
    arabic = len(_ARABIC_LETTER.findall(text))
    return arabic > 2 * len(_LATIN_LETTER.findall(text))


def _description(comments: str, body_text: str) -> str | None:
    """The core comments, unless they only repeat the article's opening (the
    summary our exporter, like a store, makes of an article without one)."""
    comments = " ".join(comments.split())
    if not comments or body_text.startswith(comments.rstrip("…").rstrip()):
        return None
    return comments


def _title(entries: list[Entry], core_title: str) -> tuple[str, list[Entry], list[Entry]]:
    """(title, what comes before it, what follows it): the Title-style
    paragraph, else the first paragraph (when no table comes before it),
    else the core properties' title."""
    for index, entry in enumerate(entries):
        if isinstance(entry, WordParagraph) and entry.style.title:
            return " ".join(entry.text.split()), entries[:index], entries[index + 1:]
    for index, entry in enumerate(entries):  # the first paragraph, pictures before it kept
        if isinstance(entry, WordParagraph):
            return " ".join(entry.text.split()), entries[:index], entries[index + 1:]
        if not isinstance(entry, Figure):
            break
    if core_title.strip():
        return core_title.strip(), [], entries
    # A file that opens with a table and has no core title: its first paragraph after it.
    for index, entry in enumerate(entries):
        if isinstance(entry, WordParagraph) and entry.text.strip():
            return " ".join(entry.text.split()), entries[:index], entries[index + 1:]
    return "", [], entries


def _byline(entries: list[Entry], core_author: str) -> tuple[str | None, str | None, list[Entry]]:
    """(author, date, the rest). A بقلم paragraph first; then our own
    Byline paragraphs (the author when the core properties name one, then
    the date); else the core properties' author."""
    first = entries[0] if entries and isinstance(entries[0], WordParagraph) else None
    if first is not None and (match := _BYLINE.match(first.text)):
        return " ".join(match.group(1).split()), None, entries[1:]
    count = 0
    while count < len(entries) and isinstance(entries[count], WordParagraph) \
            and entries[count].style.byline:  # type: ignore[union-attr]
        count += 1
    lines: list[WordParagraph] = entries[:count]  # type: ignore[assignment]
    rest = entries[count:]
    dated = [line.text for line in lines if line.style.date]
    bylines = [line.text for line in lines if not line.style.date]
    if dated:  # pandoc's Author and Date styles
        return (bylines[0] if bylines else None), dated[0], rest
    authors = [name for name in _AUTHOR_SEPARATOR.split(core_author) if name]
    joined = "، ".join(authors) or None
    if not bylines:
        return joined, None, rest
    if joined is None:
        return None, bylines[0], rest
    return bylines[0], (bylines[1] if len(bylines) > 1 else None), rest


def _disclaimer(entries: list[Entry], pattern: re.Pattern[str]) -> tuple[str | None, list[Entry]]:
    for index in range(len(entries) - 1, -1, -1):
        entry = entries[index]
        if isinstance(entry, WordParagraph) and (entry.style.disclaimer or pattern.match(entry.text)):
            return " ".join(entry.text.split()), entries[:index] + entries[index + 1:]
        if not isinstance(entry, WordParagraph) or entry.text:
            break  # only the last paragraph
    return None, entries


def _related_root(part, reltype: str) -> etree._Element | None:
    """The XML of the part related by reltype, parsed safely, or None."""
    for related in part.rels.values():
        if related.reltype == reltype and not related.is_external:
            target = related.target_part
            element = getattr(target, "element", None)
            return element if element is not None else etree.fromstring(target.blob, safe_parser())
    return None


def _numbering_root(part) -> etree._Element | None:
    return _related_root(part, RT.NUMBERING)


def _external_links(part) -> dict[str, str]:
    """A part's external relationships by id (hyperlinks' addresses): never fetched."""
    return {rid: related.target_ref for rid, related in part.rels.items() if related.is_external}


def _footers(part, styles: Styles) -> list[WordParagraph]:
    """The paragraphs of the document's footers (only a disclaimer is read there)."""
    reader = InlineReader(styles, {}, None, [])
    found = []
    for related in _parts(part, RT.FOOTER):
        root = getattr(related, "element", None)
        if root is None:
            root = etree.fromstring(related.blob, safe_parser())
        body = BodyReader(styles, Numbering(None, ARABIC), reader)
        found.extend(entry for entry in body.entries(root) if isinstance(entry, WordParagraph))
    return found


def _parts(part, reltype: str) -> Iterable:
    return [related.target_part for related in part.rels.values()
            if related.reltype == reltype and not related.is_external]

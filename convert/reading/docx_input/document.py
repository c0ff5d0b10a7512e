"""A Word file to the document model: the package opened safely
(package.py), its parts read one by one as they are needed (parts.py: the
main document, styles, numbering, notes, footers, the pictures drawn, the
properties; never the fonts, the theme, settings or a macro project), then
our own lxml walk of WordprocessingML.

python-docx, the DOCX exporter's library, is not on the reading path: its
package reader inflates every part of the file (half the reading time, for
the ~400 KB of fonts our own files embed) and it has no API for most of
what an article needs: footnotes and endnotes, tracked changes (its
Paragraph.text keeps deleted text out but also insertions' runs), hidden
text, HYPERLINK fields, the effective bold and italic of a run through its
styles, list kinds. What it did give (relationships, the styles element,
core properties) is parts.py and properties.py.

Why not mammoth or docx2python: mammoth maps DOCX to HTML through style
maps, and its result would be parsed back into the model (a second parser,
for HTML, and mammoth ignores right-to-left settings); docx2python returns
nested lists of text with its own markup for bold and notes, to be parsed
again too, and neither reads tracked changes as asked here. Both would add
a dependency for a walk of about the same size as this one.

A macro-enabled document (.docm) is read like a .docx: nothing relates the
main document to its macro project, so that part is never even read.

Title: the paragraph in the Title style, else the first paragraph. Byline:
the paragraph after the title opening with بقلم, else the Byline style's
(our exporter's: the author, then the date), else the core properties'
author. Disclaimer: the last paragraph opening with one of the theme's
markers (تنويه:) or in the Disclaimer style, in the body or, as our exporter
puts it, in a footer. Core properties are front matter: title (when the
body has none), authors (Word separates them with ;), keywords and subject
as subjects, comments as the description, category as the section, language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from ...errors import InputError
from ...model import Document, Figure, Meta
from ...text.shown import shown_title
from ..language import ARABIC, DEFAULT_DISCLAIMER_MARKERS, detect_language, language_code, language_tag
from ..reader import _BYLINE, Reading, _disclaimer_pattern
from .body import BodyReader, Entry, WordParagraph, blocks
from .figures import FigureReader
from .inlines import InlineReader
from .notes import NoteCalls, note_elements
from .numbering import Numbering
from .package import checked_package, macro_enabled
from .parts import Package, Part
from .properties import Core, core_properties, custom_fields, full_title, written_by_us
from .run_language import ARABIC_LETTER, LATIN_LETTER, mostly_latin, run_language
from .styles import Styles
from .xml import W

_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_MACROS_LEFT_OUT = "macro-enabled document (.docm): its text read, its macros neither run nor kept"
UNDETERMINED = "und"  # BCP 47
_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")
_KEYWORD_SEPARATOR = re.compile(r"\s*[;,،]\s*")
_ARABIC_SCRIPT_LANGUAGES = {"ar", "fa", "ur", "ckb", "ku", "ps", "sd", "ug", "prs", "pnb", "ks", "bal"}


def read_docx(data: bytes, source: str, markers: tuple[str, ...] = DEFAULT_DISCLAIMER_MARKERS,
              language: str | None = None) -> Reading:
    """A Word file's bytes to a Document, or one InputError line."""
    archive = checked_package(data, source)
    package = Package(archive, source)
    try:
        reading = _reading(package, source, markers, language)
    except InputError:
        raise
    except (KeyError, ValueError, IndexError) as error:  # a part that is not what its relationship says
        raise InputError(source, f"damaged Word file ({type(error).__name__}: {error})") from None
    if macro_enabled(archive, source):
        return replace(reading, warnings=(_MACROS_LEFT_OUT, *reading.warnings))
    return reading


def _reading(package: Package, source: str, markers: tuple[str, ...], language: str | None) -> Reading:
    warnings: list[str] = []
    refused: list[str] = []
    part = package.main
    core = core_properties(package)
    styles_root = _related_root(part, _STYLES)
    styles = Styles(styles_root)
    notes = {"foot": note_elements(_related_root(part, _FOOTNOTES), "footnote"),
             "endn": note_elements(_related_root(part, _ENDNOTES), "endnote")}
    calls = NoteCalls(notes)
    inlines = InlineReader(styles, _external_links(part), calls, refused)
    given_lang = language_tag(core.language or "") if core.language else None
    numbering = Numbering(_related_root(part, _NUMBERING), given_lang or language or ARABIC)
    figures = FigureReader(part, source, warnings)
    entries = list(BodyReader(styles, numbering, inlines, figures).entries(_body(part, source)))
    text = " ".join(entry.text for entry in entries if isinstance(entry, WordParagraph))
    if given_lang and _script_contradicts(given_lang, text):
        given_lang = None
    lang = given_lang or language or _found_language(text, part, styles_root)
    if lang != ARABIC and not given_lang and not language:
        warnings.append(f"language: {lang} ({_how_found(lang, text)})")
    meta, entries = _meta(entries, core, source, lang, _disclaimer_pattern(markers), _footers(part, styles))
    meta = replace(meta, **custom_fields(package), title=_whole_title(meta.title, full_title(package)))
    if meta.date is None and core.created and not written_by_us(package):
        meta = replace(meta, date=core.created)  # a writer's file: when it was first made
    kinds = (("foot", _FOOTNOTES), ("endn", _ENDNOTES))
    note_links = {kind: _external_links(target) for kind, reltype in kinds
                  for target in part.related(reltype)}
    document = Document(meta, blocks(entries, warnings), calls.notes(styles, note_links, refused))
    if inlines.pictures:
        warnings.append(f"{inlines.pictures} old-style picture(s) or embedded object(s) left out")
    warnings.extend(f"link to {url!r} left as text (only http, https and mailto links)" for url in refused)
    return Reading(document, tuple(warnings))


def _body(part: Part, source: str):
    body = part.element.find(f"{W}body")
    if body is None:
        raise InputError(source, "empty Word document (no title, no text)")
    return body


def _meta(entries: list[Entry], core: Core, source: str, lang: str, disclaimer: re.Pattern[str],
          footers: Iterator[WordParagraph]) -> tuple[Meta, list[Entry]]:
    title, before, entries = _title(entries, core.title or "")
    if not title:
        raise InputError(source, "empty Word document (no title, no text)")
    byline, date, entries = _byline(entries, core.author or "")
    entries = before + entries
    found, entries = _disclaimer(entries, disclaimer)
    if found is None:
        found = next((p.text for p in footers if p.style.disclaimer or disclaimer.match(p.text)), None)
    body_text = " ".join(" ".join(e.text.split()) for e in entries if isinstance(e, WordParagraph))
    authors = tuple(name for name in _AUTHOR_SEPARATOR.split(core.author or "") if name)
    if byline and byline != "، ".join(authors):  # one name with a ";" in it
        authors = ()
    subjects = tuple(dict.fromkeys(word for value in (core.keywords or "", core.subject or "")
                                   for word in _KEYWORD_SEPARATOR.split(value) if word))
    meta = Meta(title=title, author=byline, date=date, lang=lang, disclaimer=found, source=source,
                authors=authors if len(authors) > 1 else (), subjects=subjects,
                description=_description(core.comments or "", body_text), section=core.category or None)
    return meta, entries


def _found_language(text: str, part: Part, styles: etree._Element | None) -> str:
    """From the letters; a text in Latin letters (which the letters would call
    Arabic) from the language Word tagged its runs with, else "und" (BCP 47's
    undetermined: Google Docs tags nothing)."""
    if mostly_latin(text):
        return run_language(_body(part, ""), styles) or UNDETERMINED
    return detect_language(text)


def _how_found(lang: str, text: str) -> str:
    if lang == UNDETERMINED:
        return "Latin letters and no language set: give lang: or --lang"
    if lang == detect_language(text):
        return "found from its letters"
    return "found from the language its text is tagged with"


def _script_contradicts(tag: str, text: str) -> bool:
    """A language of the Latin script named for a text mostly in Arabic
    letters: the producer's own locale (LibreOffice writes en-US into a file
    imported from HTML), not the author's; the letters decide then."""
    if language_code(tag) in _ARABIC_SCRIPT_LANGUAGES:
        return False
    arabic = len(ARABIC_LETTER.findall(text))
    return arabic > 2 * len(LATIN_LETTER.findall(text))


def _whole_title(read: str, full: str) -> str:
    """The title in full where the file shows it shortened (a title paragraph
    cut with an ellipsis, core properties cut at 255 characters) and keeps it
    whole in the FullTitle property; a title since changed in Word is kept."""
    if not full or read == full:
        return read
    if read == shown_title(full) or (read.endswith("…") and full.startswith(read[:-1].rstrip())):
        return full
    return read


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


def _related_root(part: Part, reltype: str) -> etree._Element | None:
    """The XML of the first part related by reltype, or None."""
    related = part.related(reltype)
    return related[0].element if related else None


def _external_links(part: Part) -> dict[str, str]:
    """A part's external relationships by id (hyperlinks' addresses): never fetched."""
    return {rid: related.target_ref for rid, related in part.rels.items() if related.is_external}


def _footers(part: Part, styles: Styles) -> Iterator[WordParagraph]:
    """The paragraphs of the document's footers, last first (only a disclaimer
    is read there): each footer parsed only if the ones after it hold none."""
    reader = InlineReader(styles, {}, None, [])
    for footer in reversed(part.related(_FOOTER)):
        body = BodyReader(styles, Numbering(None, ARABIC), reader)
        paragraphs = [entry for entry in body.entries(footer.element) if isinstance(entry, WordParagraph)]
        yield from reversed(paragraphs)

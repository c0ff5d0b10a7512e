"""The right-to-left OOXML python-docx does not write, as small element helpers.

python-docx knows run-level ``w:rtl`` only. Arabic text in Word also needs:
``w:bidi`` on every paragraph and on the section, the complex-script twins
of fonts and sizes (``w:rFonts/@w:cs``, ``w:szCs``, ``w:bCs``, ``w:iCs``), the
complex-script language (``w:lang/@w:bidi``), kashida justification,
``w:bidiVisual`` on tables and hand-built PAGE fields. Each helper takes the
property element it changes (a ``w:pPr``, ``w:rPr``, ``w:sectPr``,
``w:tblPr``), so the same helper serves runs, styles and document defaults.

Word rejects property children out of schema order, so every child is put in
its place with ``ensure_child`` and the orders below (ECMA-376 Part 1, the
sequences of CT_PPrBase, CT_RPr, CT_SectPr and CT_TblPrBase).
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from functools import cache

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription",
)
# CT_Settings from w:updateFields on: what the exporter adds to settings
# (updateFields, footnotePr) goes before the rest of what it writes.
SETTINGS_ORDER = (
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
    "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
# CT_FtnProps and CT_FtnDocProps (the settings' footnotePr ends with its w:footnote children).
FOOTNOTEPR_ORDER = ("pos", "numFmt", "numStart", "numRestart", "footnote")
_ORDERS = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "sectPr": SECTPR_ORDER, "tblPr": TBLPR_ORDER,
           "settings": SETTINGS_ORDER, "footnotePr": FOOTNOTEPR_ORDER}

# ST_NumberFormat values for page and list numbers. Word draws "hindiNumbers"
# as Arabic-Indic digits (١ ٢ ٣: Arabic usage calls them Hindi numerals);
# "arabicAlpha" and "arabicAbjad" are letters (أ ب ت / أ ب ج), not digits.
# Rendered through every ST_NumberFormat value, LibreOffice 7.4 has none that
# gives Arabic-Indic digits: it reads "hindiNumbers" as 1 2 3.
# Persian digits (۱ ۲ ۳) have no format of their own: Word draws hindiNumbers
# in the digits of the text's language.
PAGE_NUMBER_FORMATS = {"arabic-indic": "hindiNumbers", "persian": "hindiNumbers", "latin": "decimal"}


def w_element(tag: str, **attributes: str) -> etree._Element:
    """A new w:TAG element with w:-namespaced attributes: what python-docx's
    OxmlElement("w:TAG") makes (its element class, its namespace map), with
    the tag parsed once a process instead of once an element. A document
    has hundreds of elements; this was a fifth of the time of writing one."""
    clark_name, namespaces = _w_tag(tag)
    element = oxml_parser.makeelement(clark_name, nsmap=namespaces)
    for name, value in attributes.items():
        element.set(w_name(name), value)
    return element


@cache
def _w_tag(tag: str) -> tuple[str, dict[str, str]]:
    prefixed = NamespacePrefixedTag(f"w:{tag}")
    return prefixed.clark_name, prefixed.nsmap


@cache
def w_name(name: str) -> str:
    """The Clark name of w:NAME, e.g. {http://…/main}val."""
    return qn(f"w:{name}")


def ensure_child(parent: etree._Element, tag: str, order: Sequence[str] | None = None,
                 **attributes: str) -> etree._Element:
    """The w:TAG child of parent, added in schema order if missing, attributes set."""
    child = parent.find(w_name(tag))
    if child is None:
        child = w_element(tag)
        _insert_in_order(parent, child, _later_tags(tuple(order or _order_for(parent)), tag))
    for name, value in attributes.items():
        child.set(w_name(name), value)
    return child


def _order_for(parent: etree._Element) -> Sequence[str]:
    return _ORDERS[etree.QName(parent).localname]


@cache
def _later_tags(order: tuple[str, ...], tag: str) -> frozenset[str]:
    """The Clark names of the tags that come after tag in order."""
    return frozenset(w_name(later) for later in order[order.index(tag) + 1 :])


def _insert_in_order(parent: etree._Element, child: etree._Element, later: frozenset[str]) -> None:
    for index, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(index, child)
            return
    parent.append(child)


# -- paragraphs ---------------------------------------------------------------

def set_paragraph_bidi(p_pr: etree._Element) -> None:
    """Right-to-left paragraph: starts at the right, indents and alignment mirror."""
    ensure_child(p_pr, "bidi")


def set_justification(p_pr: etree._Element, value: str) -> None:
    """w:jc: "both", a kashida strength (lowKashida, mediumKashida, highKashida:
    justified by stretching letters with tatweel), or "center"/"start"/"end".

    "start" and "end" are logical: in a bidi paragraph start is the right edge.
    """
    ensure_child(p_pr, "jc", val=value)


def set_indent(p_pr: etree._Element, start_twips: int = 0, end_twips: int = 0,
               hanging_twips: int = 0) -> None:
    """Logical indents: in a right-to-left paragraph "start" is the right side."""
    attributes = {"start": str(start_twips), "end": str(end_twips)}
    if hanging_twips:
        attributes["hanging"] = str(hanging_twips)
    ensure_child(p_pr, "ind", **attributes)


def set_outline_level(p_pr: etree._Element, level: int) -> None:
    """Outline level 0 is Heading 1: what Word's navigation pane lists."""
    ensure_child(p_pr, "outlineLvl", val=str(level))


# -- runs -------------------------------------------------------------------

def mark_run_rtl(r_pr: etree._Element) -> None:
    """The run is right-to-left text: Word shapes it with the complex-script font."""
    ensure_child(r_pr, "rtl")


def set_fonts(r_pr: etree._Element, family: str) -> None:
    """One family for every script slot: Latin (ascii, hAnsi), East Asian and complex (cs)."""
    ensure_child(r_pr, "rFonts", ascii=family, hAnsi=family, eastAsia=family, cs=family)


def set_size(r_pr: etree._Element, size_pt: float) -> None:
    """w:sz for Latin text and its complex-script twin w:szCs, in half-points."""
    half_points = str(round(size_pt * 2))
    ensure_child(r_pr, "sz", val=half_points)
    ensure_child(r_pr, "szCs", val=half_points)


def set_bold(r_pr: etree._Element) -> None:
    """w:b for Latin text and w:bCs for Arabic: Word reads only the twin for rtl runs."""
    ensure_child(r_pr, "b")
    ensure_child(r_pr, "bCs")


def set_italic(r_pr: etree._Element) -> None:
    ensure_child(r_pr, "i")
    ensure_child(r_pr, "iCs")


def set_color(r_pr: etree._Element, hex_colour: str) -> None:
    ensure_child(r_pr, "color", val=hex_colour.lstrip("#").upper())


def set_lang(r_pr: etree._Element, bidi_lang: str) -> None:
    """The language of complex-script text (w:lang/@w:bidi), e.g. ar-SA or ar-AE."""
    ensure_child(r_pr, "lang", bidi=bidi_lang)


def set_complex_script_twins(r_pr: etree._Element, family: str, size_pt: float, bidi_lang: str,
                             bold: bool = False, italic: bool = False) -> None:
    """Fonts, size, weight, slant and language, each with its complex-script twin."""
    set_fonts(r_pr, family)
    if bold:
        set_bold(r_pr)
    if italic:
        set_italic(r_pr)
    set_size(r_pr, size_pt)
    set_lang(r_pr, bidi_lang)


# -- sections -----------------------------------------------------------------

def set_section_rtl(sect_pr: etree._Element) -> None:
    """Right-to-left section: columns run from the right, the gutter is on the right."""
    ensure_child(sect_pr, "bidi")
    ensure_child(sect_pr, "rtlGutter")


def set_page_number_format(sect_pr: etree._Element, digits: str) -> None:
    """Page numbers in Arabic-Indic (١٢٣), Persian (۱۲۳) or Latin (123) digits, from Theme.digits()."""
    ensure_child(sect_pr, "pgNumType", fmt=PAGE_NUMBER_FORMATS[digits])


# -- tables -----------------------------------------------------------------

def set_table_bidi_visual(tbl_pr: etree._Element) -> None:
    """Right-to-left table: the first column is on the right."""
    ensure_child(tbl_pr, "bidiVisual")


# -- fields -----------------------------------------------------------------

def field_runs(instruction: str, placeholder: str, r_pr: etree._Element | None = None
               ) -> list[etree._Element]:
    """The runs of a complex field (w:fldChar begin/separate/end) such as PAGE.

    placeholder is the result shown until the reader updates the field; Word
    and LibreOffice recompute PAGE on every page. r_pr, if given, is copied
    into every run so the number takes the surrounding run formatting.
    """
    return [
        *field_start_runs(instruction, r_pr),
        _run(_text(placeholder), r_pr),
        field_end_run(r_pr),
    ]


def field_start_runs(instruction: str, r_pr: etree._Element | None = None) -> list[etree._Element]:
    """begin, instruction and separate: what precedes a field's result.

    A field whose result is many paragraphs (a TOC) opens in its first
    paragraph and closes, with field_end_run, in its last.
    """
    pieces = [
        w_element("fldChar", fldCharType="begin"),
        _instruction_text(instruction),
        w_element("fldChar", fldCharType="separate"),
    ]
    return [_run(piece, r_pr) for piece in pieces]


def field_end_run(r_pr: etree._Element | None = None) -> etree._Element:
    return _run(w_element("fldChar", fldCharType="end"), r_pr)


def _run(piece: etree._Element, r_pr: etree._Element | None) -> etree._Element:
    run = w_element("r")
    if r_pr is not None:
        run.append(deepcopy(r_pr))
    run.append(piece)
    return run


def _instruction_text(instruction: str) -> etree._Element:
    element = w_element("instrText")
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    element.text = f" {instruction} "
    return element


def _text(value: str) -> etree._Element:
    element = w_element("t")
    element.text = value
    return element

"""word/numbering.xml: right-to-left bullet and number lists.

One bulleted abstract list, and one numbered per counter style a list may
have: its author's digits, 1. 2. 3. (decimal) or ١. ٢. ٣. (hindiNumbers, as
ECMA-376 names Arabic-Indic digits; Persian ۱. ۲. ۳. have no format of
their own and take it too). Each list in the article gets its own w:num,
the numbered ones with a start override, so every list counts from one.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from lxml import etree

from ...theme import Theme
from .oxml import (
    ensure_child,
    set_complex_script_twins,
    set_indent,
    set_paragraph_bidi,
    w_element,
)

BULLET_LIST = 0  # abstractNumId of each kind
NUMBERED_LISTS = {"decimal": 1, "arabic-indic": 2, "persian": 3}
_NUMBER_FORMATS = {"decimal": "decimal", "arabic-indic": "hindiNumbers", "persian": "hindiNumbers"}
_INDENT_TWIPS, _HANGING_TWIPS = 720, 360


def build_numbering(theme: Theme) -> bytes:
    """The numbering part with the two abstract lists and no list instance yet."""
    root = OxmlElement("w:numbering", nsdecls={"w": nsmap["w"]})
    root.append(_abstract_list(BULLET_LIST, "bullet", "•", theme))
    for numbering, list_id in NUMBERED_LISTS.items():
        root.append(_abstract_list(list_id, _NUMBER_FORMATS[numbering], "%1.", theme))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _abstract_list(list_id: int, number_format: str, text: str, theme: Theme) -> etree._Element:
    abstract = w_element("abstractNum", abstractNumId=str(list_id))
    # A fixed nsid: Word matches lists by it when pasting; it must not be random.
    abstract.append(w_element("nsid", val=f"{0x5A0A0000 + list_id:08X}"))
    abstract.append(w_element("multiLevelType", val="singleLevel"))
    level = w_element("lvl", ilvl="0")
    level.append(w_element("start", val="1"))
    level.append(w_element("numFmt", val=number_format))
    level.append(w_element("lvlText", val=text))
    level.append(w_element("lvlJc", val="start"))
    p_pr = w_element("pPr")
    set_paragraph_bidi(p_pr)
    set_indent(p_pr, start_twips=_INDENT_TWIPS, hanging_twips=_HANGING_TWIPS)
    level.append(p_pr)
    r_pr = w_element("rPr")
    set_complex_script_twins(r_pr, theme.fonts.body, theme.fonts.size_pt, theme.text.language)
    ensure_child(r_pr, "rtl")
    level.append(r_pr)
    abstract.append(level)
    return abstract


def add_list_instance(numbering: etree._Element, kind: int) -> int:
    """A new w:num for one list of the article; returns its numId."""
    used = [int(num.get(qn("w:numId"))) for num in numbering.iter(qn("w:num"))]
    num_id = max(used, default=0) + 1
    num = w_element("num", numId=str(num_id))
    num.append(w_element("abstractNumId", val=str(kind)))
    if kind != BULLET_LIST:
        override = w_element("lvlOverride", ilvl="0")
        override.append(w_element("startOverride", val="1"))
        num.append(override)
    numbering.append(num)
    return num_id

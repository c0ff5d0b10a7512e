"""word/styles.xml from the theme: document defaults and the named styles.

The article is formatted with named styles only (Title, Byline, Normal,
headings, Quote, Disclaimer, header and footer), so an editor restyles the
whole document from Word's style gallery and new text takes the house look.

Line spacing is "at least" the theme's line height times the font size,
never "exact": an exact line is cut to its height, and the marks above a
vocalised line, a tall Nastaliq word or a fallback font's glyph taller than
the line are clipped (LibreOffice clips them; Word too). At least, a line
grows when its font asks for more: LibreOffice reads the typo metrics
(Amiri 1.76 em, under the theme's 1.8), Word the usWin metrics (Amiri
2.76 em), so Word spaces the lines more widely than the other formats.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from lxml import etree

from ...theme import Theme
from .oxml import (
    ensure_child,
    set_bold,
    set_color,
    set_complex_script_twins,
    set_indent,
    set_italic,
    set_justification,
    set_outline_level,
    set_paragraph_bidi,
    set_table_bidi_visual,
    w_element,
)

HEADING_LEVELS = (1, 2, 3)
# Style ids the exporter refers to.
QUOTE_MARK = "QuoteMark"
TITLE, BYLINE, NORMAL, QUOTE, QUOTE_CHAR, DISCLAIMER = (
    "Title", "Byline", "Normal", "Quote", "QuoteChar", "Disclaimer",
)
# A heading-like line ("المادة 14"): bold at the body's size, kept with the next paragraph.
HEADING_LINE = "HeadingLine"
HEADER, FOOTER, LIST_PARAGRAPH = "Header", "Footer", "ListParagraph"
# Book mode only (book_styles): the two-title running head and the contents.
RUNNING_HEAD, SUBTITLE, TOC_HEADING, TOC_1 = "RunningHead", "Subtitle", "TOCHeading", "TOC1"
# Only a document with links or notes has these (on_demand_styles): a plain
# article's styles part stays what it was. The ids and names are Word's own
# built-in styles', so Word lists them as such.
HYPERLINK, FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "Hyperlink", "FootnoteText", "FootnoteReference"
# Emphasis in the theme's look, by Word's built-in name: what marks it as
# emphasis, not strong text, when the theme shows both in bold (the reader's cue).
EMPHASIS = "Emphasis"
# A figure's credit, after its caption in the Caption paragraph: the caption's
# own look (the style sets nothing), named so the reader tells the two apart.
CREDIT = "PictureCredit"
# A figure's caption (docx/figures.py), Word's built-in "caption", on demand too.
CAPTION = "Caption"
# A data table's look (docx/tables.py): its borders and shaded header row, on
# demand too, so an editor restyles every table from the table style gallery.
TABLE = "ArticleTable"
# ST_OutlineLvl 9 is "body text": the contents heading is not itself listed.
_BODY_TEXT_LEVEL = 9


def heading_style_id(level: int) -> str:
    return f"Heading{min(max(level, 1), len(HEADING_LEVELS))}"


def twips(points: float) -> str:
    return str(round(points * 20))


@dataclass(frozen=True)
class Look:
    """What a paragraph style sets: font, size, colour, spacing, alignment."""

    size_pt: float
    line_height: float
    font: str
    color: str
    bold: bool = False
    before_pt: float = 0
    after_pt: float = 0
    align: str | None = None  # None: inherit (Normal is justified)


def build_styles(theme: Theme) -> bytes:
    """The whole styles part for a theme, serialised."""
    root = OxmlElement("w:styles", nsdecls={"w": nsmap["w"]})
    root.append(_doc_defaults(theme))
    for style in _styles(theme):
        root.append(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _doc_defaults(theme: Theme) -> etree._Element:
    """Defaults for text an editor types later: Arabic, right to left, theme font and size.

    No w:rtl here: it would make every Latin run right-to-left too. Word marks
    what is typed with an Arabic keyboard rtl by itself; w:bidi makes the
    paragraph right-to-left and the cs font, size and language serve it.
    """
    r_pr, p_pr = w_element("rPr"), w_element("pPr")
    set_complex_script_twins(r_pr, theme.fonts.body, theme.fonts.size_pt, theme.text.language)
    # Widow and orphan control (two lines at the foot and the head of a page):
    # without it in the style hierarchy, Word does not apply it (ECMA-376 17.3.1.44).
    ensure_child(p_pr, "widowControl")
    set_paragraph_bidi(p_pr)
    defaults = w_element("docDefaults")
    for holder_tag, properties in (("rPrDefault", r_pr), ("pPrDefault", p_pr)):
        holder = w_element(holder_tag)
        holder.append(properties)
        defaults.append(holder)
    return defaults


def style_looks(theme: Theme) -> dict[str, Look]:
    """The look of every paragraph style, book styles included, by style id.

    One table for the styles part and for the page estimates of a book's
    contents (estimate.py), so the two never disagree.
    """
    fonts, colors, small = theme.fonts, theme.colors, theme.fonts.small_size_pt
    muted = {"font": fonts.body, "color": colors.muted}
    return {
        NORMAL: Look(fonts.size_pt, fonts.line_height, fonts.body, colors.text,
                     after_pt=fonts.size_pt * 0.8, align=theme.text.justify),
        TITLE: Look(fonts.title_size_pt, fonts.title_line_height, fonts.heading, colors.accent, bold=True,
                    after_pt=fonts.title_size_pt * 0.3, align="start"),
        BYLINE: Look(small, 1.6, **muted, align="start"),
        **{heading_style_id(level): _heading_look(level, theme) for level in HEADING_LEVELS},
        HEADING_LINE: Look(fonts.size_pt, fonts.line_height, fonts.heading, colors.text, bold=True,
                           after_pt=fonts.size_pt * 0.8, align=theme.text.justify),
        QUOTE: Look(fonts.size_pt, fonts.line_height, fonts.body, colors.text,
                    before_pt=fonts.size_pt * 0.6, after_pt=fonts.size_pt * 1.0),
        DISCLAIMER: Look(small, 1.5, **muted, align="center"),
        HEADER: Look(small, 1.5, **muted, align="center"),
        FOOTER: Look(small, 1.5, **muted, align="center"),
        LIST_PARAGRAPH: Look(fonts.size_pt, fonts.line_height, fonts.body, colors.text,
                             after_pt=fonts.size_pt * 0.3),
        RUNNING_HEAD: Look(small, 1.5, **muted, align="start"),
        SUBTITLE: Look(fonts.size_pt + 2, 1.5, fonts.heading, colors.muted, align="center"),
        TOC_HEADING: Look(fonts.heading_size_pt, fonts.title_line_height, fonts.heading, colors.accent,
                          bold=True, after_pt=fonts.heading_size_pt, align="start"),
        TOC_1: Look(fonts.size_pt, 1.5, fonts.body, colors.text, after_pt=fonts.size_pt * 0.4, align="start"),
    }


def _heading_look(level: int, theme: Theme) -> Look:
    fonts = theme.fonts
    size = fonts.heading_size_pt_of(level)
    return Look(size, fonts.title_line_height, fonts.heading, theme.colors.accent, bold=True,
                before_pt=size * 1.0, after_pt=size * 0.4, align="start")


def _styles(theme: Theme) -> list[etree._Element]:
    looks = style_looks(theme)
    styles = [
        _paragraph_style(NORMAL, "Normal", looks[NORMAL], theme, default=True),
        _paragraph_style(TITLE, "Title", looks[TITLE], theme, next_id=BYLINE),
        _paragraph_style(BYLINE, "Byline", looks[BYLINE], theme, custom=True),
        *[_heading_style(level, looks[heading_style_id(level)], theme) for level in HEADING_LEVELS],
        _heading_line_style(looks[HEADING_LINE], theme),
        _quote_style(looks[QUOTE], theme),
        _character_style(QUOTE_CHAR, "Quote Char", theme, theme.quotation_colours()[1], link=QUOTE),
        _character_style(QUOTE_MARK, "Quote Mark", theme, theme.quotation_colours()[0]),
        _paragraph_style(DISCLAIMER, "Disclaimer", looks[DISCLAIMER], theme, custom=True),
        _paragraph_style(HEADER, "header", looks[HEADER], theme),
        _paragraph_style(FOOTER, "footer", looks[FOOTER], theme),
        _paragraph_style(LIST_PARAGRAPH, "List Paragraph", looks[LIST_PARAGRAPH], theme),
        _default_character_style(),
        _default_table_style(),
        _default_numbering_style(),
    ]
    return styles


def _style(kind: str, style_id: str, name: str, default: bool = False, custom: bool = False
           ) -> etree._Element:
    style = w_element("style", type=kind, styleId=style_id)
    if default:
        style.set(qn("w:default"), "1")
    if custom:
        style.set(qn("w:customStyle"), "1")
    style.append(w_element("name", val=name))
    return style


def _paragraph_style(style_id: str, name: str, look: Look, theme: Theme, default: bool = False,
                     custom: bool = False, next_id: str = NORMAL) -> etree._Element:
    style = _style("paragraph", style_id, name, default, custom)
    if not default:
        style.append(w_element("basedOn", val=NORMAL))
        style.append(w_element("next", val=next_id))
    style.append(w_element("qFormat"))
    style.append(_paragraph_properties(look))
    style.append(_run_properties(look, theme))
    return style


def _paragraph_properties(look: Look) -> etree._Element:
    p_pr = w_element("pPr")
    set_paragraph_bidi(p_pr)
    ensure_child(p_pr, "spacing", before=twips(look.before_pt), after=twips(look.after_pt),
                 line=twips(look.size_pt * look.line_height), lineRule="atLeast")
    if look.align:
        set_justification(p_pr, look.align)
    return p_pr


def _run_properties(look: Look, theme: Theme) -> etree._Element:
    r_pr = w_element("rPr")
    set_complex_script_twins(r_pr, look.font, look.size_pt, theme.text.language, bold=look.bold)
    set_color(r_pr, look.color)
    return r_pr


def _heading_style(level: int, look: Look, theme: Theme) -> etree._Element:
    """Heading N with outline level N-1, so Word's navigation pane lists it."""
    style = _paragraph_style(heading_style_id(level), f"heading {level}", look, theme)
    p_pr = style.find(qn("w:pPr"))
    ensure_child(p_pr, "keepNext")
    ensure_child(p_pr, "keepLines")
    set_outline_level(p_pr, level - 1)
    style.find(qn("w:qFormat")).addprevious(w_element("uiPriority", val="9"))
    return style


def _heading_line_style(look: Look, theme: Theme) -> etree._Element:
    """A heading-like line the author did not mark as a heading: bold body text,
    kept on the page of the paragraph after it; not in the outline."""
    style = _paragraph_style(HEADING_LINE, "Heading Line", look, theme, custom=True)
    ensure_child(style.find(qn("w:pPr")), "keepNext")
    return style


def _quote_style(look: Look, theme: Theme) -> etree._Element:
    """Block quotations: set in from the right (the start side) on a tinted ground."""
    fonts = theme.fonts
    style = _paragraph_style(QUOTE, "Quote", look, theme)
    style.find(qn("w:next")).addnext(w_element("link", val=QUOTE_CHAR))
    p_pr = style.find(qn("w:pPr"))
    ensure_child(p_pr, "shd", val="clear", color="auto", fill=theme.colors.quote_background.lstrip("#"))
    set_indent(p_pr, start_twips=round(fonts.size_pt * 2 * 20), end_twips=0)
    return style


def _character_style(style_id: str, name: str, theme: Theme, colour: str | None,
                     link: str | None = None) -> etree._Element:
    """Inline quotations: the text, and apart from it the marks, each in the
    colour the theme gives it (Theme.quotation_colours), or the text's own."""
    style = _style("character", style_id, name, custom=link is None)
    style.append(w_element("basedOn", val="DefaultParagraphFont"))
    if link:
        style.append(w_element("link", val=link))
    style.append(w_element("qFormat"))
    r_pr = w_element("rPr")
    set_complex_script_twins(r_pr, theme.fonts.body, theme.fonts.size_pt, theme.text.language)
    if colour:
        set_color(r_pr, colour)
    style.append(r_pr)
    return style


def _hidden_default_style(kind: str, style_id: str, name: str, priority: str) -> etree._Element:
    """A default style Word keeps out of the style gallery until it is used."""
    style = _style(kind, style_id, name, default=True)
    style.append(w_element("uiPriority", val=priority))
    style.append(w_element("semiHidden"))
    style.append(w_element("unhideWhenUsed"))
    return style


def _default_character_style() -> etree._Element:
    return _hidden_default_style("character", "DefaultParagraphFont", "Default Paragraph Font", "1")


def _default_table_style() -> etree._Element:
    """Tables an editor inserts later read right to left (first column on the right)."""
    style = _hidden_default_style("table", "TableNormal", "Normal Table", "99")
    tbl_pr = w_element("tblPr")
    set_table_bidi_visual(tbl_pr)
    ensure_child(tbl_pr, "tblInd", w="0", type="dxa")
    style.append(tbl_pr)
    return style


def _default_numbering_style() -> etree._Element:
    return _hidden_default_style("numbering", "NoList", "No List", "99")


def book_styles(theme: Theme, text_width_twips: str) -> list[etree._Element]:
    """The styles a book adds: a running head with the book title at the start and
    the article title at the end, the author on the title page (Subtitle), the
    contents heading and the contents entries.

    "toc 1" and "TOC Heading" are the names of Word's built-in styles, so Word
    formats the table it rebuilds with them.
    """
    looks = style_looks(theme)
    end_tab = {"val": "end", "pos": text_width_twips}
    running_head = _paragraph_style(RUNNING_HEAD, "Running Head", looks[RUNNING_HEAD], theme, custom=True)
    _add_tab(running_head, **end_tab)
    subtitle = _paragraph_style(SUBTITLE, "Subtitle", looks[SUBTITLE], theme)
    contents_heading = _paragraph_style(TOC_HEADING, "TOC Heading", looks[TOC_HEADING], theme)
    set_outline_level(contents_heading.find(qn("w:pPr")), _BODY_TEXT_LEVEL)
    entry = _paragraph_style(TOC_1, "toc 1", looks[TOC_1], theme)
    _add_tab(entry, leader="dot", **end_tab)
    for style in (contents_heading, entry):
        style.find(qn("w:qFormat")).addprevious(w_element("uiPriority", val="39"))
    return [running_head, subtitle, contents_heading, entry]


def _add_tab(style: etree._Element, **attributes: str) -> None:
    """A tab stop; "end" is logical: the left edge of a right-to-left paragraph."""
    tabs = ensure_child(style.find(qn("w:pPr")), "tabs")
    tabs.append(w_element("tab", **attributes))


def on_demand_styles(theme: Theme, style_ids: set[str]) -> list[etree._Element]:
    """The styles among EMPHASIS, CREDIT, HYPERLINK, FOOTNOTE_TEXT, FOOTNOTE_REFERENCE, CAPTION
    and TABLE that style_ids names, in that order: added to a document that
    uses them.

    A link is underlined in the accent colour; a note's text is set in the
    small size, justified as the body is; the note number, at the call and
    before the note, is raised.
    """
    builders = {
        EMPHASIS: lambda: _emphasis_style(theme),
        CREDIT: lambda: _run_style(CREDIT, "Picture Credit")[0],
        HYPERLINK: lambda: _hyperlink_style(theme),
        FOOTNOTE_TEXT: lambda: _footnote_text_style(theme),
        FOOTNOTE_REFERENCE: _footnote_reference_style,
        CAPTION: lambda: _caption_style(theme),
        TABLE: lambda: _table_style(theme),
    }
    return [build() for style_id, build in builders.items() if style_id in style_ids]


def _run_style(style_id: str, name: str) -> tuple[etree._Element, etree._Element]:
    """A character style on the default font that sets only what its w:rPr
    (returned with it) will say, so it takes the size of the text it is in."""
    style = _style("character", style_id, name)
    style.append(w_element("basedOn", val="DefaultParagraphFont"))
    style.append(w_element("uiPriority", val="99"))
    style.append(w_element("unhideWhenUsed"))
    r_pr = w_element("rPr")
    style.append(r_pr)
    return style, r_pr


def _hyperlink_style(theme: Theme) -> etree._Element:
    style, r_pr = _run_style(HYPERLINK, "Hyperlink")
    set_run_look(r_pr, theme, HYPERLINK)
    return style


def _emphasis_style(theme: Theme) -> etree._Element:
    style, r_pr = _run_style(EMPHASIS, "Emphasis")
    style.find(qn("w:uiPriority")).set(qn("w:val"), "20")  # Word's own for its Emphasis
    style.append(w_element("qFormat"))
    style.append(r_pr)  # after qFormat, as the schema orders them
    set_run_look(r_pr, theme, EMPHASIS)
    return style


def set_run_look(r_pr: etree._Element, theme: Theme, style_id: str) -> None:
    """What the character style style_id sets on a run, set on r_pr: an
    emphasised run takes the Emphasis style, and is given the look of the
    link or quotation it is in directly (a run takes one style)."""
    if style_id == EMPHASIS:
        emphasis = theme.text.emphasis
        if emphasis == "italic":
            set_italic(r_pr)
        elif emphasis == "colour":
            set_color(r_pr, theme.colors.accent)
        else:
            set_bold(r_pr)
    elif style_id == HYPERLINK:
        set_color(r_pr, theme.colors.accent)
        ensure_child(r_pr, "u", val="single")
    elif style_id in (QUOTE_CHAR, QUOTE_MARK):
        colour = theme.quotation_colours()[1 if style_id == QUOTE_CHAR else 0]
        if colour:
            set_color(r_pr, colour)


def _footnote_reference_style() -> etree._Element:
    style, r_pr = _run_style(FOOTNOTE_REFERENCE, "footnote reference")
    ensure_child(r_pr, "vertAlign", val="superscript")
    return style


def _footnote_text_style(theme: Theme) -> etree._Element:
    fonts = theme.fonts
    look = Look(fonts.small_size_pt, 1.5, fonts.body, theme.colors.text,
                after_pt=fonts.small_size_pt * 0.3, align=theme.text.justify)
    return _paragraph_style(FOOTNOTE_TEXT, "footnote text", look, theme)


def _caption_style(theme: Theme) -> etree._Element:
    """Small and centred under its picture, as every format sets a caption."""
    fonts = theme.fonts
    look = Look(fonts.small_size_pt, 1.5, fonts.body, theme.colors.muted, after_pt=fonts.size_pt * 0.8,
                align="center")
    return _paragraph_style(CAPTION, "caption", look, theme)


def _table_style(theme: Theme) -> etree._Element:
    """Thin borders in the muted colour around and between the cells; the
    header row (the table's w:tblLook firstRow) on the quotations' ground."""
    style = _style("table", TABLE, "Article Table", custom=True)
    style.append(w_element("basedOn", val="TableNormal"))
    style.append(w_element("uiPriority", val="59"))
    style.append(w_element("qFormat"))
    tbl_pr = w_element("tblPr")
    set_table_bidi_visual(tbl_pr)
    borders = ensure_child(tbl_pr, "tblBorders")
    colour = theme.colors.muted.lstrip("#").upper()
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(w_element(edge, val="single", sz="4", space="0", color=colour))
    style.append(tbl_pr)
    header = w_element("tblStylePr", type="firstRow")
    tc_pr = w_element("tcPr")
    tc_pr.append(w_element("shd", val="clear", color="auto",
                           fill=theme.colors.quote_background.lstrip("#").upper()))
    header.append(tc_pr)
    style.append(header)
    return style

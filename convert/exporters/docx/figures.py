"""A figure in Word: the picture inline in a centred paragraph of its own,
its alternative text in ``wp:docPr descr`` (what Word's "Alt Text" pane and
screen readers read), the caption in the Caption style under it.

The picture is sized as in the PDF: its pixels at 96 per inch, made smaller
to fit the text block's width and most of its height; its paragraph is kept
with the caption's, so the two share a page.

A decorative picture (alt="": no alt text, no caption) carries Office's
decorative flag, as Word writes it when "Mark as decorative" is ticked: no
descr, and ``adec:decorative val="1"`` in an extension of wp:docPr
(a:extLst, whose a:ext takes any element: ECMA-376 stays valid). Word's
accessibility checker then passes it over; an application that does not
know the extension ignores it, as extensions are made to be.

The article's lead picture (front matter's image:) carries a flag of our own
in the same way (an a:ext with our uri, holding cv:lead), and the credit
follows the caption in runs of the Picture Credit style (the caption's
look): the Word reader gives both back.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from ...model import Figure
from ...text.geometry import text_block_pt
from ...theme import Theme
from .oxml import ensure_child, set_justification
from .pictures import add_picture
from .script import split_runs
from .styles import CAPTION, NORMAL
from .text import CREDIT_TAG, InlineWriter, start_paragraph, write_runs

_POINTS_PER_PIXEL = 0.75  # 96 pixels per inch, as browsers show a picture
# The most of the text block's height a picture takes: room for its caption.
_HEIGHT_SHARE = 0.8
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# The extension's identifier in [MS-ODRAWXML], the one Word writes.
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
# Our own extension: the lead picture (docx_input/figures.py reads it).
LEAD_NAMESPACE = "urn:x-convert-arabic:figure"
LEAD_URI = "{6F1B7C2E-3D4A-4E8B-9C5D-2A7E0B1F4C3D}"


def picture_size_pt(figure: Figure, theme: Theme | None) -> tuple[float, float]:
    """Width and height of the picture on the page, in points (no theme: an A4's text block)."""
    width, height = figure.image.width * _POINTS_PER_PIXEL, figure.image.height * _POINTS_PER_PIXEL
    room_width, room_height = text_block_pt(theme) if theme else (425.0, 700.0)
    scale = min(1.0, room_width / width, room_height * _HEIGHT_SHARE / height)
    return width * scale, height * scale


def write_figure(word: WordDocument, paragraph_after, figure: Figure, writer: InlineWriter) -> None:
    """The picture's paragraph and its caption's; paragraph_after makes a
    new paragraph at the end of the body (body.new_paragraph)."""
    paragraph = start_paragraph(paragraph_after(word), NORMAL)
    p_pr = paragraph._p.get_or_add_pPr()
    set_justification(p_pr, "center")
    width, height = picture_size_pt(figure, writer.theme)
    inline = add_picture(paragraph.add_run(), figure.image.data, Pt(width), Pt(height))
    doc_pr = inline.find(qn("wp:docPr"))
    if figure.alt:
        doc_pr.set("descr", figure.alt)
    else:
        _extension(doc_pr, _DECORATIVE_URI, _DECORATIVE, "adec", "decorative")
    if figure.lead:
        _extension(doc_pr, LEAD_URI, LEAD_NAMESPACE, "cv", "lead")
    caption = figure.caption
    if not caption and not figure.credit:
        return
    ensure_child(p_pr, "keepNext")
    writer.used_styles.add(CAPTION)
    captioned = start_paragraph(paragraph_after(word), CAPTION)
    if caption:
        writer.write(captioned, caption)
    if figure.credit:
        write_runs(captioned, split_runs([((" " if caption else "") + figure.credit, CREDIT_TAG)]), writer)


def _extension(doc_pr, uri: str, namespace: str, prefix: str, flag: str) -> None:
    """A flag (val="1") in an extension of docPr's list (docPr has no other child)."""
    extensions = doc_pr.find(f"{{{_DRAWING}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(doc_pr, f"{{{_DRAWING}}}extLst")
    extension = etree.SubElement(extensions, f"{{{_DRAWING}}}ext", uri=uri)
    etree.SubElement(extension, f"{{{namespace}}}{flag}", {"val": "1"}, nsmap={prefix: namespace})

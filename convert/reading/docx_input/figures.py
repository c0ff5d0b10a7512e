"""Pictures in a Word file as the model's figures.

A picture is a w:drawing whose graphic holds a pic:pic filled from an
a:blip: r:embed names the image part, read from the package (never r:link,
a linked picture, which would be fetched); wp:docPr descr is its
alternative text (Word's Alt Text pane), else its title. The image goes
through the same checks and cleaning as an article's picture files
(reading/images.py: JPEG, PNG or WebP, no decompression bomb, metadata
left behind). A picture that fails them, a linked one and a drawing with no
picture (a chart, a shape) are left out with a warning: the text is
still the article. A caption is the paragraph in the Caption style just
after the picture (body.py), its credit the runs of it in the Picture
Credit style. The lead picture carries our exporter's flag (an extension of
wp:docPr with our uri, exporters/docx/figures.py).

Older Word and some converters draw a picture in VML: w:pict holding a
v:shape whose v:imagedata r:id names the image part. It is read the same
way, through the same checks; its alternative text is the shape's alt,
else the image's o:title. A linked one (an external relationship, or only
an o:href or src address) is never fetched; a w:pict with no image (a
line, a text box) is left out as a drawing with no picture. A w:pict in
mc:Fallback is the copy of an mc:Choice drawing for older readers: not read
twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ...errors import InputError
from ...model import Figure
from ..images import MAX_IMAGE_BYTES, clean_image
from .xml import R_NS

_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEAD = "{urn:x-convert-arabic:figure}lead"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"


def is_vml_picture(pict: etree._Element) -> bool:
    """Whether a w:pict draws an image (read by FigureReader, not counted as left out)."""
    return pict.find(f".//{_V}imagedata") is not None


class FigureReader:
    """Reads the pictures of a paragraph through a part's relationships."""

    def __init__(self, part, source: str, warnings: list[str]) -> None:
        self.part = part
        self.source = source
        self.warnings = warnings

    def figures(self, p: etree._Element) -> Iterator[Figure]:
        for element in p.iter(f"{_W}drawing", f"{_W}pict"):
            if element.tag == f"{_W}drawing":
                figure = self._figure(element)
            elif etree.QName(element.getparent()).localname == "r" and is_vml_picture(element):
                figure = self._vml_figure(element)
            else:
                continue
            if figure is not None:
                yield figure

    def _figure(self, drawing: etree._Element) -> Figure | None:
        doc_pr = drawing.find(f".//{_WP}docPr")
        name = (doc_pr.get("name") if doc_pr is not None else None) or "picture"
        blip = drawing.find(f".//{_A}blip")
        embedded = blip.get(f"{{{R_NS}}}embed") if blip is not None else None
        if embedded is None:
            linked = blip is not None and blip.get(f"{{{R_NS}}}link")
            kind = "a linked picture (never fetched)" if linked else "a drawing with no picture"
            self.warnings.append(f"{name!r}: {kind} left out")
            return None
        alt = (doc_pr.get("descr") or doc_pr.get("title") or "") if doc_pr is not None else ""
        lead = doc_pr is not None and any(flag.get("val") == "1" for flag in doc_pr.iter(_LEAD))
        return self._embedded(name, embedded, alt, lead)

    def _vml_figure(self, pict: etree._Element) -> Figure | None:
        imagedata = pict.find(f".//{_V}imagedata")
        shape = imagedata.getparent()
        name = shape.get("id") or "picture"
        embedded = imagedata.get(f"{{{R_NS}}}id")
        if embedded is None:
            linked = imagedata.get(f"{_O}href") or imagedata.get("src")
            kind = "a linked picture (never fetched)" if linked else "a drawing with no picture"
            self.warnings.append(f"{name!r}: {kind} left out")
            return None
        return self._embedded(name, embedded, shape.get("alt") or imagedata.get(f"{_O}title") or "")

    def _embedded(self, name: str, embedded: str, alt: str, lead: bool = False) -> Figure | None:
        """The figure of an image part related to by id embedded, after the image checks."""
        related = self.part.rels.get(embedded)
        if related is not None and related.is_external:
            self.warnings.append(f"{name!r}: a linked picture (never fetched) left out")
            return None
        if related is None:
            self.warnings.append(f"{name!r}: its picture is not in the file; left out")
            return None
        try:
            data = related.target_part.blob
        except InputError:  # a relationship to a part the package lacks
            self.warnings.append(f"{name!r}: its picture is not in the file; left out")
            return None
        typed = str(related.target_part.partname).lstrip("/")
        if len(data) > MAX_IMAGE_BYTES:
            self.warnings.append(f"{typed}: picture too large ({len(data):,} bytes); left out")
            return None
        try:
            image = clean_image(data, typed, self.source)
        except InputError as error:
            self.warnings.append(f"{error.reason}; left out")
            return None
        return Figure(image, " ".join(alt.split()), lead=lead)

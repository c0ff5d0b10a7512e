"""Print production (PDF/X-4, PDF/X-1a): what a print shop's preflight asks
of a PDF besides CMYK colours (which the stylesheet gives, style.py).

WeasyPrint writes the PDF/X variant itself: the version keys, the XMP, the
output intent (its profile comes from the stylesheet's @color-profile
device-cmyk rule, style.py), a TrimBox and a BleedBox on every page. This
module finishes what it leaves, on the finished pydyf.PDF (write_pdf's
finisher, before the engine fix that serializes it):

- the output intent names its printing condition (FOGRA39 for the default
  profile) as preflight tools read it, not the profile's file name;
- PDF/X-4 also says GTS_PDFXVersion in the Info dictionary, for readers
  that look there (the XMP already says it);
- the XMP document identifier is derived from the content, not random, so
  SOURCE_DATE_EPOCH builds stay byte-identical;
- the BleedBox is the trim box plus --bleed, exactly (WeasyPrint makes it
  the trim box plus at most 10 pt of what the stylesheet's bleed holds);
- crop marks, in black ink (DeviceCMYK 0 0 0 1, 0.25 pt), outside the
  bleed: they start CROP_OFFSET_MM from the trim, or at the bleed's edge if
  that is further, and run CROP_LENGTH_MM outwards, so no mark prints into
  the bleed and none is left on a trimmed page. WeasyPrint's own marks are
  drawn in RGB, inside the bleed; a PDF/X asks for none of them (style.py).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pydyf

from ...errors import ConvertError
from .output_intent import OutputIntent

MM = 72 / 25.4  # PDF points a millimetre
CROP_OFFSET_MM = 3.0  # from the trim to a crop mark, at least (the bleed, if larger)
CROP_LENGTH_MM = 5.0
CROP_WEIGHT_PT = 0.25
# Printed in black ink alone: a crop mark guides the guillotine, on one plate.
CROP_COLOUR = b"0 0 0 1 K"
_RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def media_margin_mm(bleed_mm: float, crop_marks: bool) -> float:
    """How far the media box reaches past the trim on each side: the bleed,
    and with crop marks the room to draw them outside it."""
    return crop_offset_mm(bleed_mm) + CROP_LENGTH_MM if crop_marks else bleed_mm


def crop_offset_mm(bleed_mm: float) -> float:
    return max(bleed_mm, CROP_OFFSET_MM)


@dataclass(frozen=True)
class PrintJob:
    """What the finisher needs to know of one PDF/X."""

    variant: str  # "pdf/x-4" or "pdf/x-1a"
    intent: OutputIntent
    bleed_mm: float
    crop_marks: bool
    content_key: bytes  # what the document identifier is derived from (the page's markup…)


def pdfx_finisher(job: PrintJob, then: Callable | None = None) -> Callable:
    """A write_pdf finisher completing a PDF/X (then another finisher, e.g.
    the write-once engine fix, which must come last)."""

    def finish(document: object, pdf: pydyf.PDF) -> None:
        refuse_images(pdf)
        name_output_intent(pdf, job.intent)
        drop_unused_colour_spaces(pdf)
        if job.variant == "pdf/x-4":
            pdf.info["GTS_PDFXVersion"] = pydyf.String("PDF/X-4")
        fix_document_id(pdf, job.content_key)
        for page in pages(pdf):
            set_bleed_box(page, job.bleed_mm)
            if job.crop_marks:
                add_crop_marks(pdf, page, job.bleed_mm)
        if then is not None:
            then(document, pdf)

    return finish


def pages(pdf: pydyf.PDF) -> list[pydyf.Dictionary]:
    return [obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page"]


def indirect_object(pdf: pydyf.PDF, reference: object) -> object:
    """The object an indirect reference (b"12 0 R" or "12 0 R") names."""
    number = int((reference.decode() if isinstance(reference, bytes) else str(reference)).split()[0])
    return pdf.objects[number]


def refuse_images(pdf: pydyf.PDF) -> None:
    """Our figures come in CMYK (figures.py), but a colour emoji font is drawn
    as RGB bitmaps (style.py keeps our text from it): should an image other
    than CMYK still be there, the article is refused rather than printed with RGB in it."""
    if any(isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/Image"
           and obj.extra.get("ColorSpace") != "/DeviceCMYK" for obj in pdf.objects):
        raise ConvertError("PDF/X: a page holds an image (a colour emoji from a system font?), "
                           "which is RGB: a print PDF takes none")


def drop_unused_colour_spaces(pdf: pydyf.PDF) -> None:
    """WeasyPrint names Lab and the profile's ICC space in every page's
    resources; our pages paint in DeviceCMYK alone, so a preflight that
    lists the colour spaces finds only that (the profile stays the output
    intent's)."""
    painted = b"".join(chunk for obj in pdf.objects if isinstance(obj, pydyf.Stream) and _is_content(obj)
                       for chunk in obj.stream if isinstance(chunk, bytes))
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and "lab-d50" in obj:  # the shared ColorSpace resource
            for name in [name for name in obj if b"/" + name.encode() not in painted]:
                del obj[name]


def _is_content(stream: pydyf.Stream) -> bool:
    """A page's or a form's content (not a font, a profile or the metadata)."""
    if stream.extra.get("Subtype") == "/Form":
        return True
    return not any(key in stream.extra for key in ("Length1", "N", "Type"))


def name_output_intent(pdf: pydyf.PDF, intent: OutputIntent) -> None:
    intents = pdf.catalog.get("OutputIntents")
    if not intents or "DestOutputProfile" not in intents[0]:
        raise ConvertError(f"PDF/X: the output intent's profile {intent.path} could not be embedded")
    entry = intents[0]
    entry["OutputConditionIdentifier"] = pydyf.String(intent.identifier)
    entry["Info"] = pydyf.String(intent.description)
    if intent.condition:
        entry["OutputCondition"] = pydyf.String(intent.condition)
        entry["RegistryName"] = pydyf.String(intent.registry)


def fix_document_id(pdf: pydyf.PDF, content_key: bytes) -> None:
    """The XMP's xmpMM:DocumentID from the content instead of uuid4()."""
    if "Metadata" not in pdf.catalog:
        return
    metadata = indirect_object(pdf, pdf.catalog["Metadata"])
    derived = uuid.UUID(bytes=hashlib.sha256(content_key).digest()[:16], version=4)
    chunks = metadata.stream  # type: ignore[attr-defined]
    metadata.stream = [_RANDOM_DOCUMENT_ID.sub(f"xmp.did:{derived}".encode(), chunk)  # type: ignore[attr-defined]
                       if isinstance(chunk, bytes) else chunk for chunk in chunks]


def _box(page: pydyf.Dictionary, name: str) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(value) for value in page[name])
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def set_bleed_box(page: pydyf.Dictionary, bleed_mm: float) -> None:
    left, bottom, right, top = _box(page, "TrimBox")
    media = _box(page, "MediaBox")
    bleed = bleed_mm * MM
    page["BleedBox"] = pydyf.Array([max(left - bleed, media[0]), max(bottom - bleed, media[1]),
                                    min(right + bleed, media[2]), min(top + bleed, media[3])])


def crop_mark_lines(trim: tuple[float, float, float, float], bleed_mm: float
                    ) -> list[tuple[float, float, float, float]]:
    """Eight lines (x0, y0, x1, y1): at each corner of the trim box, one along
    each of its edges, outside the bleed."""
    left, bottom, right, top = trim
    near, far = crop_offset_mm(bleed_mm) * MM, (crop_offset_mm(bleed_mm) + CROP_LENGTH_MM) * MM
    lines = []
    for x, outwards_x in ((left, -1), (right, 1)):
        for y, outwards_y in ((bottom, -1), (top, 1)):
            lines.append((x + outwards_x * near, y, x + outwards_x * far, y))  # on the line of the edge y
            lines.append((x, y + outwards_y * near, x, y + outwards_y * far))  # on the line of the edge x
    return lines


def add_crop_marks(pdf: pydyf.PDF, page: pydyf.Dictionary, bleed_mm: float) -> None:
    """Draw the marks after the page's own content, in a content stream of
    their own, marked as an artifact (not part of the tagged text). The
    page's stream leaves its coordinate system flipped, so it is wrapped in
    q … Q first."""
    lines = crop_mark_lines(_box(page, "TrimBox"), bleed_mm)
    path = b" ".join(b"%.3f %.3f m %.3f %.3f l" % line for line in lines)
    save, marks = pydyf.Stream([b"q"]), pydyf.Stream(
        [b"Q /Artifact BMC q %.2f w 0 J [] 0 d " % CROP_WEIGHT_PT + CROP_COLOUR + b" " + path + b" S Q EMC"])
    for stream in (save, marks):
        pdf.add_object(stream)
    contents = page["Contents"]
    existing = list(contents) if isinstance(contents, pydyf.Array) else [contents]
    page["Contents"] = pydyf.Array([save.reference, *existing, marks.reference])

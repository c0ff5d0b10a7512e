"""A picture's drawing in a Word document, in time linear in the number of
pictures.

python-docx's Run.add_picture searches the whole main document for the
highest id before each picture (an XPath over every attribute), looks for
the same image among every image part and for the relationship among every
relationship, and numbers the new part and relationship by scanning them
all: each picture costs as much as all those before it, and 10,000
pictures took minutes. Here a document's pictures keep what those searches
found (PictureSlots, one per main document part): the next drawing id, the
image parts by digest, the next free part number; relationship ids come
from the part's counter that links share (relationship_ids.py). The
results are python-docx's own: the same ids, part names and relationship
ids, so a document with a few pictures is written byte for byte as before.

Drawing ids (wp:docPr id) are unique across the document as ECMA-376 asks:
only the main document holds pictures (notes, headers and footers have
none), and the count starts above every id already in it.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from weakref import WeakKeyDictionary

from docx.image.image import Image as WordImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Length
from docx.text.run import Run

from .relationship_ids import relationships_of

_MEDIA = "/word/media/image%d.%s"


class PictureSlots:
    """What a document's next picture needs, found once and kept up to date."""

    def __init__(self, document_part) -> None:
        self.part = document_part
        ids = [int(value) for value in document_part.element.xpath("//@id") if value.isdigit()]
        self.next_id = max(ids, default=0) + 1  # python-docx's next_id, counted on from here
        images = document_part.package.image_parts
        self.parts_by_digest: dict[str, ImagePart] = {part.sha1: part for part in images}
        self.next_number = 1  # the lowest part number no image part has (python-docx reuses gaps)
        self.used_numbers = {part.partname.idx for part in images}
        self.rids: dict[str, str] = {}  # digest -> relationship id from the document part

    def drawing_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def relationship(self, image: WordImage) -> str:
        """The id of the document's relationship to the image's part, both made once per image."""
        digest = hashlib.sha1(image.blob).hexdigest()
        if digest in self.rids:
            return self.rids[digest]
        image_part = self.parts_by_digest.get(digest) or self._add_part(image, digest)
        rid = relationships_of(self.part).add(RT.IMAGE, image_part)
        self.rids[digest] = rid
        return rid

    def _add_part(self, image: WordImage, digest: str) -> ImagePart:
        while self.next_number in self.used_numbers:
            self.next_number += 1
        image_part = ImagePart.from_image(image, PackURI(_MEDIA % (self.next_number, image.ext)))
        self.used_numbers.add(self.next_number)
        self.part.package.image_parts.append(image_part)
        self.parts_by_digest[digest] = image_part
        return image_part


_SLOTS: WeakKeyDictionary = WeakKeyDictionary()


def slots_of(document_part) -> PictureSlots:
    if document_part not in _SLOTS:
        _SLOTS[document_part] = PictureSlots(document_part)
    return _SLOTS[document_part]


def add_picture(run: Run, data: bytes, width: Length, height: Length) -> CT_Inline:
    """The picture inline at the end of run, as Run.add_picture makes it."""
    slots = slots_of(run.part)
    image = WordImage.from_file(BytesIO(data))
    rid = slots.relationship(image)
    cx, cy = image.scaled_dimensions(width, height)
    inline = CT_Inline.new_pic_inline(slots.drawing_id(), rid, image.filename, cx, cy)
    run._r.add_drawing(inline)
    return inline

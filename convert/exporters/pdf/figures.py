"""The pictures of a PDF, as its variant allows them.

- PDF/X (print): every picture in the output intent's CMYK (a JPEG of
  CMYK pixels, converted through the profile as the theme's colours are);
  transparency is flattened on white first (PDF/X-1a forbids it, and a
  press has no "see-through").
- PDF/A: transparency flattened on white (PDF/A-1 forbids soft masks).
- Otherwise the picture as the reader cleaned it.

Each comes to WeasyPrint through the exporter's fetcher, registered under a
URL of our own (fetcher.py): the fetcher still serves nothing else.
"""

from __future__ import annotations

from io import BytesIO

from ...html_figures import FigureLook
from ...model import Image
from ...options import Options
from ...text.geometry import text_block_pt
from .fetcher import AllowListFetcher
from .output_intent import output_intent, picture_to_cmyk

_CMYK_QUALITY = 92
# The most of the text block's height a picture takes: its caption keeps the rest.
_HEIGHT_SHARE = 0.8
_POINTS_PER_PIXEL = 0.75  # a CSS pixel, as the <img> of a picture is sized


def print_figure_look(options: Options, fetcher: AllowListFetcher) -> FigureLook:
    """Pictures as the variant wants them, at most a share of the text block tall."""
    width, height = text_block_pt(options.theme)
    room_height = height * _HEIGHT_SHARE

    def source(image: Image) -> str:
        data, media_type = printed_picture(image, options)
        return fetcher.register_picture(data, media_type)

    def decorative_size(image: Image) -> tuple[float, float]:
        """As the <img> would be: its pixels at 96 per inch, made to fit the room."""
        natural_width, natural_height = image.width * _POINTS_PER_PIXEL, image.height * _POINTS_PER_PIXEL
        scale = min(1.0, width / natural_width, room_height / natural_height)
        return natural_width * scale, natural_height * scale

    return FigureLook(source=source, room_height=f"{room_height:.1f}pt", decorative_size=decorative_size)


def printed_picture(image: Image, options: Options) -> tuple[bytes, str]:
    """The bytes and media type of image in a PDF of these options."""
    variant = options.pdf_variant or ""
    if not (options.is_pdfx or variant.startswith("pdf/a")):
        return image.data, image.media_type
    from PIL import Image as Pillow

    with Pillow.open(BytesIO(image.data)) as picture:
        flat = _on_white(picture)
        out = BytesIO()
        if options.is_pdfx:
            cmyk = picture_to_cmyk(flat, output_intent(options.output_intent))
            cmyk.save(out, "JPEG", quality=_CMYK_QUALITY)
            return out.getvalue(), "image/jpeg"
        if flat is picture:
            return image.data, image.media_type
        flat.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"


def _on_white(picture):
    """picture with any transparency composed over white (the paper)."""
    if picture.mode not in ("RGBA", "LA", "PA") and "transparency" not in picture.info:
        return picture
    from PIL import Image as Pillow

    rgba = picture.convert("RGBA")
    ground = Pillow.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Pillow.alpha_composite(ground, rgba).convert("RGB")

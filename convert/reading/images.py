"""The picture files an article names, read safely and cleaned.

An article names a picture by a path relative to its own file. Only a
regular file inside the article's folder is read: an absolute path, a
``../`` or a symlink that leads out of the folder, a device, a pipe or a
folder is refused. Then, each one line naming the article and the picture:
a file over MAX_IMAGE_BYTES is refused unread; a file that is not JPEG, PNG
or WebP, a truncated or damaged one, one whose metadata chunks decompress
past Pillow's limits, or one with more pixels than Pillow's
decompression-bomb limit (Image.MAX_IMAGE_PIXELS) is refused.

What is kept is re-encoded: the EXIF orientation applied, an embedded
colour profile converted to sRGB, every metadata chunk (EXIF, XMP, text,
the profile itself) left behind. JPEG stays JPEG; PNG and WebP become PNG
(every format we write shows PNG, not all show WebP). The same file always
gives the same bytes.
"""

from __future__ import annotations

import stat
from io import BytesIO
from pathlib import Path

from ..errors import InputError
from ..model import Image

# A photograph for the page is a few megabytes; 20 MB is generous.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_FORMATS = ("JPEG", "PNG", "WEBP")
_FORMAT_NAMES = {"WEBP": "WebP"}
ARTICLE_FOLDER = "the article's folder"
_JPEG_QUALITY = 92  # re-encoding: visually lossless, as a picture desk exports


def read_image(typed: str, folder: Path | None, article: str, formats: tuple[str, ...] = _FORMATS,
               folder_name: str = ARTICLE_FOLDER) -> Image:
    """The picture typed (a path relative to folder), checked and cleaned;
    InputError naming the article and the picture otherwise. formats: the
    Pillow formats taken; folder_name: the folder as messages name it (a
    theme's logo is read by the same rules from the theme's folder)."""
    if folder is None:
        raise _refused(article, typed, "not read: the article came without its folder")
    path = _inside(typed, folder, article, folder_name)
    return clean_image(_file_bytes(path, typed, article), typed, article, formats)


def _refused(article: str, typed: str, reason: str) -> InputError:
    return InputError(article, f"image {typed[:80]!r}: {reason}")


def _inside(typed: str, folder: Path, article: str, folder_name: str = ARTICLE_FOLDER) -> Path:
    """The resolved path of typed, refused unless it is a regular file in folder."""
    if not typed.strip() or "\x00" in typed or "://" in typed or typed.startswith(("data:", "/", "\\")):
        raise _refused(article, typed, f"only a file in {folder_name}, by a relative path, is read")
    root = folder.resolve()
    try:
        # strict: every symlink on the way followed, the file must exist.
        path = (root / typed).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        raise _refused(article, typed, f"no such file in {folder_name}") from None
    if not path.is_relative_to(root):
        raise _refused(article, typed, f"leads out of {folder_name} (refused)")
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise _refused(article, typed, f"cannot read: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise _refused(article, typed, "not a regular file")
    return path


def _file_bytes(path: Path, typed: str, article: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise _refused(article, typed, f"too large ({size:,} bytes; the limit is {MAX_IMAGE_BYTES:,})")
        with path.open("rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)  # it may have grown since stat()
    except OSError as error:
        raise _refused(article, typed, f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise _refused(article, typed, f"too large (over {MAX_IMAGE_BYTES:,} bytes)")
    return data


def clean_image(data: bytes, typed: str, article: str, formats: tuple[str, ...] = _FORMATS) -> Image:
    """data as an Image: decoded whole, oriented, in sRGB, re-encoded bare."""
    import warnings

    from PIL import Image as Pillow
    from PIL import ImageFile, UnidentifiedImageError

    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file is refused, never half drawn
    try:
        with warnings.catch_warnings():
            # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that: refuse both.
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(BytesIO(data), formats=formats) as picture:
                source_format = picture.format
                picture.load()
                cleaned = _oriented_srgb(picture)
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning) as error:
        raise _refused(article, typed, f"too many pixels (a decompression bomb?): {error}") from None
    except UnidentifiedImageError:
        raise _refused(article, typed, f"not a {_named(formats)} picture") from None
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        # Truncated data, broken chunks, text chunks decompressing past Pillow's limits.
        raise _refused(article, typed, f"damaged or unreadable picture ({error})") from None
    return _encoded(cleaned, typed, source_format == "JPEG")


def _named(formats: tuple[str, ...]) -> str:
    """("JPEG", "PNG", "WEBP") as "JPEG, PNG or WebP"."""
    names = [_FORMAT_NAMES.get(name, name) for name in formats]
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def _oriented_srgb(picture):
    """The first frame, turned as its EXIF orientation says, in sRGB, in a
    mode every format takes (RGB, L, or RGBA where it has transparency)."""
    from PIL import ImageOps

    turned = ImageOps.exif_transpose(picture) or picture
    turned = _to_srgb(turned, picture.info.get("icc_profile"))
    transparent = turned.mode in ("RGBA", "LA", "PA") or "transparency" in turned.info
    if transparent:
        return turned.convert("RGBA")
    return turned if turned.mode in ("RGB", "L") else turned.convert("RGB")


def _to_srgb(picture, profile: bytes | None):
    """picture converted from its embedded profile to sRGB (a profile that
    cannot be used is ignored: the pixels are then taken as sRGB)."""
    if not profile:
        return picture
    from PIL import ImageCms

    mode = picture.mode if picture.mode in ("RGB", "RGBA", "CMYK", "L") else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(profile))
        target_mode = "RGBA" if mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(picture.convert(mode), source, ImageCms.createProfile("sRGB"),
                                         outputMode=target_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return picture.convert("RGB") if picture.mode == "CMYK" else picture


def _encoded(picture, typed: str, jpeg: bool) -> Image:
    """The picture saved without metadata: JPEG if it was one (and has no
    transparency), else PNG. Pillow writes no timestamps: reproducible."""
    out = BytesIO()
    if jpeg and picture.mode in ("RGB", "L"):
        picture.save(out, "JPEG", quality=_JPEG_QUALITY, optimize=True)
        media_type = "image/jpeg"
    else:
        picture.save(out, "PNG", optimize=True)
        media_type = "image/png"
    return Image(typed, out.getvalue(), media_type, picture.width, picture.height)

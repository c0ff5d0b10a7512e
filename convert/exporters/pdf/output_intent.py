"""The output intent of a print PDF (PDF/X): the CMYK profile of the printing
condition its pages are made for, and colours converted through it.

By default ISO Coated v2 300% (basICColor): sheet-fed offset on coated paper,
the FOGRA39 characterization, ink limited to 300% (profiles/, zlib licence).
--output-intent FILE names another CMYK output profile, e.g. the one the
print shop asks for. Nothing here imports WeasyPrint: the command line checks
the profile before any work: a regular file (not a device, a pipe or a
folder) of at most MAX_PROFILE_BYTES, read no further than that, a CMYK
output profile, and one LittleCMS can build the colour transforms from (a
valid header over garbage tags is refused, not embedded). Pillow's LittleCMS
(ImageCms) reads the profile and converts colours, imported only for a PDF/X.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from ...errors import UsageError
from ...resources import PROFILES_DIR

DEFAULT_PROFILE = PROFILES_DIR / "ISOcoated_v2_300_bas.icc"
COLOR_REGISTRY = "http://www.color.org"
# CMYK output profiles are 0.5 to 3 MB (the default one: 1.05 MB); a file
# several times that is not one, and is refused before it is read.
MAX_PROFILE_BYTES = 8 * 1024 * 1024
_FOGRA39 = ("FOGRA39", "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, "
            "paper type 1 or 2 = coated art, 115 g/m2, screen ruling 60/cm")
# Profiles made for a printing condition of the ICC's registry, by their
# description: the output intent names the condition as preflight expects.
REGISTERED_CONDITIONS = {
    "ISO Coated v2 300% (basICColor)": _FOGRA39,
    "ISO Coated v2 300% (ECI)": _FOGRA39,
    "ISO Coated v2 (ECI)": _FOGRA39,
    "Coated FOGRA39 (ISO 12647-2:2004)": _FOGRA39,
    "PSO Coated v3": ("FOGRA51", "Offset printing, according to ISO 12647-2:2013, OFCOM, "
                      "paper type 1 or 2 = premium coated, 115 g/m2, tone value increase curves A (CMYK)"),
    "U.S. Web Coated (SWOP) v2": ("CGATS TR 001", "SWOP (Publication) Grade 5 Paper"),
}


@dataclass(frozen=True)
class OutputIntent:
    """What the PDF's /OutputIntents entry says, and the profile it embeds."""

    path: Path
    description: str  # the profile's own name: /Info
    identifier: str  # /OutputConditionIdentifier: a registered condition, or the description
    condition: str  # /OutputCondition ('' when the condition is not a registered one)
    registry: str  # /RegistryName ('' likewise)


def output_intent(path: Path | None = None) -> OutputIntent:
    """The output intent of the profile at path (None: the default one);
    UsageError, one line, for a file that is missing, unreadable, or not a
    CMYK output profile."""
    return _read_output_intent(Path(path).resolve() if path else DEFAULT_PROFILE.resolve())


@cache
def _read_output_intent(path: Path) -> OutputIntent:
    profile = _open_profile(path)
    description = (profile.profile_description or path.stem).strip()
    space, device_class = profile.xcolor_space.strip(), profile.device_class.strip()
    if space != "CMYK" or device_class != "prtr":
        raise UsageError(f"output intent {path}: not a CMYK output profile ({space} {device_class!r} "
                         f"profile {description!r}): give the print shop's CMYK profile")
    _check_transforms(path)
    identifier, condition = REGISTERED_CONDITIONS.get(description, (description, ""))
    return OutputIntent(path, description, identifier, condition, COLOR_REGISTRY if condition else "")


def _open_profile(path: Path):
    from PIL import ImageCms

    data = _profile_bytes(path)
    try:
        return ImageCms.ImageCmsProfile(BytesIO(data)).profile
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as error:
        raise UsageError(f"output intent {path}: not an ICC profile ({error})") from None


def _profile_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file no larger than MAX_PROFILE_BYTES (a
    device such as /dev/zero would be read until memory runs out, a pipe
    would wait for a writer)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise UsageError(f"output intent {path}: not a regular file")
        if status.st_size > MAX_PROFILE_BYTES:
            raise _too_large(path, f"{status.st_size:,} bytes; the limit is {MAX_PROFILE_BYTES:,}")
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)  # it may have grown since stat()
    except OSError as error:
        raise UsageError(f"output intent {path}: cannot read it ({error.strerror or error})") from None
    if len(data) > MAX_PROFILE_BYTES:
        raise _too_large(path, f"over {MAX_PROFILE_BYTES:,} bytes")
    return data


def _too_large(path: Path, size: str) -> UsageError:
    return UsageError(f"output intent {path}: too large for a colour profile ({size})")


def _check_transforms(path: Path) -> None:
    """UsageError unless LittleCMS builds every transform the PDF/X needs
    from the profile: its header may be right and its tables garbage."""
    from PIL import ImageCms

    for source, target in (("sRGB", "CMYK"), ("CMYK", "LAB")):
        try:
            _transform(path, source, target)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as error:
            raise UsageError(f"output intent {path}: its colour tables are unusable ({error})") from None


# ---------------------------------------------------------------- colours through the profile

def rgb_to_cmyk(colour: str, intent: OutputIntent) -> tuple[float, float, float, float]:
    """A theme colour (#rrggbb, sRGB) as CMYK percentages for this printing
    condition: relative colorimetric with black point compensation, as a
    print shop converts; a grey (r = g = b) in black ink alone, the tone kept,
    so grey text and rules print from one plate."""
    rgb = tuple(int(colour[index:index + 2], 16) for index in (1, 3, 5))
    cmyk = _convert(intent.path, "sRGB", "CMYK", rgb)
    if len(set(rgb)) == 1:
        lightness = _convert(intent.path, "CMYK", "LAB", cmyk)[0]
        return (0.0, 0.0, 0.0, _black_for_lightness(intent.path, lightness))
    return tuple(round(channel / 2.55, 1) for channel in cmyk)  # type: ignore[return-value]


def _black_for_lightness(path: Path, lightness: int) -> float:
    """The black ink alone (0-100, to a half percent) that prints this L* (0-255)."""
    steps = [step / 2 for step in range(201)]
    return min(steps, key=lambda black: abs(_convert(path, "CMYK", "LAB", (0, 0, 0, round(black * 2.55)))[0]
                                            - lightness))


@cache
def _convert(path: Path, source: str, target: str, value: tuple[int, ...]) -> tuple[int, ...]:
    from PIL import Image, ImageCms

    pixel = Image.new("RGB" if source == "sRGB" else source, (1, 1), value)
    return ImageCms.applyTransform(pixel, _transform(path, source, target)).getpixel((0, 0))


@cache
def _transform(path: Path, source: str, target: str):
    from PIL import ImageCms

    profiles = {"sRGB": ImageCms.createProfile("sRGB"), "LAB": ImageCms.createProfile("LAB"),
                "CMYK": ImageCms.ImageCmsProfile(BytesIO(_profile_bytes(path)))}
    modes = {"sRGB": "RGB", "LAB": "LAB", "CMYK": "CMYK"}
    return ImageCms.buildTransform(profiles[source], profiles[target], modes[source], modes[target],
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def picture_to_cmyk(picture, intent: OutputIntent):
    """An RGB or grey Pillow picture in the printing condition's CMYK, as
    rgb_to_cmyk converts a colour (relative colorimetric, black point compensation)."""
    from PIL import ImageCms

    return ImageCms.applyTransform(picture.convert("RGB"), _transform(intent.path, "sRGB", "CMYK"))

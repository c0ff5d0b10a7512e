"""The lead picture behind a share card: scaled to cover the card, cropped
to it (centred), and veiled until the card's ink keeps a contrast ratio of
at least MIN_CONTRAST (WCAG 2's AA for text) with every pixel of it.

Light ink (the default theme's) is veiled in black, dark ink in white. The
veil's strength is searched (VEIL_STEPS halvings) against the darkened
picture's brightest pixel: a uniform veil keeps the picture recognisable
where a gradient would leave a bright sky behind a line of the title.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageColor, ImageOps

MIN_CONTRAST = 4.5
# Aimed a little above MIN_CONTRAST: luminance is measured in 8-bit steps.
_AIMED_CONTRAST = 4.8
# Even a dark picture is veiled this much: the text reads as laid on it.
LEAST_VEIL = 0.35
VEIL_STEPS = 10
_RED, _GREEN, _BLUE = 0.2126, 0.7152, 0.0722  # sRGB's luminance weights


def relative_luminance(colour: str | tuple[int, int, int]) -> float:
    """WCAG 2's relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    rgb = ImageColor.getrgb(colour)[:3] if isinstance(colour, str) else colour
    red, green, blue = (_linear(value) for value in rgb)
    return _RED * red + _GREEN * green + _BLUE * blue


def contrast_ratio(first: float, second: float) -> float:
    """WCAG 2's contrast ratio of two relative luminances, 1 to 21."""
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def backdrop(picture_bytes: bytes, size: tuple[int, int], inks: tuple[str, ...]) -> Image.Image:
    """The picture covering size, veiled so that every ink in inks reads on it."""
    with Image.open(io.BytesIO(picture_bytes)) as opened:
        picture = ImageOps.fit(opened.convert("RGB"), size, Image.Resampling.LANCZOS)
    ink_luminances = [relative_luminance(ink) for ink in inks]
    light = min(ink_luminances) >= _DARK_OR_LIGHT
    veil = Image.new("RGB", size, (0, 0, 0) if light else (255, 255, 255))

    def reads(strength: float) -> bool:
        veiled = Image.blend(picture, veil, strength)
        # The worst pair: the brightest pixel and the dimmest ink, or the reverse.
        ink = min(ink_luminances) if light else max(ink_luminances)
        return contrast_ratio(ink, _extreme_luminance(veiled, brightest=light)) >= _AIMED_CONTRAST

    return Image.blend(picture, veil, _least_strength(reads))


# An ink lighter than this contrasts more with black than with white.
_DARK_OR_LIGHT = 0.179


def _least_strength(reads: Callable[[float], bool]) -> float:
    """The weakest veil (LEAST_VEIL to 1) under which the ink reads: a full veil always does."""
    if reads(LEAST_VEIL):
        return LEAST_VEIL
    weak, strong = LEAST_VEIL, 1.0
    for _ in range(VEIL_STEPS):
        middle = (weak + strong) / 2
        weak, strong = (weak, middle) if reads(middle) else (middle, strong)
    return strong


def _extreme_luminance(image: Image.Image, brightest: bool) -> float:
    """The relative luminance of the image's brightest (or darkest) pixel,
    rounded towards the worse case by a step of 1/255."""
    # Each channel to linear light (scaled to 0-255, rounded up for the
    # brightest, down for the darkest), then the weighted sum per pixel.
    rounding = (lambda value: min(255, int(value) + 1)) if brightest else int
    table = [rounding(_linear(value) * 255) for value in range(256)] * 3
    luminance = image.point(table).convert("L", matrix=(_RED, _GREEN, _BLUE, 0))
    low, high = luminance.getextrema()
    return min(1.0, (high + 1) / 255) if brightest else max(0.0, (low - 1) / 255)


def _linear(value: int) -> float:
    channel = value / 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

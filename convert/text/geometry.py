"""The text block: the part of the page text may fill, the same in every paged format."""

from __future__ import annotations

from ..theme import Theme

POINTS_PER_MM = 72 / 25.4


def text_block_pt(theme: Theme) -> tuple[float, float]:
    """Width and height of the text block in points: the page less its margins."""
    page = theme.page
    width_mm, height_mm = page.size_mm
    width_mm -= page.margin_inner_mm + page.margin_outer_mm
    height_mm -= page.margin_top_mm + page.margin_bottom_mm
    return width_mm * POINTS_PER_MM, height_mm * POINTS_PER_MM

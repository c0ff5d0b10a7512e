"""The text layer of a line (engine_fixes/copy_text/cells.py), on glyphs and
clusters built by hand: which glyph carries which text, the slivers that
carry the rest, the Arabic letter marks, the widths that tile the line."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from convert.exporters.pdf.engine_fixes.copy_text.cells import (
    ARABIC_LETTER_MARK,
    SLIVER,
    Cell,
    Cluster,
    Glyph,
    carrier,
    merge_clusters,
    text_cells,
)

SIZE = 20.0
FATHA, SHADDA, KASRA, SUKUN = "\u064e", "\u0651", "\u0650", "\u0652"
ZWNJ = "\u200c"


def line(*clusters: tuple[str, list[tuple[int, float, str]]], right_to_left: bool = True,
         run: int = 1) -> tuple[list[Glyph], list[Cluster]]:
    """Glyphs drawn left to right from x = 0, each (glyph id, width, what it
    draws: for the reader of the test); clusters given in drawing order, their
    logical order the reverse for a right-to-left run, their base letter the
    logically first glyph (the last drawn, right to left), as HarfBuzz gives them."""
    glyphs: list[Glyph] = []
    found: list[Cluster] = []
    x = 0.0
    count = len(clusters)
    for index, (text, members) in enumerate(clusters):
        start = count - 1 - index if right_to_left else index
        found.append(Cluster(text, right_to_left, run, start))
        for glyph_id, width, _ in members:
            glyphs.append(Glyph(glyph_id, "face", width, SIZE, cluster=index, x=x))
            found[-1].glyphs.append(len(glyphs) - 1)
            if right_to_left or found[-1].base is None:
                found[-1].base = len(glyphs) - 1
            x += width / 1000 * SIZE
    return glyphs, found


def texts(cells: list[Cell]) -> list[str]:
    return [cell.text for cell in cells]


def logical(cells: list[Cell]) -> str:
    """What a viewer that reverses a right-to-left run reads, bidi marks dropped."""
    return "".join(cell.text for cell in reversed(cells)).replace(ARABIC_LETTER_MARK, "")


def test_a_plain_word_is_one_glyph_a_letter() -> None:
    glyphs, clusters = line(("ب", [(3, 300, "ب")]), ("ا", [(2, 200, "ا")]))  # "اب", drawn left to right
    cells, outlined = text_cells(glyphs, clusters)
    assert texts(cells) == ["ب", "ا"] and outlined == []
    assert [cell.glyph_id for cell in cells] == [3, 2]


def test_a_vowel_mark_goes_on_a_sliver_left_of_its_letter() -> None:
    # "بَ": Pango gives the fatha a cluster (and glyph) of its own, drawn before the beh.
    glyphs, clusters = line((FATHA, [(9, 0, FATHA)]), ("ب", [(3, 300, "ب")]))
    clusters[0].start, clusters[1].start = 1, 0
    cells, outlined = text_cells(glyphs, clusters)
    assert texts(cells) == [ARABIC_LETTER_MARK, FATHA, "ب"]  # a mark first in a run: a letter mark before it
    assert cells[-1].glyph_id == 3 and cells[1].glyph_id is None
    assert cells[1].x == -SLIVER / 1000 * SIZE and outlined == [0]  # the fatha glyph: an outline


def test_marks_that_follow_each_other_share_a_sliver_in_their_own_order() -> None:
    glyphs, clusters = line(("ك", [(5, 400, "ك")]), ("ن" + FATHA + SHADDA, [(9, 0, "marks"), (4, 300, "ن")]))
    cells, _ = text_cells(glyphs, clusters)
    assert texts(cells) == ["ك", FATHA + SHADDA, "ن"]
    assert logical(cells) == "ن" + FATHA + SHADDA + "ك"


def test_a_ligature_of_two_letters_keeps_its_first_letter_and_a_sliver_for_the_second() -> None:
    glyphs, clusters = line(("لا", [(7, 450, "لا")]))
    cells, _ = text_cells(glyphs, clusters)
    assert texts(cells) == ["ا", "ل"] and logical(cells) == "لا"


def test_a_latin_ligature_is_one_glyph_for_its_letters() -> None:
    glyphs, clusters = line(("ffi", [(11, 800, "ffi")]), right_to_left=False)
    assert texts(text_cells(glyphs, clusters)[0]) == ["ffi"]


def test_an_elongation_joins_its_letter_and_is_drawn_as_an_outline() -> None:
    # "لـق" justified by kashida: the tatweel's text is gone (kashida.py), its glyph stays.
    glyphs, clusters = line(("ق", [(6, 300, "ق")]), ("", [(8, 180, "")]), ("ل", [(7, 150, "ل")]))
    clusters[0].start, clusters[1].start, clusters[2].start = 2, 1, 0
    cells, outlined = text_cells(glyphs, clusters)
    assert texts(cells) == ["ق", "ل"] and outlined == [1]
    assert cells[0].width == (300 + 180)  # the qaf's room reaches the lam: no gap inside the word


def test_merging_follows_logical_order_within_a_run_only() -> None:
    glyphs, clusters = line((KASRA, [(9, 0, KASRA)]), ("ب", [(3, 300, "ب")]), run=1)
    other_glyphs, other = line((SUKUN, [(10, 0, SUKUN)]), run=2)
    clusters[0].start, clusters[1].start = 1, 0
    other[0].start = 5
    merge_clusters(glyphs, clusters)
    merge_clusters(other_glyphs, other)
    assert clusters[1].text == "ب" + KASRA and clusters[0].glyphs == []
    assert other[0].text == SUKUN  # a mark that starts its run has no letter to join


def test_a_joiner_with_no_glyph_of_its_own_is_copied_after_its_letter() -> None:
    # "ه‌ز" (Persian, a non-joiner after the heh): Pango draws no glyph for the non-joiner.
    glyphs, clusters = line(("ز", [(12, 300, "ز")]), (ZWNJ, []), ("ه", [(13, 300, "ه")]))
    cells, _ = text_cells(glyphs, clusters)
    assert texts(cells) == ["ز", ZWNJ, "ه"] and logical(cells) == "ه" + ZWNJ + "ز"


def test_the_carrier_is_the_base_letter_not_a_stroke_drawn_with_it() -> None:
    # Amiri draws lam before kaf as the lam and a stroke wider than it, drawn to its left.
    glyphs, clusters = line(("ل", [(8, 400, "stroke"), (7, 150, "ل")]))
    assert carrier(clusters[0]) == 1
    glyphs, clusters = line(("fi", [(11, 500, "fi"), (12, 100, "stroke")]), right_to_left=False)
    assert carrier(clusters[0]) == 0


def test_a_mark_after_punctuation_gets_a_letter_mark_but_not_after_a_letter_or_a_space() -> None:
    comma = ("،", [(20, 200, "،")])
    space = (" ", [(1, 250, " ")])
    marked = ("م" + SUKUN, [(9, 0, ""), (21, 300, "م")])
    letter = ("ل", [(7, 200, "ل")])
    for before, wanted in ((comma, True), (space, False), (letter, False)):
        glyphs, clusters = line(letter, before, marked)
        cells = text_cells(glyphs, clusters)[0]
        assert (ARABIC_LETTER_MARK in texts(cells)) is wanted, before[0]


def test_a_right_to_left_box_that_ends_with_a_space_starts_with_a_letter_mark() -> None:
    glyphs, clusters = line((" ", [(1, 250, " ")]), ("ب", [(3, 300, "ب")]))
    assert texts(text_cells(glyphs, clusters)[0]) == [ARABIC_LETTER_MARK, " ", "ب"]
    glyphs, clusters = line((" ", [(1, 250, " ")]), ("b", [(3, 300, "b")]), right_to_left=False)
    assert texts(text_cells(glyphs, clusters)[0]) == [" ", "b"]


def test_a_raised_or_moved_letter_is_an_outline_and_its_text_stays_on_the_baseline_at_its_pen() -> None:
    glyphs, clusters = line(("ب", [(3, 300, "ب")]), ("ن", [(4, 300, "ن")]))
    glyphs[0].rise, glyphs[1].offset, glyphs[1].placed, glyphs[1].x = 4.0, 2.0, False, glyphs[1].x + 2.0
    cells, outlined = text_cells(glyphs, clusters)
    assert outlined == [0, 1] and [cell.glyph_id for cell in cells] == [None, None]
    assert cells[1].x == glyphs[1].pen == 300 / 1000 * SIZE


def test_cells_tile_the_line() -> None:
    glyphs, clusters = line(("ب", [(3, 300, "ب")]), ("ن", [(4, 350, "ن")]), ("ت", [(6, 250, "ت")]))
    cells, _ = text_cells(glyphs, clusters)
    for cell, following in zip(cells, cells[1:], strict=False):
        assert abs(cell.x + cell.width / 1000 * SIZE - following.x) < 1e-9


letters = st.sampled_from("بتثجحخسشصضطظعغفقكلمنهي")
marks = st.lists(st.sampled_from([FATHA, KASRA, SUKUN, SHADDA, "\u064b", "\u064f"]), max_size=2)


@given(st.lists(st.tuples(letters, marks), min_size=1, max_size=12))
def test_a_viewer_that_reverses_the_run_reads_the_word(word: list[tuple[str, list[str]]]) -> None:
    """Whatever the letters and marks (each mark a cluster and glyph of its
    own, as Pango gives them, drawn before its letter), the cells read back
    the word, each mark after its letter."""
    characters = list(unicodedata.normalize("NFC", "".join(letter + "".join(mark) for letter, mark in word)))

    def glyph(character: str) -> tuple[int, float, str]:
        return (9, 0, character) if unicodedata.category(character) == "Mn" else (3, 300, character)

    drawn = [(character, [glyph(character)]) for character in reversed(characters)]
    glyphs, clusters = line(*drawn)  # the logical start of each: its index in characters
    cells, _ = text_cells(glyphs, clusters)
    assert unicodedata.normalize("NFC", logical(cells)) == "".join(characters)


def pen_positions(items: list[bytes], size: float, widths: dict[int, float]) -> list[float]:
    """Where each glyph of the text layer's TJ arrays is drawn, as a viewer computes it."""
    import re

    x, found = 0.0, []
    for item in items:
        if not item.endswith(b"TJ"):
            continue
        for hexadecimal, number in re.findall(rb"<([0-9a-f]{4})>|(-?[0-9.]+)", item[1:-4]):
            if number:
                x -= float(number) / 1000 * size
            else:
                found.append(x)
                x += widths[int(hexadecimal, 16)] / 1000 * size
    return found


@given(st.lists(st.floats(1, 900), min_size=1, max_size=60))
def test_the_text_layer_draws_each_cell_within_half_a_thousandth_of_an_em(widths: list[float]) -> None:
    from convert.exporters.pdf.engine_fixes.copy_text.content import text_layer

    cells, x = [], 0.0
    for width in widths:
        cells.append(Cell(x, width, SIZE, "face", 1, "ب"))
        x += width / 1000 * SIZE
    codes = {}

    def code(cell: Cell) -> tuple[bytes, int]:
        return b"F", codes.setdefault(round(cell.width), len(codes) + 1)

    items = text_layer(cells, code)
    drawn = pen_positions(items, SIZE, {number: width for width, number in codes.items()})
    assert all(abs(place - cell.x) * 1000 / SIZE <= 0.5 + 1e-4  # moves are written to 4 decimals
               for place, cell in zip(drawn, cells, strict=True))


def test_glyphs_drawn_back_over_the_one_before_share_its_room_in_their_order() -> None:
    """A year sign (U+0601) has the advance of the whole number; its digits are
    drawn back over it and move the pen no further: the five text glyphs
    share the sign's room, sign first."""
    glyphs, clusters = line(("\u0601", [(18, 1800, "\u0601")]), ("١", [(31, 440, "١")]),
                            ("٤", [(34, 440, "٤")]), ("٥", [(35, 440, "٥")]), right_to_left=False)
    sign_end = 1800 / 1000 * SIZE
    for glyph in glyphs[1:]:
        glyph.x, glyph.offset, glyph.placed = glyph.x - 3 * 440 / 1000 * SIZE, -sign_end, False
    cells, _ = text_cells(glyphs, clusters, end=sign_end)
    assert texts(cells) == ["\u0601", "١", "٤", "٥"]
    assert [round(cell.x, 6) for cell in cells] == [round(index * sign_end / 4, 6) for index in range(4)]
    assert all(cell.width == 1800 / 4 for cell in cells)


def test_the_last_cell_reaches_the_end_of_the_line() -> None:
    glyphs, clusters = line(("ب", [(3, 300, "ب")]), ("ن", [(4, 350, "ن")]))
    cells, _ = text_cells(glyphs, clusters, end=(300 + 400) / 1000 * SIZE)
    assert cells[-1].width == 400


def test_a_word_whose_vowels_crowd_spreads_its_letters_and_keeps_its_marks_on_slivers() -> None:
    """heh stacked over jeem (Amiri's هَجَرَ): the two fathas' slivers end up
    0.02 em apart, which poppler takes for one fatha drawn twice. The word's
    letters then share its room evenly, as outlines under blank text glyphs;
    its marks keep a sliver each (MuPDF gives a mark no width and reads a
    wider room after it as a space)."""
    glyphs, clusters = line(("ر" + FATHA, [(9, 0, FATHA), (7, 250, "ر")]),
                            ("ج" + FATHA, [(9, 0, FATHA), (6, 10, "ج")]),  # stacked: hardly moves the pen
                            ("ه" + FATHA, [(9, 0, FATHA), (5, 300, "ه")]))
    word_end = 560 / 1000 * SIZE
    cells, outlined = text_cells(glyphs, clusters, end=word_end)
    assert logical(cells) == "ه" + FATHA + "ج" + FATHA + "ر" + FATHA
    assert all(cell.glyph_id is None for cell in cells) and outlined == list(range(len(glyphs)))
    fathas = [cell for cell in cells if cell.text == FATHA]
    assert all(cell.width == SLIVER for cell in fathas)
    apart = [abs(first.x - second.x) for first, second in zip(fathas, fathas[1:], strict=False)]
    assert min(apart) >= 0.1 * SIZE
    assert abs(cells[-1].x + cells[-1].width / 1000 * SIZE - word_end) < 1e-9
    for cell, following in zip(cells, cells[1:], strict=False):
        assert abs(cell.x + cell.width / 1000 * SIZE - following.x) < 1e-9


def test_two_fonts_of_one_hash_get_companions_of_their_own_names() -> None:
    """WeasyPrint may make two Font objects with one hash (one resource name,
    one file); their companions number their codes apart, so each needs a
    resource of its own."""
    from types import SimpleNamespace

    from convert.exporters.pdf.engine_fixes.copy_text.companion import companion

    first, second, other = (SimpleNamespace(hash=name) for name in ("ABCDEF", "ABCDEF", "GHIJKL"))
    fonts = {1: first, 2: other, 3: second}
    names = [companion(font, fonts).name for font in (first, second, other)]
    assert names == [b"ABCDEFT", b"ABCDEFT1", b"GHIJKLT"]
    assert companion(second, fonts) is companion(second, fonts)

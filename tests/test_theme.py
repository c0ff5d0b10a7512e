"""Themes and the font resolver."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import convert.fonts as fonts
from convert.errors import FontNotFound, ThemeError
from convert.theme import load_theme


def test_default_theme_values() -> None:
    theme = load_theme()
    assert theme.fonts.body == "Amiri"
    assert theme.page.size_mm == (210, 297)
    assert theme.text.digits == "native" and theme.digits() == "arabic-indic"  # an Arabic theme
    assert theme.css_values()["counter_style"] == "arabic-indic"


def test_a_theme_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_text('[text]\ndigits = "latin"\n[page]\nsize = "A5"\n', encoding="utf-8")
    theme = load_theme(str(path))
    assert (theme.text.digits, theme.page.size, theme.fonts.body) == ("latin", "A5", "Amiri")
    assert theme.css_values()["counter_style"] == "decimal"
    assert "font-family: \"Amiri\"" in theme.render_css("base.css")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[page]\nsize = "A3"\n', "[page] size = 'A3' (use A4, A5"),
        ('[colors]\ntext = "red"\n', "[colors] text = 'red' (use #rrggbb)"),
        ('[text]\ndigits = "roman"\n', "[text] digits = 'roman' (use native"),
        ('[fonts]\nweight = 3\n', "unknown key [fonts] weight (use body, heading"),
        ("not toml [", "theme "),
    ],
)
def test_bad_themes_are_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThemeError, match=re.escape(message)):
        load_theme(str(path))


def test_unknown_theme_lists_the_available_ones() -> None:
    with pytest.raises(ThemeError, match=r"available: default"):
        load_theme("missing")


def test_installed_font_package_is_found() -> None:
    assert fonts.find_font("Amiri").name == "Amiri-Regular.ttf"
    assert set(fonts.family_faces("Amiri")) == {"Regular", "Bold", "Italic", "BoldItalic"}


def test_a_font_in_fonts_dir_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dropped = tmp_path / "Amiri-Regular.ttf"
    shutil.copy(fonts.find_font("Amiri"), dropped)
    monkeypatch.setattr(fonts, "FONTS_DIR", tmp_path)
    fonts.find_font.cache_clear()
    try:
        assert fonts.find_font("Amiri") == dropped
        assert fonts.find_font("Amiri", 700).parent != tmp_path
    finally:
        fonts.find_font.cache_clear()


def test_missing_font_says_where_it_looked() -> None:
    with pytest.raises(FontNotFound, match=r"NoSuchFont-Regular\.ttf in .*fontpkg-nosuchfont"):
        fonts.find_font("NoSuchFont")

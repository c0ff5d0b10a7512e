"""Font packages found from their metadata.json, with fontpkg as the fallback
(convert/fonts.py): the same file fontpkg.path gives, without importing it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import fontpkg
import pytest
from conftest import ROOT

import convert.fonts as fonts

FACES = [(weight, style) for weight in (100, 400, 500, 700) for style in ("normal", "italic")]


@pytest.mark.parametrize("slug", sorted(fontpkg.families()))
def test_every_installed_family_resolves_as_fontpkg_does(slug: str) -> None:
    family = fontpkg.families()[slug].name
    for weight, style in FACES:
        found = fonts._static_face_from_metadata(family, weight, style)
        if found is not None:  # None: fontpkg is asked instead
            assert found == Path(fontpkg.path(family, weight=weight, style=style))
        assert fonts._packaged_font(family, weight, style) == fonts._fontpkg_face(family, weight, style)


def test_amiri_is_found_without_importing_fontpkg() -> None:
    script = ("import sys\nfrom convert.fonts import family_faces\n"
              "print(sorted(family_faces('Amiri')), 'fontpkg' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "['Bold', 'BoldItalic', 'Italic', 'Regular'] False", result.stderr


def make_package(folder: Path, slug: str, files: list[dict], meta_slug: str | None = None) -> Path:
    package = folder / f"fontpkg_{slug.replace('-', '_')}"
    (package / "files").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for entry in files:
        (package / entry["path"]).write_bytes(b"\0\1\0\0")
    metadata = {"schema": 1, "family": slug.title(), "slug": meta_slug or slug, "files": files}
    (package / "metadata.json").write_text(json.dumps(metadata))
    return package


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_a_static_face_of_exactly_that_weight_and_style(packages: Path) -> None:
    make_package(packages, "test-serif", [
        {"path": "files/TestSerif-Regular.ttf", "style": "normal", "weight": 400, "variable": False},
        {"path": "files/TestSerif-Bold.ttf", "style": "normal", "weight": 700, "variable": False},
    ])
    found = fonts._static_face_from_metadata("Test Serif", 700, "normal")
    assert found == packages / "fontpkg_test_serif" / "files" / "TestSerif-Bold.ttf"
    assert fonts._static_face_from_metadata("Test Serif", 700, "italic") is None
    assert fonts._static_face_from_metadata("Test Serif", 500, "normal") is None


def test_a_family_with_a_variable_file_is_left_to_fontpkg(packages: Path) -> None:
    make_package(packages, "test-sans", [
        {"path": "files/TestSans-Regular.ttf", "style": "normal", "weight": 400, "variable": False},
        {"path": "files/TestSans[wght].ttf", "style": "normal", "weight": None, "variable": True},
    ])
    assert fonts._static_face_from_metadata("Test Sans", 400, "normal") is None


def test_a_package_of_another_slug_or_without_metadata_is_left_to_fontpkg(packages: Path) -> None:
    make_package(packages, "test-mono", [
        {"path": "files/TestMono-Regular.ttf", "style": "normal", "weight": 400, "variable": False},
    ], meta_slug="other-mono")
    assert fonts._static_face_from_metadata("Test Mono", 400, "normal") is None
    bare = packages / "fontpkg_test_bare"
    bare.mkdir()
    (bare / "__init__.py").write_text("")
    assert fonts._static_face_from_metadata("Test Bare", 400, "normal") is None


def test_a_family_name_that_is_no_module_name_is_left_to_fontpkg(packages: Path) -> None:
    (packages / "fontpkg_test").mkdir()
    (packages / "fontpkg_test" / "__init__.py").write_text("raise RuntimeError('imported')")
    for family in ("Test.Serif", "Test/Serif", "Test(1)"):
        assert fonts._static_face_from_metadata(family, 400, "normal") is None

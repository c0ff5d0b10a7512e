"""The gate in front of our fixes to WeasyPrint and pydyf
(convert/exporters/pdf/engine_fixes): versions, the off switch, --version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MIXED, ROOT, SEED, run_cli
from drawn_pages import ALIKE, drawing_difference

from convert.errors import UsageError
from convert.exporters.pdf.engine_fixes import (
    FIX_NAMES,
    FIXES,
    OFF,
    STOOD_ASIDE,
    planned_state,
    switched_off,
)

# The fixes that only save time; tounicode, rtl-line-ends, line-fits, kashida and copy-text change the PDF.
SPEED_FIXES = [name for name in FIX_NAMES
               if name not in ("tounicode", "rtl-line-ends", "line-fits", "kashida", "copy-text")]


@pytest.mark.parametrize(("value", "expected"), [
    ("", set()), ("on", set()), ("ON", set()), ("off", set(FIX_NAMES)),
    ("off:arrays", {"arrays"}), ("off: rtl-lines , write-once", {"rtl-lines", "write-once"}),
])
def test_the_switch_names_the_fixes_turned_off(value: str, expected: set[str]) -> None:
    assert switched_off(value) == expected


@pytest.mark.parametrize("value", ["no", "off:", "off:arrays,nothing", "arrays"])
def test_a_switch_that_means_nothing_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match="CONVERT_ENGINE_FIXES"):
        switched_off(value)


@pytest.mark.parametrize(("version", "expected"), [
    ("70.0", None), ("70.2", None), ("69.0", STOOD_ASIDE), ("71.0", STOOD_ASIDE), ("71.0b1", STOOD_ASIDE),
    (None, STOOD_ASIDE),
])
def test_a_fix_stands_aside_outside_the_versions_it_was_checked_against(version, expected) -> None:
    tounicode = next(fix for fix in FIXES if fix.name == "tounicode")
    assert planned_state(tounicode, version, frozenset()) == expected
    assert planned_state(tounicode, version, frozenset({"tounicode"})) == OFF


def pdf_bytes(tmp_path: Path, switch: str, *sources: Path) -> dict[str, bytes]:
    out = tmp_path / switch.replace(":", "-").replace(",", "-")
    result = run_cli(*map(str, sources), "--to", "pdf", "-o", str(out), "-q", "--jobs", "1",
                     env={"CONVERT_ENGINE_FIXES": switch, "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.pdf"))}


def test_the_speed_fixes_change_no_byte_of_the_pdf(tmp_path: Path) -> None:
    with_fixes = pdf_bytes(tmp_path, "on", SEED, MIXED)
    without = pdf_bytes(tmp_path, "off:" + ",".join(SPEED_FIXES), SEED, MIXED)
    assert with_fixes == without and len(with_fixes) == 2


def page_images(pdf: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "page")], check=True)
    return [path.read_bytes() for path in sorted(folder.glob("*.png"))]


def test_every_fix_off_draws_the_same_pages(tmp_path: Path) -> None:
    """Off, the ToUnicode fix too: the pages are the same pixels (only how some
    words copy differs, WeasyPrint's own behaviour). Kashida is left out: it
    is a way of justifying the theme chooses, and it moves glyphs; so is
    copy-text, which draws marks and strokes as outlines (same shapes, same
    places: a rasterizer shades their edges apart; the test after this one)."""
    name = f"{SEED.stem}.pdf"
    with_fixes = pdf_bytes(tmp_path, "off:kashida,copy-text", SEED)[name]
    without = pdf_bytes(tmp_path, "off", SEED)[name]
    assert with_fixes != without  # the glyph-to-text maps differ: the switch took effect
    (tmp_path / f"on-{name}").write_bytes(with_fixes)
    (tmp_path / f"off-{name}").write_bytes(without)
    pages_on = page_images(tmp_path / f"on-{SEED.stem}.pdf", tmp_path / "on-pages")
    pages_off = page_images(tmp_path / f"off-{SEED.stem}.pdf", tmp_path / "off-pages")
    assert len(pages_on) == 4 and pages_on == pages_off


def test_copy_text_off_draws_the_same_pages(tmp_path: Path) -> None:
    name = f"{SEED.stem}.pdf"
    (tmp_path / "on.pdf").write_bytes(pdf_bytes(tmp_path, "off:kashida", SEED)[name])
    (tmp_path / "off.pdf").write_bytes(pdf_bytes(tmp_path, "off", SEED)[name])
    assert drawing_difference(tmp_path / "on.pdf", tmp_path / "off.pdf") <= ALIKE


def test_kashida_stands_aside_without_the_glyph_to_text_map() -> None:
    """Its elongations would copy as tatweel without tounicode."""
    result = run_cli("--version", env={"CONVERT_ENGINE_FIXES": "off:tounicode"})
    states = {line.split()[0]: " ".join(line.split()[1:3]) for line in result.stdout.splitlines()[2:]}
    assert states["tounicode"].startswith("off") and states["kashida"] == "stood aside"


def test_version_prints_weasyprint_and_each_fix() -> None:
    result = run_cli("--version", env={"CONVERT_ENGINE_FIXES": "off:arrays"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("convert ") and lines[1].startswith("frame-stack room")
    assert lines[2].startswith("WeasyPrint 70.")
    states = {line.split()[0]: line.split()[1] for line in lines[3:]}
    assert states == {**dict.fromkeys(FIX_NAMES, "on"), "arrays": "off"}


def test_outside_the_checked_versions_every_fix_stands_aside(tmp_path: Path) -> None:
    """WeasyPrint and pydyf claiming versions we never checked: nothing is
    wrapped, and the PDF is still written (by the libraries' own code)."""
    script = f"""
import weasyprint, pydyf
weasyprint.__version__ = "71.0"
pydyf.__version__ = "0.14.0"
from weasyprint.draw import text
from weasyprint.layout import inline
from convert.exporters.pdf.engine_fixes import install_engine_fixes, pdf_finisher
states = install_engine_fixes()
assert set(states.values()) == {{"stood aside"}}, states
assert pdf_finisher() is None
assert not hasattr(text.draw_first_line, "__wrapped__")
assert not hasattr(inline.avoid_collisions, "__wrapped__")
from pathlib import Path
from convert.exporters import get_exporter
from convert.options import Options
from convert.reading.reader import read_file
from convert.reading.transforms import prepare
doc = prepare(read_file(Path({str(SEED)!r})).document, Options())
get_exporter("pdf").export(doc, Path({str(tmp_path / "x.pdf")!r}), Options())
print("written")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "written"
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF-")


def test_a_bad_switch_stops_a_pdf_run_before_any_work(tmp_path: Path) -> None:
    result = run_cli(str(SEED), "--to", "pdf", "-o", str(tmp_path), env={"CONVERT_ENGINE_FIXES": "bogus"})
    assert result.returncode == 2
    assert result.stderr.strip().endswith("(names: " + ", ".join(FIX_NAMES) + ")")
    assert not list(tmp_path.iterdir())

"""The exporter registry: lazy built-ins and entry-point plugins."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_cli

from convert.errors import UsageError
from convert.exporters import (
    BUILTIN_SUFFIXES,
    BUILTINS,
    CATALOG_PARTS,
    available_formats,
    get_exporter,
    resolve_formats,
)


def imported_modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return set(result.stdout.split())


def test_json_and_html_never_import_the_heavy_libraries(tmp_path: Path) -> None:
    modules = imported_modules_after(
        "from convert.cli import main\n"
        f"main([{str(SEED)!r}, '--to', 'json,html', '-q', '-o', {str(tmp_path)!r}])"
    )
    assert "convert.exporters.json" in modules
    assert not modules & {"weasyprint", "docx", "ebooklib", "PIL"}


def test_docx_and_epub_never_import_weasyprint(tmp_path: Path) -> None:
    modules = imported_modules_after(
        "from convert.cli import main\n"
        f"main([{str(SEED)!r}, '--to', 'docx,epub', '-q', '--jobs', '1', '-o', {str(tmp_path)!r}])"
    )
    assert {"docx", "ebooklib"} <= modules
    assert "weasyprint" not in modules


def test_a_run_with_nothing_to_do_imports_no_exporter(tmp_path: Path) -> None:
    convert_pdf = (f"from convert.cli import main\n"
                   f"main([{str(SEED)!r}, '--to', 'pdf', '-q', '-o', {str(tmp_path)!r}])")
    assert "weasyprint" in imported_modules_after(convert_pdf)
    assert "weasyprint" not in imported_modules_after(convert_pdf)  # the PDF is up to date


def test_help_imports_no_exporter() -> None:
    modules = imported_modules_after(
        "from convert.cli import build_parser\nbuild_parser().format_help()"
    )
    assert not [name for name in modules if name.startswith("convert.exporters.")]


def test_resolve_formats() -> None:
    assert resolve_formats("json, html,json") == ["json", "html"]
    assert resolve_formats("all")[:2] == ["json", "html"]
    with pytest.raises(UsageError, match=r"unknown format odt \(available: json, html"):
        resolve_formats("json,odt")


def test_all_builtins_are_listed_in_one_table() -> None:
    assert list(BUILTINS) == ["json", "html", "pdf", "docx", "epub", "cards"]
    # The catalogue's covers beside them, neither listed nor part of "all".
    assert {name: get_exporter(name).suffix for name in [*BUILTINS, *CATALOG_PARTS]} == BUILTIN_SUFFIXES
    assert not set(CATALOG_PARTS) & set(available_formats())


def test_a_third_party_exporter_is_found_through_its_entry_point(tmp_path: Path) -> None:
    plugins = tmp_path / "site"
    (plugins / "shout_plugin-1.0.dist-info").mkdir(parents=True)
    (plugins / "shout_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.0\n")
    (plugins / "shout_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[convert.exporters]\nshout = shout_plugin:ShoutExporter\n")
    (plugins / "shout_plugin.py").write_text(textwrap.dedent("""
        class ShoutExporter:
            name = "shout"
            suffix = ".shout"

            def export(self, doc, target, options):
                target.write_text(doc.meta.title + "!", encoding="utf-8")
    """))
    env = {"PYTHONPATH": str(plugins)}
    assert "shout" in run_cli("--list-formats", env=env).stdout.split()
    result = run_cli(str(SEED), "--to", "shout", "-o", str(tmp_path / "out"), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "iran-and-al-qaeda.shout").read_text("utf-8") == "إيران والقاعدة!"

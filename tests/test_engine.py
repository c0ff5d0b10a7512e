"""WeasyPrint imported without the library search (convert/exporters/pdf/engine_fixes/fast_import.py).

Each case runs in a fresh interpreter: the import happens once per process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import ROOT

# Counts the programs a process starts (ldconfig, gcc: the library search).
COUNT_SUBPROCESSES = """
import ctypes.util, json, subprocess, sys
started = []
_init = subprocess.Popen.__init__
def counting(self, args, *rest, **kwargs):
    started.append(str(args))
    _init(self, args, *rest, **kwargs)
subprocess.Popen.__init__ = counting
search = ctypes.util.find_library
"""


def run_python(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_pdf_exporter_imports_weasyprint_without_starting_programs() -> None:
    report = run_python(COUNT_SUBPROCESSES + """
import convert.exporters.pdf.exporter
print(json.dumps({"started": started, "restored": ctypes.util.find_library is search,
                  "pango": bool(sys.modules["weasyprint.text.ffi"].pango)}))
""")
    assert report == {"started": [], "restored": True, "pango": True}


def test_stock_import_does_start_programs() -> None:
    # What the module saves: without it, the same import runs the search.
    report = run_python(COUNT_SUBPROCESSES + """
import weasyprint
print(json.dumps({"started": len(started)}))
""")
    assert report["started"] > 0


def test_an_import_failing_without_the_search_is_tried_again_with_it() -> None:
    # As on a system where only find_library locates a library: the first
    # import (search answering "not found") fails inside WeasyPrint.
    report = run_python("""
import ctypes.util, importlib.abc, json, sys
search = ctypes.util.find_library
attempts = []
class FailWithoutSearch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "weasyprint.text.ffi":
            attempts.append(ctypes.util.find_library is search)
            if ctypes.util.find_library is not search:
                raise OSError("cannot load library 'pango-1.0-0'")
        return None
sys.meta_path.insert(0, FailWithoutSearch())
from convert.exporters.pdf.engine import HTML
pdf = HTML(string="<p>مرحبا</p>").write_pdf()
print(json.dumps({"attempts": attempts, "pdf": pdf[:5].decode()}))
""")
    assert report == {"attempts": [False, True], "pdf": "%PDF-"}


def test_rarely_used_fonttools_modules_wait_until_used() -> None:
    report = run_python("""
import json, sys
import convert.exporters.pdf.exporter
fonts = sys.modules["weasyprint.pdf.fonts"]
before = sorted(name for name in ("fontTools.subset", "fontTools.varLib") if name in sys.modules)
from fontTools.ttLib import TTFont
try:
    fonts.instantiateVariableFont(TTFont(), {})
    error = None
except ValueError as raised:
    error = str(raised)
options = fonts.subset.Options(retain_gids=True)
import fontTools.subset
print(json.dumps({"before": before, "error": error, "real": type(options) is fontTools.subset.Options,
                  "after": "fontTools.varLib.instancer" in sys.modules}))
""")
    assert report == {"before": [], "error": "Missing required table fvar", "real": True, "after": True}


def test_without_harfbuzz_subsetting_fonttools_subsets_through_the_stand_in(tmp_path) -> None:
    # WeasyPrint falls back to fontTools when HarfBuzz cannot subset.
    report = run_python(f"""
import json, sys
from pathlib import Path
import convert.exporters.pdf.exporter as pdf
import weasyprint.pdf.fonts as fonts
fonts.harfbuzz_subset = None
from convert.options import Options
from convert.reading.reader import read_file
from convert.reading.transforms import prepare
from pypdf import PdfReader
options = Options()
doc = prepare(read_file(Path("seeds/iran-and-al-qaeda.txt")).document, options)
target = Path({str(tmp_path / "seed.pdf")!r})
pdf.PdfExporter().export(doc, target, options)
reader = PdfReader(target)
font = reader.pages[0]["/Resources"]["/Font"]
faces = [value.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
         for value in font.values()]
sizes = [len(face["/FontFile2"].get_object().get_data()) for face in faces]
print(json.dumps({{"subset": "fontTools.subset" in sys.modules, "sizes": max(sizes) < 300_000,
                  "text": "ترامب" in reader.pages[0].extract_text()}}))
""")
    assert report == {"subset": True, "sizes": True, "text": True}

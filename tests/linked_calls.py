"""An article whose links hold note calls (``[النص[^2]](https://…)``), and the
check of its calls in a page's tree: each call beside its link, never inside
an <a> (shared by the HTML, EPUB, PDF and DOCX notes tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = "https://example.org/report?id=7&lang=ar"
TWO = "https://example.org/two"
THREE = "https://example.org/three"
ARTICLE = f"""روابط تحمل حواشي

قرأت [تقرير Reuters لعام 2023[^src]]({REPORT}) ثم [الجزء الأول[^mid] والثاني]({TWO})
وأخيرا [المصدر[^src]]({THREE}) أمس.

[^src]: المصدر: وكالة Reuters، 2023.

[^mid]: حاشية في وسط الرابط.
"""
# Each link's pieces in reading order: (its address, its words); the call between the two of TWO.
LINK_PIECES = [(REPORT, "تقرير Reuters لعام 2023"), (TWO, "الجزء الأول"), (TWO, " والثاني"),
               (THREE, "المصدر")]
CALLS = ["١", "٢", "١"]  # the calls in the order they are typed (the last one a note's second call)
NOTES = ["المصدر: وكالة Reuters، 2023.", "حاشية في وسط الرابط."]


def convert(folder: Path, formats: str) -> Path:
    """The article converted into folder/out (as the command line does); the output folder."""
    (folder / "linked.txt").write_text(ARTICLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "convert", str(folder / "linked.txt"), "--to", formats,
                    "-o", str(folder / "out"), "-q"], cwd=ROOT, check=True)
    return folder / "out"


def check_calls_beside_links(anchors: list) -> None:
    """anchors: every <a> of the page's text, in document order (an lxml or
    ElementTree tree). The links are the pieces of LINK_PIECES, the calls
    come right after the words they follow, and no <a> holds another."""
    local = [(a, a.get("href") or "") for a in anchors]
    links = [(href, "".join(a.itertext())) for a, href in local if href.startswith("https://")]
    assert links == LINK_PIECES
    calls = [a for a, href in local if href.startswith("#") and "noteref" in (a.get("class") or "")]
    assert ["".join(a.itertext()) for a in calls] == CALLS
    for a, _ in local:
        inner = [e for e in a.iter() if e is not a and isinstance(e.tag, str) and e.tag.split("}")[-1] == "a"]
        assert not inner, "an <a> in an <a>"
    # Document order: link, call, link, link, call (TWO cut in two around its call), link, call.
    order = ["call" if a in calls else href for a, href in local if a in calls or href.startswith("https://")]
    assert order == [REPORT, "call", TWO, "call", TWO, THREE, "call"]

"""The output folder's own files, as an unlucky user or a second run meets them:
a state or catalogue store edited by hand, two runs into one OUT at once,
the temporary files a killed run left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_cli
from lxml import etree

from convert.catalog.entry import CatalogEntry
from convert.catalog.listing import CATALOG_FILE
from convert.catalog.store import STORE_FILE
from convert.folder_lock import running
from convert.freshness import STATE_FILE

ATOM = "{http://www.w3.org/2005/Atom}"
# Distinct articles: Persian with its joiner-less joins, Urdu, vocalised
# Arabic, Eastern digits, Latin names in a right-to-left title.
ARTICLES = {
    "fa": ("گزارش‌های تهران", "author: [مریم احمدی]\nlang: fa", "این نوشته‌ها از ۱۴۰۲ تا ۱۴۰۳ گردآوری شده‌اند."),
    "ur": ("لاہور کی کہانی", "author: [علی رضا]\nlang: ur", "یہ کہانی ۲۰۲۳ میں لکھی گئی تھی۔"),
    "vocalised": ("الشِّعْرُ العَرَبِيُّ", "author: [نُور]", "قَالَ الشَّاعِرُ بَيْتًا مِنَ الشِّعْرِ."),
    "digits": ("ميزانية ٢٠٢٤ بـ ٣٫٥ مليار", "author: [خالد, Anna Schmidt]", "ارتفع الدين إلى ١٢٣٬٤٥٦ دينار."),
    "latin": ("مقابلة مع Jean-Luc Godard", "author: [Mohammed O'Neil]", "قال Godard إن السينما حقيقة."),
    "quote": ("«ما قيل وما لم يُقل»", "author: [ليلى]", "كتبت: «الكلام فضة».\n\n- أولا\n- ثانيا"),
}


def write_article(folder: Path, name: str, title: str, front: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"---\ntitle: {title}\n{front}\n---\n{title}\n\n{body}\n", encoding="utf-8")
    return path


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning:")]


def catalogue_titles(out: Path) -> dict[str, tuple[str, list[str]]]:
    """Each entry of catalog.xml, read with lxml: title -> (language, authors)."""
    feed = etree.parse(str(out / CATALOG_FILE))
    return {entry.findtext(f"{ATOM}title"): (entry.findtext("{http://purl.org/dc/terms/}language"),
                                             [name.text for name in entry.iter(f"{ATOM}name")])
            for entry in feed.iter(f"{ATOM}entry")}


def assert_whole_json_and_html(out: Path, stems: list[str]) -> None:
    for stem in stems:
        assert json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))["meta"]["title"]
        page = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>")


# A state file as a hand or another program left it, and why the run says it ignores it.
BAD_STATES = [
    (("[" * 100_000 + "]" * 100_000).encode(), "nested too deep"),
    (b"[1, 2]", "not a JSON object"),
    (b'{"a.json": ', "not JSON"),
    (b'{"\xff": "x"}', "not UTF-8"),
    (b'{"a.json": 5, "a.html": {"x": [null]}, "b.json": "0123abcd"}', "2 entries that are not fingerprints"),
]


@pytest.mark.parametrize(("content", "why"), BAD_STATES)
def test_a_bad_state_is_ignored_with_one_warning_and_rebuilt(tmp_path: Path, content: bytes,
                                                             why: str) -> None:
    sources = tmp_path / "src"
    write_article(sources, "a", *ARTICLES["fa"])
    write_article(sources, "b", *ARTICLES["digits"])
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_FILE).write_bytes(content)
    result = run_cli(str(sources), "--to", "json,html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert warnings_in(result.stderr) == [f"warning: {out / STATE_FILE}: {why}"
                                          "; ignored, and rebuilt by this run"]
    assert "4 written, 0 failed" in result.stderr
    assert_whole_json_and_html(out, ["a", "b"])
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    assert set(state) == {"a.json", "a.html", "b.json", "b.html"}
    again = run_cli(str(sources), "--to", "json,html", "-o", str(out))
    assert warnings_in(again.stderr) == [] and "0 written, 0 failed, 4 skipped" in again.stderr


def test_a_fifo_in_the_state_s_place_does_not_hang_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / STATE_FILE)
    result = run_cli(str(SEED), "--to", "json", "-o", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    assert warnings_in(result.stderr) == [f"warning: {out / STATE_FILE}: not a regular file; "
                                          "ignored, and rebuilt by this run"]
    assert (out / STATE_FILE).is_file()
    assert set(json.loads((out / STATE_FILE).read_text(encoding="utf-8"))) == {"iran-and-al-qaeda.json"}


def catalogued_folder(tmp_path: Path) -> tuple[Path, Path]:
    sources = tmp_path / "src"
    for name in ("fa", "digits", "latin"):
        write_article(sources, name, *ARTICLES[name])
    out = tmp_path / "out"
    first = run_cli(str(sources), "--to", "json,html", "-o", str(out), "--catalog")
    assert first.returncode == 0, first.stderr
    return sources, out


def test_catalogue_entries_of_the_wrong_types_are_dropped_with_one_warning_and_described_again(
        tmp_path: Path) -> None:
    sources, out = catalogued_folder(tmp_path)
    listed = catalogue_titles(out)
    store_path = out / STORE_FILE
    store = json.loads(store_path.read_text(encoding="utf-8"))
    store["fa"]["language"] = 5
    store["digits"]["authors"] = None
    store["latin"]["title"] = "a\x01b"  # XML cannot hold it: lxml would refuse the catalogue
    store_path.write_text(json.dumps(store), encoding="utf-8")
    result = run_cli(str(sources), "--to", "json,html", "-o", str(out), "--catalog")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert warnings_in(result.stderr) == [f"warning: {store_path}: 3 entries not as this version writes "
                                          "them; ignored, and rebuilt by this run"]
    # Nothing else was written again: only the pictures (cover, thumbnail, card) describe the articles anew.
    assert "3 written, 0 failed, 12 skipped" in result.stderr
    assert catalogue_titles(out) == listed
    assert listed["گزارش‌های تهران"] == ("fa", ["مریم احمدی"])
    assert listed["ميزانية ٢٠٢٤ بـ ٣٫٥ مليار"][1] == ["خالد", "Anna Schmidt"]
    rebuilt = json.loads(store_path.read_text(encoding="utf-8"))
    assert all(CatalogEntry.from_json(entry) is not None for entry in rebuilt.values()) and len(rebuilt) == 3
    again = run_cli(str(sources), "--to", "json,html", "-o", str(out), "--catalog")
    assert warnings_in(again.stderr) == [] and "0 written, 0 failed, 15 skipped" in again.stderr


def test_a_store_nested_too_deep_is_ignored_with_one_warning(tmp_path: Path) -> None:
    sources, out = catalogued_folder(tmp_path)
    listed = catalogue_titles(out)
    (out / STORE_FILE).write_text('{"fa": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = run_cli(str(sources), "--to", "json", "-o", str(out), "--catalog")
    assert result.returncode == 0, result.stderr
    assert warnings_in(result.stderr) == [f"warning: {out / STORE_FILE}: nested too deep; "
                                          "ignored, and rebuilt by this run"]
    assert catalogue_titles(out) == listed


def test_every_field_of_an_entry_survives_the_store() -> None:
    entry = CatalogEntry("urn:isbn:9783161484100", "عنوان", ("أ", "B"), "ar", "2024-03-15T00:00:00Z",
                         "2024-03-15", "ملخص", "وصف", ("ثقافة",), "دفاتر", "3", "دار")
    assert CatalogEntry.from_json(json.loads(json.dumps(entry.to_json()))) == entry
    assert CatalogEntry.from_json({**entry.to_json(), "series": ["x"]}) is None
    untitled = {key: value for key, value in entry.to_json().items() if key != "title"}
    assert CatalogEntry.from_json(untitled) is None


# Runs convert's command line with a barrier: once its catalogue store is
# loaded (its state is loaded just before), it waits until the other run has
# loaded its own, so both start from the same empty files and both save.
_BARRIER_RUN = """
import sys, time
from pathlib import Path
import convert.catalog.store as store
barrier, me, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
loaded = store.CatalogStore.__init__
def waiting(self, *args, **kwargs):
    loaded(self, *args, **kwargs)
    (barrier / me).touch()
    for _ in range(6000):
        if (barrier / other).exists():
            return
        time.sleep(0.02)
    sys.exit("the other run never loaded its store")
store.CatalogStore.__init__ = waiting
from convert.cli import main
sys.exit(main(sys.argv[4:]))
"""


def test_two_runs_into_one_folder_at_once_lose_nothing(tmp_path: Path) -> None:
    names = list(ARTICLES)
    groups = {"editor": names[:3], "scheduled": names[3:]}
    out, barrier = tmp_path / "out", tmp_path / "barrier"
    barrier.mkdir()
    runs = {}
    for me, other in (("editor", "scheduled"), ("scheduled", "editor")):
        for name in groups[me]:
            write_article(tmp_path / me, name, *ARTICLES[name])
        runs[me] = subprocess.Popen(
            [sys.executable, "-c", _BARRIER_RUN, str(barrier), me, other,
             str(tmp_path / me), "--to", "json,html", "-o", str(out), "--catalog", "--jobs", "1"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for me, run in runs.items():
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, (me, stderr)
        assert warnings_in(stderr) == [] and "Traceback" not in stderr
    assert set(catalogue_titles(out)) == {ARTICLES[name][0] for name in names}
    assert set(json.loads((out / STORE_FILE).read_text(encoding="utf-8"))) == set(names)
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    parts = ("json", "html", "cover.png", "thumb.png", "card.png")
    assert set(state) == {f"{name}.{part}" for name in names for part in parts}
    assert_whole_json_and_html(out, names)


def leftover(folder: Path, target: str, content: bytes) -> Path:
    """A temporary file as files.atomic_target makes it, as a run killed mid-write leaves it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target}.", suffix=".part", dir=folder)
    os.write(handle, content)
    os.close(handle)
    return Path(name)


def test_temporary_files_a_killed_run_left_are_removed_and_a_user_s_files_kept(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    write_article(sources, "a", *ARTICLES["ur"])
    write_article(sources / "sub", "b", *ARTICLES["quote"])
    out = tmp_path / "out"
    left = [leftover(out, "a.pdf", b"%PDF-1.7 half"), leftover(out / "sub", "b.html", b"<html"),
            leftover(out, STORE_FILE, b"{"), leftover(out, "other.epub", b"PK")]
    users = {out / "notes.part": b"mine", out / ".a.pdf.draft.part": b"mine",
             out / ".diary.txt.abcd1234.part": b"mine", out / ".a.pdf.ABCD1234.part": b"mine",
             out / "a.pdf.abcd1234.part": b"mine", sources / ".a.txt.abcd1234.part": b"mine"}
    for path, content in users.items():
        path.write_bytes(content)
    planted = out / ".c.json.zz_9zz9z.part"
    planted.symlink_to(SEED)
    with running(out, lambda: None):  # another run going: its temporaries may be live
        busy = run_cli(str(sources), "--to", "json,html", "-o", str(out))
    assert busy.returncode == 0, busy.stderr
    assert all(path.exists() for path in left)
    result = run_cli(str(sources), "--to", "json,html", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert [path for path in left if path.exists()] == []
    assert {path: path.read_bytes() for path in users} == users
    assert planted.is_symlink() and SEED.exists()
    assert_whole_json_and_html(out, ["a", "sub/b"])
    written = json.loads((out / "sub" / "b.json").read_text(encoding="utf-8"))
    assert written["meta"]["title"] == ARTICLES["quote"][0]

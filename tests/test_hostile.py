"""Hostile and broken input: `convert --to all` over a corpus of edge cases.

Every file gets a correct output in every format or one error line naming it;
markup stays literal text; nothing else is read and no socket is opened;
a killed batch leaves no half-written output.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED, epub_build, run_cli, seed_copies
from extract import text_of
from hostile_corpus import DROPPED_CHARACTERS, Case, large_case, write_corpus

from convert.exporters import get_exporter, resolve_formats

FORMATS = resolve_formats("all")  # what --to all writes (share cards are asked for by name)
SUFFIXES = [get_exporter(fmt).suffix for fmt in FORMATS]
# The batch's output folder's parent, the corpus written, and how the CLI ended.
Batch = tuple[Path, dict[str, Case], subprocess.CompletedProcess[str]]


@epub_build
def build_batch(root: Path) -> tuple[Batch, list[Path]]:
    """The corpus converted to every format; EPUBCheck checks the EPUB of each accepted file."""
    corpus = write_corpus(root / "corpus")
    result = run_cli(str(root / "corpus"), "--to", "all", "-o", str(root / "out"), "--jobs", "2")
    return (root, corpus, result), accepted_epubs(root, corpus)


def accepted_epubs(root: Path, corpus: dict[str, Case]) -> list[Path]:
    return [root / "out" / f"{name.removesuffix('.txt')}.epub" for name, case in corpus.items()
            if not case.refused]


@pytest.fixture(scope="module")
def batch(epub_builds) -> Batch:
    return epub_builds[build_batch]


def outputs_of(root: Path, name: str) -> list[Path]:
    stem = name.removesuffix(".txt")
    return [root / "out" / f"{stem}{suffix}" for suffix in SUFFIXES]


def test_batch_exits_one_without_traceback(batch) -> None:
    root, corpus, result = batch
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    refused = sum(1 for case in corpus.values() if case.refused)
    written = (len(corpus) - refused) * len(FORMATS)
    assert f"{len(corpus)} file(s), {len(FORMATS)} format(s)" in result.stderr
    assert f"{written} written, {refused} failed" in result.stderr


def test_each_refused_file_gets_one_clear_line(batch) -> None:
    root, corpus, result = batch
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name, case in corpus.items():
        mine = [line for line in errors if f"/corpus/{name}:" in line]
        if case.refused:
            assert len(mine) == 1, (name, mine)
            assert case.refused in mine[0]
            assert not any(path.exists() for path in outputs_of(root, name))
        else:
            assert mine == [], (name, mine)
    assert len(errors) == sum(1 for case in corpus.values() if case.refused)


def test_every_accepted_file_has_every_format(batch) -> None:
    root, corpus, _ = batch
    for name, case in corpus.items():
        if not case.refused:
            for path in outputs_of(root, name):
                assert path.is_file() and path.stat().st_size > 0, path
                assert text_of(path).strip(), path


def test_markup_is_literal_text_in_every_format(batch) -> None:
    root, corpus, _ = batch
    case: Case = corpus["markup.txt"]
    for path in outputs_of(root, "markup.txt"):
        text = " ".join(text_of(path).split())
        for literal in case.literal:
            assert literal in text, (path.suffix, literal)


def test_bidi_embeddings_never_reach_an_output(batch) -> None:
    root, _, _ = batch
    for path in outputs_of(root, "bidi-controls.txt"):
        text = text_of(path)
        assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e"), path.suffix
        if path.suffix != ".pdf":  # PDF text extraction drops format characters
            assert "\u2066LTR\u2069" in text and "\u200d" in text


def everything_in(path: Path) -> str:
    """Every character a reader or a program could get out of path: its
    text, and its markup and metadata with character references expanded."""
    if path.suffix == ".json":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    if path.suffix == ".html":
        return html.unescape(path.read_text(encoding="utf-8"))
    if path.suffix in (".docx", ".epub"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(html.unescape(archive.read(name).decode("utf-8", "replace"))
                             for name in archive.namelist() if name.endswith(("ml", ".opf", ".ncx")))
    from pypdf import PdfReader

    info = PdfReader(path).metadata or {}
    return text_of(path) + "\n" + "\n".join(str(value) for value in info.values())


def test_dropped_characters_never_reach_an_output(batch) -> None:
    """Controls, overrides, lone surrogates and non-characters of every plane,
    in a body or written by YAML escapes in front matter, are dropped."""
    root, corpus, _ = batch
    for name in ("front-matter-escapes.txt", "body-noncharacters.txt"):
        for path in outputs_of(root, name):
            assert not set(everything_in(path)) & DROPPED_CHARACTERS, path.name
    for path in outputs_of(root, "front-matter-escapes.txt"):
        text = " ".join(text_of(path).split())
        assert all(literal in text for literal in corpus["front-matter-escapes.txt"].literal), path.suffix


def test_every_epub_passes_epubcheck(batch, epub_builds) -> None:
    root, corpus, _ = batch
    problems = {book.name: epub_builds.problems(book) for book in accepted_epubs(root, corpus)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_same_titles_do_not_collide(batch) -> None:
    root, _, _ = batch
    for suffix in SUFFIXES:
        first, second = (root / "out" / f"same-title-{n}{suffix}" for n in (1, 2))
        assert first.is_file() and second.is_file()
        assert "نص آخر" in text_of(second) and "نص آخر" not in text_of(first)


def test_titles_never_name_files(batch) -> None:
    root, _, _ = batch
    produced = {path.relative_to(root / "out").as_posix() for path in (root / "out").rglob("*")}
    assert all("/" not in name and not name.startswith("CON") for name in produced)


def test_outputs_are_valid_files(batch) -> None:
    root, corpus, _ = batch
    for name, case in corpus.items():
        if case.refused:
            continue
        for path in outputs_of(root, name):
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix in (".docx", ".epub"):
                assert zipfile.ZipFile(path).testzip() is None


# Nothing is read but our own files, and no socket is opened ---------------------

AUDIT_SCRIPT = textwrap.dedent("""
    import os
    import sys
    events = []
    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes)):
            path, mode, flags = args
            creates = any(c in (mode or "") for c in "wxa") or bool((flags or 0) & os.O_CREAT)
            events.append(("create" if creates else "open", os.fsdecode(path)))
        elif event.startswith("socket."):
            events.append((event, repr(args)[:200]))
    sys.addaudithook(hook)
    from convert.cli import main
    status = main(sys.argv[1:])
    import json
    print(json.dumps(events))
    sys.exit(status)
""")


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory):
    """A conversion to every format with every file open and socket call logged."""
    root = tmp_path_factory.mktemp("audit")
    sentinel = root / "secret" / "sentinel.txt"
    sentinel.parent.mkdir()
    sentinel.write_text("SENTINEL-7f3a9c-CONTENT", encoding="utf-8")
    uri = sentinel.as_uri()
    article = (
        f"عنوان\n\nصورة <img src='{uri}'> وخلفية url({uri}) و"
        f"<link rel=stylesheet href='{uri}'> و@import url({uri}); و<iframe src='http://127.0.0.1:9/'>"
        f" و <object data='{sentinel}'></object>\n\nتنويه: نص."
    )
    (root / "in").mkdir()
    (root / "in" / "probe.txt").write_text(article, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", AUDIT_SCRIPT, str(root / "in"), "--to", "all", "-o", str(root / "out"),
         "--jobs", "1", "-q"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    events = json.loads(result.stdout.strip().splitlines()[-1])
    return root, sentinel, result, events


def test_no_socket_is_opened(audited) -> None:
    _, _, result, events = audited
    assert result.returncode == 0, result.stderr
    assert [event for event in events if event[0].startswith("socket.")] == []


def test_the_sentinel_file_is_never_opened(audited) -> None:
    _, sentinel, _, events = audited
    opened = {path for kind, path in events if kind == "open"}
    assert str(sentinel) not in opened
    assert not any(path.startswith("/etc/passwd") for path in opened)


def test_files_read_are_ours_or_python(audited) -> None:
    root, _, _, events = audited
    import fontpkg_amiri

    allowed = (str(ROOT), str(root), sys.prefix, sys.base_prefix, str(Path(fontpkg_amiri.__file__).parent),
               "/usr/lib/python3", "/usr/share/zoneinfo", "/dev/", "/proc/")
    # The standard library's own configuration: MIME types, the temp folder probe.
    system = {*mimetypes.knownfiles, tempfile.gettempdir()}
    created = {path for kind, path in events if kind == "create"}
    # Temporary files the conversion wrote itself (WeasyPrint's font cache, for one).
    strangers = {path for kind, path in events
                 if kind == "open" and not path.startswith(allowed) and path not in system | created}
    assert strangers == set()


def test_the_sentinel_content_is_in_no_output(audited) -> None:
    root, _, _, _ = audited
    produced = [path for path in (root / "out").iterdir() if not path.name.startswith(".")]
    assert len(produced) == len(FORMATS)
    for path in produced:
        assert b"SENTINEL-7f3a9c" not in path.read_bytes()
        assert "SENTINEL-7f3a9c" not in text_of(path)
        if path.suffix in (".docx", ".epub"):
            with zipfile.ZipFile(path) as archive:
                assert not any(b"SENTINEL-7f3a9c" in archive.read(name) for name in archive.namelist())


# Killed mid-batch -------------------------------------------------------------

def test_sigkill_mid_batch_leaves_no_half_written_output(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 12)
    out = tmp_path / "out"
    # Outputs from an earlier run: a kill must leave each one whole, old or new.
    assert run_cli(str(corpus), "--to", "all", "-o", str(out), "--jobs", "2", "-q").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(corpus), "--to", "all", "-o", str(out), "--force",
         "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob(".*.part")):
        time.sleep(0.01)
    time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finals = [path for path in out.iterdir() if not path.name.startswith(".")]
    assert len(finals) == 12 * len(FORMATS)
    for path in finals:
        assert text_of(path).strip(), path
        if path.suffix in (".docx", ".epub"):
            assert zipfile.ZipFile(path).testzip() is None
        if path.suffix == ".pdf":
            assert path.read_bytes().rstrip().endswith(b"%%EOF")


# Limits -----------------------------------------------------------------------

def test_five_megabyte_article_converts_or_is_refused_by_the_page_limit(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_corpus(tmp_path / "in", [large_case()])
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(tmp_path / "in"), "--to", "all",
         "-o", str(tmp_path / "out")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read()
    peak_gb = usage.ru_maxrss / 1024 / 1024
    assert peak_gb < 2, f"peak memory {peak_gb:.2f} GB"
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    source = tmp_path / "in" / "five-megabytes.txt"
    assert errors[0].startswith(f"error: {source}: pdf: too long for PDF: about ")
    assert errors[0].endswith("pages (the limit is 1,000; --max-pages raises it)")
    for fmt in FORMATS:
        path = tmp_path / "out" / f"five-megabytes{get_exporter(fmt).suffix}"
        assert path.is_file() == (fmt != "pdf"), fmt
    assert os.waitstatus_to_exitcode(status) == 1


def test_raising_the_page_limit_is_honoured_and_lowering_it_refuses(tmp_path: Path) -> None:
    result = run_cli(str(SEED), "--to", "pdf", "-o", str(tmp_path), "--max-pages", "2")
    assert result.returncode == 1
    assert "too long for PDF: about 4 pages (the limit is 2" in result.stderr


# Determinism ------------------------------------------------------------------

def test_outputs_are_byte_identical_across_runs_and_job_counts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    fixtures = ROOT / "tests" / "fixtures"
    for source in (SEED, fixtures / "mixed.txt", fixtures / "markup.txt"):
        (corpus / source.name).write_bytes(source.read_bytes())
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    runs = {}
    for label, jobs in (("first", "1"), ("second", "1"), ("parallel", "2")):
        out = tmp_path / label
        result = run_cli(str(corpus), "--to", "pdf,docx,epub", "-o", str(out), "--jobs", jobs, env=env)
        assert result.returncode == 0, result.stderr
        runs[label] = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert len(runs["first"]) == 9
    assert runs["first"] == runs["second"] == runs["parallel"]


def test_ctrl_c_stops_cleanly_without_partial_files(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 12)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", str(corpus), "--to", "pdf,docx", "-o", str(out), "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 2:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends to the whole group
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert list(out.glob(".*.part")) == []
    finals = list(out.glob("*.pdf")) + list(out.glob("*.docx"))
    assert 0 < len(finals) < 24
    for path in finals:
        assert text_of(path).strip(), path


# Hostile Word files -----------------------------------------------------------

@pytest.fixture(scope="module")
def word_batch(tmp_path_factory: pytest.TempPathFactory):
    """The hostile Word files converted to every format in one batch, every
    file open and socket call logged; a sentinel file the attacks point at."""
    from hostile_word_corpus import word_cases

    root = tmp_path_factory.mktemp("word")
    sentinel = root / "secret" / "sentinel.txt"
    sentinel.parent.mkdir()
    sentinel.write_text("SENTINEL-5e1b0d-CONTENT", encoding="utf-8")
    corpus = write_corpus(root / "in", word_cases(sentinel))
    # Each file named: a folder's scan takes *.docx, not the .docm.
    given = [str(root / "in" / name) for name in corpus]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", AUDIT_SCRIPT, *given, "--to", "all", "-o", str(root / "out"), "--jobs", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    events = json.loads(result.stdout.strip().splitlines()[-1])
    return root, sentinel, corpus, result, events, time.monotonic() - started


def _word_outputs(root: Path, name: str) -> list[Path]:
    return [root / "out" / f"{Path(name).stem}{suffix}" for suffix in SUFFIXES]


def test_each_hostile_word_file_converts_or_is_one_line(word_batch) -> None:
    root, _, corpus, result, _, seconds = word_batch
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    refused = []
    for name, case in corpus.items():
        mine = [line for line in errors if f"/in/{name}:" in line]
        macros = name.endswith(".docm") and len(mine) == 1 and "macro" in mine[0]
        if case.refused or macros:
            assert len(mine) == 1 and (macros or case.refused in mine[0]), (name, mine)
            assert not any(path.exists() for path in _word_outputs(root, name)), name
            refused.append(name)
        else:
            assert mine == [], (name, mine)
            for path in _word_outputs(root, name):
                assert path.is_file() and text_of(path).strip(), path
    assert len(errors) == len(refused)
    written = (len(corpus) - len(refused)) * len(FORMATS)
    assert f"{written} written, {len(refused)} failed" in result.stderr
    assert seconds < 600, f"{seconds:.0f} s"


def test_hostile_word_files_open_no_socket_nor_any_file_they_name(word_batch) -> None:
    _, sentinel, _, _, events, _ = word_batch
    assert [event for event in events if event[0].startswith("socket.")] == []
    opened = {path for kind, path in events if kind == "open"}
    assert str(sentinel) not in opened
    assert not any(path.startswith("/etc/passwd") for path in opened)


def test_no_word_output_holds_a_file_named_by_an_entity_nor_a_macro(word_batch) -> None:
    from hostile_word_corpus import PASSWD_MARK

    root, _, _, _, _, _ = word_batch
    produced = [path for path in (root / "out").iterdir() if not path.name.startswith(".")]
    assert produced
    for path in produced:
        everything = everything_in(path)
        assert PASSWD_MARK not in everything and "SENTINEL-5e1b0d" not in everything, path.name
        assert b"SENTINEL-5e1b0d" not in path.read_bytes() and b"MACRO-SENTINEL" not in path.read_bytes()
        if path.suffix in (".docx", ".epub"):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                assert not any("vbaProject" in name for name in names), path.name
                assert b"macroEnabled" not in archive.read("[Content_Types].xml" if path.suffix == ".docx"
                                                           else names[0])
                assert not any(b"MACRO-SENTINEL" in archive.read(name) for name in names)


def test_word_links_and_fields_keep_their_text_only(word_batch) -> None:
    root, sentinel, corpus, _, _, _ = word_batch
    for name in ("word-external.docx", "word-paragraphs.docx"):
        text = " ".join(text_of(root / "out" / f"{Path(name).stem}.json").split())
        for literal in corpus[name].literal:
            assert literal in text, (name, literal)
    # The link to a local file is text, in every format: no href, no src names it.
    for path in _word_outputs(root, "word-external.docx"):
        if path.suffix in (".html", ".epub", ".docx"):
            assert sentinel.as_uri() not in everything_in(path), path.suffix


def test_a_word_file_with_ten_thousand_pictures_in_bounded_time(tmp_path: Path) -> None:
    """Read in seconds; written to JSON, EPUB, PDF and DOCX in under a minute
    each on the 2-core machine (DOCX took 12 minutes while python-docx
    searched the whole document for each picture's id), the DOCX's drawing
    ids distinct and the one picture stored once."""
    from hostile_word_corpus import IMAGES, ten_thousand_images

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pictures.docx").write_bytes(ten_thousand_images())
    started = time.monotonic()
    result = run_cli(str(tmp_path / "in"), "--to", "json,epub,pdf,docx", "-o", str(tmp_path / "out"),
                     timeout=300)
    seconds = time.monotonic() - started
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    document = json.loads((tmp_path / "out" / "pictures.json").read_text(encoding="utf-8"))
    figures = [block for block in document["blocks"] if block["type"] == "Figure"]
    assert len(figures) == IMAGES and figures[-1]["alt"] == f"صورة {IMAGES - 1}"
    with zipfile.ZipFile(tmp_path / "out" / "pictures.docx") as written:
        body = written.read("word/document.xml").decode()
        media = [name for name in written.namelist() if name.startswith("word/media/")]
    ids = re.findall(r'<wp:docPr id="(\d+)"', body)
    assert len(ids) == len(set(ids)) == IMAGES and len(media) == 1
    assert seconds < 180, f"{seconds:.0f} s"

"""Hostile paths (issue 32): links and --order entries leading outside the
sources, output names no listing can hold or no filesystem can write, names
that would take the state file's, the catalogue store's or the catalogue's
place, and names that would write to the terminal.

Each case runs through the CLI and checks the one error line, the exit
status, that nothing outside OUT changed, and that every other output is
whole (read back with lxml and json, not with our code).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_cli
from extract import text_of
from lxml import etree

from convert.names import printable

ATOM = "{http://www.w3.org/2005/Atom}"
SENTINEL = "SENTINEL-4be1-SECRET"
# Distinct articles: each has a word of its own, to find in its outputs and nowhere else.
ARTICLES = {
    "digits": "مقالة الأرقام\n\nبلغ العدد ١٢٣٤٥ في عام 2024 وقال Omar Haddad إن النسبة 45%.\n",
    "persian": "---\nlang: fa\n---\nیادداشت فارسی\n\nاین می‌خواهم متن فارسی است با ۱۴۰۲ و نیم‌فاصله.\n",
    "vocalised": "الْعُنْوَانُ الْمُشَكَّلُ\n\nإِنَّ الْكِتَابَةَ الْعَرَبِيَّةَ جَمِيلَةٌ.\n",
}
WORDS = {"digits": "١٢٣٤٥", "persian": "۱۴۰۲", "vocalised": "جَمِيلَةٌ"}


def write_articles(folder: Path, names: dict[str, str] | None = None) -> dict[str, Path]:
    """The distinct articles in folder, each under the file name given (default: its key)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for key, text in ARTICLES.items():
        path = folder / (names or {}).get(key, f"{key}.txt")
        path.write_text(text, encoding="utf-8")
        written[key] = path
    return written


def snapshot(root: Path, out: Path) -> dict[bytes, tuple[bytes, str]]:
    """Every entry under root but out: its kind and content (a link's target), by path (bytes)."""
    found = {}
    for folder, subfolders, files in os.walk(os.fsencode(root)):
        subfolders[:] = [name for name in subfolders if os.path.join(folder, name) != os.fsencode(out)]
        for name in files + subfolders:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                found[path] = (b"link", os.readlink(path).decode(errors="replace"))
            elif os.path.isfile(path):
                found[path] = (b"file", hashlib.sha256(Path(os.fsdecode(path)).read_bytes()).hexdigest())
    return found


def run_watched(root: Path, out: Path, *args: str,
                cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI run, asserting that nothing under root outside out changed and no traceback was printed."""
    before = snapshot(root, out)
    # From another folder, this checkout's package is imported only if named.
    result = run_cli(*args, "-o", str(out), cwd=cwd, env={"PYTHONPATH": str(ROOT)} if cwd else None)
    assert snapshot(root, out) == before
    assert "Traceback" not in result.stderr, result.stderr
    return result


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("error:", "convert: error:"))]


def assert_whole(out: Path, stem: str, key: str, suffixes: tuple[str, ...] = (".html", ".json")) -> None:
    """The article's outputs are there and hold its text, read back by lxml and json."""
    for suffix in suffixes:
        path = out / f"{stem}{suffix}"
        assert WORDS[key] in text_of(path), path


def feed_titles(out: Path) -> list[str]:
    feed = etree.parse(str(out / "catalog.xml")).getroot()
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def state_keys(out: Path) -> set[str]:
    return set(json.loads((out / ".convert-state.json").read_text(encoding="utf-8")))


def secret(root: Path) -> Path:
    path = root / "private" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"سر\n\n{SENTINEL}\n", encoding="utf-8")
    return path


# Links leading outside the sources ------------------------------------------------

def test_a_link_out_of_the_source_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source)
    (source / "stolen.txt").symlink_to(secret(tmp_path))
    (source / "passwd.txt").symlink_to("/etc/passwd")
    (source / "inner.txt").symlink_to("digits.txt")  # a link inside the folder is read
    result = run_watched(tmp_path, out, str(source), "--to", "html,json", "--catalog")
    assert result.returncode == 1
    errors = error_lines(result)
    assert errors == [
        f"error: {source / 'passwd.txt'}: a symbolic link to /etc/passwd, outside {source}: "
        "not read (--follow-links reads it)",
        f"error: {source / 'stolen.txt'}: a symbolic link to {tmp_path / 'private' / 'secret.txt'}, "
        f"outside {source}: not read (--follow-links reads it)"]
    assert not list(out.glob("stolen.*")) and not list(out.glob("passwd.*"))
    for key in ARTICLES:
        assert_whole(out, key, key)
    assert_whole(out, "inner", "digits")
    for path in out.rglob("*"):
        assert SENTINEL.encode() not in path.read_bytes() and b"root:" not in path.read_bytes(), path
    assert sorted(feed_titles(out)) == sorted(["مقالة الأرقام", "مقالة الأرقام", "یادداشت فارسی",
                                               "الْعُنْوَانُ الْمُشَكَّلُ"])


def test_a_link_given_by_name_is_held_to_its_own_folder(tmp_path: Path) -> None:
    """What `convert src/*.txt` hands over when src holds a link to a private file."""
    source, out = tmp_path / "src", tmp_path / "out"
    articles = write_articles(source)
    (source / "stolen.txt").symlink_to(secret(tmp_path))
    result = run_watched(tmp_path, out, str(articles["digits"]), str(source / "stolen.txt"), "--to", "json")
    assert result.returncode == 1
    assert len(error_lines(result)) == 1 and "stolen.txt: a symbolic link to" in error_lines(result)[0]
    assert_whole(out, "digits", "digits", (".json",))
    assert sorted(path.name for path in out.iterdir()) == [
        ".convert-state.json", ".convert.lock", "digits.json"]


def test_follow_links_reads_a_link_out_of_the_folder(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source)
    (source / "linked.txt").symlink_to(secret(tmp_path))
    result = run_watched(tmp_path, out, str(source), "--to", "json", "--follow-links")
    assert result.returncode == 0, result.stderr
    assert SENTINEL in text_of(out / "linked.json")


def test_a_book_leaves_out_a_link_out_of_its_folder(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source)
    (source / "stolen.txt").symlink_to(secret(tmp_path))
    result = run_watched(tmp_path, out, str(source), "--to", "json", "--book", "كتاب", "--name", "b")
    assert result.returncode == 1
    assert len(error_lines(result)) == 1 and "stolen.txt: a symbolic link to" in error_lines(result)[0]
    assert "book of 3 article(s) (1 left out)" in result.stderr
    assert SENTINEL not in (out / "b.json").read_text(encoding="utf-8")
    for word in WORDS.values():
        assert word in text_of(out / "b.json")


def test_order_entries_outside_the_sources_are_refused(tmp_path: Path) -> None:
    source, out, work = tmp_path / "src", tmp_path / "out", tmp_path / "a" / "b"
    articles = write_articles(source)
    work.mkdir(parents=True)
    (tmp_path / "x").write_text(f"خارج\n\n{SENTINEL}\n", encoding="utf-8")
    (source / "stolen.txt").symlink_to(secret(tmp_path))
    order = tmp_path / "order.txt"
    order.write_text(f"{articles['vocalised']}\n/etc/shadow\n../../x\n{source / 'stolen.txt'}\n"
                     f"{source / '..' / 'x'}\n{articles['digits']}\n", encoding="utf-8")
    result = run_watched(tmp_path, out, str(source), "--to", "json", "--book", "كتاب", "--name", "b",
                         "--order", str(order), cwd=work)
    assert result.returncode == 1
    outside = "--order names a file outside the SRC files and folders given: not read"
    assert error_lines(result) == [
        f"error: /etc/shadow: {outside}", f"error: ../../x: {outside}",
        f"error: {source / 'stolen.txt'}: a symbolic link to {tmp_path / 'private' / 'secret.txt'}, "
        f"outside {source}: not read (--follow-links reads it)",
        f"error: {source / '..' / 'x'}: {outside}"]
    book = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert [doc["meta"]["title"] for doc in book["documents"]] == ["الْعُنْوَانُ الْمُشَكَّلُ", "مقالة الأرقام"]
    assert SENTINEL not in (out / "b.json").read_text(encoding="utf-8")


def test_order_without_sources_is_a_usage_error(tmp_path: Path) -> None:
    order = tmp_path / "order.txt"
    order.write_text("/etc/hostname\n", encoding="utf-8")
    result = run_watched(tmp_path, tmp_path / "out", "--to", "json", "--book", "كتاب", "--order", str(order))
    assert result.returncode == 2
    assert error_lines(result) == ["convert: error: give at least one SRC file or folder "
                                   "(--order takes its articles from them)"]
    assert not (tmp_path / "out").exists()


# Names no listing can hold, and names too long ----------------------------------

def bytes_named(folder: Path, name: bytes, key: str) -> str:
    """An article under a name given as bytes; the name as the CLI prints it."""
    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as handle:
        handle.write(ARTICLES[key].encode("utf-8"))
    return printable(os.fsdecode(path))


def test_unlistable_and_overlong_names_are_refused_and_the_run_goes_on(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    source.mkdir()
    write_articles(source, {"digits": "good.txt", "persian": "فارسی‌نامه.txt", "vocalised": "v.txt"})
    refused = {
        bytes_named(source, b"bad\xff.txt", "digits"): "its name is not valid UTF-8",
        bytes_named(source, b"ctl\x01x.txt", "digits"): "its name holds a control character or "
                                                         "non-character (U+0001)",
        bytes_named(source, b"esc\x1b[2J\x1b[31mred.txt", "digits"): "U+001B",
        bytes_named(source, b"nl\nerror: forged.txt", "digits"): "U+000A",
        # 236 + ".cover.png" = 246 bytes, and its temporary file 15 more: over 255.
        bytes_named(source, b"a" * 236 + b".txt", "digits"): "its output name is too long "
                                                             "(246 bytes; at most 240)",
    }
    result = run_watched(tmp_path, out, str(source), "--to", "html,json", "--catalog")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x01" not in result.stderr
    errors = error_lines(result)
    assert len(errors) == len(refused)
    for shown, reason in refused.items():
        mine = [line for line in errors if line.startswith(f"error: {shown}: ")]
        assert len(mine) == 1 and reason in mine[0] and mine[0].endswith("not converted (rename it)"), shown
    assert not any(line.startswith("error: forged") for line in result.stderr.splitlines())
    assert "nl\\nerror: forged.txt" in result.stderr and "bad\\xff.txt" in result.stderr
    # The others are whole; the state and the catalogue are written and name only them.
    assert_whole(out, "good", "digits")
    assert_whole(out, "فارسی‌نامه", "persian")
    assert_whole(out, "v", "vocalised")
    stems = ("good", "فارسی‌نامه", "v")
    assert state_keys(out) == {f"{stem}{suffix}" for stem in stems
                               for suffix in (".html", ".json", ".cover.png", ".thumb.png", ".card.png")}
    assert sorted(json.loads((out / ".convert-catalog.json").read_text(encoding="utf-8"))) == sorted(stems)
    assert len(feed_titles(out)) == 3
    assert sorted(os.listdir(os.fsencode(out))) == sorted(
        [b".convert-catalog.json", b".convert-state.json", b".convert.lock", b"catalog.xml", b"feed.xml",
         b"index.html"]
        + [f"{stem}{suffix}".encode() for stem in stems
           for suffix in (".html", ".json", ".cover.png", ".thumb.png", ".card.png")])
    # A second run has nothing new to do, and says the same of the refused names.
    again = run_watched(tmp_path, out, str(source), "--to", "html,json", "--catalog")
    assert again.returncode == 1 and len(error_lines(again)) == len(refused)


def test_names_the_catalogue_cannot_list_in_out_are_left_out(tmp_path: Path) -> None:
    """Files in OUT from elsewhere (an older version, a copy by hand): a control
    character in a name, a name not UTF-8, a dangling link, a link to a file."""
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source)
    out.mkdir()
    for name in (b"old\x01name.pdf", b"old\xfe.epub"):
        with open(os.path.join(os.fsencode(out), name), "wb") as handle:
            handle.write(b"%PDF-1.7\n")
    (out / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (out / "elsewhere.html").symlink_to(secret(tmp_path))
    result = run_watched(tmp_path, out, str(source), "--to", "html", "--catalog")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert sorted(warnings) == sorted([
        f"warning: {out / 'elsewhere.html'}: not a regular file: left out of the catalogue",
        f"warning: {out / 'gone.pdf'}: not a regular file: left out of the catalogue",
        f"warning: {out}/old\\x01name.pdf: its name is not UTF-8 or holds a control character: "
        "left out of the catalogue",
        f"warning: {out}/old\\xfe.epub: its name is not UTF-8 or holds a control character: "
        "left out of the catalogue"])
    assert sorted(feed_titles(out)) == sorted(["مقالة الأرقام", "یادداشت فارسی", "الْعُنْوَانُ الْمُشَكَّلُ"])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "gone.pdf" not in page and "elsewhere" not in page and "old" not in page
    assert (out / "gone.pdf").is_symlink()  # left as it was


# Reserved names -------------------------------------------------------------------

def test_the_catalogue_never_replaces_an_articles_index_page(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source, {"digits": "index.txt"})
    first = run_watched(tmp_path, out, str(source), "--to", "html,json")
    assert first.returncode == 0, first.stderr
    article_page = (out / "index.html").read_bytes()
    result = run_watched(tmp_path, out, str(source), "--to", "html,json", "--catalog")
    assert result.returncode == 1
    assert error_lines(result) == [
        f"error: {source / 'index.txt'}: its output {out / 'index.html'} would overwrite the catalogue's "
        "(--catalog)",
        f"error: {out / 'index.html'}: not the catalogue's page (an article's output, or a file of yours): "
        "left as it is and the catalogue's page not written; move it away"]
    assert (out / "index.html").read_bytes() == article_page
    assert WORDS["digits"] in text_of(out / "index.html")
    # The feed is written; the article's JSON, written before --catalog, is listed by its file name.
    assert sorted(feed_titles(out)) == sorted(["index", "یادداشت فارسی", "الْعُنْوَانُ الْمُشَكَّلُ"])
    assert_whole(out, "persian", "persian")


def test_an_article_never_replaces_the_catalogues_index_page(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    articles = write_articles(source, {"digits": "index.txt"})
    assert run_watched(tmp_path, out, str(articles["persian"]), "--to", "html", "--catalog").returncode == 0
    catalogue_page = (out / "index.html").read_bytes()
    result = run_watched(tmp_path, out, str(articles["digits"]), "--to", "html")
    assert result.returncode == 1
    assert error_lines(result) == [f"error: {articles['digits']}: its output {out / 'index.html'} would "
                                   "overwrite the catalogue's (--catalog)"]
    assert (out / "index.html").read_bytes() == catalogue_page


def test_sources_named_as_the_state_and_store_files_are_refused(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source, {"digits": ".convert-state.txt", "vocalised": ".convert-catalog.txt"})
    result = run_watched(tmp_path, out, *(str(source / name) for name in (
        ".convert-state.txt", ".convert-catalog.txt", "persian.txt")), "--to", "json", "--catalog")
    assert result.returncode == 1
    assert error_lines(result) == [
        f"error: {source / '.convert-state.txt'}: its output {out / '.convert-state.json'} "
        "would overwrite the state file",
        f"error: {source / '.convert-catalog.txt'}: its output {out / '.convert-catalog.json'} "
        "would overwrite the catalogue's store"]
    assert state_keys(out) == {"persian.json", "persian.cover.png", "persian.thumb.png", "persian.card.png"}
    assert list(json.loads((out / ".convert-catalog.json").read_text(encoding="utf-8"))) == ["persian"]
    assert_whole(out, "persian", "persian", (".json",))


@pytest.mark.parametrize(("name", "owner"), [(".convert-catalog", "the catalogue's store"),
                                             (".convert-state", "the state file")])
def test_a_book_cannot_take_the_state_or_store_files_name(name: str, owner: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli(str(FIXTURES / "book"), "--to", "json", "-o", str(out), "--catalog").returncode == 0
    kept = {path.name: path.read_bytes() for path in out.iterdir()}
    result = run_watched(tmp_path, out, str(FIXTURES / "book"), "--to", "json", "--book", "كتاب",
                         "--name", name, "--catalog")
    assert result.returncode == 2
    assert error_lines(result) == [f"convert: error: --name {name}: the book's json {out / name}.json "
                                   f"would overwrite {owner}"]
    assert {path.name: path.read_bytes() for path in out.iterdir()} == kept


def test_a_book_name_with_a_control_character_is_a_usage_error(tmp_path: Path) -> None:
    result = run_watched(tmp_path, tmp_path / "out", str(FIXTURES / "book"), "--to", "json", "--book", "كتاب",
                         "--name", "a\x1b]0;pwned\x07b")
    assert result.returncode == 2 and "\x1b" not in result.stderr
    assert error_lines(result) == ["convert: error: --name a\\x1b]0;pwned\\x07b: its name holds a control "
                                   "character or non-character (U+001B)"]


# Printing names ---------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "shown"), [
    ("a\nerror: x", "a\\nerror: x"),
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("bad\udcff.txt", "bad\\xff.txt"),  # a byte that was not UTF-8, as os.fsdecode gives it
    ("\u202egnp.exe", "\\u202egnp.exe"),
    ("tab\there\u2028next\x85", "tab\\there\\u2028next\\x85"),
    ("فارسی‌نامه مقالة الْعُنْوَانُ Omar 2024", "فارسی‌نامه مقالة الْعُنْوَانُ Omar 2024"),
])
def test_printable_escapes_what_moves_the_terminal_and_keeps_text(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_the_longest_name_that_fits_is_converted_in_every_part(tmp_path: Path) -> None:
    """240 bytes with ".cover.png", and 255 with its temporary name: the
    filesystem's limit, reached, not passed (one byte more is refused above)."""
    source, out = tmp_path / "src", tmp_path / "out"
    write_articles(source, {"persian": "ب" * 115 + ".txt"})  # 230 bytes of Arabic letters
    result = run_watched(tmp_path, out, str(source), "--to", "html,json", "--catalog")
    assert result.returncode == 0, result.stderr
    assert_whole(out, "ب" * 115, "persian")
    assert len(("ب" * 115 + ".cover.png").encode()) == 240
    assert (out / ("ب" * 115 + ".cover.png")).stat().st_size > 0
    assert len(feed_titles(out)) == 3

"""Shared test helpers: paths, options, running conversions, external tools, and EPUBCheck."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from epubcheck_helper import epubcheck, epubcheck_jar

from convert.model import Document, reader_texts
from convert.options import Options
from convert.reading.reader import read_file
from convert.reading.transforms import prepare
from convert.text.shown import shown_byline, shown_title

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "iran-and-al-qaeda.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MIXED = FIXTURES / "mixed.txt"
# CI sets CI=true: there a missing tool fails its tests instead of skipping them.
IN_CI = os.environ.get("CI", "").lower() in ("true", "1")


def load(path: Path, options: Options | None = None) -> Document:
    """The document exactly as exporters receive it (disclaimer applied)."""
    return prepare(read_file(path).document, options or Options())


def source_texts(doc: Document) -> list[str]:
    """What a reader should find, in order: title, byline, body, disclaimer;
    a title or byline past its limit as the formats show it (text/shown.py)."""
    meta = doc.meta
    return reader_texts(doc.with_meta(title=shown_title(meta.title), author=shown_byline(meta.author)))


# Invisible bidi marks: the PDF's text layer has Arabic letter marks where
# some viewers need one to keep a run together (engine_fixes/copy_text).
BIDI_MARKS = dict.fromkeys(map(ord, "\u061c\u200e\u200f"))


def squash(text: str) -> str:
    """Text with all white space and bidi marks removed, to compare across line breaks."""
    return "".join(text.translate(BIDI_MARKS).split())


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `python -m convert` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def export(fmt: str, source: Path, target: Path, options: Options | None = None) -> Path:
    """Convert one article to one format in-process; returns the output path."""
    from convert.exporters import get_exporter

    options = options or Options()
    get_exporter(fmt).export(load(source, options), target, options)
    return target


def seed_copies(folder: Path, count: int) -> Path:
    """folder holding count copies of the seed article (00.txt, 01.txt …)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"{index:02d}.txt").write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture
def options() -> Options:
    return Options()


# ---------------------------------------------------------------- external tools

def require(found: bool, reason: str) -> None:
    """Skip the test for lack of something outside Python; in CI fail it instead,
    so that CI never passes by silently skipping what scripts/install --test installs."""
    if found:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing tool fails, never skips)", pytrace=False)
    pytest.skip(reason)


def require_tool(*names: str) -> str:
    """The path of the first of these programs that is installed (else as require)."""
    path = next(filter(None, map(shutil.which, names)), None)
    require(path is not None, f"needs {' or '.join(names)} (scripts/install --test installs it)")
    return path



def libreoffice_pdfs(documents: list[Path], folder: Path, *, convert_to: str = "pdf",
                     env: dict[str, str] | None = None) -> list[Path]:
    """Render documents to PDF with LibreOffice, in one run (a start costs seconds), into folder;
    the PDFs' paths, in the documents' order. Its profile lives in folder, apart from the user's."""
    require_tool("soffice")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder / 'lo_profile'}",
                    "--convert-to", convert_to, "--outdir", str(folder), *map(str, documents)],
                   capture_output=True, timeout=300, check=True, env=env)
    return [folder / f"{document.stem}.pdf" for document in documents]

# ---------------------------------------------------------------- EPUBs that EPUBCheck checks

# Builds a module's shared outputs into a folder: (what its tests use, the EPUBs that must pass EPUBCheck).
EpubBuild = Callable[[Path], tuple[Any, list[Path]]]
EPUB_BUILDS: list[EpubBuild] = []


def epub_build(build: EpubBuild) -> EpubBuild:
    """Register a module's build, so that one EPUBCheck run covers its books with everyone else's."""
    EPUB_BUILDS.append(build)
    return build


class EpubBuilds:
    """Each registered build made once a session, and EPUBCheck's problems with each book it made.

    Java's start-up and EPUBCheck's warm-up cost seconds, a book a fraction of a second:
    the first question about any book makes every build this session's tests use and
    checks all their books in one Java run.
    """

    def __init__(self, session: pytest.Session, factory: pytest.TempPathFactory) -> None:
        self._session = session
        self._factory = factory
        self._made: dict[EpubBuild, tuple[Any, list[Path]] | Exception] = {}
        self._problems: dict[Path, list[str]] = {}

    def __getitem__(self, build: EpubBuild) -> Any:
        """What the build made for its module's tests (its error raised again, if it failed)."""
        made = self._make(build)
        if isinstance(made, Exception):
            raise made
        return made[0]

    def problems(self, epub: Path) -> list[str]:
        """Every fatal, error and warning EPUBCheck reports for one built EPUB."""
        if epub not in self._problems:
            jar = epubcheck_jar()
            require(jar is not None, "needs the epubcheck package (pip install -e '.[test]')")
            require_tool("java")
            # A build that failed fails its own module's tests, not the check of the others.
            made = [self._make(build) for build in self._used_builds()]
            epubs = [path for result in made if not isinstance(result, Exception) for path in result[1]]
            epubs = [path for path in epubs if path not in self._problems]
            folder = self._factory.mktemp("epubcheck")
            self._problems.update(zip(epubs, epubcheck(jar, epubs, folder), strict=True))
        return self._problems[epub]

    def _make(self, build: EpubBuild) -> tuple[Any, list[Path]] | Exception:
        if build not in self._made:
            try:
                self._made[build] = build(self._factory.mktemp(f"{build.__module__}-{build.__name__}"))
            except Exception as error:  # kept for __getitem__ to raise in the build's own tests
                self._made[build] = error
        return self._made[build]

    def _used_builds(self) -> list[EpubBuild]:
        # Only builds of modules with tests in this session: one module run alone builds its books only
        # (a module importing another one's helpers registers that one's build too).
        modules = {item.module.__name__ for item in self._session.items if hasattr(item, "module")}
        return [build for build in EPUB_BUILDS if build.__module__ in modules]


@pytest.fixture(scope="session")
def epub_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> EpubBuilds:
    return EpubBuilds(request.session, tmp_path_factory)


def environment_without_amiri(folder: Path) -> dict[str, str]:
    """An environment whose font configuration holds every system font except Amiri."""
    fonts = folder / "fonts"
    fonts.mkdir()
    listing = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\n"],
                             capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        family, _, file = line.partition("\t")
        link = fonts / Path(file).name
        if "amiri" not in family.lower() and not link.exists():
            link.symlink_to(file)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}

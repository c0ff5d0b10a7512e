"""The catalogue (--catalog, issue 21): catalog.xml, an OPDS 1.2 acquisition
feed, validated against the OPDS 1.2 / Atom RELAX NG schema and read back
with feedparser (what feed-reading e-reader apps build on); index.html,
rendered by Chromium, every link and picture resolving; and both staying
whole across incremental runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED, require_tool, run_cli
from lxml import etree

from convert.catalog.listing import CATALOG_FILE, INDEX_FILE

OPDS_SCHEMA = ROOT / "tests" / "schemas" / "opds" / "opds.rng"  # see its README
STORE = FIXTURES / "store" / "memory.txt"
ACQUISITION = "http://opds-spec.org/acquisition"
MEDIA_TYPES = {".epub": "application/epub+zip", ".pdf": "application/pdf",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@pytest.fixture(scope="module")
def catalogued(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Distinct articles in a nested folder (one with store metadata, one mixed-direction,
    one vocalised), converted with --catalog, and a book converted into the same folder."""
    folder = tmp_path_factory.mktemp("catalog")
    source = folder / "src"
    (source / "opinion").mkdir(parents=True)
    for path in (SEED, STORE, FIXTURES / "mixed.txt"):
        shutil.copy(path, source / path.name)
    shutil.copy(FIXTURES / "pdf" / "tashkeel.txt", source / "opinion" / "مقالة مشكولة.txt")
    out = folder / "out"
    result = run_cli(str(source), "--to", "pdf,docx,epub", "-o", str(out), "--catalog")
    assert result.returncode == 0, result.stderr
    book = run_cli(*(str(path) for path in sorted((FIXTURES / "book").glob("*.txt"))), "--to", "epub",
                   "--book", "كتاب المقالات", "--book-author", "هيئة التحرير", "-o", str(out), "--catalog")
    assert book.returncode == 0, book.stderr
    return out


def entries(out: Path) -> list[etree._Element]:
    feed = etree.parse(str(out / CATALOG_FILE))
    return feed.getroot().findall("{http://www.w3.org/2005/Atom}entry")


def test_the_catalogue_is_valid_opds_1_2(catalogued: Path) -> None:
    schema = etree.RelaxNG(etree.parse(str(OPDS_SCHEMA)))
    feed = etree.parse(str(catalogued / CATALOG_FILE))
    assert schema.validate(feed), schema.error_log.last_error


def test_the_schema_refuses_an_entry_without_an_id(catalogued: Path) -> None:
    """The schema test can fail: the same feed less one entry's id is refused."""
    schema = etree.RelaxNG(etree.parse(str(OPDS_SCHEMA)))
    feed = etree.parse(str(catalogued / CATALOG_FILE))
    first = feed.getroot().find("{http://www.w3.org/2005/Atom}entry")
    first.remove(first.find("{http://www.w3.org/2005/Atom}id"))
    assert not schema.validate(feed)


def test_a_feed_reader_finds_every_article_and_the_book(catalogued: Path) -> None:
    import feedparser

    feed = feedparser.parse((catalogued / CATALOG_FILE).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = {entry.title for entry in feed.entries}
    assert titles == {"إيران والقاعدة", "عن الذاكرة والمدينة", "كتاب المقالات",
                      *_titles_of(FIXTURES / "mixed.txt"), *_titles_of(FIXTURES / "pdf" / "tashkeel.txt")}
    memory = next(entry for entry in feed.entries if entry.title == "عن الذاكرة والمدينة")
    assert [author.name for author in memory.authors] == ["سلمى الخطيب", "Omar Haddad"]
    assert memory.id == "urn:isbn:9783161484100"
    assert memory.dcterms_language == "ar"
    assert memory.summary.startswith("المدن لا تنسى")
    assert [tag.term for tag in memory.tags] == ["ذاكرة", "مدن", "تاريخ", "ثقافة"]
    book = next(entry for entry in feed.entries if entry.title == "كتاب المقالات")
    assert [author.name for author in book.authors] == ["هيئة التحرير"]
    # A book's summary: what it holds, its articles' titles in book order.
    titles = [title for path in sorted((FIXTURES / "book").glob("*.txt")) for title in _titles_of(path)]
    assert book.summary == "، ".join(titles)


def _titles_of(path: Path) -> set[str]:
    from convert.reading.reader import read_file

    return {read_file(path).document.meta.title}


def test_every_entry_links_each_format_written_and_its_cover(catalogued: Path) -> None:
    import feedparser

    feed = feedparser.parse((catalogued / CATALOG_FILE).read_bytes())
    for entry in feed.entries:
        acquisitions = [link for link in entry.links if link.rel == ACQUISITION]
        assert acquisitions, entry.title
        for link in acquisitions:
            target = catalogued / _path(link.href)
            assert target.is_file(), link.href
            assert link.type == MEDIA_TYPES[target.suffix]
        pictures = {link.rel.rsplit("/", 1)[-1]: link for link in entry.links
                    if "opds-spec.org/image" in link.rel}
        assert set(pictures) == {"image", "thumbnail"}
        for link in pictures.values():
            assert link.type == "image/png" and (catalogued / _path(link.href)).is_file()
        article_formats = {Path(_path(link.href)).suffix for link in acquisitions}
        assert article_formats == ({".epub"} if entry.title == "كتاب المقالات" else set(MEDIA_TYPES))


def _path(href: str) -> str:
    from urllib.parse import unquote

    assert not href.startswith(("/", "file:", "http")), href  # relative: the folder can move
    return unquote(href)


def test_a_cover_keeps_its_proportions_and_a_thumbnail_is_shelf_sized(catalogued: Path) -> None:
    from PIL import Image

    with Image.open(catalogued / "memory.cover.png") as cover, \
            Image.open(catalogued / "memory.thumb.png") as thumb:
        assert cover.size == (1600, 2560) and thumb.size == (200, 320)
        # Drawn, not blank: the title's light letters on the accent ground.
        assert len(thumb.convert("L").getcolors(maxcolors=256 * 256) or []) > 20


def test_an_incremental_run_keeps_every_entry(catalogued: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(catalogued, out)
    before = {entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in entries(out)}
    # Only one article this time, and nothing to rewrite: the catalogue still lists all.
    result = run_cli(str(SEED), "--to", "pdf,docx,epub", "-o", str(out), "--catalog")
    assert result.returncode == 0, result.stderr
    assert {entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in entries(out)} == before
    # An article whose outputs were removed leaves the catalogue (and its store).
    for path in out.glob("memory.*"):
        path.unlink()
    assert run_cli(str(SEED), "--to", "pdf", "-o", str(out), "--catalog").returncode == 0
    after = {entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in entries(out)}
    assert after == before - {"urn:isbn:9783161484100"}
    assert not any("memory" in stem for stem in json.loads((out / ".convert-catalog.json").read_text()))


def test_an_article_named_index_cannot_take_the_index_page(tmp_path: Path) -> None:
    (tmp_path / "index.txt").write_text("عنوان\n\nنص.\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("عنوان آخر\n\nنص آخر.\n", encoding="utf-8")
    result = run_cli(str(tmp_path / "index.txt"), str(tmp_path / "other.txt"), "--to", "html",
                     "-o", str(tmp_path / "out"), "--catalog")
    assert result.returncode != 0 and "would overwrite the catalogue" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "other.html").is_file()
    assert "<ul class=\"entries\">" in (tmp_path / "out" / INDEX_FILE).read_text(encoding="utf-8")


# Appended to a copy of the index page: what Chromium made of it, as JSON in the DOM.
_PROBE = """<script>
window.addEventListener("load", () => {
  const report = {
    direction: getComputedStyle(document.body).direction,
    links: [...document.querySelectorAll("a")].map(a => a.href),
    pictures: [...document.images].map(img => {
      const card = img.closest("li").getBoundingClientRect(), own = img.getBoundingClientRect();
      return [img.src, img.naturalWidth, own.left - card.left, card.right - own.right];
    }),
  };
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
});
</script>"""


def test_chromium_renders_the_index_right_to_left_and_every_link_resolves(catalogued: Path,
                                                                          tmp_path: Path) -> None:
    program = require_tool("chromium", "chromium-browser")
    probe = catalogued / "probe-index.html"
    page = (catalogued / INDEX_FILE).read_text(encoding="utf-8")
    probe.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    try:
        dom = subprocess.run(
            [program, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=True).stdout
    finally:
        probe.unlink()
    report = json.loads(etree.HTML(dom).findtext(".//pre[@id='probe']"))
    assert report["direction"] == "rtl"
    assert len(report["pictures"]) == len(entries(catalogued))
    for source, natural_width, room_left, room_right in report["pictures"]:
        assert natural_width == 200, source  # the thumbnail loaded
        assert room_right < room_left, source  # at the card's right: it reads right to left
    from urllib.parse import unquote, urlparse

    for link in report["links"]:
        path = Path(unquote(urlparse(link).path))
        assert path.is_file(), link

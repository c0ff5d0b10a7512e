"""The Atom feed (--catalog, issue 33): OUT/feed.xml validated against RFC
4287's RELAX NG schema (the one the OPDS catalogue's includes) and read back
with feedparser, the parser feed readers and many websites build on: its
entries, their order, links, enclosure, languages and dates; hostile
titles; Arabic, Persian and Urdu articles; articles without a date; a book;
and the feed kept whole and right across incremental runs."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from conftest import FIXTURES, ROOT, SEED, run_cli
from lxml import etree
from PIL import Image

from convert.catalog.entry import CatalogEntry
from convert.catalog.feed import FEED_ENTRIES, FeedHead, feed_xml
from convert.catalog.listing import FEED_FILE, Outputs
from convert.catalog.opds import Listed

ATOM_SCHEMA = ROOT / "tests" / "schemas" / "opds" / "atom.rng"  # RFC 4287 Appendix B, see its README
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/رأي/"  # a newsroom's folder, named in Arabic
BASE_ENCODED = "https://example.org/%D8%B1%D8%A3%D9%8A/"
PUBLISHER = "صحيفة «الغد» & Co."
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
EPOCH_TIME = "2023-11-14T22:13:20Z"

# Titles as the reader leaves them: control characters and bidi overrides
# dropped, marks (RLM, LRM) kept; XML's own characters as they are.
HOSTILE_TITLE = 'عنوان ]]> <b>&amp; "مقتبس" \u200fRLMو\u200e end'
PERSIAN_TITLE = "چرا می\u200cخواهیم بنویسیم"
URDU_TITLE = "اردو صحافت کا مستقبل"
LONG_PARAGRAPH = " ".join(["كلمة طويلة نسبيا في فقرة افتتاحية"] * 40)  # some 1,300 characters
ARTICLES = {
    "memory.txt": (FIXTURES / "store" / "memory.txt").read_text(encoding="utf-8"),
    "iran.txt": SEED.read_text(encoding="utf-8"),
    "فارسی/یادداشت اول.txt": ("---\nlang: fa\ndate: 2024-05-01\ntags: [سیاست, فرهنگ]\n---\n"
                              f"{PERSIAN_TITLE}\n\nاین نخستین بند یادداشت است که ۱۴۰۳ نوشته شد.\n"),
    "urdu.txt": ("---\nlang: ur\ndate: 2023-12-01\nauthor: ندا خان\n---\n"
                 f"{URDU_TITLE}\n\nیہ پہلا پیراگراف ہے۔\n"),
    "hostile.txt": ("---\ndate: 2024-05-01\nauthor: '</script> \"كاتب\"'\n---\n"
                    'عنوان ]]> <b>&amp; "مقتبس" \u200fRLM\u202eو\u0007\u200e end\n\nفقرة < أولى & أخيرة.\n'),
    "long.txt": f"---\ndate: 2022-01-01\n---\nمقالة طويلة\n\n{LONG_PARAGRAPH}\n\nفقرة ثانية.\n",
    "undated b.txt": "بلا تاريخ ثان\n\nنص.\n",
    "undated a.txt": "أ بلا تاريخ أول\n\nنص.\n",
    "month.txt": "---\ndate: 2024-03\n---\nشهر بلا يوم\n\nنص.\n",
}
# By date, newest first, then by title (code point order); undated after.
ORDER = [HOSTILE_TITLE, PERSIAN_TITLE, "عن الذاكرة والمدينة", "شهر بلا يوم", URDU_TITLE, "مقالة طويلة",
         "أ بلا تاريخ أول", "إيران والقاعدة", "بلا تاريخ ثان"]


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    for name, text in articles.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_card(path: Path, size: tuple[int, int] = (1200, 630)) -> None:
    """A share card as the card part writes it (NAME.card.png, 1200×630)."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "#7a1f1f").save(path)


def write_theme(folder: Path, base_url: str = "") -> Path:
    theme = folder / "theme.toml"
    theme.write_text(f'[publishing]\npublisher = "صحيفة «الغد» & Co."\nbase_url = "{base_url}"\n',
                     encoding="utf-8")
    return theme


def convert(sources: Path, out: Path, *args: str, epoch: str = EPOCH) -> None:
    """A run with --catalog at SOURCE_DATE_EPOCH epoch ("" : now)."""
    result = run_cli(str(sources), "-o", str(out), "--catalog", *args, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def fed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles as HTML and JSON, published under BASE, with a share card
    for two of them (one in a subfolder) and a stray card of no article."""
    folder = tmp_path_factory.mktemp("feed")
    out = folder / "out"
    for name in ("memory", "فارسی/یادداشت اول", "stray"):
        write_card(out / f"{name}.card.png")
    sources = write_articles(folder / "src", ARTICLES)
    convert(sources, out, "--to", "html,json", "--style", str(write_theme(folder, BASE)))
    return out


def parsed(out: Path):
    import feedparser

    feed = feedparser.parse((out / FEED_FILE).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def by_title(feed) -> dict:
    return {entry.title: entry for entry in feed.entries}


def local(out: Path, address: str) -> Path:
    """The file an address under BASE names in the folder."""
    assert address.startswith(BASE_ENCODED), address
    return out / unquote(urlsplit(address).path.removeprefix(urlsplit(BASE_ENCODED).path))


def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(ATOM_SCHEMA)))


def test_the_feed_is_valid_atom(fed: Path) -> None:
    feed = etree.parse(str(fed / FEED_FILE))
    assert schema().validate(feed), schema().error_log.last_error


def test_the_schema_refuses_an_entry_without_its_updated_date(fed: Path) -> None:
    """The schema test can fail: the same feed less one entry's updated is refused."""
    feed = etree.parse(str(fed / FEED_FILE))
    first = feed.getroot().find(f"{ATOM}entry")
    first.remove(first.find(f"{ATOM}updated"))
    assert not schema().validate(feed)


def test_the_rules_the_schema_leaves_to_schematron(fed: Path) -> None:
    """RFC 4287's rules no RELAX NG checks: an author for every entry (the
    feed's), content or an alternate link in each entry, ids unique."""
    root = etree.parse(str(fed / FEED_FILE)).getroot()
    assert root.findtext(f"{ATOM}author/{ATOM}name") == PUBLISHER
    entries = root.findall(f"{ATOM}entry")
    assert all(entry.find(f"{ATOM}link[@rel='alternate']") is not None for entry in entries)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) == len(ARTICLES)


def test_entries_newest_first_then_by_title_undated_last(fed: Path) -> None:
    feed = parsed(fed)
    assert [entry.title for entry in feed.entries] == ORDER


def test_the_feed_says_who_publishes_it_and_where_it_is(fed: Path) -> None:
    feed = parsed(fed).feed
    assert feed.title == PUBLISHER and feed.author_detail.name == PUBLISHER
    assert feed.language == "ar"
    links = {link.rel: link for link in feed.links}
    assert links["self"].href == BASE_ENCODED + FEED_FILE and links["self"].type == "application/atom+xml"
    assert local(fed, links["alternate"].href) == fed / "index.html"
    assert feed.generator == "convert"
    assert feed.updated == EPOCH_TIME


def test_an_entry_has_its_authors_dates_summary_and_categories(fed: Path) -> None:
    entries = by_title(parsed(fed))
    memory = entries["عن الذاكرة والمدينة"]
    assert [author.name for author in memory.authors] == ["سلمى الخطيب", "Omar Haddad"]
    assert memory.published == "2024-03-15T00:00:00Z" and memory.published_parsed[:3] == (2024, 3, 15)
    assert memory.updated == EPOCH_TIME
    # The front matter's description, not the first paragraph.
    assert memory.summary == "مقالة عن المدن التي تحفظ ذاكرتها وتلك التي تنساها."
    assert [tag.term for tag in memory.tags] == ["ذاكرة", "مدن", "تاريخ", "ثقافة"]
    # No description: the first paragraph.
    assert entries["إيران والقاعدة"].summary.startswith("في الأيام الأخيرة من عهد الرئيس")
    assert not entries["إيران والقاعدة"].get("tags")


def test_a_long_first_paragraph_is_cut_at_a_word(fed: Path) -> None:
    summary = by_title(parsed(fed))["مقالة طويلة"].summary
    assert summary.endswith("…") and len(summary) <= 401
    kept = summary.removesuffix("…")
    assert LONG_PARAGRAPH.startswith(kept) and LONG_PARAGRAPH[len(kept)] == " "


def test_an_article_without_a_day_has_no_published_date(fed: Path) -> None:
    entries = by_title(parsed(fed))
    for title in ("شهر بلا يوم", "إيران والقاعدة", "أ بلا تاريخ أول"):
        assert "published" not in entries[title], title
        assert entries[title].updated == EPOCH_TIME


def test_each_entry_carries_its_language(fed: Path) -> None:
    entries = by_title(parsed(fed))
    languages = {title: entry.title_detail.language for title, entry in entries.items()}
    assert languages[PERSIAN_TITLE] == "fa" and languages[URDU_TITLE] == "ur"
    assert languages["عن الذاكرة والمدينة"] == "ar"
    assert entries[PERSIAN_TITLE].summary == "این نخستین بند یادداشت است که ۱۴۰۳ نوشته شد."
    assert [tag.term for tag in entries[PERSIAN_TITLE].tags] == ["سیاست", "فرهنگ"]
    assert entries[URDU_TITLE].author == "ندا خان"


def test_hostile_titles_and_names_come_back_whole(fed: Path) -> None:
    entries = by_title(parsed(fed))
    hostile = entries[HOSTILE_TITLE]  # ]]>, <, &, quotes and the bidi marks: as the reader kept them
    assert hostile.author == '</script> "كاتب"'
    assert hostile.summary == "فقرة < أولى & أخيرة."
    raw = (fed / FEED_FILE).read_text(encoding="utf-8")
    assert "\u202e" not in raw and "\x07" not in raw and "<b>" not in raw


def test_links_are_absolute_under_the_base_and_reach_the_html(fed: Path) -> None:
    for entry in parsed(fed).entries:
        alternates = [link for link in entry.links if link.rel == "alternate"]
        assert [link.type for link in alternates] == ["text/html"], entry.title
        page = local(fed, alternates[0].href)
        assert page.is_file() and page.suffix == ".html", alternates[0].href
    persian = by_title(parsed(fed))[PERSIAN_TITLE].link
    assert persian == BASE_ENCODED + quote("فارسی/یادداشت اول.html")  # UTF-8, percent-encoded


def test_a_share_card_is_the_enclosure_and_the_thumbnail(fed: Path) -> None:
    """--catalog draws each article's share card (the card catalogue part),
    and its entry links it, by its size on disk and its pixel size."""
    entries = by_title(parsed(fed))
    for title, name in (("عن الذاكرة والمدينة", "memory"), (PERSIAN_TITLE, "فارسی/یادداشت اول"),
                        ("إيران والقاعدة", "iran")):
        entry = entries[title]
        [enclosure] = entry.enclosures
        card = fed / f"{name}.card.png"
        assert local(fed, enclosure.href) == card
        assert enclosure.type == "image/png" and int(enclosure.length) == card.stat().st_size
        with Image.open(card) as drawn:
            assert drawn.size == (1200, 630)
        [thumbnail] = entry.media_thumbnail
        assert thumbnail["url"] == enclosure.href
        assert (thumbnail["width"], thumbnail["height"]) == ("1200", "630")
    # A card of no article is no entry.
    assert "stray" not in (fed / FEED_FILE).read_text(encoding="utf-8")


def test_without_a_base_links_are_relative_and_name_each_format(tmp_path: Path) -> None:
    """No HTML written: an alternate link to each format, with its media type."""
    articles = {"a b.txt": ARTICLES["urdu.txt"], "c.txt": ARTICLES["memory.txt"]}
    sources = write_articles(tmp_path / "src", articles)
    out = tmp_path / "out"
    write_card(out / "c.card.png")
    convert(sources, out, "--to", "docx,json", "--style", str(write_theme(tmp_path)))
    assert schema().validate(etree.parse(str(out / FEED_FILE)))
    feed = parsed(out)
    assert {link.rel: link.href for link in feed.feed.links}["self"] == FEED_FILE
    types = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ".json": "application/json"}
    for entry in feed.entries:
        alternates = [link for link in entry.links if link.rel == "alternate"]
        for link in alternates:
            assert not urlsplit(link.href).scheme and not link.href.startswith("/"), link.href
            path = out / unquote(link.href)
            assert path.is_file() and types[path.suffix] == link.type
        assert sorted(Path(unquote(link.href)).suffix for link in alternates) == [".docx", ".json"]
    assert by_title(feed)["عن الذاكرة والمدينة"].enclosures[0].href == "c.card.png"


def _ids(out: Path) -> dict[str, str]:
    return {entry.title: entry.id for entry in parsed(out).entries}


def test_incremental_runs_add_change_and_remove_entries(tmp_path: Path) -> None:
    """Runs at the real time (SOURCE_DATE_EPOCH is part of an output's
    options: a new one would rewrite every output)."""
    out, sources = tmp_path / "out", write_articles(tmp_path / "src", ARTICLES)
    theme = write_theme(tmp_path, BASE)
    now = ("--to", "html,json", "--style", str(theme))
    convert(sources, out, *now, epoch="")
    before = (out / FEED_FILE).read_bytes()
    first = {entry.title: (entry.id, entry.updated) for entry in parsed(out).entries}
    # Nothing changed: the same feed, byte for byte.
    convert(sources, out, *now, epoch="")
    assert (out / FEED_FILE).read_bytes() == before
    # An article added, one corrected (a new title), one deleted with its outputs.
    time.sleep(1.1)  # so that the second run's time differs from the first's
    write_articles(sources, {"new.txt": "---\ndate: 2025-01-01\n---\nمقالة جديدة\n\nنص جديد.\n"})
    urdu = sources / "urdu.txt"
    urdu.write_text(ARTICLES["urdu.txt"].replace(URDU_TITLE, "اردو صحافت کا نیا مستقبل"), encoding="utf-8")
    (sources / "iran.txt").unlink()
    for path in out.glob("iran.*"):
        path.unlink()
    convert(sources, out, *now, epoch="")
    assert schema().validate(etree.parse(str(out / FEED_FILE)))
    feed = parsed(out)
    entries = by_title(feed)
    assert feed.entries[0].title == "مقالة جديدة"
    assert "إيران والقاعدة" not in entries and URDU_TITLE not in entries
    assert len(entries) == len(ARTICLES)
    corrected = entries["اردو صحافت کا نیا مستقبل"]
    first_id, first_updated = first[URDU_TITLE]
    assert corrected.id == first_id  # a revision keeps its entry's id (RFC 4287 4.2.6)
    assert corrected.updated > first_updated
    assert feed.feed.updated == corrected.updated == entries["مقالة جديدة"].updated
    unchanged = entries["عن الذاكرة والمدينة"]  # skipped: as it was
    assert (unchanged.id, unchanged.updated) == first["عن الذاكرة والمدينة"]
    # --force rewrites everything: the same entries, the same ids, one new time.
    kept = {entry.title: entry.id for entry in feed.entries}
    time.sleep(1.1)
    convert(sources, out, *now, "--force", epoch="")
    forced = parsed(out).entries
    assert {entry.title: entry.id for entry in forced} == kept
    assert len({entry.updated for entry in forced}) == 1 and forced[0].updated > corrected.updated


def test_a_book_is_one_entry_of_the_feed(tmp_path: Path) -> None:
    """In book mode the folder holds the book, not its articles: the feed
    has one entry for it, its summary its articles' titles."""
    from convert.reading.reader import read_file

    books = sorted((FIXTURES / "book").glob("*.txt"))
    out = tmp_path / "out"
    result = run_cli(*map(str, books), "--to", "html,epub", "--book", "كتاب <المقالات> ]]>",
                     "--book-author", "هيئة التحرير", "-o", str(out), "--catalog")
    assert result.returncode == 0, result.stderr
    assert schema().validate(etree.parse(str(out / FEED_FILE)))
    [entry] = parsed(out).entries
    assert entry.title == "كتاب <المقالات> ]]>" and entry.author == "هيئة التحرير"
    assert entry.summary == "، ".join(read_file(path).document.meta.title for path in books)
    [alternate] = [link for link in entry.links if link.rel == "alternate"]
    assert alternate.type == "text/html" and (out / unquote(alternate.href)).is_file()


def _listed(index: int, date: str | None) -> Listed:
    entry = CatalogEntry(identifier=f"urn:uuid:{index}", title=f"مقالة {index:03d}", authors=("كاتب",),
                         language="ar", updated="2024-01-01T00:00:00Z", date=date)
    return Listed(entry, Outputs(f"a{index}", {"html": f"a{index}.html"}))


def test_the_feed_holds_the_newest_fifty(tmp_path: Path) -> None:
    listed = [_listed(index, f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}") for index in range(70)]
    listed.append(_listed(99, None))
    xml = feed_xml(listed, FeedHead("عنوان", "ناشر", "ar"), tmp_path)
    assert schema().validate(etree.fromstring(xml).getroottree())
    dates = [element.text for element in etree.fromstring(xml).iter(f"{ATOM}published")]
    assert len(dates) == FEED_ENTRIES == 50
    assert dates == sorted(dates, reverse=True)
    every = sorted((item.entry.date for item in listed if item.entry.date), reverse=True)
    assert dates[-1][:10] == every[FEED_ENTRIES - 1]  # none newer left out


def test_a_store_edited_by_hand_with_a_bad_date_still_validates(tmp_path: Path) -> None:
    """The store is read as untrusted: a date that is no day is left out, not written."""
    xml = feed_xml([_listed(1, "2024-02-30"), _listed(2, "2024")], FeedHead("t", "p", "ar"), tmp_path)
    assert schema().validate(etree.fromstring(xml).getroottree())
    assert b"<published>" not in xml


def test_the_index_page_leads_to_the_feed(fed: Path) -> None:
    """Feed autodiscovery: the catalogue's page names the feed in its head."""
    import html5lib

    page = html5lib.parse((fed / "index.html").read_bytes(), namespaceHTMLElements=False)
    feeds = [link for link in page.iter("link") if link.get("type") == "application/atom+xml"]
    assert [(link.get("rel"), link.get("href"), link.get("title")) for link in feeds] == [
        ("alternate", FEED_FILE, PUBLISHER)]


def test_a_page_of_the_users_is_not_the_feeds_web_page(tmp_path: Path) -> None:
    """An index.html the catalogue did not write stays, and the feed is
    written without pointing readers to it."""
    sources = write_articles(tmp_path / "src", {"a.txt": ARTICLES["urdu.txt"]})
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<!DOCTYPE html><title>صفحتي</title>", encoding="utf-8")
    result = run_cli(str(sources), "-o", str(out), "--to", "json", "--catalog")
    assert result.returncode == 1 and "not the catalogue's page" in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "<!DOCTYPE html><title>صفحتي</title>"
    feed = parsed(out)
    assert [link.rel for link in feed.feed.links] == ["self"]
    assert [entry.title for entry in feed.entries] == [URDU_TITLE]


def test_an_entry_links_the_address_its_page_names_as_canonical(fed: Path) -> None:
    """Under a base named in Arabic (BASE), the feed and the page give one
    article one address: the page's canonical link is its entry's alternate link."""
    import html5lib

    for entry in parsed(fed).entries:
        [alternate] = [link.href for link in entry.links if link.rel == "alternate"]
        page = html5lib.parse(local(fed, alternate).read_bytes(), namespaceHTMLElements=False)
        [canonical] = [link.get("href") for link in page.iter("link") if link.get("rel") == "canonical"]
        assert canonical == alternate and canonical.startswith(BASE_ENCODED)

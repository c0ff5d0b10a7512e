"""EPUB: the produced books opened as a reader would, and as EPUBCheck, HarfBuzz and Chromium see them.

Each book is built once a session; EPUBCheck checks them with every other module's books in one Java run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path, PurePosixPath

import pytest
from conftest import (
    FIXTURES,
    MIXED,
    SEED,
    environment_without_amiri,
    epub_build,
    export,
    load,
    require_tool,
    run_cli,
    source_texts,
)
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image

from convert.exporters.epub.exporter import EpubExporter, content_identifier
from convert.font_subset import subset_font
from convert.fonts import find_font
from convert.model import Document
from convert.options import Options
from convert.text.shown import shown_title
from convert.theme import Embed

EPUB_FIXTURES = FIXTURES / "epub"
NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# name -> (article, options): the real article, the feature mix, and hostile input.
CASES = {
    "seed": (SEED, {}),
    "mixed": (MIXED, {}),
    "hostile": (EPUB_FIXTURES / "hostile.txt", {}),  # markup, bidi controls, no disclaimer of its own
    "long-title": (EPUB_FIXTURES / "long-title.txt", {"footer": False}),
    "title-only": (EPUB_FIXTURES / "title-only.txt", {}),
    "emoji": (FIXTURES / "emoji.txt", {}),  # emoji and symbols Amiri lacks: the theme's fallback faces
}
# What a reader sees of the article in a chapter, in document order.
CHAPTER_TEXT_XPATH = (
    "//h:h1[@class='title'] | //h:span[@class='author'] | //h:time[@class='date']"
    " | //h:div[@class='body']/h:p | //h:div[@class='body']/h:blockquote/h:p | //h:div[@class='body']//h:li"
    " | //h:div[@class='body']/h:*[self::h:h2 or self::h:h3 or self::h:h4 or self::h:h5 or self::h:h6]"
    " | //h:footer/h:p"
)


@dataclass
class Book:
    """A produced EPUB and the article it came from."""

    path: Path
    doc: Document
    options: Options

    @cached_property
    def archive(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.path)

    @cached_property
    def opf_path(self) -> str:
        container = etree.fromstring(self.archive.read("META-INF/container.xml"))
        return container.find(".//c:rootfile", NS).get("full-path")

    @cached_property
    def opf(self) -> etree._Element:
        return etree.fromstring(self.archive.read(self.opf_path))

    def member(self, href: str, relative_to: str | None = None) -> str:
        """The zip member an href points at, from the OPF (or from another member)."""
        base = PurePosixPath(relative_to or self.opf_path).parent
        parts: list[str] = []
        for part in (base / href.split("#")[0]).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    def items(self, media_type: str | None = None) -> list[etree._Element]:
        items = self.opf.findall("opf:manifest/opf:item", NS)
        return [item for item in items if media_type in (None, item.get("media-type"))]

    def item(self, item_id: str) -> etree._Element:
        return self.opf.find(f"opf:manifest/opf:item[@id='{item_id}']", NS)

    def page(self, item_id: str) -> etree._Element:
        return etree.fromstring(self.archive.read(self.member(self.item(item_id).get("href"))))


# EPUBCheck's negative control: the seed book with a style sheet EPUBCheck must refuse.
CSS_DIRECTION = "css-direction.epub"


@epub_build
def build_books(folder: Path) -> tuple[dict[str, Book], list[Path]]:
    """Every case's book, and those and the negative control for EPUBCheck."""
    built = {}
    for name, (source, changes) in CASES.items():
        options = Options(**changes)
        target = export("epub", source, folder / f"{name}.epub", options)
        built[name] = Book(target, load(source, options), options)
    control = with_css_direction(built["seed"], folder / CSS_DIRECTION)
    return built, [*(book.path for book in built.values()), control]


@pytest.fixture(scope="module")
def books(epub_builds) -> dict[str, Book]:
    return epub_builds[build_books]


# ---------------------------------------------------------------- EPUBCheck

def with_css_direction(book: Book, target: Path) -> Path:
    """A copy of the book whose style sheet sets direction, which EPUB forbids."""
    with zipfile.ZipFile(target, "w") as copy:
        for entry in book.archive.infolist():
            data = book.archive.read(entry)
            if entry.filename.endswith(".css"):
                data += b"\nhtml { direction: rtl; }\n"
            # A fresh ZipInfo: writestr updates the one it is given, which belongs to the book.
            fresh = zipfile.ZipInfo(entry.filename, entry.date_time)
            fresh.compress_type = entry.compress_type
            copy.writestr(fresh, data)
    return target


@pytest.mark.parametrize("name", CASES)
def test_epubcheck_reports_no_error_and_no_warning(epub_builds, books, name):
    assert epub_builds.problems(books[name].path) == []


def test_epubcheck_check_can_fail(epub_builds, books):
    control = books["seed"].path.with_name(CSS_DIRECTION)
    assert any("CSS-001" in problem for problem in epub_builds.problems(control))


# ---------------------------------------------------------------- right to left

def test_every_page_says_arabic_right_to_left(books):
    for name, book in books.items():
        pages = book.items("application/xhtml+xml")
        assert len(pages) == 4, name  # cover, title page, navigation, chapter
        for item in pages:
            root = book.page(item.get("id"))
            where = f"{name}: {item.get('href')}"
            assert (root.get("dir"), root.get("lang"), root.get(XML_LANG)) == ("rtl", "ar", "ar"), where
            assert root.find("h:body", NS).get("dir") == "rtl", where


def test_package_reads_right_to_left(books):
    for name, book in books.items():
        opf = book.opf
        assert opf.get("version") == "3.0", name
        assert opf.find("opf:spine", NS).get("page-progression-direction") == "rtl", name
        assert [e.text for e in opf.iterfind(".//dc:language", NS)] == ["ar"], name
        writing_mode = opf.find(".//opf:meta[@name='primary-writing-mode']", NS)
        assert writing_mode is not None and writing_mode.get("content") == "horizontal-rl", name


def test_apple_books_told_to_use_the_embedded_font(books):
    book = books["seed"]
    options = etree.fromstring(book.archive.read("META-INF/com.apple.ibooks.display-options.xml"))
    assert options.findtext(".//platform[@name='*']/option[@name='specified-fonts']") == "true"
    hrefs = [book.member(item.get("href")) for item in book.items()]
    assert "META-INF/com.apple.ibooks.display-options.xml" not in hrefs


# ---------------------------------------------------------------- metadata and archive

def test_package_metadata(books):
    book = books["mixed"]
    opf, meta = book.opf, book.doc.meta
    assert opf.findtext(".//dc:title", namespaces=NS) == meta.title
    assert opf.findtext(".//dc:creator", namespaces=NS) == meta.author == "سارة الأحمد"
    assert opf.findtext(".//dc:date", namespaces=NS) == meta.date == "2021-03-15"
    modified = opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)
    assert modified == book.options.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    access_modes = {e.text for e in opf.iterfind(".//opf:meta[@property='schema:accessMode']", NS)}
    assert access_modes == {"textual", "visual"}
    seed_date = books["seed"].opf.findtext(".//dc:date", namespaces=NS)  # no date in the article
    assert seed_date == books["seed"].options.created.strftime("%Y-%m-%d")


def test_identifier_comes_from_the_article_content(books, tmp_path):
    identifiers = {}
    for name, book in books.items():
        unique_id = book.opf.get("unique-identifier")
        identifier = book.opf.findtext(f".//dc:identifier[@id='{unique_id}']", namespaces=NS)
        assert identifier.startswith("urn:uuid:"), name
        assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5, name
        identifiers[name] = identifier
    assert len(set(identifiers.values())) == len(identifiers)
    # The same article elsewhere, under another name: the same identifier.
    moved = tmp_path / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    shutil.copy(SEED, moved)
    assert content_identifier(load(moved)) == identifiers["seed"]
    changed = load(SEED).with_meta(title="عنوان آخر")
    assert content_identifier(changed) != identifiers["seed"]


def test_archive_starts_with_the_stored_mimetype(books):
    for name, book in books.items():
        entries = book.archive.infolist()
        first = entries[0]
        assert first.filename == "mimetype", name
        assert first.compress_type == zipfile.ZIP_STORED and first.extra == b"", name
        assert book.archive.read("mimetype") == b"application/epub+zip", name
        raw = book.path.read_bytes()
        assert raw[30:38] == b"mimetype" and raw[38:58] == b"application/epub+zip", name
        assert len({entry.date_time for entry in entries}) == 1, name


def test_same_article_gives_the_same_bytes_under_source_date_epoch(tmp_path):
    epoch = "1700000000"
    outputs = []
    for run in ("first", "second"):
        result = run_cli(str(SEED), "--to", "epub", "-o", str(tmp_path / run), "-q",
                         env={"SOURCE_DATE_EPOCH": epoch})
        assert result.returncode == 0, result.stderr
        outputs.append(tmp_path / run / f"{SEED.stem}.epub")
    first, second = (path.read_bytes() for path in outputs)
    assert first == second
    archive = zipfile.ZipFile(outputs[0])
    stamp = datetime.fromtimestamp(int(epoch), tz=UTC)
    assert {entry.date_time for entry in archive.infolist()} == {stamp.timetuple()[:6]}
    opf = etree.fromstring(archive.read("EPUB/content.opf"))
    assert opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == "2023-11-14T22:13:20Z"


@pytest.mark.parametrize("source", [SEED, MIXED], ids=["seed", "mixed"])
def test_entries_are_those_ebooklibs_own_writer_zips(source):
    """Our writer collects what ebooklib writes instead of zipping it: the
    same entries, names and bytes, in the same order, as its own zip holds."""
    from convert.exporters.epub.package import PackageWriter, _build_book, _CollectingWriter

    content = EpubExporter().book_content(load(source), Options())
    options = {"mtime": content.modified, "epub2_guide": False, "spine_direction": True,
               "package_direction": True, "raise_exceptions": True}
    collecting = _CollectingWriter(_build_book(content), options)
    collecting.process()
    collecting.write()
    buffer = io.BytesIO()
    stock = PackageWriter(buffer, _build_book(content), options)
    stock.process()
    stock.write()
    with zipfile.ZipFile(buffer) as archive:
        zipped = [(info.filename, archive.read(info)) for info in archive.infolist()]
    assert [(entry.name, entry.data) for entry in collecting.entries()] == zipped
    assert len(zipped) >= 10


# ---------------------------------------------------------------- navigation, title page, cover

def test_navigation_has_contents_and_landmarks(books):
    for name, book in books.items():
        nav_items = [item for item in book.items() if "nav" in (item.get("properties") or "").split()]
        assert len(nav_items) == 1, name
        nav_href = nav_items[0].get("href")
        nav = book.page(nav_items[0].get("id"))
        nav_member = book.member(nav_href)
        toc_links = nav.findall(".//h:nav[@epub:type='toc']//h:a", NS)
        assert ["".join(a.itertext()) for a in toc_links] == [shown_title(book.doc.meta.title)], name
        landmark_links = nav.findall(".//h:nav[@epub:type='landmarks']//h:a", NS)
        landmarks = {a.get(EPUB_TYPE): a.get("href") for a in landmark_links}
        assert set(landmarks) == {"cover", "titlepage", "toc", "bodymatter"}, name
        for href in [a.get("href") for a in toc_links] + list(landmarks.values()):
            assert book.member(href, nav_member) in book.archive.namelist(), (name, href)
        assert nav.find(f".//*[@id='{landmarks['toc'].partition('#')[2]}']") is not None, name
        itemrefs = book.opf.findall(".//opf:itemref", NS)
        spine = [(ref.get("idref"), ref.get("linear", "yes")) for ref in itemrefs]
        # The contents page is reachable but out of the reading flow.
        assert spine == [("cover", "yes"), ("titlepage", "yes"), ("nav", "no"), ("chapter", "yes")], name
        chapter_member = book.member(book.item("chapter").get("href"))
        assert book.member(landmarks["bodymatter"], nav_member) == chapter_member, name


def test_ncx_for_older_readers(books):
    book = books["hostile"]
    ncx_id = book.opf.find("opf:spine", NS).get("toc")
    ncx = etree.fromstring(book.archive.read(book.member(book.item(ncx_id).get("href"))))
    assert ncx.findtext(".//ncx:docTitle/ncx:text", namespaces=NS) == book.doc.meta.title
    uid = ncx.find(".//ncx:meta[@name='dtb:uid']", NS).get("content")
    assert uid == book.opf.findtext(".//dc:identifier", namespaces=NS)


def test_title_page_shows_title_author_and_date(books):
    book = books["mixed"]
    page = book.page("titlepage")
    section = page.find(".//h:section", NS)
    assert section.get(EPUB_TYPE) == "titlepage"
    texts = ["".join(element.itertext()) for element in section]
    assert texts == [book.doc.meta.title, book.doc.meta.author, book.doc.meta.date]
    title_only = books["title-only"]
    section = title_only.page("titlepage").find(".//h:section", NS)
    assert ["".join(element.itertext()) for element in section] == [title_only.doc.meta.title]


def test_cover_is_declared_drawn_and_shown(books):
    for name, book in books.items():
        covers = [item for item in book.items() if item.get("properties") == "cover-image"]
        assert len(covers) == 1 and covers[0].get("media-type") == "image/png", name
        assert book.opf.find(".//opf:meta[@name='cover']", NS).get("content") == covers[0].get("id"), name
        member = book.member(covers[0].get("href"))
        image = Image.open(io.BytesIO(book.archive.read(member))).convert("RGB")
        assert image.size == (1600, 2560), name
        # A PNG is compressed already: stored as it is, not deflated again.
        assert book.archive.getinfo(member).compress_type == zipfile.ZIP_STORED, name
        accent = book.options.theme.colors.accent
        assert image.getpixel((5, 5)) == tuple(int(accent[i:i + 2], 16) for i in (1, 3, 5)), name
        cover_page = book.page("cover")
        img = cover_page.find(".//h:img", NS)
        assert book.member(img.get("src"), book.member(book.item("cover").get("href"))) == member, name
        assert shown_title(book.doc.meta.title) in img.get("alt"), name


# ---------------------------------------------------------------- the chapter

def chapter_texts(book: Book) -> list[str]:
    elements = book.page("chapter").xpath(CHAPTER_TEXT_XPATH, namespaces=NS)
    return ["".join(element.itertext()) for element in elements]


def test_chapter_text_equals_the_source(books):
    for name, book in books.items():
        assert chapter_texts(book) == source_texts(book.doc), name


def test_markup_in_the_article_stays_text(books):
    book = books["hostile"]
    chapter = book.page("chapter")
    body_tags = {etree.QName(element).localname for element in chapter.find("h:body", NS).iter()}
    assert not body_tags & {"script", "b", "i", "img"}
    # The one link is the bare address the article types (linked as any bare http address is).
    links = chapter.findall(".//h:a", NS)
    assert [(link.get("href"), link.text) for link in links] == [("https://example.com/a?b=1&c=2",) * 2]
    text = "".join(chapter.find("h:body", NS).itertext())
    for typed in ("<b>عنوان</b>", "<script>alert('x')</script>", "<p>مقحمة</p>", "<!-- تعليق -->",
                  "<![CDATA[ بيانات ]]>", "&amp;", "&nbsp;", "&#x41;"):
        assert typed in text, typed
    assert book.opf.findtext(".//dc:title", namespaces=NS) == book.doc.meta.title
    assert "<script>" in book.opf.findtext(".//dc:title", namespaces=NS)


def test_bidi_controls_the_reader_keeps_reach_the_chapter(books):
    text = "".join(chapter_texts(books["hostile"]))
    for control in ("\u200f", "\u200e", "\u061c", "\u2067", "\u2066", "\u2069", "\u200c", "\u200d"):
        assert control in text, hex(ord(control))
    assert not re.search("[\u202a-\u202e]", text)  # overrides were neutralised by the reader


def test_disclaimer_closes_each_chapter_as_a_footer(books):
    for name, book in books.items():
        article = book.page("chapter").find(".//h:article", NS)
        footers = article.findall(".//h:footer", NS)
        if book.doc.meta.disclaimer is None:
            assert footers == [], name
            continue
        assert len(footers) == 1 and article[-1] is footers[0], name
        assert footers[0].get("class") == "disclaimer", name
        assert "".join(footers[0].itertext()) == book.doc.meta.disclaimer, name
    assert books["hostile"].doc.meta.disclaimer == Options().theme.text.default_disclaimer
    assert books["long-title"].doc.meta.disclaimer is None  # --no-disclaimer


def test_byline_date_is_a_bidi_isolate(books):
    """After the author's Arabic name, 2021-03-15 would otherwise be shown as 15-03-2021."""
    date = books["mixed"].page("chapter").find(".//h:time", NS)
    assert date.text == "2021-03-15" and date.get("dir") == "auto"


def test_title_only_article_has_an_empty_body(books):
    body = books["title-only"].page("chapter").find(".//h:div[@class='body']", NS)
    assert body is not None and len(body) == 0 and not "".join(body.itertext()).strip()


# ---------------------------------------------------------------- fonts

def stylesheet(book: Book) -> tuple[str, str]:
    [css_item] = book.items("text/css")
    member = book.member(css_item.get("href"))
    return member, book.archive.read(member).decode("utf-8")


def test_font_is_embedded_and_used(books):
    book = books["seed"]
    css_member, css = stylesheet(book)
    family = book.options.theme.fonts.body
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert faces
    font_members = {book.member(item.get("href")) for item in book.items("font/ttf")}
    referenced = set()
    for face in faces:
        assert f'font-family: "{family}"' in face
        [url] = re.findall(r'url\("([^"]+)"\)', face)
        referenced.add(book.member(url, css_member))
    assert referenced == font_members and len(font_members) == 2
    assert re.search(rf'body\s*{{[^}}]*font-family:\s*"{family}"', css)
    for member in font_members:
        font = TTFont(io.BytesIO(book.archive.read(member)))
        assert font["name"].getBestFamilyName() == family
    for item in book.items("application/xhtml+xml"):
        links = book.page(item.get("id")).findall(".//h:link[@rel='stylesheet']", NS)
        page_member = book.member(item.get("href"))
        assert [book.member(link.get("href"), page_member) for link in links] == [css_member]
    # EPUB style sheets must not set these.
    assert not re.search(r"(?<![\w-])(direction|unicode-bidi)\s*:", css)


def test_fallback_faces_are_embedded_subset_when_the_book_needs_them(books):
    from conftest import require

    from convert.font_subset import is_invisible
    from convert.fonts import fallback_chain

    found = dict(fallback_chain(books["emoji"].options.theme.fonts.fallback).faces)
    require({"Noto Color Emoji", "DejaVu Sans"} <= set(found),
            "needs fonts-noto-color-emoji and fonts-dejavu-core (scripts/install)")
    book = books["emoji"]
    _, css = stylesheet(book)
    members = [book.member(item.get("href")) for item in book.items("font/ttf")]
    fonts = {PurePosixPath(member).name: book.archive.read(member) for member in members}
    assert list(fonts) == ["Amiri-Regular.ttf", "Amiri-Bold.ttf", "NotoColorEmoji.ttf", "DejaVuSans.ttf"]
    families = re.findall(r'@font-face\s*{\s*font-family: "([^"]+)"', css)
    assert families == ["Amiri", "Amiri", "Noto Color Emoji", "DejaVu Sans"]
    assert re.search(r'body\s*{[^}]*font-family: "Amiri", "Noto Color Emoji", "DejaVu Sans", serif;', css)
    cmaps = {name: set(map(chr, TTFont(io.BytesIO(data)).getBestCmap())) for name, data in fonts.items()}
    emoji = TTFont(io.BytesIO(fonts["NotoColorEmoji.ttf"]))
    assert "CBDT" in emoji and len(fonts["NotoColorEmoji.ttf"]) < 200_000  # colour bitmaps, of 10 MB
    assert {"😀", "❤", "🌙", "⭐", "\u200d"} <= cmaps["NotoColorEmoji.ttf"]
    assert {"★", "✓", "→", "✎"} <= cmaps["DejaVuSans.ttf"] and " " not in cmaps["DejaVuSans.ttf"]
    # Every character a reader sees has a face in the book.
    shown = {char for text in chapter_texts(book) for char in text if not is_invisible(char)}
    assert shown <= set().union(*cmaps.values())
    # A book without such characters embeds the theme's faces alone (test_font_is_embedded_and_used).
    assert "Noto" not in stylesheet(books["seed"])[1]


def regular_font(book: Book) -> bytes:
    return book.archive.read(book.member(book.item("font-0").get("href")))


def test_subset_font_covers_the_chapter_and_keeps_arabic_shaping(books):
    full = TTFont(find_font("Amiri"))
    full_cmap = full.getBestCmap()
    for name in ("seed", "hostile", "mixed"):
        book = books[name]
        data = regular_font(book)
        assert len(data) < find_font("Amiri").stat().st_size / 3, name
        subset = TTFont(io.BytesIO(data))
        needed = {ord(char) for char in "".join(chapter_texts(book))} & set(full_cmap)
        assert needed <= set(subset.getBestCmap()), (name, sorted(needed - set(subset.getBestCmap())))
        gsub = subset["GSUB"].table
        for tag in ("init", "medi", "fina", "rlig"):
            records = [r for r in gsub.FeatureList.FeatureRecord if r.FeatureTag == tag]
            assert records and all(r.Feature.LookupListIndex for r in records), (name, tag)
        assert {"GDEF", "GPOS", "GSUB"} <= set(subset.keys()), name


class Shaper:
    """HarfBuzz shaping of text with one font: each glyph as its outline and position."""

    def __init__(self, data: bytes) -> None:
        import uharfbuzz

        self.hb = uharfbuzz
        self.font = uharfbuzz.Font(uharfbuzz.Face(data))
        font = TTFont(io.BytesIO(data))
        self.order, self.glyf = font.getGlyphOrder(), font["glyf"]

    def shape(self, text: str) -> list[tuple]:
        buffer = self.hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        self.hb.shape(self.font, buffer, {})
        glyphs = []
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            coordinates, ends, _ = self.glyf[self.order[info.codepoint]].getCoordinates(self.glyf)
            glyphs.append((tuple(coordinates), tuple(ends), info.cluster, position.x_advance,
                           position.x_offset, position.y_offset))
        return glyphs


def test_subset_font_shapes_every_paragraph_like_the_full_font(books):
    pytest.importorskip("uharfbuzz")
    full = Shaper(find_font("Amiri").read_bytes())
    for name in ("seed", "hostile", "mixed"):
        book = books[name]
        subset = Shaper(regular_font(book))
        for text in chapter_texts(book):
            assert subset.shape(text) == full.shape(text), (name, text[:40])


def test_shaping_check_sees_a_subset_that_lost_its_layout_tables(books):
    """The check above can fail: a subset without layout features shapes differently."""
    pytest.importorskip("uharfbuzz")
    from fontTools import subset as fonttools_subset

    text = chapter_texts(books["seed"])[1]
    options = fonttools_subset.Options()
    options.layout_features = []
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(text=text)
    font = TTFont(find_font("Amiri"))
    subsetter.subset(font)
    damaged = io.BytesIO()
    font.save(damaged)
    assert Shaper(damaged.getvalue()).shape(text) != Shaper(find_font("Amiri").read_bytes()).shape(text)


def test_subset_is_cached_per_font_and_characters():
    characters = frozenset("إيران والقاعدة")
    assert subset_font(find_font("Amiri"), characters) is subset_font(find_font("Amiri"), characters)


def test_whole_font_without_subsetting():
    doc = load(SEED)
    content = EpubExporter(subset_fonts=False).book_content(doc, Options())
    assert content.fonts[0].data == find_font("Amiri").read_bytes()


def test_theme_without_font_embedding():
    options = Options()
    options = replace(options, theme=replace(options.theme, embed=Embed(fonts=False)))
    content = EpubExporter().book_content(load(SEED), options)
    assert content.fonts == ()
    assert b"@font-face" not in content.stylesheet


# ---------------------------------------------------------------- Chromium

def chromium(page: Path, *arguments: str) -> str:
    """Headless Chromium over one page (skips the test without Chromium, fails it in CI); what it
    prints (with --dump-dom: the page's DOM once loaded and its scripts run)."""
    program = require_tool("chromium", "chromium-browser")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             *arguments, page.as_uri()],
            capture_output=True, timeout=120, check=True, encoding="utf-8", errors="replace",
        ).stdout


def screenshot(page: Path, target: Path) -> Image.Image:
    # Wait for the fonts and for every tile to be painted before the picture is taken.
    chromium(page, "--hide-scrollbars", "--run-all-compositor-stages-before-draw",
             "--virtual-time-budget=10000", f"--screenshot={target}", "--window-size=800,1400")
    return Image.open(target).convert("L")


def strongly_different_share(first: Image.Image, second: Image.Image) -> float:
    from PIL import ImageChops

    difference = ImageChops.difference(first, second).point(lambda value: 255 if value > 64 else 0)
    return difference.histogram()[255] / (first.width * first.height)


def printed_lines(page: Path, target: Path) -> list[tuple[float, float, str]]:
    """(left, right, text) of each printed line of a page that holds 15 letters or more."""
    import pdfplumber

    chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={target}")
    lines: dict[tuple[int, int], list[dict]] = {}
    with pdfplumber.open(target) as pdf:
        for number, pdf_page in enumerate(pdf.pages):
            for char in pdf_page.chars:
                if char["text"].strip():
                    lines.setdefault((number, round(char["top"] / 3)), []).append(char)
    return [
        (min(c["x0"] for c in chars), max(c["x1"] for c in chars), "".join(c["text"] for c in chars))
        for chars in lines.values()
        if len(chars) >= 15
    ]


def test_chromium_shows_the_chapter_in_the_embedded_subset_font(books, tmp_path, monkeypatch):
    # Without Amiri among the system's fonts (fonts-hosny-amiri installs one, for Amiri
    # Quran): else the page without its fonts would show in it too.
    monkeypatch.setenv("FONTCONFIG_FILE", environment_without_amiri(tmp_path)["FONTCONFIG_FILE"])
    book = books["seed"]
    book.archive.extractall(tmp_path / "subset")
    shutil.copytree(tmp_path / "subset", tmp_path / "full")
    shutil.copytree(tmp_path / "subset", tmp_path / "none")
    chapter = book.member(book.item("chapter").get("href"))
    for item in book.items("font/ttf"):
        member = book.member(item.get("href"))
        full_face = find_font("Amiri", 700 if "Bold" in member else 400)
        shutil.copy(full_face, tmp_path / "full" / member)
        (tmp_path / "none" / member).unlink()
    with_subset = screenshot(tmp_path / "subset" / chapter, tmp_path / "subset.png")
    with_full = screenshot(tmp_path / "full" / chapter, tmp_path / "full.png")
    without_font = screenshot(tmp_path / "none" / chapter, tmp_path / "none.png")
    # Hinting may move a pixel here and there; shaping going wrong changes whole words.
    assert strongly_different_share(with_subset, with_full) < 0.0005
    assert strongly_different_share(with_subset, without_font) > 0.01  # the embedded font is what shows


def test_chromium_sets_the_chapter_right_to_left(books, tmp_path):
    book = books["seed"]
    book.archive.extractall(tmp_path)
    lines = printed_lines(tmp_path / book.member(book.item("chapter").get("href")), tmp_path / "chapter.pdf")
    right_edge = max(right for _, right, _ in lines)
    flush_right = [right for _, right, _ in lines if right > right_edge - 4]
    assert len(lines) > 20 and len(flush_right) / len(lines) > 0.9  # every line starts at the right margin
    left_edge = min(left for left, _, _ in lines)
    # A paragraph's last line ends short, on the left.
    assert any(left > left_edge + 100 for left, _, _ in lines)

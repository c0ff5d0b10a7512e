"""HTML exporter and the shared HTML builder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, MIXED, SEED, environment_without_amiri, export, load, source_texts, squash
from lxml import etree, html

from convert.html import PageOptions, render_page
from convert.model import document_texts

HOSTILE = FIXTURES / "markup.txt"


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("html") / "seed.html"
    return export("html", SEED, target).read_text(encoding="utf-8")


def test_page_is_well_formed_html_and_xml(seed_page: str) -> None:
    etree.fromstring(seed_page.split("\n", 1)[1].encode())  # polyglot: parses as XML
    root = html.document_fromstring(seed_page)
    assert root.get("lang") == "ar"
    assert root.get("dir") == "rtl"


def test_text_in_order_and_disclaimer_in_footer(seed_page: str) -> None:
    root = html.document_fromstring(seed_page)
    doc = load(SEED)
    assert root.findtext(".//title") == doc.meta.title
    assert root.xpath("string(//h1)") == doc.meta.title
    paragraphs = [p.text_content() for p in root.xpath("//div[@class='body']/p")]
    assert paragraphs == document_texts(doc)
    footer = root.xpath("//footer")
    assert len(footer) == 1 and footer[0].text_content() == doc.meta.disclaimer
    assert squash(root.xpath("string(//article)")) == squash("".join(source_texts(doc)))


def test_css_is_inlined_and_nothing_external_is_referenced(seed_page: str) -> None:
    root = html.document_fromstring(seed_page)
    # The JSON-LD (web metadata) is data, neither fetched nor run.
    assert root.xpath("//link | //script[not(@type='application/ld+json')] | //img | //@src | //@href") == []
    css = root.findtext(".//style")
    assert "Amiri" in css and "text-align: justify" in css
    # The fonts travel inside the page: the only URLs are data: URLs.
    assert re.findall(r"url\(([^)]*)\)", css) and all(
        url.startswith("data:font/ttf;base64,") for url in re.findall(r"url\(([^)]*)\)", css))


def test_byline_quotes_headings_lists(tmp_path: Path) -> None:
    root = html.document_fromstring(export("html", MIXED, tmp_path / "m.html").read_text("utf-8"))
    assert root.xpath("string(//p[@class='byline']/span[@class='author'])") == "سارة الأحمد"
    assert root.xpath("string(//time[@class='date'])") == "2021-03-15"
    assert root.xpath("string(//span[@class='quote'])") == "“إن لقاح COVID-19 سيكون متاحا للجميع”"
    # The article's only heading ("##") is the first level under the title (outline_levels).
    assert root.xpath("string(//h2)") == "الأرقام والمراسلات"
    assert len(root.xpath("//ul/li")) == 3
    assert "«الحقيقة لا تموت»" in root.xpath("string(//blockquote)")


def test_markup_in_the_article_is_literal_text(tmp_path: Path) -> None:
    page = export("html", HOSTILE, tmp_path / "markup.html").read_text("utf-8")
    root = html.document_fromstring(page)
    # The head's one JSON-LD script (web metadata) is data; the article adds no script.
    scripts = "//script[not(@type='application/ld+json')] | //body//script"
    assert root.xpath(f"{scripts} | //img | //@src | //iframe") == []
    assert len(root.xpath("/html/head/script")) == 1
    text = root.xpath("string(//article)")
    for literal in ("<script>alert('x')</script>", "&amp;", "]]>", "<img src='file:///etc/passwd'>",
                    "url(file:///etc/passwd)", "{{ title }}", "%s", "C:\\temp\\x", "</style>"):
        assert literal in text


def test_xhtml_page_declares_namespace_and_xml_lang() -> None:
    page = render_page(load(SEED), PageOptions(xhtml=True, stylesheet_href="style.css"))
    root = etree.fromstring(page.encode())
    assert root.tag == "{http://www.w3.org/1999/xhtml}html"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert root.get("dir") == "rtl"


def test_paged_layout_puts_running_elements_first() -> None:
    root = html.document_fromstring(render_page(load(SEED), PageOptions(paged=True)))
    article = root.xpath("//article")[0]
    assert [child.get("class") for child in article[:2]] == ["running-title", "disclaimer"]


def test_no_footer_without_disclaimer() -> None:
    doc = load(SEED).with_meta(disclaimer=None)
    assert "<footer" not in render_page(doc)


# ---------------------------------------------------------------- fonts as data: URLs

EMOJI = FIXTURES / "emoji.txt"


def embedded_faces(page: str) -> list[tuple[str, int, bytes]]:
    """(family, weight, font file) of each @font-face rule of the page."""
    import base64

    faces = []
    for rule in re.findall(r"@font-face\s*{([^}]*)}", html.document_fromstring(page).findtext(".//style")):
        family = re.search(r'font-family:\s*"([^"]+)"', rule).group(1)
        weight = int(re.search(r"font-weight:\s*(\d+)", rule).group(1))
        data = base64.b64decode(re.search(r"url\(data:font/ttf;base64,([^)]*)\)", rule).group(1))
        faces.append((family, weight, data))
    return faces


def characters_of(data: bytes) -> set[str]:
    import io

    from fontTools.ttLib import TTFont

    return set(map(chr, TTFont(io.BytesIO(data)).getBestCmap()))


def test_page_carries_its_fonts_subset_to_its_characters(seed_page: str) -> None:
    from convert.font_subset import font_characters
    from convert.fonts import find_font

    faces = embedded_faces(seed_page)
    assert [(family, weight) for family, weight, _ in faces] == [("Amiri", 400), ("Amiri", 700)]
    root = html.document_fromstring(seed_page)
    shown = set(root.xpath("string(//body)"))
    headings = set("".join(root.xpath("//h1//text() | //h2//text() | //h3//text() | //h4//text()")))
    regular, bold = faces[0][2], faces[1][2]
    assert shown & font_characters(find_font("Amiri")) <= characters_of(regular)
    assert headings & font_characters(find_font("Amiri", 700)) <= characters_of(bold)
    # Subset: a fraction of the whole face (the regular about 80 kB of 430 kB for the seed).
    assert len(regular) < find_font("Amiri").stat().st_size / 3
    assert len(seed_page) < 250_000


def test_page_with_emoji_carries_the_fallback_faces_it_needs(tmp_path: Path) -> None:
    from convert.fonts import fallback_chain

    chain = dict(fallback_chain(("Noto Color Emoji", "DejaVu Sans")).faces)
    require_fonts(chain, "Noto Color Emoji", "DejaVu Sans")
    page = export("html", EMOJI, tmp_path / "emoji.html").read_text("utf-8")
    faces = {family: data for family, _, data in embedded_faces(page)}
    assert list(faces) == ["Amiri", "Noto Color Emoji", "DejaVu Sans"]
    assert {"😀", "❤", "🌙", "⭐", "\u200d", "\u20e3"} <= characters_of(faces["Noto Color Emoji"])
    assert {"✓", "→", "✎"} <= characters_of(faces["DejaVu Sans"])
    assert " " not in characters_of(faces["Noto Color Emoji"])  # the theme's own face sets the spaces
    assert len(faces["Noto Color Emoji"]) < 200_000  # of 10 MB
    css = html.document_fromstring(page).findtext(".//style")
    assert re.search(r'body\s*{[^}]*font-family: "Amiri", "Noto Color Emoji", "DejaVu Sans", serif;', css)


def require_fonts(chain: dict, *families: str) -> None:
    from conftest import require

    for family in families:
        require(family in chain, f"needs the {family} font (scripts/install installs it)")


def test_chromium_shows_the_page_in_its_own_fonts_without_amiri_installed(
        seed_page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a font configuration without Amiri, the page shows in the font it carries:
    as with the whole font, and unlike the page without its @font-face rules."""
    import base64

    from conftest import require_tool
    from test_epub import screenshot, strongly_different_share

    from convert.fonts import find_font

    require_tool("fc-list")
    monkeypatch.setenv("FONTCONFIG_FILE", environment_without_amiri(tmp_path)["FONTCONFIG_FILE"])
    whole = {400: find_font("Amiri"), 700: find_font("Amiri", 700)}

    def whole_face(match: re.Match) -> str:
        data = base64.b64encode(whole[int(match.group(1))].read_bytes()).decode("ascii")
        return f"font-weight: {match.group(1)};{match.group(2)}url(data:font/ttf;base64,{data})"

    pages = {
        "carried": seed_page,
        "whole": re.sub(r"font-weight: (\d+);(.*?)url\(data:[^)]*\)", whole_face, seed_page, flags=re.DOTALL),
        "none": re.sub(r"@font-face\s*{[^}]*}", "", seed_page),
    }
    shots = {}
    for name, page in pages.items():
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
        shots[name] = screenshot(tmp_path / f"{name}.html", tmp_path / f"{name}.png")
    # Hinting may move a pixel here and there; a face missing a glyph changes whole words.
    assert strongly_different_share(shots["carried"], shots["whole"]) < 0.0005
    assert strongly_different_share(shots["carried"], shots["none"]) > 0.01  # the carried font is what shows



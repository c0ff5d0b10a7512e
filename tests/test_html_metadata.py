"""The HTML page on the web (issue 33): its description, canonical address,
Open Graph and Twitter card tags and schema.org JSON-LD, read back by extruct
(the extractor search-engine tooling uses), expanded by pyld against
schema.org's vocabulary, parsed by html5lib without error, and found inside
<head> by Chromium after parsing (a tag the parser moves lands in <body>)."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from conftest import run_cli
from lxml import html as lxml_html

extruct = pytest.importorskip("extruct")
jsonld = pytest.importorskip("pyld.jsonld")

BASE = "https://example.org/opinion/"
PUBLISHER = "صحيفة «الرأي» & شركاه"
SCHEMA = "https://schema.org/"

LONG_PARAGRAPH = ("في الأيام الأخيرة من عهد الرئيس السابق، خرج وزير الخارجية بتصريحات عن علاقة "
                  "إيران بتنظيم القاعدة، قال فيها إن طهران سمحت لقادة التنظيم بالإقامة على أراضيها "
                  "منذ عام ٢٠١٥ وإن ذلك غيّر موازين القوى في المنطقة تغييرا لم يُدرك مداه بعد.")
# Hostile: what could close the script or the attribute, or open a comment;
# bidi isolates and marks (kept by the reader: they are not overrides).
HOSTILE_TITLE = 'عنوان </script><!-- "مقتبس" & \'مفرد\' \u2067RLI\u2069 \u200fمعلّم <b>x</b>'
HOSTILE_TAG = "</script><script>alert(1)</script>"

ARTICLES = {
    "opinion/2024/مقال عربي.txt": f"""---
title: إيران والقاعدة
author: سارة أحمد
date: 2024-03-15
tags: [سياسة, أمن]
section: آراء
---
إيران والقاعدة

{LONG_PARAGRAPH}

فقرة ثانية قصيرة.
""",
    "persian.txt": """---
title: سیاست خارجی ایران
lang: fa
authors: [مریم رضایی, علی محمدی, "John Smith"]
date: 2023-11-02
tags: ایران، دیپلماسی، ۱۴۰۲
description: توضیحی که نویسنده خود نوشته است.
---
سیاست خارجی ایران

این متن یک مقاله کوتاه است با ۱۲ کلمه و عدد 2023.
""",
    "urdu.txt": """---
title: پاکستان کی معیشت
lang: ur
author: احمد خان
url: https://news.example.pk/ur/column?id=7&x="q"
---
پاکستان کی معیشت

یہ ایک مختصر اردو مضمون ہے۔
""",
    "bare.txt": "مقال بلا مقدمة\n\nنص المقال الأول كله في سطر واحد.\n",
    "hostile.txt": f"""---
title: '{HOSTILE_TITLE.replace("'", "''")}'
author: '"أحمد" <علي>'
tags: ['{HOSTILE_TAG}', 'عادي']
description: 'وصف --> & </script>'
---
العنوان

نص.
""",
    "lead.txt": """---
title: مقال بصورة
author: كاتب
image: lead.png
image_alt: صورة المقال
---
مقال بصورة

نص المقال.
""",
}

THEME = f"""[publishing]
publisher = "{PUBLISHER}"
base_url = "https://example.org/opinion"
logo = "logo.png"
twitter_site = "@alrai"
"""
# No base_url: no address can be absolute; nor a publisher; the articles are paid for.
BARE_THEME = """[publishing]
free_to_read = false
"""


def _write_sources(folder: Path) -> Path:
    from PIL import Image

    source = folder / "src"
    for name, text in ARTICLES.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    Image.new("RGB", (64, 48), "teal").save(source / "lead.png")
    Image.new("RGB", (600, 60), "navy").save(folder / "logo.png")
    (folder / "theme.toml").write_text(THEME, encoding="utf-8")
    (folder / "bare-theme.toml").write_text(BARE_THEME, encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each article's page: with the full theme (its name), with the bare theme ("bare:" + name),
    and a book of them all ("book", "bare:book")."""
    folder = tmp_path_factory.mktemp("web")
    source = _write_sources(folder)
    pages: dict[str, Path] = {}
    for label, theme in (("", "theme.toml"), ("bare:", "bare-theme.toml")):
        out = folder / f"out-{theme}"
        result = run_cli(str(source), "--style", str(folder / theme), "--to", "html,json", "-o", str(out))
        assert result.returncode == 0, result.stderr + result.stdout
        for name in ARTICLES:
            pages[label + name] = out / name.replace(".txt", ".html")
        result = run_cli(str(source), "--book", "كتاب المقالات", "--book-author", "هيئة التحرير",
                         "--name", "book", "--style", str(folder / theme), "--to", "html", "-o", str(out))
        assert result.returncode == 0, result.stderr + result.stdout
        pages[label + "book"] = out / "book.html"
    return pages


def page_data(page: Path) -> tuple[dict[str, list[str]], dict]:
    """The page's Open Graph and Twitter properties ({name: [values]}) and its one JSON-LD object,
    as extruct reads them."""
    text = page.read_text(encoding="utf-8")
    data = extruct.extract(text, syntaxes=["json-ld", "opengraph"], uniform=False)
    properties: dict[str, list[str]] = {}
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            properties.setdefault(name, []).append(value)
    tree = lxml_html.fromstring(text.encode("utf-8"))
    for meta in tree.xpath("//meta[@name]"):
        properties.setdefault(meta.get("name"), []).append(meta.get("content"))
    for link in tree.xpath("//link[@rel='canonical']"):
        properties.setdefault("canonical", []).append(link.get("href"))
    assert len(data["json-ld"]) == 1, page
    return properties, data["json-ld"][0]


def one(properties: dict[str, list[str]], name: str) -> str:
    values = properties.get(name, [])
    assert len(values) == 1, (name, values)
    return values[0]


def test_an_arabic_article_says_everything_a_newsroom_page_says(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["opinion/2024/مقال عربي.txt"])
    url = BASE + "opinion/2024/%D9%85%D9%82%D8%A7%D9%84%20%D8%B9%D8%B1%D8%A8%D9%8A.html"
    card = url.removesuffix(".html") + ".card.png"
    assert one(properties, "og:type") == "article"
    assert one(properties, "og:title") == "إيران والقاعدة"
    assert one(properties, "canonical") == one(properties, "og:url") == url
    assert one(properties, "og:image") == card
    assert (one(properties, "og:image:width"), one(properties, "og:image:height")) == ("1200", "630")
    assert one(properties, "og:image:alt") == "إيران والقاعدة — سارة أحمد"
    assert one(properties, "og:site_name") == PUBLISHER
    assert one(properties, "og:locale") == "ar_AR"
    assert properties["article:author"] == ["سارة أحمد"]
    assert one(properties, "article:published_time") == "2024-03-15"
    assert one(properties, "article:section") == "آراء"
    assert properties["article:tag"] == ["سياسة", "أمن"]
    assert one(properties, "twitter:card") == "summary_large_image"
    assert one(properties, "twitter:site") == "@alrai"
    assert ld["@type"] == "OpinionNewsArticle"
    assert ld["headline"] == "إيران والقاعدة"
    assert ld["author"] == {"@type": "Person", "name": "سارة أحمد"}
    assert ld["datePublished"] == "2024-03-15"
    assert ld["publisher"] == {"@type": "Organization", "name": PUBLISHER, "logo": {
        "@type": "ImageObject", "url": BASE + "logo.png", "width": 600, "height": 60}}
    assert ld["image"]["url"] == card
    assert ld["inLanguage"] == "ar"
    assert ld["articleSection"] == "آراء"
    assert ld["keywords"] == ["سياسة", "أمن"]
    assert ld["isAccessibleForFree"] is True
    assert ld["wordCount"] == len(LONG_PARAGRAPH.split()) + len("فقرة ثانية قصيرة.".split())
    assert ld["url"] == ld["mainEntityOfPage"]["@id"] == url


def test_the_description_is_the_first_paragraph_cut_at_a_word(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["opinion/2024/مقال عربي.txt"])
    description = one(properties, "description")
    assert description == one(properties, "og:description") == ld["description"]
    assert len(LONG_PARAGRAPH) > 160 and description.endswith("…") and len(description) <= 161
    kept = description.removesuffix("…")
    assert LONG_PARAGRAPH.startswith(kept) and LONG_PARAGRAPH[len(kept)] in " ،,"
    assert len(kept) > 120  # cut near the limit, not at the first word


def test_a_persian_article_by_three_authors(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["persian.txt"])
    authors = ["مریم رضایی", "علی محمدی", "John Smith"]
    assert properties["article:author"] == authors
    assert ld["author"] == [{"@type": "Person", "name": name} for name in authors]
    assert one(properties, "og:locale") == "fa_IR"
    assert ld["inLanguage"] == "fa"
    assert properties["article:tag"] == ld["keywords"] == ["ایران", "دیپلماسی", "۱۴۰۲"]
    # The writer's own description, whole.
    assert one(properties, "description") == ld["description"] == "توضیحی که نویسنده خود نوشته است."
    assert ld["wordCount"] == len("این متن یک مقاله کوتاه است با ۱۲ کلمه و عدد 2023.".split()) == 12
    assert "article:section" not in properties and "articleSection" not in ld


def test_an_urdu_article_with_its_own_address_and_no_date(site: dict[str, Path]) -> None:
    own = 'https://news.example.pk/ur/column?id=7&x="q"'
    for name in ("urdu.txt", "bare:urdu.txt"):  # front matter url: needs no base_url
        properties, ld = page_data(site[name])
        assert one(properties, "canonical") == one(properties, "og:url") == ld["url"] == own
        assert one(properties, "og:locale") == "ur_PK"
        assert ld["inLanguage"] == "ur"
        assert "article:published_time" not in properties and "datePublished" not in ld
    assert one(page_data(site["urdu.txt"])[0], "og:image") == BASE + "urdu.card.png"
    assert "og:image" not in page_data(site["bare:urdu.txt"])[0]


def test_an_article_without_front_matter(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["bare.txt"])
    assert one(properties, "og:title") == ld["headline"] == "مقال بلا مقدمة"
    assert one(properties, "description") == "نص المقال الأول كله في سطر واحد."
    assert "article:author" not in properties and "author" not in ld
    assert "datePublished" not in ld and "keywords" not in ld
    assert one(properties, "canonical") == BASE + "bare.html"


def test_without_base_url_no_relative_address_is_written(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["bare:opinion/2024/مقال عربي.txt"])
    for name in ("canonical", "og:url", "og:image", "og:image:alt", "twitter:site", "og:site_name"):
        assert name not in properties, name
    for key in ("url", "mainEntityOfPage", "image", "publisher"):
        assert key not in ld, key
    assert ld["isAccessibleForFree"] is False
    assert one(properties, "og:title") == "إيران والقاعدة"


def test_a_lead_image_article_shares_its_card(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["lead.txt"])
    assert one(properties, "og:image") == ld["image"]["url"] == BASE + "lead.card.png"
    assert one(properties, "og:image:type") == "image/png"


def test_hostile_values_stay_values(site: dict[str, Path]) -> None:
    page = site["hostile.txt"]
    properties, ld = page_data(page)
    assert ld["headline"] == one(properties, "og:title") == HOSTILE_TITLE
    assert ld["author"]["name"] == properties["article:author"][0] == '"أحمد" <علي>'
    assert ld["keywords"] == properties["article:tag"] == [HOSTILE_TAG, "عادي"]
    assert ld["description"] == one(properties, "description") == "وصف --> & </script>"
    document = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].text)["headline"] == HOSTILE_TITLE
    assert document.find("head/title").text == HOSTILE_TITLE
    # Nothing the head holds ended up as the body's text.
    assert "OpinionNewsArticle" not in "".join(document.find("body").itertext())
    # The script ends at the first "</script>" after it opens: its whole JSON lies before it.
    raw = page.read_text(encoding="utf-8")
    opening = '<script type="application/ld+json">'
    inside = raw[raw.index(opening) + len(opening):]
    inside = inside[: inside.index("</script>")]
    assert json.loads(inside) == ld and "<!--" not in inside


def test_a_book_page_is_described_as_a_book(site: dict[str, Path]) -> None:
    properties, ld = page_data(site["book"])
    assert one(properties, "og:type") == "book"
    assert ld["@type"] == "Book" and ld["name"] == one(properties, "og:title") == "كتاب المقالات"
    assert properties["book:author"] == ["هيئة التحرير"]
    assert one(properties, "canonical") == ld["url"] == BASE + "book.html"
    assert "سياسة" in properties["book:tag"] and "ایران" in ld["keywords"]


def schema_context() -> dict:
    """schema.org's terms as rdflib's copy of the vocabulary lists them (the network is closed,
    and no package ships schema.org's context file): each term mapped to https://schema.org/,
    addresses as identifiers as schema.org's own context makes them. No @vocab: a term that
    is not schema.org's is dropped by expansion, and the test below sees it go."""
    from rdflib.namespace import SDO

    context: dict = {term: SCHEMA + term for term in SDO.__annotations__}
    context["url"] = {"@id": SCHEMA + "url", "@type": "@id"}
    return {"@context": context}


def expanded(data: dict) -> dict:
    context = schema_context()

    def loader(url: str, options: dict | None = None) -> dict:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": context}

    [node] = jsonld.expand(data, {"documentLoader": loader})
    return node


@pytest.mark.parametrize("name", ["opinion/2024/مقال عربي.txt", "persian.txt", "hostile.txt", "book"])
def test_the_json_ld_expands_against_schema_org(site: dict[str, Path], name: str) -> None:
    _, ld = page_data(site[name])
    node = expanded(ld)
    # Every key but @context became a schema.org property (none dropped as unknown).
    assert len(node) == len(ld) - 1, sorted(node)
    assert node["@type"] == [SCHEMA + ld["@type"]]
    title_key = "headline" if name != "book" else "name"
    assert node[SCHEMA + title_key] == [{"@value": ld[title_key]}]
    assert node[SCHEMA + "inLanguage"] == [{"@value": ld["inLanguage"]}]
    if name != "book":
        assert node[SCHEMA + "url"] == [{"@id": ld["url"]}]
        assert node[SCHEMA + "wordCount"] == [{"@value": ld["wordCount"]}]
    assert {SCHEMA + "isAccessibleForFree", SCHEMA + "publisher", SCHEMA + "image"} <= set(node)


def test_every_page_parses_without_error(site: dict[str, Path]) -> None:
    for name, page in site.items():
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_text(encoding="utf-8"))
        assert parser.errors == [], name


def test_chromium_keeps_the_metadata_in_the_head(site: dict[str, Path]) -> None:
    from test_epub import chromium

    for name in ("opinion/2024/مقال عربي.txt", "hostile.txt", "persian.txt", "book"):
        page = site[name]
        written = lxml_html.fromstring(page.read_bytes())
        dom = lxml_html.fromstring(chromium(page, "--dump-dom").encode("utf-8"))
        wanted = ("{0}meta[@property or @name] | {0}link[@rel='canonical'] | "
                  "{0}script[@type='application/ld+json']")
        in_head = [(tag.tag, sorted(tag.attrib.items())) for tag in dom.xpath(wanted.format("/html/head/"))]
        in_file = [(tag.tag, sorted(tag.attrib.items())) for tag in written.xpath(wanted.format("//"))]
        assert in_head == in_file and len(in_file) >= 15, name
        assert dom.xpath("/html/body//meta | /html/body//script | /html/body//link") == [], name
        [script] = dom.xpath("/html/head/script[@type='application/ld+json']")
        assert json.loads(script.text) == page_data(page)[1], name


def test_the_json_of_an_article_without_url_or_section_has_neither_key(site: dict[str, Path]) -> None:
    def meta(name: str) -> dict:
        return json.loads(site[name].with_suffix(".json").read_text(encoding="utf-8"))["meta"]

    assert "url" not in meta("bare.txt") and "section" not in meta("bare.txt")
    assert meta("opinion/2024/مقال عربي.txt")["section"] == "آراء"
    assert meta("urdu.txt")["url"] == 'https://news.example.pk/ur/column?id=7&x="q"'


@pytest.mark.parametrize("url", ["javascript:alert(1)", "/relative/page.html", "https://", "ftp://example.org/a"])
def test_a_url_that_is_not_an_address_is_one_error_line(tmp_path: Path, url: str) -> None:
    article = tmp_path / "bad.txt"
    article.write_text(f"---\nurl: '{url}'\n---\nعنوان\n\nنص.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("عنوان\n\nنص.\n", encoding="utf-8")
    result = run_cli(str(article), str(good), "--to", "html", "-o", str(tmp_path / "out"))
    assert result.returncode != 0
    errors = [line for line in (result.stdout + result.stderr).splitlines() if "bad.txt" in line]
    assert len(errors) == 1 and "url" in errors[0] and "http" in errors[0], errors
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "good.html").exists()


def test_a_word_files_category_is_its_section(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("مقال من وورد", level=0)
    document.add_paragraph("نص المقال في ملف وورد.")
    document.core_properties.category = "رأي  واقتصاد"
    document.save(tmp_path / "word.docx")
    result = run_cli(str(tmp_path / "word.docx"), "--to", "html", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    properties, ld = page_data(tmp_path / "out" / "word.html")
    assert one(properties, "article:section") == ld["articleSection"] == "رأي واقتصاد"


def test_a_cluster_worker_knows_the_pages_address(tmp_path: Path) -> None:
    """The cluster converts shipped bytes in a temporary folder: the page's path travels with them."""
    from PIL import Image

    from convert.cluster import ShippedJob, convert_shipped
    from convert.options import Options
    from convert.theme import load_theme

    theme_file = tmp_path / "theme.toml"
    theme_file.write_text(THEME, encoding="utf-8")
    Image.new("RGB", (600, 60), "navy").save(tmp_path / "logo.png")  # a theme's logo must be there
    options = Options(theme=load_theme(str(theme_file)))
    article = "عنوان\n\nنص المقال.\n".encode()
    result = convert_shipped(ShippedJob("a/رأي.txt", article, ("html",), "a/رأي"), options)
    assert result.errors == ()
    page = tmp_path / "page.html"
    page.write_bytes(dict(result.outputs)["html"])
    properties, ld = page_data(page)
    assert one(properties, "canonical") == ld["url"] == BASE + "a/%D8%B1%D8%A3%D9%8A.html"


def test_url_and_section_leave_the_epub_identifier_alone() -> None:
    """A Word file's Category, read now as its section, must not make its EPUB another book."""
    from convert.identifiers import content_identifier
    from convert.model import Document, Meta, Paragraph, Text

    plain = Document(Meta("عنوان"), (Paragraph((Text("نص."),)),))
    placed = plain.with_meta(url="https://example.org/a.html", section="آراء")
    assert content_identifier(placed) == content_identifier(plain)
    assert content_identifier(plain.with_meta(description="وصف")) != content_identifier(plain)

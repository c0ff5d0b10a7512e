"""HTML exporter and the shared HTML builder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, MIXED, SEED, export, load, source_texts, squash
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
    assert root.xpath("//link | //script | //img | //@src | //@href") == []
    css = root.findtext(".//style")
    assert "Amiri" in css and "text-align: justify" in css
    assert re.findall(r"url\(", css) == []


def test_byline_quotes_headings_lists(tmp_path: Path) -> None:
    root = html.document_fromstring(export("html", MIXED, tmp_path / "m.html").read_text("utf-8"))
    assert root.xpath("string(//p[@class='byline']/span[@class='author'])") == "سارة الأحمد"
    assert root.xpath("string(//time[@class='date'])") == "2021-03-15"
    assert root.xpath("string(//span[@class='quote'])") == "“إن لقاح COVID-19 سيكون متاحا للجميع”"
    assert root.xpath("string(//h3)") == "الأرقام والمراسلات"
    assert len(root.xpath("//ul/li")) == 3
    assert "«الحقيقة لا تموت»" in root.xpath("string(//blockquote)")


def test_markup_in_the_article_is_literal_text(tmp_path: Path) -> None:
    page = export("html", HOSTILE, tmp_path / "markup.html").read_text("utf-8")
    root = html.document_fromstring(page)
    assert root.xpath("//script | //img | //@src | //iframe") == []
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

"""Links in the PDF (issue 29), read back as a viewer and a screen reader meet them.

Articles written as writers write links (``[text](https://…)``,
``<https://…>``, mailto), read by the reader, converted by the PDF
exporter. What each link should show comes from the model (its href and
its text); what the PDF holds is read by pypdf (annotations, the structure
tree) and pdfplumber (where each character is drawn):
- a screen PDF: one annotation per line the link's text occupies, its
  rectangle over that line's part of the text: the characters drawn inside
  the rectangles of a link are its text, each once (a duplicate annotation
  counts them twice, a rectangle too wide takes a neighbour), and each
  rectangle lies inside the text block;
- PDF/UA: each link one Link structure element, holding all its
  annotations, each annotation's StructParent leading back to it;
- PDF/X: no annotation at all, the link's text drawn as the text around it;
- a book's contents: one link per article, over its title and page number,
  leading to the page where the article starts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES, SEED, load
from pdf_readers import EXTRACTORS, INVISIBLE, words
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from test_print_production import rgb_problems

from convert.exporters.pdf.exporter import PdfExporter
from convert.model import Book, Document, Emphasis, Link, Paragraph, Strong, inline_text
from convert.options import Options
from convert.reading.reader import read_bytes
from convert.reading.transforms import prepare
from convert.text.geometry import POINTS_PER_MM
from convert.text.shown import shown_title

ARABIC = "\n\n".join((
    "روابط المقالة والمصادر",
    "فقرة أولى فيها [نص الرابط](https://example.org/a) في سطر واحد.",
    # A link over two lines, elongated (kashida) where the first ends.
    "فقرة ثانية طويلة تقول إن التقرير الذي نشرته الهيئة في عام 2021 يذكر أن [المصادر الرسمية المتعددة"
    " التي راجعها فريق التحرير خلال الأشهر الماضية كلها](https://example.org/long-link) تؤكد ما قلناه"
    " في المقالة السابقة عن الموضوع نفسه بتفصيل.",
    "فقرة ثالثة فيها [رابط فيه **نص غامق** و«اقتباس» داخله](https://example.org/strong) ثم كلام بعده.",
    # A link that ends a justified line.
    "يتناول هذا التقرير أوضاع الصحافة المستقلة في المنطقة خلال العقد الأخير ويعرض شهادات"
    " [حرية التعبير](https://example.org/kashida-end) وهذا ما تؤكده المنظمات الدولية في تقاريرها"
    " السنوية المتتابعة منذ سنوات طويلة.",
    "وفي سطر عربي عنوان لاتيني <https://www.example.com/path/to/page> يقرأ من اليسار، ثم"
    " [تقرير 2021 عن Reuters](https://example.org/mixed) بعده.",
    # A note called right after a link, whose text holds a link (at the page's foot).
    "للمراسلة [اكتب لنا](mailto:editor@example.org)[^1] في أي وقت.",
    # Bare addresses, with Arabic punctuation typed right after them.
    "التقرير الكامل منشور على https://example.org/report/2024، ويمكن مراسلة الكاتب على"
    " writer@example.org؛ وهذا آخر ما في المقالة.",
    "[^1]: أو عبر [صفحة التواصل](https://example.org/contact) في الموقع.",
)) + "\n"
PERSIAN = "\n\n".join((
    "---\nlang: fa\n---\nپیوندهای یادداشت",
    "این گزارش را [خبرگزاری مستقل در سال ۱۴۰۲](https://example.org/fa) منتشر کرد و [نسخهٔ کامل آن با"
    " جزئیات بیشتر و جدول‌های آماری و پیوست‌های فراوان و توضیحات کارشناسان](https://example.org/fa-long)"
    " در دسترس همگان است.",
)) + "\n"
URDU = "\n\n".join((
    "---\nlang: ur\n---\nلاہور کی کہانی",
    "یہ کہانی [BBC اردو ویب سائٹ](https://example.org/ur) پر ۲۰۲۳ میں شائع ہوئی تھی اور اس کے بعد"
    " کئی بار پڑھی گئی۔",
)) + "\n"
ARTICLES = {"arabic": ARABIC, "persian": PERSIAN, "urdu": URDU}
SCREEN = (None, "pdf/ua-1")
PRINT = ("pdf/x-4", "pdf/x-1a")
# A character's centre may lie this far past its link's rectangle: Amiri's
# isolated reh at a line's start is drawn a little past the text block.
SLACK = 2.0


def article(text: str, options: Options) -> Document:
    return prepare(read_bytes(text.encode(), "links.txt").document, options)


def links_of(doc: Document) -> list[tuple[str, str]]:
    """Each link of the document as (href, the text it shows), in reading order."""
    found: list[tuple[str, str]] = []

    def visit(inlines) -> None:
        for inline in inlines:
            if isinstance(inline, Link):
                found.append((inline.href, inline_text(inline.inlines)))
            elif isinstance(inline, (Strong, Emphasis)):
                visit(inline.inlines)

    for block in doc.blocks:
        visit(getattr(block, "inlines", ()))
    for note in doc.notes:
        for paragraph in note.paragraphs:
            visit(paragraph)
    return found


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str | None], tuple[Path, Document]]:
    folder = tmp_path_factory.mktemp("links")
    built = {}
    for name, text in ARTICLES.items():
        for variant in (*SCREEN, *PRINT):
            options = Options(pdf_variant=variant)
            doc = article(text, options)
            target = folder / f"{name}-{(variant or 'screen').replace('/', '-')}.pdf"
            PdfExporter().export(doc, target, options)
            built[name, variant] = target, doc
    return built


def annotations(pdf: Path) -> list[tuple[int, DictionaryObject]]:
    """(page index, annotation) of every annotation, page by page."""
    return [(number, annotation.get_object()) for number, page in enumerate(PdfReader(pdf).pages)
            for annotation in page.get("/Annots", []) or []]


def target(annotation: DictionaryObject) -> str:
    action = annotation.get("/A")
    return str(action.get_object()["/URI"]) if action is not None else str(annotation.get("/Dest"))


def rectangle(annotation: DictionaryObject) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(value) for value in annotation["/Rect"])
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def chars_inside(page, box: tuple[float, float, float, float]) -> list[dict]:
    """The visible characters whose centre lies in the box (PDF coordinates)."""
    left, bottom, right, top = box
    height = float(page.height)
    return [char for char in page.chars if char["text"] not in INVISIBLE
            and left - SLACK <= (char["x0"] + char["x1"]) / 2 <= right + SLACK
            and bottom <= height - (char["top"] + char["bottom"]) / 2 <= top]


def visible(text: str) -> Counter:
    return Counter(character for character in text if character not in INVISIBLE)


def text_block(options: Options, page) -> tuple[float, float]:
    """The text block's left and right edges on a page (single-sided: margins fixed)."""
    margins = options.theme.page
    return (margins.margin_outer_mm * POINTS_PER_MM,
            float(page.width) - margins.margin_inner_mm * POINTS_PER_MM)


# ---------------------------------------------------------------- a screen PDF: one annotation per line

@pytest.mark.parametrize("variant", SCREEN)
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_each_link_is_one_annotation_per_line_over_its_text(pdfs, name: str, variant: str | None) -> None:
    pdf, doc = pdfs[name, variant]
    found = annotations(pdf)
    assert {target(annotation) for _, annotation in found} == {href for href, _ in links_of(doc)}
    with pdfplumber.open(pdf) as document:
        for href, text in links_of(doc):
            own = [(number, annotation) for number, annotation in found if target(annotation) == href]
            drawn = Counter()
            for number, annotation in own:
                page = document.pages[number]
                left, bottom, right, top = rectangle(annotation)
                edges = text_block(Options(), page)
                assert edges[0] - 0.5 <= left < right <= edges[1] + 0.5, (href, left, right)
                drawn += visible("".join(char["text"] for char in chars_inside(page, rectangle(annotation))))
                # One line each: no two rectangles of a link share a line.
                for other_number, other in own:
                    if other is not annotation and other_number == number:
                        other_bottom, other_top = rectangle(other)[1], rectangle(other)[3]
                        assert other_top <= bottom + 0.5 or other_bottom >= top - 0.5, href
            assert drawn == visible(text), (href, text)


def test_the_cases_are_what_they_claim(pdfs, tmp_path: Path) -> None:
    """The inputs hold what they stand for: a link over two lines whose first
    part is elongated (kashida: wider than set without), a link that ends a
    justified line at the text block's far (left) edge."""
    pdf, _ = pdfs["arabic", None]
    unelongated = tmp_path / "no-kashida.pdf"
    theme = Options().theme
    options = Options(theme=replace(theme, text=replace(theme.text, kashida=False)))
    PdfExporter().export(article(ARABIC, options), unelongated, options)
    rects, plain_rects = link_rectangles(pdf), link_rectangles(unelongated)
    assert len(rects["https://example.org/a"]) == 1
    long_link = "https://example.org/long-link"
    assert len(rects[long_link]) == 2
    (first, _), (plain_first, _) = rects[long_link], plain_rects[long_link]
    assert first[2] - first[0] > plain_first[2] - plain_first[0] + 2
    (end,) = rects["https://example.org/kashida-end"]
    with pdfplumber.open(pdf) as document:
        left = text_block(Options(), document.pages[0])[0]
    assert abs(end[0] - left) < 0.5
    persian, _ = pdfs["persian", None]
    assert len(link_rectangles(persian)["https://example.org/fa-long"]) == 2


def link_rectangles(pdf: Path) -> dict[str, list[tuple[float, float, float, float]]]:
    found: dict[str, list] = {}
    for _, annotation in annotations(pdf):
        found.setdefault(target(annotation), []).append(rectangle(annotation))
    return found


def test_an_annotation_names_its_address_and_has_no_border(pdfs) -> None:
    pdf, doc = pdfs["arabic", None]
    for _, annotation in annotations(pdf):
        assert annotation["/Subtype"] == "/Link"
        assert annotation["/A"]["/S"] == "/URI"
        assert annotation["/BS"]["/W"] == 0
    addresses = {str(annotation["/A"]["/URI"]) for _, annotation in annotations(pdf)}
    assert "mailto:editor@example.org" in addresses and "https://www.example.com/path/to/page" in addresses


def test_a_plain_article_has_no_annotation(tmp_path: Path) -> None:
    target_pdf = tmp_path / "plain.pdf"
    PdfExporter().export(load(SEED), target_pdf, Options())
    assert annotations(target_pdf) == []


# ---------------------------------------------------------------- how a link looks

def test_a_screen_link_is_in_the_accent_colour_and_underlined(pdfs) -> None:
    pdf, _ = pdfs["arabic", None]
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        (annotation,) = [annotation for _, annotation in annotations(pdf)
                         if target(annotation) == "https://example.org/a"]
        box = rectangle(annotation)
        colours = {tuple(round(part, 3) for part in char["non_stroking_color"])
                   for char in chars_inside(page, box)}
        accent = Options().theme.colors.accent
        assert colours == {tuple(round(int(accent[i:i + 2], 16) / 255, 3) for i in (1, 3, 5))}
        assert underlines(page, box)


def underlines(page, box: tuple[float, float, float, float]) -> list:
    """The thin rules drawn across the box (text-decoration)."""
    left, bottom, right, top = box
    height = float(page.height)
    return [rule for rule in page.rects + page.lines
            if rule["x0"] < right and rule["x1"] > left and bottom <= height - rule["bottom"] <= top
            and rule["height"] < 2]


# ---------------------------------------------------------------- PDF/X: text, no links

def without_links(doc: Document) -> Document:
    """The document with each link replaced by the text it holds."""

    def plain(inlines: tuple) -> tuple:
        kept: list = []
        for inline in inlines:
            if isinstance(inline, Link):
                kept.extend(plain(inline.inlines))
            elif isinstance(inline, (Strong, Emphasis)):
                kept.append(replace(inline, inlines=plain(inline.inlines)))
            else:
                kept.append(inline)
        return tuple(kept)

    blocks = tuple(replace(block, inlines=plain(block.inlines)) if isinstance(block, Paragraph) else block
                   for block in doc.blocks)
    notes = tuple(replace(note, paragraphs=tuple(map(plain, note.paragraphs))) for note in doc.notes)
    return replace(doc, blocks=blocks, notes=notes)


def drawing(pdf: Path) -> list[tuple[Counter, list]]:
    """Each page's visible characters, by line and colour (a line's boxes may
    shift by a fraction of a point when split at a link's ends), and its rules."""
    with pdfplumber.open(pdf) as document:
        return [(Counter((char["text"], round(char["top"]), char["non_stroking_color"])
                         for char in page.chars if char["text"] not in INVISIBLE),
                 sorted(map(rule_drawn, page.rects + page.lines)))
                for page in document.pages]


def rule_drawn(rule: dict) -> tuple:
    return (*(round(rule[key], 1) for key in ("x0", "top", "x1", "bottom")),
            rule["non_stroking_color"], rule["stroking_color"])


@pytest.mark.parametrize("variant", PRINT)
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_print_pdf_draws_the_links_as_the_text_without_them(pdfs, name: str, variant: str,
                                                             tmp_path: Path) -> None:
    pdf, doc = pdfs[name, variant]
    assert annotations(pdf) == []
    assert rgb_problems(PdfReader(pdf)) == []
    plain = tmp_path / "plain.pdf"
    PdfExporter().export(without_links(doc), plain, Options(pdf_variant=variant))
    assert annotations(plain) == [] and links_of(without_links(doc)) == []
    # The same characters on the same lines in the same colours, the same
    # rules: no underline, no colour of their own.
    assert drawing(pdf) == drawing(plain)


# ---------------------------------------------------------------- PDF/UA: one Link element per link

def structure_elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every structure element of the tree, depth first, in the tree's order."""
    found, pending = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while pending:
        element = pending.pop()
        found.append(element)
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, ArrayObject) else [kids]
        kid_objects = [kid.get_object() if isinstance(kid, IndirectObject) else kid for kid in kids]
        pending.extend(kid for kid in reversed(kid_objects)
                       if isinstance(kid, DictionaryObject) and kid.get("/Type") != "/OBJR")
    return found[1:]


def object_references(element: DictionaryObject) -> list[DictionaryObject]:
    """The annotations an element's OBJR kids name."""
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    return [kid.get_object()["/Obj"].get_object() for kid in kids
            if isinstance(kid.get_object(), DictionaryObject) and kid.get_object().get("/Type") == "/OBJR"]


def parent_tree(reader: PdfReader) -> dict[int, object]:
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    return {int(nums[index]): nums[index + 1].get_object() for index in range(0, len(nums), 2)}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_pdf_ua_each_link_is_one_link_element_holding_its_annotations(pdfs, name: str) -> None:
    pdf, doc = pdfs[name, "pdf/ua-1"]
    reader = PdfReader(pdf)
    elements = structure_elements(reader)
    holders = [element for element in elements if object_references(element)]
    assert all(element["/S"] == "/Link" for element in holders)
    # One element per link, in reading order, holding every annotation of it.
    assert [{target(annotation) for annotation in object_references(element)} for element in holders] == [
        {href} for href, _ in links_of(doc)]
    held = [annotation for element in holders for annotation in object_references(element)]
    assert len(held) == len(annotations(pdf))
    parents = parent_tree(reader)
    for element in holders:
        for annotation in object_references(element):
            assert parents[int(annotation["/StructParent"])] == element
            assert str(annotation["/Contents"]) == target(annotation)
    assert all(page["/Tabs"] == "/S" for page in reader.pages if "/Annots" in page)


def test_pdf_ua_a_link_element_holds_the_links_text(pdfs) -> None:
    """The marked contents a Link element holds are its text's: pdfplumber
    gives each character its MCID, the parent tree gives the MCID's element."""
    pdf, doc = pdfs["arabic", "pdf/ua-1"]
    reader = PdfReader(pdf)
    parents = parent_tree(reader)
    texts: dict[str, Counter] = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            by_mcid = parents[int(reader.pages[number]["/StructParents"])]
            for char in page.chars:
                if char.get("mcid") is None or char["text"] in INVISIBLE:
                    continue
                element = by_mcid[char["mcid"]].get_object()
                while element.get("/S") not in ("/Link", "/Document"):
                    element = element["/P"].get_object()
                if element["/S"] == "/Link":
                    (href,) = {target(annotation) for annotation in object_references(element)}
                    texts[href] = texts.get(href, Counter()) + Counter(char["text"])
    assert texts == {href: visible(text) for href, text in links_of(doc)}


# ---------------------------------------------------------------- copying a link's text

@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_links_text_copies_as_the_text_without_the_link(pdfs, name: str, tmp_path: Path) -> None:
    """Each viewer family reads the same characters in the same order whether
    the text is a link or not (the engine fix copy-text draws a link's text
    layer as any other's; only the line breaks and invisible marks a family
    puts between boxes may differ, and what a family misreads it misreads in
    both: pypdf reads Persian digits backwards, PDFium a URL before an Arabic
    comma by pieces), and poppler reads every word of every link."""
    pdf, doc = pdfs[name, None]
    plain = tmp_path / "plain.pdf"
    PdfExporter().export(without_links(doc), plain, Options())
    for family, extract in EXTRACTORS.items():
        assert shown_characters(extract(pdf)) == shown_characters(extract(plain)), family
    read = set(words(EXTRACTORS["poppler"](pdf)))
    assert {word for _, shown in links_of(doc) for word in words(shown)} <= read


def shown_characters(text: str) -> str:
    return "".join(character for character in text if character not in INVISIBLE)


# ---------------------------------------------------------------- the book's contents

@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, tuple[Path, Book]]:
    folder = tmp_path_factory.mktemp("book-links")
    built = {}
    for variant in (None, "pdf/ua-1"):
        options = Options(pdf_variant=variant)
        documents = [load(path, options) for path in sorted((FIXTURES / "book").glob("*.txt"))]
        book = Book("كتاب الروابط", "هيئة التحرير", (*documents, article(ARABIC, options)))
        target_pdf = folder / f"book-{(variant or 'screen').replace('/', '-')}.pdf"
        PdfExporter().export_book(book, target_pdf, options)
        built[variant] = target_pdf, book
    return built


@pytest.mark.parametrize("variant", (None, "pdf/ua-1"))
def test_the_contents_lead_to_each_article_from_its_whole_line(books, variant: str | None) -> None:
    pdf, book = books[variant]
    reader = PdfReader(pdf)
    destinations = reader.named_destinations
    contents = [(number, annotation) for number, annotation in annotations(pdf) if "/Dest" in annotation]
    assert len(contents) == len(book.documents)
    with pdfplumber.open(pdf) as document:
        for (number, annotation), doc in zip(contents, book.documents, strict=True):
            page = document.pages[number]
            box = rectangle(annotation)
            left, right = text_block(Options(), page)
            assert left - 0.5 <= box[0] < box[2] <= right + 0.5
            # The whole contents line (title, leader, page number) is the link.
            line = chars_inside(page, (0, box[1], float(page.width), box[3]))
            assert chars_inside(page, box) == line
            spoken = "".join(char["text"] for char in sorted(page.chars, key=lambda char: -char["x0"])
                             if box[1] <= float(page.height) - (char["top"] + char["bottom"]) / 2 <= box[3])
            title_words = set(words(shown_title(doc.meta.title)))
            assert title_words <= set(words(spoken))
            opened = reader.get_destination_page_number(destinations[str(annotation["/Dest"])])
            assert title_words <= set(words(reader.pages[opened].extract_text()))
            if variant == "pdf/ua-1":
                assert str(annotation["/Contents"]) == shown_title(doc.meta.title)

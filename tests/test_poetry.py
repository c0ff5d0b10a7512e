"""Classical poetry: verses typed with their hemistichs apart read as a Poem
(reading/poetry.py) and set as Arabic books set them (convert/poetry.py):
the first hemistich at the right, the second at the left, both justified to
one width, no verse split across pages, the hemistichs stacked on a phone."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from ace_helper import ace_violations
from conftest import epub_build, libreoffice_pdfs
from ooxml_schema import invalid_parts
from pdf_readers import pdfium_finds, poppler
from test_epub import chromium

from convert.bookmode import book_options
from convert.exporters import get_exporter
from convert.model import Book, Paragraph, Poem, Strong, inline_text
from convert.options import Options
from convert.outputs import prepared_reading
from convert.reading.reader import read_bytes

# Imru' al-Qais, vocalised (his Mu'allaqa), with ***.
IMRU = (
    "قِفا نَبكِ مِن ذِكرى حَبيبٍ وَمَنزِلِ *** بِسِقطِ اللِوى بَينَ الدَخولِ فَحَومَلِ\n"
    "فَتوضِحَ فَالمِقراةِ لَم يَعفُ رَسمُها *** لِما نَسَجَتها مِن جَنوبٍ وَشَمأَلِ\n"
    "تَرى بَعَرَ الآرامِ في عَرَصاتِها *** وَقيعانِها كَأَنَّهُ حَبُّ فُلفُلِ"
)
# al-Mutanabbi, unvocalised, a tab between the hemistichs.
MUTANABBI = (
    "على قدر أهل العزم تأتي العزائم\tوتأتي على قدر الكرام المكارم\n"
    "وتعظم في عين الصغير صغارها\tوتصغر في عين العظيم العظائم"
)
ARTICLE = f"""الشعر في المقال

يستشهد الكاتب بأبيات من المعلقة... ثم يعلق عليها في سطر طويل من النثر يشرح المعنى ويذكر المناسبة،
ويعود إلى الديوان في طبعته الثانية (1958) ليقارن الروايات * ويختار أصحها سندا وأقربها إلى لغة الشاعر.

{IMRU}

وقال المتنبي في سيف الدولة سنة 337 للهجرة:

{MUTANABBI}

```شعر
الخيل والليل والبيداء تعرفني ... والسيف والرمح والقرطاس والقلم

سطرٌ من شعر التفعيلة بلا فاصل
وسطرٌ ثانٍ يبقى في سطره
```
"""


PROSE = "عنوان\n\nقال:\n\n"


def blocks_of(text: str) -> tuple:
    return read_bytes(text.encode(), "poem.txt").document.blocks


def verses_of(text: str) -> list[tuple[str, ...]]:
    """The verses of the article's only poem, as text."""
    (poem,) = [block for block in blocks_of(text) if isinstance(block, Poem)]
    return [tuple(inline_text(part) for part in verse) for verse in poem.verses]


# ------------------------------------------------------------------------- reader

PAIRS = [("إذا غامرت في شرف مروم", "فلا تقنع بما دون النجوم"),
         ("فطعم الموت في أمر حقير", "كطعم الموت في أمر عظيم")]


@pytest.mark.parametrize("separator", [" *** ", "***", " ... ", "…", " … ", " * ", "\t", "    ", " \t "])
def test_each_separator_reads_two_hemistichs(separator: str) -> None:
    verses = "\n".join(f"{first}{separator}{second}" for first, second in PAIRS)
    text = f"عنوان\n\nقال الشاعر:\n\n{verses}\n"
    assert verses_of(text) == PAIRS


def test_a_single_verse_with_stars_a_tab_or_spaces_is_a_poem() -> None:
    for separator in (" *** ", "\t", "     "):
        assert verses_of(f"عنوان\n\nقال:\n\n{PAIRS[0][0]}{separator}{PAIRS[0][1]}\n") == [PAIRS[0]]


@pytest.mark.parametrize("text", [
    "انتظرنا طويلا... ثم جاء الخبر",  # one line with an ellipsis
    "ثمن الكتاب 3 * 4 دنانير كاملة",  # one line with one star
    "قال الراوي ... وسكت طويلا ثم قال إن الأمر أعقد من أن يُحكى في سطر واحد أو سطرين\n"
    "وأضاف ... ولم يزد",  # halves of unequal length
    "جاء الخبر... وانتهى\nثم قال كلاما كثيرا لا فاصل فيه",  # a line without a separator
    "هذا سطر أول *** وفيه نجمتان *** مرتين\nوسطر آخر *** فيه فاصل",  # two separators
])
def test_prose_with_dots_or_a_star_stays_prose(text: str) -> None:
    blocks = blocks_of(f"عنوان\n\nقال:\n\n{text}\n")
    assert [type(block) for block in blocks] == [Paragraph, Paragraph]


def test_a_fenced_poem_keeps_its_free_verse_lines_and_reads_its_verses() -> None:
    assert verses_of("عنوان\n\nقال:\n" + ARTICLE.split(MUTANABBI)[1]) == [
        ("الخيل والليل والبيداء تعرفني", "والسيف والرمح والقرطاس والقلم"),
        ("سطرٌ من شعر التفعيلة بلا فاصل",), ("وسطرٌ ثانٍ يبقى في سطره",)]


def test_a_tilde_fence_named_poem_and_markup_in_a_hemistich() -> None:
    text = ("عنوان\n\nقال:\n\n~~~poem\nأنا **الذي** نظر الأعمى إلى أدبي *** وأسمعت كلماتي من به صمم\n"
            "سطر 2024\n~~~\n")
    _, poem = blocks_of(text)
    assert isinstance(poem, Poem) and len(poem.verses) == 2
    assert any(isinstance(inline, Strong) for inline in poem.verses[0][0])
    assert inline_text(poem.verses[1][0]) == "سطر 2024"


def test_the_article_reads_prose_poems_prose_and_json_holds_the_verses(tmp_path: Path) -> None:
    doc, options = prepared(ARTICLE)
    assert [type(block).__name__ for block in doc.blocks] == [
        "Paragraph", "Poem", "Paragraph", "Poem", "Poem"]
    target = tmp_path / "poem.json"
    get_exporter("json").export(doc, target, options)
    poems = [block for block in json.loads(target.read_text())["blocks"] if block["type"] == "Poem"]
    assert poems[1]["verses"][0][1] == [{"type": "Text", "text": "وتأتي على قدر الكرام المكارم"}]


# ------------------------------------------------------------------------- PDF

def prepared(text: str, options: Options | None = None):
    reading = prepared_reading(text.encode(), "poem.txt", options or Options())
    return reading.document, reading.options


def export(text: str, target: Path, kind: str, options: Options | None = None) -> Path:
    doc, article_options = prepared(text, options)
    get_exporter(kind).export(doc, target, article_options)
    return target


def _letters(text: str) -> Counter:
    """The letters of a text (no marks, spaces, digits or tatweel): what a line's glyphs must hold."""
    return Counter(c for c in unicodedata.normalize("NFC", text)
                   if unicodedata.category(c) == "Lo" and c != "\u0640")


def _printed_lines(pdf: Path) -> list[tuple[int, list[dict]]]:
    """Per page, its lines: the letters' chars sharing a baseline (2 pt), left to right."""
    lines = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            by_baseline: dict[float, list[dict]] = {}
            for char in page.chars:
                if not _letters(char["text"]):
                    continue
                baseline = char["matrix"][5]
                key = next((known for known in by_baseline if abs(known - baseline) < 2), baseline)
                by_baseline.setdefault(key, []).append(char)
            lines += [(number, sorted(chars, key=lambda c: c["x0"])) for chars in by_baseline.values()]
    return lines


def _halves(chars: list[dict]) -> tuple[list[dict], list[dict]]:
    """A line's chars split at its widest gap: (right, left)."""
    gaps = [chars[index + 1]["x0"] - chars[index]["x1"] for index in range(len(chars) - 1)]
    at = gaps.index(max(gaps)) + 1
    return chars[at:], chars[:at]


def _text(chars: list[dict]) -> str:
    return "".join(char["text"] for char in chars)


def verse_positions(pdf: Path, verse: tuple[str, str]) -> tuple[list[dict], list[dict]]:
    """The right and left halves of the printed line holding the verse's letters."""
    wanted = _letters(verse[0] + verse[1])
    found = [chars for _, chars in _printed_lines(pdf) if _letters(_text(chars)) == wanted]
    assert len(found) == 1, (verse, [_text(chars) for chars in found])
    return _halves(found[0])


@pytest.fixture(scope="module")
def article_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(ARTICLE, tmp_path_factory.mktemp("poetry") / "poem.pdf", "pdf")


def test_pdf_first_hemistich_right_of_the_second_both_one_width(article_pdf: Path) -> None:
    verses = [*verses_of(PROSE + IMRU), *verses_of(PROSE + MUTANABBI)]
    for verse in verses:
        right, left = verse_positions(article_pdf, verse)
        assert _letters(_text(right)) == _letters(verse[0]), verse
        assert _letters(_text(left)) == _letters(verse[1]), verse
        right_width = max(c["x1"] for c in right) - min(c["x0"] for c in right)
        left_width = max(c["x1"] for c in left) - min(c["x0"] for c in left)
        gap = min(c["x0"] for c in right) - max(c["x1"] for c in left)
        # Justified to one width: the ink of each fills its column (within a letter's side bearings).
        assert abs(right_width - left_width) < 3, (verse, right_width, left_width)
        assert gap > 20, verse  # 3 em at 14 pt is 42 pt, less the columns' bearings


def test_pdf_a_poem_is_centred_on_the_measure(article_pdf: Path) -> None:
    # The measure: the first line of the prose paragraph, justified from edge to edge.
    prose = _letters("يستشهد الكاتب بأبيات من المعلقة")
    line = next(chars for _, chars in _printed_lines(article_pdf) if not prose - _letters(_text(chars)))
    measure_middle = (line[0]["x0"] + line[-1]["x1"]) / 2
    for verse in [*verses_of(PROSE + MUTANABBI), *verses_of(PROSE + IMRU)]:
        right, left = verse_positions(article_pdf, verse)
        middle = (max(c["x1"] for c in right) + min(c["x0"] for c in left)) / 2
        assert abs(middle - measure_middle) < 3, (verse, middle, measure_middle)


def _inked(chars: list[dict]) -> float:
    """The width the letters take, the spaces between words left out (a tatweel
    a kashida inserts widens its letter's box: it copies as nothing, no char of its own)."""
    return sum(char["x1"] - char["x0"] for char in chars)


def test_pdf_unvocalised_verses_are_evened_by_kashida_first(article_pdf: Path, tmp_path: Path) -> None:
    """Against the same hemistichs without kashida (theme [text] kashida off):
    the letters take more of the same width, the spaces less."""
    options = Options()
    theme = options.theme
    plain = export(ARTICLE, tmp_path / "plain.pdf", "pdf",
                   replace(options, theme=replace(theme, text=replace(theme.text, kashida=False))))
    for verse in verses_of(PROSE + MUTANABBI):
        elongated, spaced = verse_positions(article_pdf, verse), verse_positions(plain, verse)
        for half in (0, 1):
            assert _inked(elongated[half]) > _inked(spaced[half]) + 5, (verse, half)


def test_pdf_copy_and_search_find_a_verses_words(article_pdf: Path) -> None:
    wanted = ["قدر", "العزائم", "الكرام", "المكارم", "تعرفني", "والقرطاس", "التفعيلة"]
    assert pdfium_finds(article_pdf, wanted) == wanted
    text = unicodedata.normalize("NFC", poppler(article_pdf))
    for word in ("وتعظم", "الصغير", "صغارها", "العظائم", "حَبيبٍ"):
        assert word in text, word


def test_pdf_free_verse_keeps_its_line_breaks(article_pdf: Path) -> None:
    lines = [_text(chars) for _, chars in _printed_lines(article_pdf)]
    for line in ("سطرٌ من شعر التفعيلة بلا فاصل", "وسطرٌ ثانٍ يبقى في سطره"):
        assert sum(_letters(text) == _letters(line) for text in lines) == 1, line


# Hemistichs of the long metre, each numbered at the verse's two ends: on an
# A5 page they wrap inside their columns, so a page break could fall inside a verse.
LONG = [
    ("أَلا أَيُّها اللَيلُ الطَويلُ أَلا اِنجَلي", "بِصُبحٍ وَما الإِصباحُ مِنكَ بِأَمثَلِ"),
    ("وَلَيلٍ كَمَوجِ البَحرِ أَرخى سُدولَهُ", "عَلَيَّ بِأَنواعِ الهُمومِ لِيَبتَلي"),
    ("ومن يجعل المعروف في غير أهله وأصحابه", "يكن حمده ذما عليه ويندم في آخر الأمر"),
    ("وإذا أتتك مذمتي من ناقص متحامل", "فهي الشهادة لي بأني كامل في قولهم"),
]


DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def numbered_poem(count: int) -> str:
    lines = []
    for number in range(1, count + 1):
        first, second = LONG[number % len(LONG)]
        mark = str(number).translate(DIGITS)
        lines.append(f"{mark} {first} *** {second} {mark}")
    return "قصيدة طويلة\n\n" + "\n".join(lines) + "\n"


def test_pdf_no_verse_of_sixty_splits_across_a_page(tmp_path: Path) -> None:
    options = Options()
    options = replace(options, theme=options.theme.with_page_size("A5"))
    pdf = export(numbered_poem(60), tmp_path / "long.pdf", "pdf", options)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
    assert count >= 3
    seen: Counter = Counter()
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        numbers = Counter(re.findall(r"[٠-٩]+", text))
        numbers[str(page).translate(DIGITS)] -= 1  # the page's number, at its foot
        # A verse's two numbers on one page: never one on each of two pages.
        assert all(times % 2 == 0 for times in numbers.values()), (page, numbers)
        seen.update(numbers)
    assert len([number for number, times in seen.items() if times == 2]) == 60
    # The hemistichs do wrap in their columns here: more lines than verses.
    assert len(_printed_lines(pdf)) > 60 + 1


# ------------------------------------------------------------------------- DOCX

@pytest.fixture(scope="module")
def article_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(ARTICLE, tmp_path_factory.mktemp("poetry-docx") / "poem.docx", "docx")


def test_docx_is_schema_valid_with_a_borderless_right_to_left_table(article_docx: Path) -> None:
    assert invalid_parts(article_docx) == {}
    with zipfile.ZipFile(article_docx) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:tbl>") == 3 and body.count("<w:bidiVisual/>") == 3
    assert body.count("<w:cantSplit/>") == 3 + 2 + 3
    assert 'w:jc w:val="distribute"' in body


def test_libreoffice_sets_the_first_hemistich_right_of_the_second(article_docx: Path, tmp_path: Path) -> None:
    (pdf,) = libreoffice_pdfs([article_docx], tmp_path)
    for verse in [*verses_of(PROSE + IMRU), *verses_of(PROSE + MUTANABBI)]:
        right, left = verse_positions(pdf, verse)
        assert _letters(_text(right)) == _letters(verse[0]), verse
        assert _letters(_text(left)) == _letters(verse[1]), verse
        right_width = max(c["x1"] for c in right) - min(c["x0"] for c in right)
        left_width = max(c["x1"] for c in left) - min(c["x0"] for c in left)
        assert abs(right_width - left_width) < 4, (verse, right_width, left_width)


def test_docx_book_of_poems_is_schema_valid(tmp_path: Path) -> None:
    """A book's sections get their page size when it is bound: the poem's table is capped then."""
    documents = (prepared(ARTICLE)[0], prepared(numbered_poem(12))[0])
    book = Book("ديوان", "هيئة التحرير", documents)
    target = tmp_path / "book.docx"
    get_exporter("docx").export_book(book, target, book_options(book, Options()))
    assert invalid_parts(target) == {}
    with zipfile.ZipFile(target) as archive:
        assert archive.read("word/document.xml").decode().count("<w:cantSplit/>") == 8 + 12


# ------------------------------------------------------------------------- EPUB and HTML

@epub_build
def build_poetry_books(folder: Path) -> tuple[dict[str, Path], list[Path]]:
    built = {"article": export(ARTICLE, folder / "poem.epub", "epub")}
    return built, list(built.values())


@pytest.fixture(scope="module")
def books(epub_builds) -> dict[str, Path]:
    return epub_builds[build_poetry_books]


def test_epubcheck_reports_no_error_and_no_warning(epub_builds, books: dict[str, Path]) -> None:
    assert epub_builds.problems(books["article"]) == []


def test_ace_finds_no_violation(books: dict[str, Path], tmp_path: Path) -> None:
    assert ace_violations(books["article"], tmp_path) == []


# Headless Chromium's window is 500 px wide at least: the chapter is laid out
# in a frame of the wanted width, which its media queries see as the screen.
HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="frame" src="{chapter}" style="border:0;width:{width}px;height:900px"></iframe>
<pre id="measured"></pre>
<script>
document.getElementById("frame").addEventListener("load", () => {{
  const page = document.getElementById("frame").contentDocument;
  const verses = [...page.querySelectorAll(".verse:not(.free)")].map(verse => {{
    const [first, second] = [...verse.querySelectorAll(".hemistich")].map(h => h.getBoundingClientRect());
    return {{firstLeft: first.left, firstBottom: first.bottom, secondRight: second.right,
             secondTop: second.top, firstWidth: first.width, secondWidth: second.width}};
  }});
  const root = page.documentElement;
  document.getElementById("measured").textContent =
    JSON.stringify({{verses, scroll: root.scrollWidth, client: root.clientWidth}});
}});
</script></body></html>"""


def measured(epub: Path, folder: Path, width: int) -> dict:
    """The verses' boxes and the page's widths, as Chromium lays out the chapter at width px."""
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    (chapter,) = [path for path in folder.rglob("*.xhtml") if 'class="poem"' in path.read_text()]
    harness = chapter.with_name("harness.html")
    harness.write_text(HARNESS.format(chapter=chapter.name, width=width))
    dom = chromium(harness, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom")
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found and found.group(1), dom[-500:]
    return json.loads(found.group(1).replace("&quot;", '"'))


def test_epub_on_a_wide_screen_sets_the_hemistichs_side_by_side(books: dict[str, Path], tmp_path: Path
                                                                ) -> None:
    layout = measured(books["article"], tmp_path, 800)
    assert len(layout["verses"]) == 6
    for verse in layout["verses"]:
        assert verse["firstLeft"] >= verse["secondRight"], verse
        assert abs(verse["firstWidth"] - verse["secondWidth"]) < 1, verse


def test_epub_on_a_phone_stacks_the_hemistichs_without_overflow(books: dict[str, Path], tmp_path: Path
                                                                ) -> None:
    layout = measured(books["article"], tmp_path, 360)
    assert layout["scroll"] <= layout["client"]
    for verse in layout["verses"]:
        assert verse["secondTop"] >= verse["firstBottom"] - 1, verse


def test_html_and_epub_without_a_poem_have_no_poem_rules(tmp_path: Path) -> None:
    plain = "عنوان\n\nنص بلا شعر... فيه نقاط فقط.\n"
    html = export(plain, tmp_path / "plain.html", "html").read_text()
    assert ".hemistich" not in html
    assert ".hemistich" in export(ARTICLE, tmp_path / "poem.html", "html").read_text()

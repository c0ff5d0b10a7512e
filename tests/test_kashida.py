"""Kashida justification in the PDF: justified Arabic lines evened by
elongating letters (convert/text/kashida.py, engine_fixes/kashida.py)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, load, run_cli, source_texts, squash
from elongations import NON_JOINING, read_lines
from pypdf import PdfReader
from word_spaces import justified_spaces, summary

from convert.exporters.pdf.bidi import split_direction_runs
from convert.exporters.pdf.engine import HTML
from convert.exporters.pdf.engine_fixes.kashida import _Shaper
from convert.exporters.pdf.exporter import BASE_URL, PdfExporter, page_options
from convert.fonts import family_faces
from convert.html import render_page
from convert.options import Options
from convert.text.function_words import is_function_word
from convert.text.kashida import TATWEEL, Place, best_place
from convert.theme import load_theme

TASHKEEL = FIXTURES / "pdf" / "tashkeel.txt"
SPACES_ONLY = "[text]\nkashida = false\n"


# Where to elongate -----------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "safe", "expected"), [
    ("مدرسة", {1, 4}, Place(4, 1)),        # after seen (and before a final ta marbuta)
    ("الشمس", {2, 3, 4}, Place(3, 1)),     # after sheen
    ("جميلة", {1, 2, 4}, Place(4, 2)),     # before a final ta marbuta
    ("كتابه", {1, 4}, Place(4, 2)),        # before a final ha
    ("دنيا", {1, 3}, Place(3, 3)),         # before a final alef
    ("مثال", {1, 3}, Place(3, 3)),         # before a final lam
    ("الكتاب", {2, 4}, Place(4, 5)),       # no rule applies: the later place
    ("حبيب", {1, 2}, Place(2, 4)),         # before a medial ya
    ("حكمة", {1, 2}, Place(2, 5)),         # anywhere safe
])
def test_places_are_ranked_as_arabic_justification_ranks_them(word, safe, expected) -> None:
    assert best_place(word, safe) == expected


@pytest.mark.parametrize("word", ["مَدْرَسَة", "ما", "كـتاب", "قال"])
def test_no_place_in_vowelled_words_particles_or_words_already_elongated(word: str) -> None:
    safe = set(range(1, len(word))) if word != "قال" else set()
    assert best_place(word, safe) is None


def test_harfbuzz_marks_where_a_tatweel_keeps_the_joins() -> None:
    shaper = _Shaper.of(family_faces("Amiri")["Regular"], 18.0)
    assert shaper.safe_places("السلام")  # after the seen, before the lam
    assert not shaper.safe_places("دار")  # no letter of it joins the next
    # A tatweel at a safe place widens the word by about its own advance.
    word, place = "السلام", best_place("السلام", shaper.safe_places("السلام"))
    longer = word[:place.index] + TATWEEL + word[place.index:]
    assert shaper.width(longer) - shaper.width(word) == pytest.approx(0.185 * 18, abs=0.5)


# The PDF -------------------------------------------------------------------------------------------

def pdfs(tmp_path: Path, *sources: Path, kashida: bool = True, env: dict | None = None) -> Path:
    out = tmp_path / ("kashida" if kashida else "spaces") / ("env" if env else "")
    style = []
    if not kashida:
        (tmp_path / "spaces.toml").write_text(SPACES_ONLY, encoding="utf-8")
        style = ["--style", str(tmp_path / "spaces.toml")]
    result = run_cli(*map(str, sources), "--to", "pdf", "-o", str(out), "-q", *style,
                     env={"SOURCE_DATE_EPOCH": "1700000000", **(env or {})})
    assert result.returncode == 0, result.stderr
    return out


def test_kashida_evens_the_word_spaces_of_justified_lines(tmp_path: Path) -> None:
    with_kashida = justified_spaces(pdfs(tmp_path, SEED) / f"{SEED.stem}.pdf")
    spaces_only = justified_spaces(pdfs(tmp_path, SEED, kashida=False) / f"{SEED.stem}.pdf")
    assert len(with_kashida) == len(spaces_only) > 300  # the same lines: kashida never moves a break
    median, p95, _ = summary(with_kashida)
    median_before, p95_before, _ = summary(spaces_only)
    assert median < median_before - 0.04 and p95 < p95_before - 0.1
    assert p95 <= 0.32  # about a plain space, as LibreOffice sets our DOCX


def test_elongations_never_reach_the_copied_text(tmp_path: Path) -> None:
    pdf = pdfs(tmp_path, SEED) / f"{SEED.stem}.pdf"
    pypdf_text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    poppler_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert TATWEEL not in pypdf_text and TATWEEL not in poppler_text
    for paragraph in source_texts(load(SEED))[1:-1]:
        assert squash(paragraph) in squash(pypdf_text)


def laid_out_lines(source: Path) -> list[tuple[str, bool, str]]:
    """(enclosing block's tag, is the block's last line, the line's text) for
    every line WeasyPrint lays out, kashida included."""
    options = Options()
    resources = PdfExporter().resources_for(options)
    doc = load(source, options)
    markup = split_direction_runs(render_page(doc, page_options([doc], options.theme)))
    page = HTML(string=markup, base_url=BASE_URL, url_fetcher=resources.fetcher)
    rendered = page.render(font_config=resources.font_config, stylesheets=[resources.stylesheet])
    lines = []
    for page_box in rendered.pages:
        _collect_lines(page_box._page_box, lines)
    return lines


def _collect_lines(box, lines: list) -> None:
    from weasyprint.formatting_structure import boxes

    children = getattr(box, "children", [])
    line_boxes = [child for child in children if isinstance(child, boxes.LineBox)]
    for index, line in enumerate(line_boxes):
        text = "".join(child.text for child in _text_boxes(line))
        lines.append((box.element_tag, index == len(line_boxes) - 1, text))
    for child in children:
        if not isinstance(child, boxes.LineBox):
            _collect_lines(child, lines)


def _text_boxes(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", []):
        yield from _text_boxes(child)


# Where the PDF's elongations are, read from its drawn glyphs ------------------------------------

COPY = FIXTURES / "copy"
# Particles, pronouns, articles before short words, prefixed articles: every
# word kashida must leave alone, in sentences of their own.
PARTICLES = "\n\n".join([
    "عنوان الاختبار",
    ("لكن الذين قالوا إن هذه التي بين أيدينا هي الأولى لم يعلموا أن ذلك الذي حدث منذ "
     "سنوات كان على الطاولة، ولكن الحكومة والبرلمان والمعارضة والنقابات اختلفوا حول "
     "التعاون بالتحديد وللطلاب وبالتالي فالسياسة كالبحر لا قرار له."),
    ("نحن وأنتم وهم وهؤلاء وأولئك نعلم أن عليهم وعلينا وعليكم أن نتحدث إليهم عن الحب "
     "والسلام والعدل والخير، حتى إذا جاء الغد وجدنا أن المستشارين والمسؤولين "
     "والاستخبارات والمؤسسات والمنظمات قد فهموا بينهما وبينهم ما بيننا."),
    ("هذا الكلام ليس جديدا ولكنه حقيقي، فهذه الأسئلة وتلك الإجابات والتحليلات "
     "والاستنتاجات كلها تدور حول المستقبل، بينما يرى الآخرون أن الدولة والمجتمع "
     "والاقتصاد والثقافة والتعليم والصحة تحتاج إلى إصلاحات جذرية وشاملة."),
]) + "\n"


@pytest.fixture(scope="module")
def elongated_pdfs(tmp_path_factory) -> dict[str, list]:
    """The body lines of distinct articles (Arabic, vocalised, Persian,
    Kurdish, and one of particles) as their kashida PDFs draw them."""
    folder = tmp_path_factory.mktemp("elongated")
    particles = folder / "particles.txt"
    particles.write_text(PARTICLES, encoding="utf-8")
    sources = [SEED, COPY / "ar-mixed.txt", COPY / "ar-vocalised.txt", COPY / "fa-opinion.txt",
               COPY / "ckb-opinion.txt", particles]
    out = pdfs(folder, *sources)
    size = load_theme().fonts.size_pt
    return {source.stem: read_lines(out / f"{source.stem}.pdf", size) for source in sources}


def _elongated(lines) -> list[tuple[str, int]]:
    """(word, characters before the place) of every elongation drawn."""
    return [(word.text, index) for line in lines for word in line.words
            for index in word.elongations(line.size)]


def test_the_reading_finds_elongations_where_letters_join(elongated_pdfs) -> None:
    """The reading of the PDF holds: each bar lies in a word, after a letter
    that joins the next one (a misreading by one letter would put alef, dal
    or waw before some)."""
    found = {name: _elongated(lines) for name, lines in elongated_pdfs.items()}
    assert len(found["iran-and-al-qaeda"]) > 80 and len(found["particles"]) > 3
    assert not [line for lines in elongated_pdfs.values() for line in lines if line.stray]
    assert not [(word, index) for pairs in found.values() for word, index in pairs
                if index == 0 or word[index - 1] in NON_JOINING]


def test_a_line_has_a_few_elongations_a_word_one(elongated_pdfs) -> None:
    for name, lines in elongated_pdfs.items():
        assert max(line.elongations for line in lines) <= 4, name
        twice = [word.text for line in lines for word in line.words if len(word.elongations(line.size)) > 1]
        assert not twice, name


ARTICLE = re.compile("^(?:[وف]?[بك]?ال|[وف]?لل)")


def test_no_elongation_in_short_words_particles_or_after_the_article(elongated_pdfs) -> None:
    pairs = [pair for lines in elongated_pdfs.values() for pair in _elongated(lines)]
    words = [word.strip("،.؛:!؟«»()") for word, _ in pairs]
    letters = {word: sum(unicodedata.category(char) == "Lo" for char in word) for word in words}
    assert not [word for word, count in letters.items() if count <= 3]
    assert not [word for word in words if is_function_word(word)]
    assert not {"لكن", "ولكن", "بين", "هذه", "التي", "الذين", "عليهم", "بينهما"} & set(words)
    after_article = [(word, index) for word, index in pairs
                     if (match := ARTICLE.match(word)) and match.end() == index]
    assert not after_article


def test_without_kashida_no_elongation_is_read(tmp_path: Path) -> None:
    """Amiri's own stroke between lam and kaf (لكن، الكتاب) is a tatweel
    glyph drawn with or without kashida: the reading does not take it for one."""
    source = COPY / "ar-mixed.txt"
    pdf = pdfs(tmp_path, source, kashida=False) / f"{source.stem}.pdf"
    lines = read_lines(pdf, load_theme().fonts.size_pt)
    assert len(lines) > 20 and not _elongated(lines)


def test_only_justified_lines_of_arabic_words_are_elongated() -> None:
    lines = laid_out_lines(FIXTURES / "mixed.txt") + laid_out_lines(SEED)
    elongated = [(tag, last, text) for tag, last, text in lines if TATWEEL in text]
    assert len(elongated) > 20
    assert all(tag in ("p", "li") and not last for tag, last, _ in elongated)
    for _, _, text in elongated:
        for word in text.split():
            if TATWEEL in word:  # never in a Latin word or a number, never at a word's edge
                assert not any(char.isascii() and char.isalnum() for char in word)
                assert not word.startswith(TATWEEL) and not word.rstrip(".،؛:!؟").endswith(TATWEEL)


def test_vowelled_words_are_not_elongated() -> None:
    lines = laid_out_lines(TASHKEEL)
    words = [word for _, _, text in lines for word in text.split()]
    vowelled = [word for word in words if any("\u064b" <= char <= "\u0652" for char in word)]
    assert vowelled and not [word for word in vowelled if TATWEEL in word]


TYPED = " ".join(["قال الكاتب إن المدرسة الكـبيرة تفتح أبوابها للطلاب في الصباح الباكر"] * 8)


@pytest.fixture
def typed(tmp_path: Path) -> Path:
    """An article whose author typed tatweel."""
    source = tmp_path / "typed.txt"
    source.write_text(f"عنوان المقال\n\n{TYPED}\n", encoding="utf-8")
    return source


def test_an_article_whose_author_typed_tatweel_is_justified_by_spaces(typed: Path, tmp_path: Path) -> None:
    """Every tatweel of a kashida page copies as nothing; so a page with the
    author's own is justified by its spaces, the same PDF as kashida = false."""
    assert sum(text.count(TATWEEL) for _, _, text in laid_out_lines(typed)) == TYPED.count(TATWEEL)
    with_kashida = pdfs(tmp_path, typed) / "typed.pdf"
    assert with_kashida.read_bytes() == (pdfs(tmp_path, typed, kashida=False) / "typed.pdf").read_bytes()


def test_the_authors_tatweel_copies(typed: Path, tmp_path: Path) -> None:
    """Amiri draws the connecting stroke of lam before kaf with its tatweel
    glyph; the stroke is drawn as an outline (copy-text), so the glyph that
    stands for the author's tatweel is the only one that copies as one."""
    text = "".join(page.extract_text() for page in PdfReader(pdfs(tmp_path, typed) / "typed.pdf").pages)
    assert text.count("الكـبيرة") == TYPED.count("الكـبيرة")


def test_other_formats_are_the_same_with_or_without_kashida(tmp_path: Path) -> None:
    outputs = {}
    for kashida in (True, False):
        out = tmp_path / str(kashida)
        style = []
        if not kashida:
            (tmp_path / "spaces.toml").write_text(SPACES_ONLY, encoding="utf-8")
            style = ["--style", str(tmp_path / "spaces.toml")]
        result = run_cli(str(SEED), "--to", "json,html,docx,epub", "-o", str(out), *style,
                         env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
        outputs[kashida] = {path.name: path.read_bytes() for path in out.iterdir()
                            if path.suffix in (".html", ".docx", ".epub")}
    assert outputs[True] == outputs[False] and len(outputs[True]) == 3


def test_kashida_off_is_todays_justification(tmp_path: Path) -> None:
    """The theme's kashida = false gives the PDF the engine gives without the fix."""
    spaces_only = pdfs(tmp_path, SEED, kashida=False) / f"{SEED.stem}.pdf"
    without_fix = pdfs(tmp_path, SEED, env={"CONVERT_ENGINE_FIXES": "off:kashida"}) / f"{SEED.stem}.pdf"
    assert spaces_only.read_bytes() == without_fix.read_bytes()

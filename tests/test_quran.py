"""Qur'anic quotations (issue 30, item 4): text between ﴿ and ﴾ (U+FD3F,
U+FD3E) is read as typed, set in the theme's [fonts] quran face, never
elongated nor broken inside a word, and copies out exactly as typed.

The quotations are typed as Uthmani sources give them: a shadda before its
vowel (NFC would put the vowel first), pause signs after a space, tatweel
carrying a superscript alef, the end-of-ayah sign U+06DD before the verse
number in Arabic-Indic, Persian or Western digits.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
import uharfbuzz
from conftest import epub_build, export, load
from pdf_readers import EXTRACTORS, INVISIBLE

from convert.fonts import find_fallback_font
from convert.model import Paragraph, Quote, QuranQuote, Strong, Text
from convert.options import Options
from convert.reading.blocks import parse_inlines
from convert.reading.normalize import normalise
from convert.theme_values import theme_problems

SHADDA, FATHA, KASRA = "\u0651", "\u064e", "\u0650"
TATWEEL = "\u0640"
END_OF_AYAH = "\u06dd"
OPEN, CLOSE = "\ufd3f", "\ufd3e"
# Al-Kawthar 108:1, Al-Baqarah 2:2 and Al-Ikhlas 112:1, vocalised (shadda typed first).
KAWTHAR = f"{OPEN}إِن{SHADDA}{FATHA}آ أَعْطَيْنَـٰكَ ٱلْكَوْثَرَ {END_OF_AYAH}١{CLOSE}"
BAQARA = (f"{OPEN}ذَٰلِكَ ٱلْكِتَـٰبُ لَا رَيْبَ ۛ فِيهِ ۛ هُدًى ل{SHADDA}{KASRA}لْمُت{SHADDA}{FATHA}قِينَ "
          f"{END_OF_AYAH}۲{CLOSE}")
IKHLAS = f"{OPEN}قُلْ هُوَ ٱلل{SHADDA}{FATHA}هُ أَحَدٌ {END_OF_AYAH}1{CLOSE}"
QUOTES = (KAWTHAR, BAQARA, IKHLAS)


def quotes_of(inlines) -> list[str]:
    found = []
    for inline in inlines:
        if isinstance(inline, QuranQuote):
            found.append(inline.text)
        elif hasattr(inline, "inlines"):
            found += quotes_of(inline.inlines)
    return found


# ---------------------------------------------------------------- reader

def test_typed_uthmani_text_is_not_nfc() -> None:
    """Why the reader keeps quotations out of NFC: NFC reorders their marks."""
    assert all(unicodedata.normalize("NFC", quote) != quote for quote in QUOTES)


def test_balanced_quotations_are_read_exactly_as_typed() -> None:
    text = f"قال تعالى: {KAWTHAR} ثم قال: {BAQARA} وفي سورة الإخلاص {IKHLAS}."
    normalised, warnings = normalise(text)
    inlines = parse_inlines(normalised)
    assert quotes_of(inlines) == list(QUOTES)
    assert not any("presentation forms" in warning for warning in warnings)  # ﴿ ﴾ are not folded
    assert [type(inline) for inline in inlines] == [Text, QuranQuote] * 3 + [Text]


def test_text_around_a_quotation_is_still_normalised() -> None:
    """Outside the brackets the reader's rules hold: NFC, a mark after a space attached."""
    typed = f"قال ر{SHADDA}{FATHA}ب ۛ {KAWTHAR} ك{SHADDA}{FATHA}ذا"
    normalised, _ = normalise(typed)
    assert normalised == f"قال ر{FATHA}{SHADDA}بۛ {KAWTHAR} ك{FATHA}{SHADDA}ذا"


@pytest.mark.parametrize("text", [
    f"قوس مفتوح {OPEN}قُلْ هُوَ ولا يغلق",
    f"قوس مغلق وحده قُلْ هُوَ{CLOSE} هنا",
    f"قوسان معكوسان {CLOSE}قُلْ هُوَ{OPEN} هنا",
])
def test_unbalanced_brackets_stay_text(text: str) -> None:
    normalised, _ = normalise(text)
    inlines = parse_inlines(normalised)
    assert quotes_of(inlines) == []
    assert "".join(inline.text for inline in inlines) == normalised


def test_a_quotation_inside_guillemets_and_nested_brackets() -> None:
    """A Qur'anic quotation inside «…» wins (the guillemets stay text, as
    typed); brackets inside brackets: the innermost pair is the quotation."""
    inlines = parse_inlines(f"قال: «{IKHLAS}» وانتهى")
    assert quotes_of(inlines) == [IKHLAS]
    assert not any(isinstance(inline, Quote) for inline in inlines)
    assert "".join(getattr(inline, "text", "") for inline in inlines) == f"قال: «{IKHLAS}» وانتهى"
    nested = parse_inlines(f"{OPEN}أول {IKHLAS} آخر{CLOSE}")
    assert quotes_of(nested) == [IKHLAS]
    guillemets_inside = f"{OPEN}قَالُوا۟ «سَلَـٰمًا»{CLOSE}"
    assert quotes_of(parse_inlines(guillemets_inside)) == [guillemets_inside]


def test_quotation_in_strong_text() -> None:
    inlines = parse_inlines(f"**قال تعالى {IKHLAS}**")
    assert isinstance(inlines[0], Strong) and quotes_of(inlines) == [IKHLAS]


def test_brackets_on_two_lines_are_no_quotation(tmp_path: Path) -> None:
    """Each line is a paragraph: a bracket opened on one and closed on the
    next is unbalanced in both, and both are normalised as text."""
    source = tmp_path / "lines.txt"
    source.write_text(f"عنوان\n\nقال تعالى: {KAWTHAR[:-1]}\n{BAQARA[1:]} وبعد.\n", encoding="utf-8")
    paragraphs = [block for block in load(source).blocks if isinstance(block, Paragraph)]
    assert all(not quotes_of(paragraph.inlines) for paragraph in paragraphs)
    assert f"ن{FATHA}{SHADDA}آ" in paragraphs[0].inlines[0].text  # NFC: the fatha first


# ---------------------------------------------------------------- theme

def test_quran_font_key_is_checked() -> None:
    assert theme_problems({"fonts": {"quran": "Amiri Quran"}}) == []
    problems = theme_problems({"fonts": {"quran": "x;}</style>"}})
    assert len(problems) == 1 and problems[0].startswith("[fonts] quran = ")


def test_a_quran_face_not_installed_falls_back_to_the_body_face() -> None:
    from dataclasses import replace

    theme = Options().theme
    missing = replace(theme, fonts=replace(theme.fonts, quran="No Such Quran Face"))
    assert missing.css_values()["fonts_quran"] == theme.fonts.body


# ---------------------------------------------------------------- PDF

ARTICLE = (
    "آيات في مقالة\n\n"
    "كتب: محمد بن أحمد\n\n"
    f"يقول الله تعالى في سورة الكوثر: {KAWTHAR} وهذه آية قصيرة، ويقول في أول سورة البقرة: {BAQARA} "
    f"وفي سورة الإخلاص {IKHLAS} وهذا كلام الكاتب في سطر طويل يكفي لأن يسوى بالمسافات في الصفحة المطبوعة، "
    "ثم يتابع الكاتب حديثه عن المعاني والدلالات الكثيرة في هذا الموضع من الكتاب العزيز.\n"
)
# Unvocalised and without tatweel, so that only the quotation's own rule keeps
# kashida out of it (a word with marks is never elongated, a typed tatweel
# turns kashida off for the whole article).
PLAIN_QUOTE = (f"{OPEN}والمستضعفين من الرجال والنساء والولدان الذين يقولون ربنا أخرجنا "
               f"من هذه القرية الظالم أهلها{CLOSE}")
KASHIDA_ARTICLE = (
    "الكشيدة\n\n"
    + ("تستطيع المؤسسات الحكومية والمنظمات الدولية مساعدة المجتمعات المستضعفة بالتخطيط والتنسيق المستمر "
       f"والمتابعة الدقيقة. قال تعالى: {PLAIN_QUOTE} وتستمر المناقشات والمفاوضات بين الأطراف المختلفة "
       "للوصول إلى اتفاقيات شاملة ومستدامة تحقق المصالح المشتركة للشعوب والمجتمعات المتجاورة في المنطقة.\n")
)


@pytest.fixture(scope="module")
def quran_face() -> Path:
    path = find_fallback_font("Amiri Quran")
    if path is None:
        pytest.skip("needs Amiri Quran (scripts/install: fonts-hosny-amiri)")
    return path


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory, quran_face: Path) -> Path:
    folder = tmp_path_factory.mktemp("quran-pdf")
    source = folder / "quran.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    return export("pdf", source, folder / "quran.pdf")


def test_quotations_are_set_in_the_quran_face(pdf: Path) -> None:
    """pdfplumber's font per character: every glyph of a quotation in Amiri
    Quran, every letter around it in the body face."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        chars = [char for page in document.pages for char in page.chars]
    quran = {char["text"] for char in chars if "Quran" in char["fontname"]}
    body = {char["text"] for char in chars if "Quran" not in char["fontname"]}
    assert {OPEN, CLOSE, END_OF_AYAH, "ٱ", "ۛ"} <= quran
    assert not {OPEN, CLOSE, END_OF_AYAH, "ٱ"} & body
    assert "ي" in body and "ي" in quran


def _plain(text: str) -> str:
    return "".join(character for character in text if character not in INVISIBLE)


def test_pdfium_copies_every_quotation_exactly_as_typed(pdf: Path) -> None:
    """Chrome's and Edge's extractor: every mark, in the order typed."""
    text = _plain(EXTRACTORS["pdfium"](pdf))
    for quote in QUOTES:
        assert _plain(quote) in text


def test_pypdf_copies_the_marks_in_order(pdf: Path) -> None:
    """pypdf keeps every mark in its typed order; it sets the verse number
    before the end-of-ayah sign (its own reordering of an Arabic number run:
    the text layer's cluster is the sign then the digits, as pdfium shows)."""
    text = _plain(EXTRACTORS["pypdf"](pdf))
    for quote in QUOTES:
        sign = quote.index(END_OF_AYAH)
        assert _plain(quote[:sign]) in text
        assert _plain(quote[sign:]) in text or _plain(quote[sign + 1:-1] + END_OF_AYAH + CLOSE) in text


@pytest.mark.parametrize("extractor", ["poppler", "mupdf"])
def test_poppler_and_mupdf_copy_the_quotation_in_canonical_order(pdf: Path, extractor: str) -> None:
    """poppler and MuPDF give the marks of a letter in canonical order (a
    fatha before the shadda typed before it): the text layer draws a run of
    marks as one sliver standing for them in typed order (pdfium and pypdf
    read it so), and these two reverse such a glyph's text with the line's
    (copy_text/cells.py, _units); they reorder nothing themselves (the
    hand-made PDFs below). Every mark is there: the words they give are the
    quotation's in NFC."""
    text = unicodedata.normalize("NFC", _plain(EXTRACTORS[extractor](pdf)))
    for quote in QUOTES:
        body = quote[:quote.index(END_OF_AYAH)]
        assert unicodedata.normalize("NFC", _plain(body)) in text


# Which viewer gives a run of marks out of typed order, in a hand-made PDF
# (minimal_pdf.py) whose text is certainly the typed order: drawn one glyph a
# mark, PDFium keeps them as drawn (reversed); drawn as one glyph standing
# for the run, poppler and MuPDF reverse its text. No drawing reads back in
# typed order everywhere: the text layer takes the second (pdfium's search
# compares exactly; the others' text is canonically equivalent).
MARK_ORDER_FAULTS = {(False, "pdfium"), (True, "poppler"), (True, "mupdf")}


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("together", [False, True], ids=["a-glyph-a-mark", "one-glyph-for-the-marks"])
def test_viewers_copy_marks_of_a_hand_made_pdf_in_typed_order(tmp_path: Path, together: bool, extractor: str,
                                                             request) -> None:
    from minimal_pdf import nominal_glyphs_pdf

    if (together, extractor) in MARK_ORDER_FAULTS:
        request.applymarker(pytest.mark.xfail(strict=True, reason="the viewer reorders the marks"))
    words = [f"إِن{SHADDA}{FATHA}آ", f"رَب{SHADDA}{KASRA}ي"]
    for index, word in enumerate(words):
        pdf = tmp_path / f"marks{index}.pdf"
        pdf.write_bytes(nominal_glyphs_pdf(word, together))
        assert word in EXTRACTORS[extractor](pdf)


def _shaped_width(text: str, face: Path, size: float) -> float:
    blob = uharfbuzz.Blob.from_file_path(str(face))
    hb_face = uharfbuzz.Face(blob)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(hb_face), buffer)
    return sum(position.x_advance for position in buffer.glyph_positions) * size / hb_face.upem


def test_end_of_ayah_sign_encloses_its_digits(pdf: Path, quran_face: Path) -> None:
    """The sign and its verse number shaped as one run in Amiri Quran (as
    test_pdf_signs.py checks the number signs): HarfBuzz gives the sign the
    whole advance and sets the digits inside it, so the signed number is as
    wide as HarfBuzz shapes it together, narrower than sign and digits side by
    side. The extent is read back with PyMuPDF, the face from the span."""
    import pymupdf

    chars = []
    with pymupdf.open(pdf) as document:
        for block in document[0].get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    chars += [(char["c"], char["bbox"], span["size"], span["font"]) for char in span["chars"]]
    signed = [quote[quote.index(END_OF_AYAH):-1] for quote in QUOTES]
    found = 0
    for index, (character, _, size, font) in enumerate(chars):
        if character != END_OF_AYAH:
            continue
        near = chars[max(index - 1, 0):index + 2]
        number = next(number for number in signed if number[1] in {c for c, _, _, _ in near})
        boxes = [box for c, box, _, _ in near if c in number]
        extent = max(box[2] for box in boxes) - min(box[0] for box in boxes)
        together = _shaped_width(number, quran_face, size)
        apart = _shaped_width(END_OF_AYAH, quran_face, size) + _shaped_width(number[1:], quran_face, size)
        assert "Quran" in font
        assert extent == pytest.approx(together, abs=0.3) and apart - together > 3, (number, extent)
        found += 1
    assert found == 3


def test_no_word_of_a_quotation_is_broken_across_lines(tmp_path: Path, quran_face: Path) -> None:
    """A long quotation in a narrow A5 page: every word of it whole on one line (pdfium's lines)."""
    from dataclasses import replace

    long_quote = OPEN + " ".join([BAQARA[1:-1], KAWTHAR[1:-1], IKHLAS[1:-1]] * 3) + CLOSE
    source = tmp_path / "long.txt"
    source.write_text(f"عنوان\n\nقال تعالى: {long_quote} وانتهى الاقتباس.\n", encoding="utf-8")
    options = Options()
    options = replace(options, theme=replace(options.theme, page=replace(options.theme.page, size="A5")))
    pdf = export("pdf", source, tmp_path / "long.pdf", options)
    lines = [_plain_words(line) for line in EXTRACTORS["pdfium"](pdf).splitlines()]
    words = {word for line in lines for word in line}
    assert sum(1 for line in lines if any(END_OF_AYAH in word for word in line)) >= 3  # it spans lines
    for word in long_quote.split():
        if not word.startswith((END_OF_AYAH, OPEN)) and not word.endswith(CLOSE):
            assert word in words, word


PAUSE_SIGNS = "\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc"
# More quotations with pause signs typed after a space, several verse
# numbers, a quotation of one word and a sign (Ad-Duha 93:1).
FATIHA = f"{OPEN}ٱلْحَمْدُ لِل{SHADDA}{FATHA}هِ رَب{SHADDA}{KASRA} ٱلْعَٰلَمِينَ {END_OF_AYAH}٢{CLOSE}"
DUHA = f"{OPEN}وَٱلض{SHADDA}{FATHA}حَىٰ {END_OF_AYAH}١{CLOSE}"
ISRA = (f"{OPEN}وَلَا تَقْرَبُوا۟ ٱلز{SHADDA}{KASRA}نَىٰٓ ۖ إِن{SHADDA}{FATHA}هُۥ كَانَ فَـٰحِشَةً ۚ وَسَآءَ سَبِيلًا "
        f"{END_OF_AYAH}٣٢{CLOSE}")
LEADS = ("وهذا كلام", "ثم قال الكاتب في شرحه", "ومعنى ذلك", "وقال بعض المفسرين في تفسير الآية", "ونقرأ أيضا")


def _line_starts(pdf: Path) -> list[str]:
    """The first character of every line of text (pdfplumber: the rightmost
    glyph of the line, its chars grouped by height), the folios left out."""
    import pdfplumber

    starts = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines: list[tuple[float, list[dict]]] = []
            for char in sorted(page.chars, key=lambda char: char["top"] + char["bottom"]):
                middle = (char["top"] + char["bottom"]) / 2
                if lines and middle - lines[-1][0] < 4:
                    lines[-1][1].append(char)
                else:
                    lines.append((middle, [char]))
            for _, chars in lines:
                visible = [char for char in chars if char["text"] not in INVISIBLE | {"\u2060"}]
                if visible and not all(char["text"].isdigit() for char in visible):
                    starts.append(max(visible, key=lambda char: char["x1"])["text"])
    return starts


MANY_QUOTES = (*QUOTES, FATIHA, DUHA, ISRA)


def _many_quotations(folder: Path) -> Path:
    """A justified paragraph of 36 quotations, each after a lead of its own length."""
    parts = [f"{LEADS[index % 5]} {'قال تعالى ' * (index % 3)}{MANY_QUOTES[index % 6]}"
             for index in range(36)]
    source = folder / "many.txt"
    source.write_text("آيات كثيرة\n\n" + " ".join(parts) + " والحمد لله.\n", encoding="utf-8")
    return source


def _pause_quotations(folder: Path) -> Path:
    """24 quotations with pause signs after leads of varied length: in A5 two
    lines would start with a pause sign (measured before the signs were bound)."""
    parts = [f"{'و' * (1 + (index + 5) % 4)}كلام {'قال تعالى ' * (index * 5 % 3)}{(BAQARA, ISRA)[index % 2]}"
             for index in range(24)]
    source = folder / "pauses.txt"
    source.write_text("عنوان\n\n" + " ".join(parts) + ".\n", encoding="utf-8")
    return source


def _bad_starts(starts: list[str]) -> list[str]:
    return [start for start in starts if start in PAUSE_SIGNS + END_OF_AYAH or start.isdigit()]


@pytest.mark.parametrize(("article", "size"), [(_many_quotations, "A5"), (_many_quotations, "A4"),
                                               (_pause_quotations, "A5")])
def test_no_line_starts_with_a_pause_sign_or_an_end_of_ayah(tmp_path: Path, quran_face: Path, article,
                                                            size: str) -> None:
    """A line never breaks between a word and the pause sign or end-of-ayah
    sign (and its number) after it, and every quotation still copies as
    typed (pdfium), spaces and all."""
    from dataclasses import replace

    options = Options()
    options = replace(options, theme=replace(options.theme, page=replace(options.theme.page, size=size)))
    pdf = export("pdf", article(tmp_path), tmp_path / "many.pdf", options)
    starts = _line_starts(pdf)
    assert len(starts) > 20
    assert not _bad_starts(starts), starts
    text = EXTRACTORS["pdfium"](pdf)
    assert "\xa0" not in text  # the bound spaces copy as the spaces typed
    spaced = "".join(character for character in text if character not in INVISIBLE - {" "})
    for quote in MANY_QUOTES if article is _many_quotations else (BAQARA, ISRA):
        assert _plain(quote) in _plain(text)
        # a bound stretch is on one line: its space is in the copy
        assert " ".join(quote.split()[-2:]) in spaced, quote


def _plain_words(line: str) -> list[str]:
    return "".join(c for c in line if c not in INVISIBLE or c == " ").split()


def test_kashida_never_elongates_a_quotation(tmp_path: Path, quran_face: Path) -> None:
    """A justified paragraph evened by kashida: its other lines are elongated,
    no word of the quotation is (elongations.py reads the drawn bars)."""
    from elongations import read_lines

    source = tmp_path / "kashida.txt"
    source.write_text(KASHIDA_ARTICLE, encoding="utf-8")
    options = Options()
    pdf = export("pdf", source, tmp_path / "kashida.pdf", options)
    lines = read_lines(pdf, options.theme.fonts.size_pt)
    quote_words = set(re.findall(r"[\u0621-\u064a]+", PLAIN_QUOTE))
    elongated = [word.text for line in lines for word in line.words if word.elongations(line.size)]
    assert elongated  # the engine is at work in this paragraph
    assert not quote_words & set(elongated), set(elongated) & quote_words
    # elongations.py finds the bars of Amiri's tatweel; in the Qur'an face
    # pdfplumber reads an inserted tatweel as a character: none, and no more
    # glyphs than the quotation has characters (a ligature is one).
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        chars = [char for page in document.pages for char in page.chars]
    quoted = [char["text"] for char in chars if "Quran" in char["fontname"]]
    assert TATWEEL not in quoted and len(quoted) <= len(PLAIN_QUOTE)


def _elongated_outside(lines, quote: str) -> list[str]:
    """The elongated words of lines but the quotation's (its typed tatweel draws a bar too)."""
    return [word.text for line in lines for word in line.words
            if word.elongations(line.size) and word.text not in quote]


def test_a_tatweel_typed_in_a_quotation_leaves_kashida_on_around_it(tmp_path: Path, quran_face: Path) -> None:
    """The Uthmani tatweel of ٱلْكِتَـٰبُ (Al-Baqarah 2:2) inside a quotation:
    the paragraph around is still evened by kashida (elongations.py reads the
    bars), and the quotation copies with its tatweel (pdfium, exactly)."""
    from elongations import read_lines

    source = tmp_path / "tatweel.txt"
    source.write_text(KASHIDA_ARTICLE.replace(PLAIN_QUOTE, BAQARA), encoding="utf-8")
    options = Options()
    pdf = export("pdf", source, tmp_path / "tatweel.pdf", options)
    lines = read_lines(pdf, options.theme.fonts.size_pt)
    assert _elongated_outside(lines, BAQARA)
    assert _plain(BAQARA) in _plain(EXTRACTORS["pdfium"](pdf))


def test_a_tatweel_typed_outside_quotations_still_turns_kashida_off(tmp_path: Path, quran_face: Path) -> None:
    from elongations import read_lines

    source = tmp_path / "typed.txt"
    source.write_text(KASHIDA_ARTICLE.replace(PLAIN_QUOTE, BAQARA).replace("المستمر", "المستـمر"),
                      encoding="utf-8")
    options = Options()
    pdf = export("pdf", source, tmp_path / "typed.pdf", options)
    lines = read_lines(pdf, options.theme.fonts.size_pt)
    assert not _elongated_outside(lines, BAQARA)
    assert "المستـمر" in EXTRACTORS["pdfium"](pdf)


# ---------------------------------------------------------------- DOCX, EPUB, HTML

@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("quran-article") / "quran.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    return source


def test_docx_runs_of_a_quotation_are_in_the_quran_face(article: Path, tmp_path: Path,
                                                        quran_face: Path) -> None:
    from lxml import etree
    from ooxml_schema import invalid_parts

    docx = export("docx", article, tmp_path / "quran.docx")
    namespace = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    runs = body.findall(".//w:r", namespace)
    texts = ["".join(run.itertext()) for run in runs]
    # A quotation is a few script runs (its verse number is one of its own): from ﴿ to ﴾.
    starts = [index for index, text in enumerate(texts) if OPEN in text]
    ends = [index for index, text in enumerate(texts) if CLOSE in text]
    assert len(starts) == len(ends) == 3
    for start, end, quote in zip(starts, ends, QUOTES, strict=True):
        assert "".join(texts[start:end + 1]) == quote
        for run in runs[start:end + 1]:
            fonts = run.find("w:rPr/w:rFonts", namespace)
            assert fonts.get(f"{{{namespace['w']}}}cs") == "Amiri Quran"
    plain = [run for run in runs if "الكاتب" in "".join(run.itertext())]
    assert all(run.find("w:rPr/w:rFonts", namespace) is None for run in plain)
    assert invalid_parts(docx) == {}


def _quotations_of(page: str) -> list[str]:
    """The text of each quotation span of a page (XHTML or HTML), read by lxml."""
    from lxml import html

    return [span.text_content() for span in html.fromstring(page.encode()).find_class("quran")]


def _epub_articles(folder: Path) -> tuple[Path, list[Path]]:
    source = folder / "quran.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    epub = export("epub", source, folder / "quran.epub")
    return epub, [epub]


@epub_build
def build_quran_epub(folder: Path) -> tuple[Path, list[Path]]:
    return _epub_articles(folder)


def test_epub_spans_quotations_in_the_embedded_quran_face(epub_builds, quran_face: Path) -> None:
    epub = epub_builds[build_quran_epub]
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        chapter = next(archive.read(name).decode() for name in names if "chapter" in name)
        css = next(archive.read(name).decode() for name in names if name.endswith(".css"))
    assert _quotations_of(chapter) == list(QUOTES)
    assert any(name.endswith("AmiriQuran.ttf") for name in names)
    assert 'font-family: "Amiri Quran"' in css and ".quran {" in css
    assert "hyphens: none" in css.split(".quran {")[1].split("}")[0]
    assert epub_builds.problems(epub) == []


def test_html_embeds_the_quran_face_only_with_a_quotation(article: Path, tmp_path: Path,
                                                          quran_face: Path) -> None:
    page = export("html", article, tmp_path / "quran.html").read_text(encoding="utf-8")
    assert _quotations_of(page) == list(QUOTES)
    assert page.count("@font-face") == 3 and 'font-family: "Amiri Quran"' in page
    plain = tmp_path / "plain.txt"
    plain.write_text("عنوان\n\nفقرة بلا اقتباس.\n", encoding="utf-8")
    plain_page = export("html", plain, tmp_path / "plain.html").read_text(encoding="utf-8")
    assert ".quran" not in plain_page and "Amiri Quran" not in plain_page


def test_json_holds_each_quotation_as_typed(article: Path, tmp_path: Path) -> None:
    import json

    data = json.loads(export("json", article, tmp_path / "quran.json").read_text(encoding="utf-8"))
    inlines = [inline for block in data["blocks"] for inline in block.get("inlines", [])]
    assert [inline["text"] for inline in inlines if inline["type"] == "QuranQuote"] == list(QUOTES)


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_chromium_never_starts_a_line_with_a_pause_sign_or_an_end_of_ayah(tmp_path: Path, fmt: str) -> None:
    """The same paragraph in the HTML page and the EPUB's chapter, printed by
    Chromium (quran.css: each word and the sign after it a no-wrap span)."""
    from test_epub import chromium

    page = export(fmt, _many_quotations(tmp_path), tmp_path / f"many.{fmt}")
    if fmt == "epub":
        with zipfile.ZipFile(page) as book:
            book.extractall(tmp_path / "book")
        page = next((tmp_path / "book").rglob("chapter*.xhtml"))
    printed = tmp_path / "printed.pdf"
    chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={printed}")
    starts = _line_starts(printed)
    assert len(starts) > 10
    assert not _bad_starts(starts), starts


def test_ace_finds_no_violation(tmp_path: Path, quran_face: Path) -> None:
    """Ace by DAISY on an EPUB of quotations (bound stretches and all)."""
    from ace_helper import ace_violations

    epub = export("epub", _many_quotations(tmp_path), tmp_path / "many.epub")
    assert ace_violations(epub, tmp_path) == []


def test_libreoffice_shows_the_docx_quotations_in_the_quran_face(article: Path, tmp_path: Path,
                                                                 quran_face: Path) -> None:
    """LibreOffice's PDF of the DOCX (pdfplumber's font per character): the
    quotation's own characters in Amiri Quran, the text around in the body face."""
    import pdfplumber
    from conftest import libreoffice_pdfs

    docx = export("docx", article, tmp_path / "quran.docx")
    (printed,) = libreoffice_pdfs([docx], tmp_path)
    with pdfplumber.open(printed) as document:
        chars = [char for page in document.pages for char in page.chars]
    quran = {char["text"] for char in chars if "Quran" in char["fontname"]}
    body = {char["text"] for char in chars if "Quran" not in char["fontname"]}
    assert {OPEN, CLOSE, END_OF_AYAH, "ٱ", "ۛ"} <= quran
    assert not {OPEN, CLOSE, END_OF_AYAH, "ٱ"} & body
    assert "ي" in body


def test_a_tatweel_in_a_quotation_set_in_the_body_face_still_counts() -> None:
    """Without the Qur'an face, a quotation's tatweel is the body font's glyph,
    the one kashida draws: typed there, it turns kashida off as before."""
    from convert.quran import typed_outside_quotations

    text = f"قال تعالى {BAQARA} ثم قال"
    assert not typed_outside_quotations(TATWEEL, text, "Amiri Quran", "Amiri") or find_fallback_font(
        "Amiri Quran") is None
    assert typed_outside_quotations(TATWEEL, text, "No Such Quran Face", "Amiri")
    assert typed_outside_quotations(TATWEEL, text, "Amiri", "Amiri")
    assert typed_outside_quotations(TATWEEL, text + " المستـمر", "Amiri Quran", "Amiri")

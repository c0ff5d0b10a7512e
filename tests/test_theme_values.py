"""A theme is untrusted input: every value is checked by type and range when
it is loaded (one usage error line, exit 2, before any work), and nothing a
theme holds can add an external resource to an output."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tinycss2
from conftest import run_cli
from lxml import etree
from pypdf import PdfReader

from convert.cli import main
from convert.errors import ThemeError
from convert.resources import STYLES_DIR
from convert.theme import load_theme

ARTICLE = ("مقال عن الضرائب في 2024\n\n"
           "قال John Smith إن الضريبة ارتفعت ٣٥٪ في عام 1445 هـ، وإن ميزانيةَ الدولةِ تحتاج إلى مراجعة.\n\n"
           "ويرى آخرون أن الزيادة مؤقتة.\n")

# Ways out of a CSS value or an HTML text: each is refused where a theme value
# reaches CSS, and inert where a theme's text reaches HTML or XML.
PAYLOADS = (
    '1; } @import url(http://127.0.0.1:9/x.css); p {',
    'x" } body { background: url(http://127.0.0.1:9/b.png) } p { font-family: "y',
    "</style><link rel=stylesheet href=http://127.0.0.1:9/c.css>",
    "expression(fetch('http://127.0.0.1:9/d'))",
    r"\75 rl(http://127.0.0.1:9/e.css)",
)

# Every key whose value is written into CSS, HTML attributes or OOXML
# attributes, or names a font file: a name, a tag, a colour or a choice.
TOKEN_KEYS = (
    ("fonts", "body"), ("fonts", "heading"), ("colors", "text"), ("colors", "accent"),
    ("colors", "muted"), ("colors", "background"), ("colors", "quote_background"),
    ("page", "size"), ("text", "language"), ("text", "digits"), ("text", "justify"),
    ("text", "quotation"), ("languages.ar", "tag"), ("languages.ar", "digits"), ("languages.ur", "font"),
)


def _theme(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _toml_string(value: str) -> str:
    """A TOML basic string of any text: every character outside printable ASCII escaped."""
    return '"' + "".join(char if " " <= char <= "~" and char not in '"\\' else f"\\u{ord(char):04X}"
                         if ord(char) < 0x10000 else f"\\U{ord(char):08X}" for char in value) + '"'


def _run(tmp_path: Path, theme: Path, capsys: pytest.CaptureFixture[str],
         *extra: str) -> tuple[int, list[str]]:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    status = main([str(source), "--to", "html", "--style", str(theme), "-o", str(tmp_path / "out"), *extra])
    return status, capsys.readouterr().err.splitlines()


def _assert_one_usage_line(tmp_path: Path, theme: Path, lines: list[str], status: int, *words: str) -> None:
    assert status == 2, lines
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"convert: error: theme {theme.resolve()}: "), lines
    assert all(word in lines[0] for word in words), (words, lines)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("toml", "words"), [
    ('[fonts]\nsize_pt = "1; } @import url(http://127.0.0.1:9/x.css)"\n', ("[fonts] size_pt", "4 to 144")),
    ("[fonts]\nsize_pt = 0\n", ("[fonts] size_pt = 0",)),
    ("[fonts]\nsize_pt = nan\n", ("[fonts] size_pt = nan",)),
    ("[fonts]\ntitle_size_pt = inf\n", ("[fonts] title_size_pt = inf",)),
    ("[fonts]\nsmall_size_pt = -9\n", ("[fonts] small_size_pt = -9",)),
    ("[fonts]\nheading_size_pt = 1e9\n", ("[fonts] heading_size_pt",)),
    ("[fonts]\nsize_pt = true\n", ("[fonts] size_pt = true",)),
    ("[fonts]\nline_height = 0\n", ("[fonts] line_height = 0", "0.5 to 5")),
    ("[fonts]\nvocalised_line_height = 40\n", ("[fonts] vocalised_line_height = 40",)),
    ("[fonts]\ntitle_line_height = [1.4]\n", ("[fonts] title_line_height",)),
    ("[fonts]\nbody = 7\n", ("[fonts] body = 7", "font family name")),
    ('[fonts]\nheading = ""\n', ("[fonts] heading = ''",)),
    ('[fonts]\nbody = "../../../etc/passwd"\n', ("[fonts] body",)),
    ('[fonts]\nbody = "Amiri:style=Bold"\n', ("[fonts] body",)),
    ('[fonts]\nfallback = ["DejaVu Sans", "a, b"]\n', ("[fonts] fallback",)),
    ('[fonts]\nfallback = ' + str(["F"] * 17).replace("'", '"') + "\n", ("[fonts] fallback", "at most 16")),
    ('[colors]\naccent = "red"\n', ("[colors] accent = 'red'", "#rrggbb")),
    ('[colors]\ntext = "#1b1b1b; x"\n', ("[colors] text",)),
    ('[colors]\nmuted = 0x5c5c5c\n', ("[colors] muted",)),
    ("[page]\nmargin_top_mm = -1\n", ("[page] margin_top_mm = -1",)),
    ("[page]\nmargin_inner_mm = nan\n", ("[page] margin_inner_mm = nan",)),
    ("[page]\nmargin_inner_mm = 100\nmargin_outer_mm = 90\n", ("[page] margins leave less than 40 mm",)),
    ('[page]\nsize = "A3"\n', ("[page] size = 'A3'",)),
    ("[text]\nkashida = 1\n", ("[text] kashida = 1", "true or false")),
    ('[text]\nlanguage = "ar SA"\n', ("[text] language = 'ar SA'", "language tag")),
    ('[text]\ndefault_disclaimer = "' + "ت" * 2001 + '"\n', ("[text] default_disclaimer", "at most 2000")),
    ('[text]\ndefault_disclaimer = "a\\u0000b"\n', ("[text] default_disclaimer", "U+0000")),
    ('[text]\ndefault_disclaimer = "a\\u202Eb"\n', ("[text] default_disclaimer", "U+202E")),
    ('[text]\ndefault_disclaimer = "a\\U0001FFFEb"\n', ("[text] default_disclaimer", "U+1FFFE")),
    ('[text]\ndefault_disclaimer = ["a"]\n', ("[text] default_disclaimer", "use text")),
    ("[embed]\nfonts = \"yes\"\n", ("[embed] fonts = 'yes'",)),
    ("[publishing]\npublisher = 5\n", ("[publishing] publisher = 5",)),
    ('[publishing]\ncatalog_title = "a\\nb"\n', ("[publishing] catalog_title", "U+000A")),
    ('[languages.ar]\ndigits = "native"\n', ("[languages.ar] digits = 'native'",)),
    ("[languages.ar]\ndisclaimer_markers = []\n", ("[languages.ar] disclaimer_markers",)),
    ("[languages.ur]\nline_height = 0\n", ("[languages.ur] line_height = 0",)),
    ('[languages."x}y"]\ntag = "x"\n', ("[languages.x}y]", "no language code")),
    ('[languages.ps]\ntag = "ps-AF"\n',
     ("[languages.ps] needs digits, disclaimer_markers, default_disclaimer",)),
    ("[languages]\nur = 5\n", ("[languages.ur] must be a table",)),
    ("[fonts]\nweight = 700\n", ("unknown key [fonts] weight", "use body, heading")),
    ('[cover]\nimage = "http://127.0.0.1:9/x.png"\n', ("unknown table [cover]",)),
    ("fonts = 5\n", ("[fonts] must be a table",)),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", ("nested too deep",)),
    ("# " + "x" * 300_000 + "\n", ("larger than 256 kB",)),
])
def test_a_bad_theme_value_is_one_usage_line_before_any_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, words: tuple[str, ...]) -> None:
    theme = _theme(tmp_path, toml)
    status, lines = _run(tmp_path, theme, capsys)
    _assert_one_usage_line(tmp_path, theme, lines, status, *words)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("table", "key"), TOKEN_KEYS)
def test_an_injection_into_a_css_or_markup_value_is_refused(
        tmp_path: Path, table: str, key: str, payload: str) -> None:
    theme = _theme(tmp_path, f"[{table}]\n{key} = {_toml_string(payload)}\n")
    with pytest.raises(ThemeError) as caught:
        load_theme(str(theme))
    message = str(caught.value)
    assert "\n" not in message and f"[{table}] {key} = " in message


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_injection_into_a_fallback_family_or_print_colour_is_refused(tmp_path: Path, payload: str) -> None:
    for toml, where in ((f"[fonts]\nfallback = [{_toml_string(payload)}]\n", "[fonts] fallback"),
                        (f"[colors.print]\naccent = {_toml_string(payload)}\n", "[colors.print] accent")):
        with pytest.raises(ThemeError, match=re.escape(where)):
            load_theme(str(_theme(tmp_path, toml)))


def test_a_bad_theme_from_the_command_line_leaves_no_traceback(tmp_path: Path) -> None:
    """The case of the issue, in a process of its own: the whole stderr is one line."""
    theme = _theme(tmp_path, '[fonts]\nsize_pt = "1; } @import url(http://127.0.0.1:9/x.css)"\n'
                             "line_height = nan\n")
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = run_cli(str(source), "--style", str(theme), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"convert: error: theme {theme.resolve()}: [fonts] size_pt = "
        "'1; } @import url(http://127.0.0.1:9/x.css)' (use a number from 4 to 144 pt); "
        "[fonts] line_height = nan (use a number from 0.5 to 5)"]
    assert not (tmp_path / "out").exists()


def test_a_page_size_too_small_for_the_margins_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = _theme(tmp_path, "[page]\nmargin_inner_mm = 60\nmargin_outer_mm = 60\n")  # A4: 90 mm left
    assert load_theme(str(theme)).page.size == "A4"
    status, lines = _run(tmp_path, theme, capsys, "--page-size", "A5")  # A5: 28 mm
    _assert_one_usage_line(tmp_path, theme, lines, status, "less than 40 mm of a A5 page")


@pytest.mark.parametrize("path", sorted(STYLES_DIR.glob("*.toml")), ids=lambda path: path.name)
def test_the_shipped_themes_load_and_their_stylesheets_are_clean(path: Path) -> None:
    theme = load_theme(str(path))
    for sheets in (("base.css", "html.css"), ("base.css", "epub.css")):
        assert _external_references(theme.render_css(*sheets)) == []


def test_the_stylesheet_guard_refuses_a_value_that_slipped_past(tmp_path: Path) -> None:
    """A theme built in code, not loaded: the template substitution itself refuses it."""
    theme = load_theme()
    for fonts in (replace(theme.fonts, body='x"; } @import url(http://127.0.0.1:9/x.css); p { a: "'),
                  replace(theme.fonts, small_size_pt="1</style><script>"),
                  replace(theme.fonts, line_height="expression(alert(1))")):
        with pytest.raises(ThemeError, match="stylesheet value fonts_"):
            replace(theme, fonts=fonts).render_css("base.css")
    colours = replace(theme.colors, accent="url(http://127.0.0.1:9/x.png)")
    with pytest.raises(ThemeError, match="the function url()"):
        replace(theme, colors=colours).render_css("base.css")


# An adversarial theme that loads: its free texts (which the outputs show as
# text, escaped) carry every injection; fonts, sizes and colours are valid.
FREE_TEXT = "</style><link rel=stylesheet href=http://127.0.0.1:9/c.css>@import url(http://127.0.0.1:9/x.css);"
HOSTILE_THEME = f"""
[text]
default_disclaimer = {_toml_string(FREE_TEXT + " expression(alert(1)) url(//127.0.0.1:9/y)")}
[publishing]
publisher = {_toml_string('<script src="http://127.0.0.1:9/p.js"></script> @import url(http://127.0.0.1:9/q)')}
catalog_title = {_toml_string("</title><img src=http://127.0.0.1:9/t.png> url(http://127.0.0.1:9/u)")}
[languages.ar]
default_disclaimer = {_toml_string(FREE_TEXT + " تنويه")}
disclaimer_markers = ["تنويه", "</style>@import url(//x)"]
[fonts]
body = "Noto Naskh Arabic"
size_pt = 12.5
line_height = 1.9
[colors]
accent = "#0A5C36"
"""


def _external(url: str) -> bool:
    """A URL that leaves the document: with a scheme (but data:) or a host."""
    return bool(re.match(r"^\s*([a-zA-Z][\w+.-]*:|//|\\\\)", url)) and not url.strip().startswith("data:")


def _external_references(css: str) -> list[str]:
    """Every @import, every url() that leaves the document, and any
    expression(), of a stylesheet, by tinycss2's reading of it (not ours)."""
    found = []

    def walk(tokens) -> None:
        for token in tokens or ():
            if token.type == "url" and _external(token.value):
                found.append(f"url({token.value})")
            elif token.type == "function":
                urls = [arg.value for arg in token.arguments if arg.type == "string"]
                if token.lower_name in ("url", "src") and any(map(_external, urls)) or \
                        token.lower_name == "expression":
                    found.append(f"{token.lower_name}({urls})")
                walk(token.arguments)
            elif token.type in ("() block", "[] block", "{} block"):
                walk(token.content)

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            if rule.lower_at_keyword == "import":
                found.append("@import")
            walk(rule.prelude)
            walk(rule.content)
        elif rule.type == "qualified-rule":
            walk(rule.prelude)
            walk(rule.content)
    return found


class _Markup(HTMLParser):
    """Elements and attributes that fetch, and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.fetching: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # JSON-LD (the page's web metadata) is data a browser never runs or fetches.
        data = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if tag in ("script", "iframe", "object", "embed", "base") and not data or \
                tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.fetching.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "action", "poster") and value and _external(value):
                self.fetching.append(f"{tag} {name}={value}")
            if name == "style" and value:
                self.styles.append(f"x {{ {value} }}")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-theme")
    theme = folder / "hostile.toml"
    theme.write_text(HOSTILE_THEME, encoding="utf-8")
    (folder / "src").mkdir()
    (folder / "src" / "taxes.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli(str(folder / "src"), "--to", "html,epub,docx,pdf", "--catalog", "--style", str(theme),
                     "-o", str(folder / "out"), "-q")
    assert result.returncode == 0, result.stderr
    return folder / "out"


def test_a_hostile_theme_adds_no_resource_to_the_html(hostile_outputs: Path) -> None:
    for page in (hostile_outputs / "taxes.html", hostile_outputs / "index.html"):
        markup = _Markup()
        markup.feed(page.read_text(encoding="utf-8"))
        assert markup.fetching == [], page
        assert markup.styles and [ref for css in markup.styles for ref in _external_references(css)] == []
    # The disclaimer is there, as the text a reader sees.
    shown = re.sub(r"<[^>]+>", "", (hostile_outputs / "taxes.html").read_text(encoding="utf-8"))
    assert "&lt;/style&gt;&lt;link rel=stylesheet href=http://127.0.0.1:9/c.css&gt;" in shown


def test_a_hostile_theme_adds_no_resource_to_the_epub(hostile_outputs: Path) -> None:
    with zipfile.ZipFile(hostile_outputs / "taxes.epub") as book:
        for name in book.namelist():
            data = book.read(name)
            if name.endswith(".css"):
                refs = _external_references(data.decode("utf-8"))
                assert refs == [], name
            elif name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                tree = etree.fromstring(data)
                links = [value for element in tree.iter() if isinstance(element.tag, str)
                         for attr, value in element.attrib.items()
                         if etree.QName(attr).localname in ("href", "src") and _external(value)]
                assert links == [], name
                styles = [element.text or "" for element in tree.iter("{*}style")]
                assert [ref for css in styles for ref in _external_references(css)] == [], name
        package = next(name for name in book.namelist() if name.endswith(".opf"))
        publisher = etree.fromstring(book.read(package)).findtext(".//{http://purl.org/dc/elements/1.1/}publisher")
        assert publisher == '<script src="http://127.0.0.1:9/p.js"></script> @import url(http://127.0.0.1:9/q)'


def test_a_hostile_theme_adds_no_resource_to_the_docx(hostile_outputs: Path) -> None:
    with zipfile.ZipFile(hostile_outputs / "taxes.docx") as document:
        relationships = [name for name in document.namelist() if name.endswith(".rels")]
        for name in relationships:
            assert b'TargetMode="External"' not in document.read(name), name
        company = etree.fromstring(document.read("docProps/app.xml")).findtext("{*}Company")
        assert company == '<script src="http://127.0.0.1:9/p.js"></script> @import url(http://127.0.0.1:9/q)'


def test_a_hostile_theme_adds_no_resource_to_the_pdf(hostile_outputs: Path) -> None:
    reader = PdfReader(hostile_outputs / "taxes.pdf")
    linked = [str(annotation.get_object().get("/A")) for page in reader.pages
              for annotation in page.get("/Annots") or ()]
    assert linked == []
    text = "".join(page.extract_text() for page in reader.pages)
    assert "@import url(http://127.0.0.1:9/x.css)" in text  # drawn as the disclaimer's text


def test_the_oracles_see_an_external_reference() -> None:
    """The checks above would see what they look for."""
    assert _external_references('@import "a.css"; p { color: red }') == ["@import"]
    assert _external_references("p { background: url(http://127.0.0.1:9/x.png) }") == [
        "url(http://127.0.0.1:9/x.png)"]
    assert _external_references('@font-face { src: url("//127.0.0.1:9/f.ttf") }') != []
    assert _external_references('@font-face { src: url("fonts/Amiri.ttf") } p { b: url(data:x) }') == []
    markup = _Markup()
    markup.feed('<p style="background: url(http://h/x)">a</p><link rel=stylesheet href="https://h/c.css">'
                '<style>@import url(x.css);</style><a href="other.html">b</a>')
    assert markup.fetching == ["link href=https://h/c.css"]
    assert [ref for css in markup.styles for ref in _external_references(css)] == [
        "url(http://h/x)", "@import"]

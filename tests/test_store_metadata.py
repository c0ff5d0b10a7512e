"""Store metadata (issue 21): front matter's authors, date, tags and
subjects, description, series and ISBN, and the theme's publisher, read
back from each format the way a store or a reading system reads it: the
EPUB's package document, the DOCX's core and custom properties (python-docx,
and the ECMA-376 schemas), the PDF's Info dictionary (poppler's pdfinfo) and
XMP (pypdf)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED, require_tool, run_cli
from lxml import etree

from convert.identifiers import content_identifier
from convert.reading.isbn import IsbnError, checked_isbn
from convert.reading.reader import read_bytes, read_file

STORE = FIXTURES / "store" / "memory.txt"
AUTHORS = ["سلمى الخطيب", "Omar Haddad"]
SUBJECTS = ["ذاكرة", "مدن", "تاريخ", "ثقافة"]
DESCRIPTION = "مقالة عن المدن التي تحفظ ذاكرتها وتلك التي تنساها."
SERIES = "دفاتر المدينة"
ISBN = "9783161484100"
PUBLISHER = "دار المدينة للنشر"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
OOXML_SCHEMAS = ROOT / "tests" / "schemas" / "ooxml"


@pytest.fixture(scope="module")
def store_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    theme = folder / "publisher.toml"
    theme.write_text(f'[publishing]\npublisher = "{PUBLISHER}"\n', encoding="utf-8")
    result = run_cli(str(STORE), "--to", "pdf,docx,epub", "--style", str(theme), "-o", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.mark.parametrize(("text", "digits"), [
    ("978-3-16-148410-0", "9783161484100"),
    ("ISBN 0-306-40615-2", "0306406152"),
    ("0-8044-2957-x", "080442957X"),
    ("٩٧٨-٣-١٦-١٤٨٤١٠-٠", "9783161484100"),
    ("urn:isbn:9780306406157", "9780306406157"),
])
def test_isbns_are_checked_and_reduced_to_their_digits(text: str, digits: str) -> None:
    assert checked_isbn(text) == digits


@pytest.mark.parametrize("text", ["978-3-16-148410-1", "0-306-40615-3", "12345", "978316148410X"])
def test_a_wrong_isbn_is_refused(text: str) -> None:
    with pytest.raises(IsbnError):
        checked_isbn(text)


def test_a_wrong_check_digit_is_one_line_naming_the_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    bad = "---\nisbn: 978-3-16-148410-1\n---\nعنوان\n\nنص.\n"
    (tmp_path / "src" / "bad.txt").write_text(bad, encoding="utf-8")
    (tmp_path / "src" / "good.txt").write_text("عنوان آخر\n\nنص آخر.\n", encoding="utf-8")
    result = run_cli(str(tmp_path / "src"), "--to", "epub", "-o", str(tmp_path / "out"))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "bad.txt" in line]
    assert len(errors) == 1 and "check digit" in errors[0] and "Traceback" not in result.stderr
    assert (tmp_path / "out" / "good.epub").is_file() and not (tmp_path / "out" / "bad.epub").exists()


def test_front_matter_lists_and_one_line_lists() -> None:
    meta = read_file(STORE).document.meta
    assert list(meta.creators) == AUTHORS and meta.author == "، ".join(AUTHORS)
    assert list(meta.subjects) == SUBJECTS
    assert (meta.series, meta.series_position, meta.isbn) == (SERIES, "3", ISBN)


def test_a_series_position_must_be_a_number() -> None:
    from convert.errors import InputError

    with pytest.raises(InputError, match="series_index"):
        read_bytes("---\nseries: س\nseries_index: الثالث\n---\nعنوان\n\nنص.\n".encode(), "a.txt")


def test_an_article_without_store_fields_keeps_its_epub_identifier() -> None:
    """Reading systems tie a reader's place and notes to the identifier: the
    store fields must not change it for articles that have none."""
    assert content_identifier(read_file(SEED).document) == "urn:uuid:17655b07-4b30-5c07-81c7-20b05946dcd1"


def test_epub_package_carries_the_store_metadata(store_outputs: Path) -> None:
    with zipfile.ZipFile(store_outputs / "memory.epub") as book:
        package = etree.fromstring(book.read("EPUB/content.opf"))
    meta = package.find("opf:metadata", OPF)

    def texts(path: str) -> list[str]:
        return [element.text for element in meta.findall(path, OPF)]

    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert texts("dc:creator") == AUTHORS
    assert texts("dc:publisher") == [PUBLISHER]
    assert texts("dc:date") == ["2024-03-15"]
    assert texts("dc:subject") == SUBJECTS
    assert texts("dc:description") == [DESCRIPTION]
    assert f"urn:isbn:{ISBN}" in texts("dc:identifier")
    collection = meta.find("opf:meta[@property='belongs-to-collection']", OPF)
    assert collection.text == SERIES
    refined = {element.get("property"): element.text
               for element in meta.findall(f"opf:meta[@refines='#{collection.get('id')}']", OPF)}
    assert refined == {"collection-type": "series", "group-position": "3"}


def test_docx_properties_carry_the_store_metadata(store_outputs: Path) -> None:
    import docx

    properties = docx.Document(str(store_outputs / "memory.docx")).core_properties
    assert properties.author.split("; ") == AUTHORS
    assert properties.keywords.split("; ") == SUBJECTS
    assert properties.comments == DESCRIPTION
    assert properties.identifier == f"urn:isbn:{ISBN}"
    with zipfile.ZipFile(store_outputs / "memory.docx") as package:
        custom = etree.fromstring(package.read("docProps/custom.xml"))
        app = etree.fromstring(package.read("docProps/app.xml"))
    values = {item.get("name"): item[0].text for item in custom}
    assert values == {"Publisher": PUBLISHER, "Series": SERIES, "SeriesPosition": "3",
                      "PublicationDate": "2024-03-15", "ISBN": ISBN}
    assert app.findtext("{*}Company") == PUBLISHER
    for part, schema in ((custom, "shared-documentPropertiesCustom.xsd"),
                         (app, "shared-documentPropertiesExtended.xsd")):
        validator = etree.XMLSchema(etree.parse(str(OOXML_SCHEMAS / schema)))
        assert validator.validate(part), validator.error_log.last_error


def test_pdf_info_and_xmp_carry_the_store_metadata(store_outputs: Path) -> None:
    import pypdf

    pdfinfo = require_tool("pdfinfo")
    info = subprocess.run([pdfinfo, "-custom", str(store_outputs / "memory.pdf")], capture_output=True,
                          text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    assert fields["Author"] == ", ".join(AUTHORS)
    assert fields["Keywords"] == ", ".join(SUBJECTS)
    assert fields["Subject"] == DESCRIPTION
    assert (fields["Publisher"], fields["Series"], fields["ISBN"]) == (PUBLISHER, SERIES, ISBN)
    assert fields["PublicationDate"] == "2024-03-15"
    xmp = pypdf.PdfReader(store_outputs / "memory.pdf").xmp_metadata
    assert xmp.dc_creator == AUTHORS
    assert xmp.dc_subject == SUBJECTS
    assert xmp.dc_publisher == [PUBLISHER]
    assert xmp.dc_identifier == f"urn:isbn:{ISBN}"
    assert [date.date().isoformat() for date in xmp.dc_date] == ["2024-03-15"]
    assert xmp.dc_language == ["ar"]
    assert xmp.dc_description == {"x-default": DESCRIPTION}


def test_a_pdf_without_a_variant_has_xmp_and_a_pdfa_keeps_its_own(tmp_path: Path) -> None:
    import pypdf

    for variant in (None, "pdf/a-3u"):
        out = tmp_path / str(variant).replace("/", "-")
        extra = ["--pdf-variant", variant] if variant else []
        assert run_cli(str(STORE), "--to", "pdf", "-o", str(out), *extra).returncode == 0
        reader = pypdf.PdfReader(out / "memory.pdf")
        xmp = reader.xmp_metadata
        assert xmp.dc_creator == AUTHORS and xmp.dc_identifier == f"urn:isbn:{ISBN}"
        if variant:
            assert xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part") or \
                b"pdfaid:part" in reader.trailer["/Root"]["/Metadata"].get_data()

"""The DOCX package, opened with limits before anything in it is parsed.

A Word file is a ZIP of XML parts. What a hostile one can do, and what is
done about it here, before any part is parsed (parts.py then reads only
the parts the article needs, each through read_part and refuse_dtd):
- a ZIP bomb: the entries' declared sizes are summed and each is read with
  a cap (MAX_PART_BYTES; a declared size can lie), and the entry count and
  the compression ratio of large parts are limited;
- XML entity expansion and external entities: a part read with a DTD is
  refused (Word never writes one); lxml is used with resolve_entities=False
  and no_network anyway;
- a macro-enabled document (.docm): its text is read like a .docx's; its
  macro parts (vbaProject.bin and what relates to it) are never read, so
  never run and never copied into an output (the model has no place for
  them); macro_enabled tells the reader to say so;
- an encrypted file: Office encrypts to an OLE compound file, not a ZIP:
  told apart from an old binary .doc by its EncryptedPackage stream.
Each problem is one InputError line naming the file.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ...errors import InputError

MAX_PART_BYTES = 50 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all parts, as declared
MAX_ENTRIES = 20_000  # a DOCX with 10,000 pictures still opens
MAX_RATIO = 200  # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAIN_PART = "word/document.xml"

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled"


def safe_parser() -> etree.XMLParser:
    """The parser for every part read here: no entities, no network, no DTD."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def checked_package(data: bytes, source: str) -> zipfile.ZipFile:
    """The ZIP of a DOCX, its limits checked; InputError if it is none."""
    if data.startswith(_OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in data:
            raise InputError(source, "encrypted document (a password protects it): not read")
        raise InputError(source, "a Word 97-2003 document (.doc): save it as .docx to convert it")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(source, "damaged Word file (not a readable ZIP archive)") from None
    _check_entries(entries, source)
    if MAIN_PART not in package.namelist():
        raise InputError(source, "a ZIP archive, not a Word document (no word/document.xml)")
    return package


def macro_enabled(package: zipfile.ZipFile, source: str) -> bool:
    """Whether the package says it is a macro-enabled document (.docm) or
    carries a macro project anyway."""
    names = package.namelist()
    types = read_part(package, "[Content_Types].xml", source) if "[Content_Types].xml" in names else b""
    return _MACRO_TYPE in types or any(name.lower().endswith("vbaproject.bin") for name in names)


def _check_entries(entries: list[zipfile.ZipInfo], source: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputError(source, f"Word file with too many parts ({len(entries):,}; at most {MAX_ENTRIES:,})")
    if sum(entry.file_size for entry in entries) > MAX_TOTAL_BYTES:
        raise InputError(source, f"Word file too large unpacked (over {MAX_TOTAL_BYTES:,} bytes)")
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise InputError(source, "encrypted document (its ZIP entries are encrypted): not read")
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(source, f"Word file part {entry.filename!r} unpacks {MAX_RATIO}× larger "
                             "than it is stored (a ZIP bomb?): not read")


def read_part(package: zipfile.ZipFile, name: str, source: str) -> bytes:
    """A part's bytes, read with a cap whatever size its entry declares."""
    try:
        with package.open(name) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise InputError(source, f"damaged Word file (part {name!r}: {error})") from None
    if len(data) > MAX_PART_BYTES:
        raise InputError(source, f"Word file part {name!r} too large (over {MAX_PART_BYTES:,} bytes)")
    return data


def refuse_dtd(data: bytes, name: str, source: str) -> None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise InputError(source, f"Word file part {name!r} declares a DTD or entities: not read")

"""Bytes to text: pick the encoding an article was saved in.

Newsrooms still produce Windows-1256 files, and Word saves UTF-16; most files
are UTF-8, some with a BOM. Anything else is refused with a clear reason
rather than guessed at.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A two-, three- or four-byte UTF-8 sequence. In real UTF-8 nearly every byte
# above 0x7F belongs to one; in Windows-1256 text almost none does.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Valid UTF-8 with more control characters than this is binary data (or
# UTF-16 without a BOM); a few stray NULs in real text are only dropped.
_MAX_CONTROL_SHARE = 0.25
# A Windows-1256 reading must be cleaner: random bytes decode in it too.
_MAX_LEGACY_CONTROL_SHARE = 0.01


def decode(data: bytes, source: str) -> str:
    """The text of an article file, or an InputError naming the problem."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = _decode_legacy(data, error, source)
    _refuse_binary(text, source)
    return text


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"not valid {encoding.upper()} (bad byte at offset {error.start})"
        ) from None
    _refuse_binary(text, source)
    return text


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError, source: str) -> str:
    """Windows-1256 when the bytes read as Arabic in it, else a clear error."""
    if _looks_like_broken_utf8(data):
        raise InputError(
            source,
            f"not valid UTF-8: invalid byte 0x{data[utf8_error.start]:02x} "
            f"at offset {utf8_error.start}",
        )
    text = data.decode("cp1256", errors="replace")
    if not _reads_as_arabic(text):
        raise InputError(source, "not a text file (binary or unknown encoding)")
    return text


def _looks_like_broken_utf8(data: bytes) -> bool:
    high_bytes = len(_HIGH_BYTE.findall(data))
    if not high_bytes:
        return False
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return in_sequences / high_bytes > 0.5


def _reads_as_arabic(text: str) -> bool:
    if "\ufffd" in text or _control_share(text) > _MAX_LEGACY_CONTROL_SHARE:
        return False
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    arabic = sum(1 for c in letters if "ARABIC" in unicodedata.name(c, ""))
    return bool(letters) and arabic / len(letters) > 0.9


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def _refuse_binary(text: str, source: str) -> None:
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(source, "not a text file (binary data)")

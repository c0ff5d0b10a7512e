"""Clean decoded text before its structure is read.

Each rule is one function from text to (text, warnings); ``RULES`` runs them
in order, so a new rule is one new entry.

Bidi controls: the reader keeps what cannot reorder text beyond its own
paragraph and neutralises what can.
- kept: the marks LRM, RLM and ALM (U+200E, U+200F, U+061C), ZWJ and ZWNJ
  (U+200D, U+200C), and the isolates LRI, RLI, FSI and PDI (U+2066–U+2069),
  balanced within each line: a stray PDI is dropped and an unclosed isolate
  is closed at the end of its line.
- dropped: the embeddings and overrides LRE, RLE, PDF, LRO and RLO
  (U+202A–U+202E), which can spill into following text and spoof its order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .quran import outside_quotations

Rule = Callable[[str], tuple[str, list[str]]]

# The last two code points of every plane (U+FFFE, U+1FFFE … U+10FFFF) and
# U+FDD0–U+FDEF are non-characters: never text, never written to an output.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
# A lone surrogate cannot come out of the decoder, but YAML's "\uD800" escape
# makes one in front matter; no encoder will write it.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HIGH = re.compile("[\ud800-\U0010ffff]")  # where every one of them lies
_NOT_TEXT = re.compile(f"[\ud800-\udfff{NONCHARACTERS}]")
# The ornate parentheses U+FD3E, U+FD3F in their block are no letters (they
# have no decomposition): they stay, and open and close Qur'anic quotations.
_PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufd3d\ufd40-\ufdcf\ufdf0-\ufdff\ufe70-\ufefe]+")
_EMBEDDINGS = re.compile(r"[\u202a-\u202e]")
_ISOLATE_OPENERS = "\u2066\u2067\u2068"
_ISOLATE_CLOSER = "\u2069"
_ISOLATES = re.compile("[\u2066-\u2069]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Arabic combining marks (harakat, shadda, sukun, superscript alef, Quranic
# annotation signs, and those of the Arabic Extended blocks): every
# nonspacing mark of the Arabic blocks.
_ARABIC_BLOCKS = (*range(0x0610, 0x0700), *range(0x0750, 0x0780), *range(0x0870, 0x0900))
_MARKS = "".join(chr(code) for code in _ARABIC_BLOCKS if unicodedata.category(chr(code)) == "Mn")
# Typed after a space (within a paragraph: spaces, and at most one line break,
# before the marks), after a word, which may end in marks of its own
# (a vocalised word: قَالَ ۚ).
# What every detached mark has, found much faster than _DETACHED_MARKS's
# lookarounds at every character (a fifth of reading an article's text).
_SPACE_BEFORE_MARK = re.compile(f"[ \t\u00a0\n][{_MARKS}]")
_DETACHED_MARKS = re.compile(f"(?<=\\S)(?=\\s)[ \t\u00a0]*\n?[ \t\u00a0]*(?=[{_MARKS}])")
# The signs that enclose the digits after them (year, number, page signs…):
# a space typed between sign and digits leaves the sign alone, drawn beside them.
_SPACED_SIGN = re.compile("[\u0600-\u0605\u08e2][ \u00a0]")  # what each has: a quick test first
_SPACED_SIGNS = re.compile("(?<=[\u0600-\u0605\u08e2])[ \u00a0]+(?=[0-9\u0660-\u0669\u06f0-\u06f9])")


def unify_newlines(text: str) -> tuple[str, list[str]]:
    """CRLF, CR and LF all become LF; stray BOMs inside the text go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\ufeff", ""), []


def drop_controls(text: str) -> tuple[str, list[str]]:
    """Drop NUL and other control characters (tab and newline stay)."""
    cleaned, count = _CONTROLS.subn("", text)
    warnings = [f"dropped {count} control character(s)"] if count else []
    return cleaned, warnings


def drop_noncharacters(text: str) -> tuple[str, list[str]]:
    """Drop the non-characters of every plane and lone surrogates."""
    if not _HIGH.search(text):  # one range: scanned several times faster than _NOT_TEXT's class
        return text, []
    cleaned, count = _NOT_TEXT.subn("", text)
    warnings = [f"dropped {count} non-character(s) or lone surrogate(s)"] if count else []
    return cleaned, warnings


def fold_presentation_forms(text: str) -> tuple[str, list[str]]:
    """Letters copied out of old PDFs come back as base letters."""
    folded, count = _PRESENTATION_FORMS.subn(
        lambda m: unicodedata.normalize("NFKC", m.group()), text
    )
    warnings = [f"folded {count} run(s) of Arabic presentation forms"] if count else []
    return folded, warnings


def compose(text: str) -> tuple[str, list[str]]:
    return unicodedata.normalize("NFC", text), []


def attach_marks(text: str) -> tuple[str, list[str]]:
    """A combining mark typed after a space (a Quranic pause sign, a stray
    harakah) belongs to the word before it: alone it would sit on the space,
    a line above the text."""
    if not _SPACE_BEFORE_MARK.search(text):
        return text, []
    attached, count = _DETACHED_MARKS.subn("", text)
    warnings = [f"attached {count} combining mark(s) typed after a space to the word before"] if count else []
    return attached, warnings


def attach_prepended_signs(text: str) -> tuple[str, list[str]]:
    """A sign that encloses a number (the Urdu year sign ؁, the number sign
    U+0600) is shaped with the digits after it only when nothing comes between."""
    if not _SPACED_SIGN.search(text):
        return text, []
    attached, count = _SPACED_SIGNS.subn("", text)
    warnings = [f"joined {count} number sign(s) (U+0600-0605, U+08E2) to the digits after them"
                ] if count else []
    return attached, warnings


def neutralise_bidi(text: str) -> tuple[str, list[str]]:
    if not _BIDI_CONTROLS.search(text):  # most texts have none: not split into lines
        return text, []
    cleaned, count = _EMBEDDINGS.subn("", text)
    lines = [_balance_isolates(line) for line in cleaned.split("\n")]
    warnings = [f"dropped {count} bidi embedding/override control(s)"] if count else []
    return "\n".join(lines), warnings


def _balance_isolates(line: str) -> str:
    if not _ISOLATES.search(line):
        return line
    kept: list[str] = []
    depth = 0
    for char in line:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER:
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    return "".join(kept) + _ISOLATE_CLOSER * depth


RULES: tuple[Rule, ...] = (
    unify_newlines,
    drop_controls,
    drop_noncharacters,
    fold_presentation_forms,
    # A Qur'anic quotation keeps its marks as typed, in order (quran.py).
    outside_quotations(compose),
    outside_quotations(attach_marks),
    attach_prepended_signs,
    neutralise_bidi,
)


def normalise(text: str) -> tuple[str, list[str]]:
    """Text with every rule applied, and the warnings the rules raised."""
    warnings: list[str] = []
    for rule in RULES:
        text, raised = rule(text)
        warnings.extend(raised)
    return text, warnings

"""A corpus of edge-case and hostile articles, written on demand.

Each case is a file name, its bytes, and what must happen: converted in every
format, or refused with a reason (a fragment of the one-line error). The
corpus is generated rather than committed: some cases are binary or large.
"""

from __future__ import annotations

import codecs
import random
from dataclasses import dataclass
from pathlib import Path

BODY = "هذه فقرة عربية عادية فيها كلمات كثيرة للتجربة."
DISCLAIMER = "تنويه: الآراء الواردة تعبر عن رأي أصحابها."
MARKUP = (
    "<script>alert('x')</script> &amp; ]]> <img src='file:///etc/passwd'> "
    "url(file:///etc/passwd) {{ title }} %s %(name)s \\n C:\\temp\\ </body> <![CDATA[x]]>"
)
TASHKEEL = "إِنَّ الْكِتَابَةَ الْعَرَبِيَّةَ جَمِيلَةٌ، وَقَدْ قَالَ الشَّاعِرُ: «الْعِلْمُ نُورٌ»."


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    refused: str | None = None  # a fragment of the error; None: must convert
    # Text every format must show literally (checked in the extracted text).
    literal: tuple[str, ...] = ()


def article(title: str, *paragraphs: str, disclaimer: bool = True) -> str:
    parts = [title, *paragraphs] + ([DISCLAIMER] if disclaimer else [])
    return "\n\n".join(parts) + "\n"


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _long_article(size: int) -> bytes:
    """An article of about size bytes: varied paragraphs of real words."""
    words = (BODY + " " + TASHKEEL + " COVID-19 2011 10%").split()
    rng = random.Random(5)
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    return utf8(article("مقال طويل جدا", *paragraphs))


# YAML escapes write what the reader drops from a body: controls, overrides,
# lone surrogates, non-characters of every plane. Each value is cleaned as the body is.
ESCAPED_FRONT_MATTER = "\n".join((
    "---",
    r'title: "عنوان\x01 \u202Eمقلوب\u202C \uD800\uFFFE\U0001FFFE\U0010FFFF تم"',
    r'author: ["سلمى\x1b الخطيب", "Omar \uDBFFHaddad"]',
    r'description: "وصف\x85 \u202Aمضمن"',
    r'tags: "ذاكرة\u202D، مدن\0"',
    "---",
))
# What no output may hold (the non-characters of planes 0, 1, 16 and U+FDD0 among them).
DROPPED_CHARACTERS = set("\x01\x1b\x00\x85\u202a\u202b\u202c\u202d\u202e\ud800\udbff\ufffe\ufdd0"
                         "\U0001fffe\U0010ffff\U0008ffff")


def front_matter_article(front: str, title: str = "عنوان") -> bytes:
    return utf8(f"---\n{front}\n---\n" + article(title, BODY))


def cases() -> list[Case]:
    plain = article("عنوان عادي", BODY, "فقرة ثانية.")
    return [
        Case("windows-1256.txt", plain.encode("cp1256")),
        Case("utf16-le-bom.txt", codecs.BOM_UTF16_LE + plain.encode("utf-16-le")),
        Case("utf16-be-bom.txt", codecs.BOM_UTF16_BE + plain.encode("utf-16-be")),
        Case("utf8-bom.txt", codecs.BOM_UTF8 + utf8(plain)),
        Case("crlf.txt", utf8(plain.replace("\n", "\r\n"))),
        Case("cr-only.txt", utf8(plain.replace("\n", "\r"))),
        Case("mixed-newlines.txt", utf8("عنوان\r\n\r\nأولى\n\rثانية\r\rثالثة\n")),
        Case("empty.txt", b"", refused="empty file"),
        Case("whitespace-only.txt", b"  \n\t\r\n   \n", refused="empty file"),
        Case("title-only.txt", utf8("عنوان فقط\n")),
        Case("no-blank-lines.txt", utf8("عنوان\nسطر أول\nسطر ثان\nسطر ثالث\n")),
        Case("markup.txt", utf8(article("عنوان <b>وسم</b> & ]]>", f"نص {MARKUP} نهاية.")),
             literal=("<script>alert('x')</script>", "<img src='file:///etc/passwd'>",
                      "url(file:///etc/passwd)", "{{ title }}", "]]>", "&amp;", "<b>وسم</b>")),
        Case("bidi-controls.txt", utf8(article(
            "عنوان \u202eمقلوب\u202c",
            "أول \u202a\u202b\u202d\u202eتحكم\u202c بلا إغلاق",
            "ثان \u2066LTR\u2069 و\u2067عزل\u2069 و\u2068أول\u2069 مع \u2069 زائد",
            "ثالث ZWJ\u200dوZWNJ\u200c وعلامات \u200e\u200f\u061c"))),
        Case("controls.txt", utf8(article("عنوان\x00", "نص\x01\x02\x07\x08\x0b\x0c\x1b\x7f فيه تحكم"))),
        Case("invalid-utf8.txt", utf8("عنوان\n\nنص ") + b"\xc3\x28\xa0\xa1 " + utf8(BODY * 5),
             refused="not valid UTF-8"),
        Case("random-binary.bin.txt", random.Random(7).randbytes(4096), refused="not a text file"),
        Case("long-title.txt", utf8(article("عنوان " * 66 + "طويل", BODY))),
        Case("long-word.txt", utf8(article("كلمة طويلة", "ب" * 2000, "x" * 2000))),
        Case("title-slash.txt", utf8(article("عنوان / مع شرطة ../../etc/passwd", BODY))),
        Case("title-colon.txt", utf8(article("C:\\Windows: عنوان", BODY))),
        Case("title-reserved.txt", utf8(article("CON", BODY))),
        Case("same-title-1.txt", utf8(article("عنوان مكرر", BODY))),
        Case("same-title-2.txt", utf8(article("عنوان مكرر", "نص آخر."))),
        Case("tashkeel.txt", utf8(article("الْعُنْوَانُ الْمُشَكَّلُ", TASHKEEL, TASHKEEL * 3))),
        Case("no-disclaimer.txt", utf8(article("عنوان بلا تنويه", BODY, disclaimer=False))),
        Case("front-matter-escapes.txt", utf8(ESCAPED_FRONT_MATTER + "\n" + article("عنوان النص", BODY)),
             literal=("عنوان مقلوب تم",)),
        Case("body-noncharacters.txt", utf8(article(
            "عنوان \U0001FFFEالنص", f"نص \U0010FFFF فيه\U0008FFFF \uFDD0غير\uFFFF حروف. {BODY}"))),
        Case("front-matter-bad-date.txt", front_matter_article("date: 2024-02-30"),
             refused="front matter date '2024-02-30' is not a real date"),
        Case("front-matter-null-author.txt", front_matter_article("author: [~, x]"),
             refused="front matter field 'author' must be a list of plain text (item 1 is empty)"),
        Case("front-matter-deep.txt", front_matter_article("tags: " + "[" * 10_000 + "]" * 10_000),
             refused="front matter nested deeper than 16 levels"),
        Case("front-matter-huge-number.txt", front_matter_article("series_index: " + "7" * 5000),
             refused="is not a number"),
    ]


def large_case(size: int = 5 * 1024 * 1024) -> Case:
    return Case("five-megabytes.txt", _long_article(size))


def write_corpus(folder: Path, chosen: list[Case] | None = None) -> dict[str, Case]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for case in chosen if chosen is not None else cases():
        (folder / case.name).write_bytes(case.data)
        written[case.name] = case
    return written

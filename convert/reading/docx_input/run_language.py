"""The language a Word file's runs are tagged with, for a text in Latin letters.

The letters decide an article's language (reading/language.py), but they
only tell Arabic-script languages apart: a text in Latin letters would be
"Arabic". Word tags every run with its language (w:lang w:val for Latin
text, w:bidi for complex-script text), in the document defaults of
styles.xml and on runs typed in another language; Google Docs, LibreOffice
and pandoc write the defaults too. So a document mostly in Latin letters,
whose properties name no language, takes the language its runs are tagged
with most (each run weighing its letters), else the documents' default.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from ..language import language_tag
from .xml import W, attr, child

ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def mostly_latin(text: str) -> bool:
    """More than twice as many Latin letters as Arabic-script ones."""
    latin = len(LATIN_LETTER.findall(text))
    return latin > 0 and latin > 2 * len(ARABIC_LETTER.findall(text))


def run_language(body: etree._Element, styles: etree._Element | None) -> str | None:
    """The w:lang w:val most of the body's Latin letters are tagged with
    (a run's own, else the document default's), as a model tag; None if none is."""
    default = _default_language(styles)
    weights: Counter[str] = Counter()
    for r in body.iter(W + "r"):
        letters = sum(len(LATIN_LETTER.findall(t.text or "")) for t in r.iter(W + "t"))
        if not letters:
            continue
        r_pr = child(r, "rPr")
        lang = child(r_pr, "lang") if r_pr is not None else None
        tag = (attr(lang, "val") if lang is not None else None) or default
        if tag:
            weights[tag] += letters
    found = weights.most_common(1)[0][0] if weights else default
    return language_tag(found) if found else None


def _default_language(styles: etree._Element | None) -> str | None:
    """w:lang w:val of the document defaults (w:docDefaults/w:rPrDefault)."""
    if styles is None:
        return None
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return attr(lang, "val") if lang is not None else None

"""index.html: the output folder at a glance, for an editor.

A right-to-left page with a card per article or book: the cover thumbnail,
title, authors, date and language, and a link to each format. Each card
carries its article's language; every link is relative, so the folder can
be copied or served as it is.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from html import escape
from pathlib import Path

from ..reading.language import language_code
from ..text.shown import NAME_SEPARATOR, shown_byline, shown_title
from .listing import CATALOG_FILE, FEED_FILE, MEDIA_TYPES
from .opds import Listed, href

# Each language named in itself, as its readers look for it.
LANGUAGE_NAMES = {"ar": "العربية", "fa": "فارسی", "ur": "اردو", "ckb": "کوردی", "en": "English"}
FORMAT_LABELS = {"epub": "EPUB", "pdf": "PDF", "docx": "Word", "html": "HTML", "json": "JSON"}
LABELS = {"formats": "الصيغ", "catalog": "فهرس OPDS لتطبيقات القراءة", "articles": "عدد المواد"}

# The page's link to its feed: in every index page the catalogue wrote, and
# never in an article's HTML, where text has its quotes escaped.
_FEED_LINK = (f'<link rel="alternate" type="application/atom+xml;profile=opds-catalog;kind=acquisition" '
              f'href="{CATALOG_FILE}" title="OPDS">')
_HEAD_BYTES = 4096  # the link is in the page's head, well within this

_STYLE = """
body { font-family: "Amiri", "Noto Naskh Arabic", serif; margin: 2rem; background: #faf8f4; color: #1b1b1b; }
h1 { margin: 0 0 .25rem; }
ul.entries { list-style: none; padding: 0; display: grid; gap: 1rem;
             grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); }
li.entry { display: flex; gap: 1rem; background: #fff; padding: 1rem; border: 1px solid #e4ddd0; }
li.entry img { width: 100px; height: 160px; flex: none; }
li.entry h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
li.entry p { margin: .25rem 0; }
.formats a { margin-inline-end: .75rem; }
"""


def index_html(listed: Iterable[Listed], title: str, language: str) -> str:
    items = list(listed)
    cards = "\n".join(_card(item) for item in items)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'{_FEED_LINK}\n'
        # Where a browser or a feed reader given the page finds its Atom feed.
        f'<link rel="alternate" type="application/atom+xml" href="{FEED_FILE}" title="{escape(title)}">\n'
        f'<style>{_STYLE}</style>\n</head>\n<body>\n'
        f"<header><h1>{escape(title)}</h1>\n"
        f'<p>{LABELS["articles"]}: {len(items)} · '
        f'<a href="{CATALOG_FILE}">{LABELS["catalog"]}</a></p></header>\n'
        f'<ul class="entries">\n{cards}\n</ul>\n</body>\n</html>\n'
    )


def is_catalog_page(path: Path) -> bool:
    """Whether path is an index page the catalogue wrote (a regular file
    with its feed link), which the catalogue may replace."""
    try:
        with open(path, "rb", opener=_no_follow) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return False
            return _FEED_LINK.encode() in handle.read(_HEAD_BYTES)
    except OSError:
        return False


def foreign_page(path: Path) -> bool:
    """Whether something other than the catalogue's page holds path: an
    article's HTML, a page of the user's, a link, a folder."""
    return os.path.lexists(path) and not is_catalog_page(path)


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)


def _card(item: Listed) -> str:
    entry, files = item.entry, item.outputs.files
    lang = escape(entry.language)
    title = shown_title(entry.title)  # the feed keeps it whole
    picture = (f'<img src="{escape(href(files["thumbnail"]))}" alt="{escape(title)}">'
               if "thumbnail" in files else "")
    language_name = LANGUAGE_NAMES.get(language_code(entry.language), entry.language)
    date = escape(entry.date or "")
    byline = shown_byline(NAME_SEPARATOR.join(entry.authors))
    details = [f'<p class="authors">{escape(byline)}</p>' if byline else "",
               f'<p class="date"><time dir="ltr" datetime="{date}">{date}</time></p>' if date else "",
               f'<p class="language">{escape(language_name)}</p>']
    links = " ".join(
        f'<a href="{escape(href(files[fmt]))}" type="{MEDIA_TYPES[fmt]}">{FORMAT_LABELS[fmt]}</a>'
        for fmt in item.outputs.formats)
    return (f'<li class="entry" lang="{lang}">{picture}<div>'
            f'<h2 dir="auto">{escape(title)}</h2>{"".join(details)}'
            f'<p class="formats" aria-label="{LABELS["formats"]}">{links}</p></div></li>')

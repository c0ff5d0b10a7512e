"""What an HTML page tells search engines and social networks about itself
(issue 33): one reading of an article's or a book's metadata, from the same
front matter and theme as every other format (publication.py), plus what
only the web needs: the page's address, its share card, its locale.

web_head.py writes it as <meta>, <link> and JSON-LD markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import ThemeError
from .exporters import BUILTIN_SUFFIXES
from .model import Book, Document, document_texts
from .options import Options
from .publication import publication, summary_text
from .reading.language import language_code
from .web_logo import is_address, logo_file_name, read_logo

# A search result shows about this many characters of a description.
WEB_DESCRIPTION_LIMIT = 160
# The share card another format writes beside the page (--to cards): NAME.card.png, 1200×630.
CARD_SUFFIX = BUILTIN_SUFFIXES["card"]  # the share card a cards run writes
CARD_SIZE = (1200, 630)
PAGE_SUFFIX = BUILTIN_SUFFIXES["html"]
# Open Graph locales are language_TERRITORY; Facebook, which reads them, knows
# Arabic only as ar_AR. Other languages take the territory of their tag
# (the article's, else the theme's: fa-IR → fa_IR, ur-PK → ur_PK).
_LOCALES = {"ar": "ar_AR"}


@dataclass(frozen=True)
class Logo:
    url: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class WebPage:
    kind: str  # "article" or "book"
    title: str
    description: str | None
    language: str  # BCP 47, as the page's lang attribute
    locale: str  # Open Graph: ar_AR, fa_IR…
    authors: tuple[str, ...]
    date: str | None  # a W3C date (2024-03-15), else None
    section: str | None
    tags: tuple[str, ...]
    word_count: int
    url: str | None  # absolute (front matter url:, or base_url + the page's path), else None
    image: str | None  # the share card's absolute address, else None
    image_alt: str
    site_name: str | None
    publisher: str | None
    logo: Logo | None
    twitter_site: str | None
    free_to_read: bool


def web_page(content: Document | Book, options: Options) -> WebPage:
    """The page's metadata; addresses only where they can be absolute."""
    store = publication(content, options.theme)
    publishing = options.theme.publishing
    base = publishing.base_url or None
    stem = options.output_stem
    own_url = content.meta.url if isinstance(content, Document) else None
    return WebPage(
        kind="book" if isinstance(content, Book) else "article",
        title=store.title,
        description=_one_line(content.meta.description or summary_text(content, WEB_DESCRIPTION_LIMIT)),
        language=store.language,
        locale=og_locale(store.language, options.theme.language_rules(language_code(store.language)).tag),
        authors=store.creators,
        date=store.date,
        section=content.meta.section if isinstance(content, Document) else None,
        tags=store.subjects,
        word_count=word_count(content),
        url=own_url or address(base, stem, PAGE_SUFFIX),
        image=address(base, stem, CARD_SUFFIX),
        image_alt=" — ".join((store.title, *store.creators)),
        site_name=publishing.publisher or publishing.catalog_title or None,
        publisher=store.publisher,
        logo=publisher_logo(base, options.theme.path, publishing.logo),
        twitter_site=publishing.twitter_site or None,
        free_to_read=publishing.free_to_read,
    )


def address(base_url: str | None, stem: str | None, suffix: str) -> str | None:
    """base_url joined with an output's path; None without either."""
    if not base_url or stem is None:
        return None
    return published_address(base_url, stem + suffix)


def published_address(base_url: str, relative_path: str) -> str:
    """Where a file of OUT is published: under base_url (a folder: "/"
    added), the base's path and the file's percent-encoded (UTF-8: an Arabic
    folder or file name stays one address), the base's own escapes kept. The
    pages and the feed (catalog/feed.py) name every file by it, so one
    article has one address."""
    parts = urlsplit(base_url)
    folder = quote(parts.path.rstrip("/"), safe="/%:@!$&'()*+,;=~")
    return urlunsplit((parts.scheme, parts.netloc, f"{folder}/{quote(relative_path, safe='/')}", "", ""))


def og_locale(language: str, theme_tag: str) -> str:
    """ar → ar_AR, fa → fa_IR (from the theme's fa-IR), ar-EG → ar_EG."""
    parts = language.replace("_", "-").split("-")
    code = parts[0].lower()
    region = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), None)
    if region:
        return f"{code}_{region}"
    if code in _LOCALES:
        return _LOCALES[code]
    theme_parts = theme_tag.split("-")
    theme_region = next((part.upper() for part in theme_parts[1:] if len(part) == 2 and part.isalpha()), None)
    return f"{code}_{theme_region}" if theme_region and theme_parts[0].lower() == code else code


def word_count(content: Document | Book) -> int:
    """The words a reader reads in the text (title and byline aside), as
    spaces separate them."""
    documents = content.documents if isinstance(content, Book) else (content,)
    return sum(len(text.split()) for doc in documents for text in document_texts(doc))


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def publisher_logo(base_url: str | None, theme_path: Path, logo: str) -> Logo | None:
    """The publisher's logo: an https:// address as it is (size unknown), or
    the logo file published under base_url by its own name (an address must
    be absolute: none without base_url), with its size (web_logo.py)."""
    if not logo:
        return None
    if is_address(logo):
        return Logo(logo)
    url = address(base_url, logo_file_name(logo), "")
    if url is None:
        return None
    try:
        picture = read_logo(theme_path, logo)
    except ThemeError:  # checked when the theme was loaded; gone since (or on another machine)
        return Logo(url)
    return Logo(url, picture.width, picture.height)

"""A WebPage (web_page.py) as markup for an HTML page's head: the meta
description, the canonical link, Open Graph and Twitter card tags, and
schema.org JSON-LD (OpinionNewsArticle for an article, Book for a book).

Every value is article text: attribute values are escaped, and the JSON-LD
escapes < > & so nothing in it can close its <script> or open a comment.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .web_page import CARD_SIZE, Logo, WebPage

SCHEMA_CONTEXT = "https://schema.org"
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def head_markup(page: WebPage) -> str:
    """The lines the page's head gains after its <title>."""
    lines = []
    if page.description:
        lines.append(_meta("name", "description", page.description))
    if page.url:
        lines.append(f'<link rel="canonical" href="{escape(page.url)}"/>')
    lines += [_meta("property", prop, value) for prop, value in open_graph(page)]
    lines += [_meta("name", name, value) for name, value in twitter_card(page)]
    lines.append(f'<script type="application/ld+json">{script_json(json_ld(page))}</script>')
    return "\n".join(lines)


def open_graph(page: WebPage) -> list[tuple[str, str]]:
    """Open Graph properties in order; several authors or tags: one each."""
    tags = [("og:type", page.kind), ("og:title", page.title)]
    tags += [("og:description", page.description)] if page.description else []
    tags += [("og:url", page.url)] if page.url else []
    if page.image:
        width, height = CARD_SIZE
        tags += [("og:image", page.image), ("og:image:type", "image/png"), ("og:image:width", str(width)),
                 ("og:image:height", str(height)), ("og:image:alt", page.image_alt)]
    tags += [("og:site_name", page.site_name)] if page.site_name else []
    tags.append(("og:locale", page.locale))
    prefix = page.kind  # article:author, or book:author for a book
    tags += [(f"{prefix}:author", author) for author in page.authors]
    if page.date:
        published = "book:release_date" if page.kind == "book" else "article:published_time"
        tags.append((published, page.date))
    tags += [("article:section", page.section)] if page.section else []
    tags += [(f"{prefix}:tag", tag) for tag in page.tags]
    return tags


def twitter_card(page: WebPage) -> list[tuple[str, str]]:
    """X/Twitter reads title, description and image from Open Graph; these are its own."""
    tags = [("twitter:card", "summary_large_image")]
    tags += [("twitter:site", page.twitter_site)] if page.twitter_site else []
    tags += [("twitter:image:alt", page.image_alt)] if page.image else []
    return tags


def json_ld(page: WebPage) -> dict[str, Any]:
    """schema.org's description of the page, as search engines read it."""
    article = page.kind == "article"
    data: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "OpinionNewsArticle" if article else "Book"}
    data["headline" if article else "name"] = page.title
    if page.authors:
        people = [{"@type": "Person", "name": name} for name in page.authors]
        data["author"] = people[0] if len(people) == 1 else people
    if page.date:
        data["datePublished"] = page.date
    if page.publisher:
        data["publisher"] = _organization(page.publisher, page.logo)
    if page.image:
        data["image"] = {"@type": "ImageObject", "url": page.image, "width": CARD_SIZE[0],
                         "height": CARD_SIZE[1]}
    data["inLanguage"] = page.language
    if page.description:
        data["description"] = page.description
    if page.section and article:
        data["articleSection"] = page.section
    if page.tags:
        data["keywords"] = list(page.tags)
    data["isAccessibleForFree"] = page.free_to_read
    if article:
        data["wordCount"] = page.word_count
    if page.url:
        data["url"] = page.url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page.url}
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON for inside <script>: < > & as JSON escapes (the same strings to a
    JSON reader), so "</script>" or "<!--" in a title stays text."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return "".join(_SCRIPT_ESCAPES.get(character, character) for character in text)


def _organization(name: str, logo: Logo | None) -> dict[str, Any]:
    organization: dict[str, Any] = {"@type": "Organization", "name": name}
    if logo:
        image: dict[str, Any] = {"@type": "ImageObject", "url": logo.url}
        if logo.width and logo.height:
            image.update(width=logo.width, height=logo.height)
        organization["logo"] = image
    return organization


def _meta(kind: str, key: str, value: str) -> str:
    return f'<meta {kind}="{escape(key)}" content="{escape(value)}"/>'

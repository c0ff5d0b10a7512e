"""Where each page of a laid-out PDF starts in the text (text/page_breaks.py):
found in WeasyPrint's boxes, for an EPUB's page list."""

from __future__ import annotations

from collections.abc import Iterator

from weasyprint.formatting_structure import boxes

from ...text.page_breaks import PageStart, letter_count


def page_starts(pages: list) -> tuple[PageStart, ...]:
    """For each page of a rendered WeasyPrint document that holds article text,
    where that text starts. Articles and their blocks are numbered as they are
    first met, which is text order."""
    articles: dict[int, int] = {}  # id of an article element -> its number
    blocks: dict[int, tuple[int, int]] = {}  # id of a block element -> (article, block) numbers
    block_counts: dict[int, int] = {}  # article number -> blocks met
    letters_before: dict[tuple[int, int], int] = {}
    starts = []
    for number, page in enumerate(pages, start=1):
        first: tuple[int, int | None, int] | None = None
        for text, article, block in _article_texts(page._page_box):
            article_number = articles.setdefault(article, len(articles))
            if block is None:
                place: tuple[int, int | None, int] = (article_number, None, 0)
            else:
                key = blocks.get(id(block))
                if key is None:
                    key = blocks[id(block)] = (article_number, block_counts.get(article_number, 0))
                    block_counts[article_number] = key[1] + 1
                place = (*key, letters_before.get(key, 0))
                letters_before[key] = letters_before.get(key, 0) + letter_count(text)
            first = first or place
        if first is not None:
            starts.append(PageStart(number, *first))
    return tuple(starts)


def _article_texts(box: boxes.Box, article: int | None = None, block: object | None = None,
                   in_body: bool = False, in_title: bool = False) -> Iterator[tuple[str, int, object | None]]:
    """(text, id of its article element, its body block's element or None in
    the title block) of every text box of an article's title or body, in box order."""
    element, classes = getattr(box, "element", None), ""
    if element is not None:
        classes = element.get("class") or ""
        if box.element_tag == "article":
            article = id(element)
        elif article is not None and box.element_tag == "div" and "body" in classes.split():
            in_body = True
        elif article is not None and box.element_tag == "header" and "title-block" in classes.split():
            in_title = True
        elif in_body and block is None and box.element_tag != "div":
            block = element
    if isinstance(box, boxes.TextBox) and article is not None and (in_body or in_title):
        yield box.text, article, block if in_body else None
        return
    for child in getattr(box, "children", ()):
        yield from _article_texts(child, article, block, in_body, in_title)

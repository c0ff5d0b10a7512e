"""Document -> HTML, shared by the HTML, PDF and EPUB exporters.

The markup is polyglot (valid HTML5 and well-formed XHTML), so EPUB can use
it unchanged. Every piece of article text goes through ``escape``: markup an
author typed shows as literal characters, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape

from .html_figures import render_figure
from .link_calls import holds_call, link_pieces
from .model import (
    Block,
    BlockQuote,
    Book,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Poem,
    Quote,
    QuranQuote,
    Strong,
    Table,
)
from .poetry import render_poem
from .quran import quran_html
from .table_html import render_table
from .text.digits import number_text
from .text.shown import shortened, shown_byline, shown_title

XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# The book's own words around the articles, in the articles' language.
CONTENTS_LABEL = "المحتويات"
# The class of a heading-like line ("المادة 14"): set in the headings' bold face (base.css).
KEEP_WITH_NEXT = "keep-with-next"


@dataclass(frozen=True)
class NoteMarkup:
    """How an article's notes are written.

    place: "end" (HTML: a list closing the article, numbers linking both
      ways), "footnote" (PDF: each note's text at its first call, which CSS
      floats to the foot of the page) or "aside" (EPUB: calls linking to
      <aside epub:type="footnote"> notes after the text, which reading
      systems show as pop-ups, each linking back).
    digits: the article's digits ("arabic-indic", "persian", "latin").
    heading: the title of the list of notes ("end").
    prefix: what makes the ids unique on a page holding many articles.
    direction: the article's ("end", "aside": each call is an isolate in it).
    endnotes: "footnote": the numbers of the notes too tall for the foot of a
      page, set instead as a list closing the article (their calls link to
      them, like "end"), where they flow across pages.
    """

    place: str = "end"
    digits: str = "arabic-indic"
    heading: str = "الهوامش"
    prefix: str = ""
    notes: tuple[Note, ...] = ()
    direction: str = "rtl"
    endnotes: frozenset[int] = frozenset()

    def call_id(self, number: int) -> str:
        return f"{self.prefix}noteref-{number}"

    def note_id(self, number: int) -> str:
        return f"{self.prefix}note-{number}"

    def number(self, number: int) -> str:
        return number_text(number, self.digits)


_NO_NOTES = NoteMarkup()


@dataclass(frozen=True)
class PageOptions:
    """How the article is wrapped into a page.

    paged: for print (PDF). The running header and the disclaimer footer come
      first in the body, because a CSS running element shows only on pages
      from the one where it appears.
    xhtml: serialise as XHTML (EPUB): XML declaration, namespace, xml:lang.
    css: a stylesheet to inline in <style>; stylesheet_href: one to link.
    body_style: declarations for the body's style attribute (our own, never article text).
    running_room: paged: the running title's length at most, in characters
      (a longer title is shortened with an ellipsis: the head is one line).
    head: markup added to the head after the title, already escaped (HTML:
      the page's web metadata, web_head.py).
    """

    paged: bool = False
    xhtml: bool = False
    css: str | None = None
    stylesheet_href: str | None = None
    body_style: str | None = None
    running_room: int | None = None
    head: str | None = None


def render_page(doc: Document, options: PageOptions = PageOptions(), notes: NoteMarkup = _NO_NOTES) -> str:
    """A whole HTML (or XHTML) page holding one article."""
    article = render_article(doc, paged=options.paged, running_room=options.running_room, notes=notes)
    return wrap_page(doc.meta.title, doc.meta.lang, doc.meta.direction, article, options)


def wrap_page(title: str, lang: str, direction: str, body: str, options: PageOptions) -> str:
    """Head and body around already rendered markup."""
    lang_attr, dir_attr = escape(lang), escape(direction)
    if options.xhtml:
        opening = (
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML_NAMESPACE}" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang_attr}" xml:lang="{lang_attr}" dir="{dir_attr}">'
        )
    else:
        opening = f'<!DOCTYPE html>\n<html lang="{lang_attr}" dir="{dir_attr}">'
    head = ['<meta charset="utf-8"/>', f"<title>{escape(title)}</title>"]
    if options.head:
        head.append(options.head)
    if options.stylesheet_href:
        head.append(f'<link rel="stylesheet" type="text/css" href="{escape(options.stylesheet_href)}"/>')
    if options.css:
        # Our own CSS, never article text; "</" cannot occur in it unescaped.
        safe_css = options.css.replace("</", "<\\/")
        head.append(f"<style>\n{safe_css}\n</style>")
    style_attr = f' style="{escape(options.body_style)}"' if options.body_style else ""
    return (
        f"{opening}\n<head>\n{chr(10).join(head)}\n</head>\n"
        f'<body dir="{dir_attr}"{style_attr}>\n{body}\n</body>\n</html>\n'
    )


def render_book_page(book: Book, options: PageOptions = PageOptions(),
                     notes: Callable[[Document], NoteMarkup] = lambda doc: _NO_NOTES) -> str:
    """A whole page holding a book: title page, contents, every article.
    notes: how each article's notes are written (numbered per article)."""
    meta = book.meta
    return wrap_page(meta.title, meta.lang, meta.direction, render_book(book, options.paged, notes), options)


def render_book(book: Book, paged: bool = False,
                notes: Callable[[Document], NoteMarkup] = lambda doc: _NO_NOTES) -> str:
    parts = [render_book_title(book), render_contents(book)]
    parts += [render_article(doc, paged, anchor=chapter_id(number), notes=notes(doc))
              for number, doc in enumerate(book.documents, start=1)]
    return "\n".join(parts)


def chapter_id(number: int) -> str:
    return f"chapter-{number}"


def render_book_title(book: Book) -> str:
    lines = ['<section class="book-title">', f'<h1 class="title">{escape(shown_title(book.title))}</h1>']
    if book.author:
        lines.append(f'<p class="author">{escape(shown_byline(book.author))}</p>')
    lines.append("</section>")
    return "\n".join(lines)


def render_contents(book: Book) -> str:
    """The table of contents: one link per article, in book order."""
    items = "".join(
        f'<li><a href="#{chapter_id(number)}">{escape(shown_title(doc.meta.title))}</a></li>'
        for number, doc in enumerate(book.documents, start=1)
    )
    return f'<nav class="contents"><h2>{CONTENTS_LABEL}</h2><ol>{items}</ol></nav>'


def render_article(doc: Document, paged: bool = False, anchor: str | None = None,
                   running_room: int | None = None, notes: NoteMarkup = _NO_NOTES) -> str:
    """The <article> for one document: title block, text, notes, disclaimer.
    notes: how its notes are written (the document's own notes fill it)."""
    meta = doc.meta
    notes = replace(notes, notes=doc.notes, prefix=f"{anchor}-" if anchor else notes.prefix,
                    direction=meta.direction)
    # In a book (an anchor), each article carries its own language.
    id_attribute = f' id="{escape(anchor)}" lang="{escape(meta.lang)}"' if anchor else ""
    parts = [f'<article class="article"{id_attribute}>']
    footer = _disclaimer_footer(meta.disclaimer)
    if paged:
        running = shortened(meta.title, running_room) if running_room else shown_title(meta.title)
        parts.append(f'<div class="running-title">{escape(running)}</div>')
        parts.append(footer)
    parts.append(render_title_block(meta.title, meta.author, meta.date))
    parts.append('<div class="body">')
    parts.extend(render_block(block, notes) for block in doc.blocks)
    parts.append("</div>")
    parts.append(render_notes(notes))
    if not paged:
        parts.append(footer)
    parts.append("</article>")
    return "\n".join(part for part in parts if part)


def render_title_block(title: str, author: str | None, date: str | None) -> str:
    """The title and byline as shown (shortened past their limits: text/shown.py)."""
    byline = []
    if author:
        byline.append(f'<span class="author">{escape(shown_byline(author))}</span>')
    if date:
        # An isolate: after Arabic letters the digits of 2021-03-15 count as
        # Arabic numbers, which the hyphens do not join: it would read 15-03-2021.
        byline.append(f'<time class="date" dir="auto">{escape(date)}</time>')
    lines = ['<header class="title-block">', f'<h1 class="title">{escape(shown_title(title))}</h1>']
    if byline:
        lines.append(f'<p class="byline">{" ".join(byline)}</p>')
    lines.append("</header>")
    return "\n".join(lines)


def _disclaimer_footer(disclaimer: str | None) -> str:
    if not disclaimer:
        return ""
    return f'<footer class="disclaimer"><p>{escape(disclaimer)}</p></footer>'


def render_block(block: Block, notes: NoteMarkup = _NO_NOTES) -> str:
    if isinstance(block, Heading):
        level = min(block.level + 1, 6)  # h1 is the article title
        return f"<h{level}>{render_inlines(block.inlines, notes)}</h{level}>"
    if isinstance(block, Paragraph):
        # A heading-like line the author did not mark: kept with what follows.
        keep = f' class="{KEEP_WITH_NEXT}"' if block.keep_with_next else ""
        return f"<p{keep}>{render_inlines(block.inlines, notes)}</p>"
    if isinstance(block, BlockQuote):
        inner = "".join(f"<p>{render_inlines(p.inlines, notes)}</p>" for p in block.paragraphs)
        return f"<blockquote>{inner}</blockquote>"
    if isinstance(block, ListBlock):
        items = "".join(f"<li>{render_inlines(item, notes)}</li>" for item in block.items)
        if not block.ordered:
            return f"<ul>{items}</ul>"
        # The author's digits: base.css gives each class its counter style.
        return f'<ol class="{escape(block.numbering or "decimal")}">{items}</ol>'
    if isinstance(block, Figure):
        return render_figure(block, render_inlines(block.caption, notes))
    if isinstance(block, Table):
        return render_table(block, notes, render_inlines)
    if isinstance(block, Poem):
        return render_poem(block, lambda inlines: render_inlines(inlines, notes))
    raise TypeError(f"unknown block {type(block).__name__}")


def render_inlines(inlines: tuple[Inline, ...], notes: NoteMarkup = _NO_NOTES) -> str:
    parts = []
    for index, inline in enumerate(inlines):
        if index and _calls_meet(inlines[index - 1], inline, notes):
            parts.append(CALL_SEPARATOR)
        parts.append(_render_inline(inline, notes))
    return "".join(parts)


# Between two calls in a row: raised like them, so that ١ and ٢ never read as ١٢.
CALL_SEPARATOR = '<span class="noteref-separator">،</span>'


def _calls_meet(before: Inline, inline: Inline, notes: NoteMarkup) -> bool:
    """Two note calls with nothing between them, where both show as numbers
    (in "footnote", WeasyPrint draws the calls)."""
    return isinstance(before, NoteRef) and isinstance(inline, NoteRef) and notes.place != "footnote"


def render_notes(notes: NoteMarkup) -> str:
    """The notes after the text ("end", "aside"), each opening with its
    number, which links back to its first call; "footnote": only its endnotes."""
    listed = tuple(note for note in notes.notes
                   if notes.place != "footnote" or note.number in notes.endnotes)
    if not listed:
        return ""
    if notes.place == "aside":
        # Its own direction: a reading system may show the note alone, in a pop-up.
        return "\n".join(f'<aside class="note" id="{notes.note_id(note.number)}" epub:type="footnote" '
                         f'role="doc-footnote" dir="{escape(notes.direction)}">'
                         f"{_note_paragraphs(note, notes)}</aside>"
                         for note in notes.notes)
    items = "".join(f'<li id="{notes.note_id(note.number)}">{_note_paragraphs(note, notes)}</li>'
                    for note in listed)
    return (f'<section class="notes" role="doc-endnotes"><h2>{escape(notes.heading)}</h2>'
            f'<ol class="notes">{items}</ol></section>')


def _note_paragraphs(note: Note, notes: NoteMarkup) -> str:
    back = (f'<a class="note-number" href="#{notes.call_id(note.number)}" role="doc-backlink">'
            f"{notes.number(note.number)}</a> ")
    paragraphs = [render_inlines(paragraph, notes) for paragraph in note.paragraphs] or [""]
    return "".join(f"<p>{back if index == 0 else ''}{text}</p>" for index, text in enumerate(paragraphs))


def _note_call(ref: NoteRef, notes: NoteMarkup) -> str:
    """A note's call: a raised number linking to the note ("footnote": the
    note itself at its first call, WeasyPrint draws the call)."""
    if notes.place == "footnote" and ref.first and ref.number not in notes.endnotes:
        note = next((note for note in notes.notes if note.number == ref.number), None)
        if note is not None:
            text = "<br/>".join(render_inlines(paragraph, notes) for paragraph in note.paragraphs)
            # The digits as a class: the stylesheet numbers the call and the note in them.
            return (f'<span class="footnote digits-{escape(notes.digits)}" '
                    f'id="{notes.note_id(ref.number)}">{text}</span>')
    call_id = f' id="{notes.call_id(ref.number)}"' if ref.first else ""
    epub_type = ' epub:type="noteref"' if notes.place == "aside" else ""
    # An isolate in the article's direction: after a number or a Latin name
    # the call follows it in reading order (٢٠٢٠ then ١), never joins it (٢٠٢٠١).
    isolate = f' dir="{escape(notes.direction)}"' if notes.place != "footnote" else ""
    # An endnote's first call in a PDF counts in the footnote counter, which numbers the footnotes.
    counted = " endnote" if notes.place == "footnote" and ref.first and ref.number in notes.endnotes else ""
    return (f'<a class="noteref{counted}" href="#{notes.note_id(ref.number)}"{call_id}{epub_type} '
            f'role="doc-noteref"{isolate}>{notes.number(ref.number)}</a>')


def _render_inline(inline: Inline, notes: NoteMarkup) -> str:
    if isinstance(inline, NoteRef):
        return _note_call(inline, notes)
    if isinstance(inline, QuranQuote):
        return quran_html(inline.text)
    if isinstance(inline, Quote):
        return (
            f'<span class="quote"><span class="mark">{escape(inline.open_mark)}</span>'
            f"{render_inlines(inline.inlines, notes) if inline.inlines else _text(inline.text)}"
            f'<span class="mark">{escape(inline.close_mark)}</span></span>'
        )
    if isinstance(inline, Strong):
        return f"<strong>{render_inlines(inline.inlines, notes)}</strong>"
    if isinstance(inline, Emphasis):
        return f"<em>{render_inlines(inline.inlines, notes)}</em>"
    if isinstance(inline, Link):
        if holds_call(inline.inlines):
            # Never inside its <a>: a call is a link of its own (link_calls.py).
            return render_inlines(link_pieces(inline), notes)
        # The reader keeps only http, https and mailto addresses (reading/inline_markup.py).
        return f'<a href="{escape(inline.href)}">{render_inlines(inline.inlines, notes)}</a>'
    return _text(inline.text)


def _text(text: str) -> str:
    """Text, its soft line breaks (a Word file's w:br, "\n" in the model) as
    line breaks: a bare newline in HTML would show as a space."""
    return "<br/>".join(escape(line) for line in text.split("\n"))

"""PDF: the shared HTML page, laid out by WeasyPrint with the print stylesheet.

WeasyPrint (Pango + HarfBuzz) shapes the Arabic itself, so the text stays
plain Unicode: it copies and searches as written. The parsed stylesheet and
the loaded fonts are built once per theme and print options and kept on the
exporter (one per process) for the whole batch.
"""

from __future__ import annotations

import gc
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from multiprocessing.util import Finalize
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from ...errors import ConvertError
from ...html import PageOptions, render_page
from ...html_figures import figure_look
from ...model import Book, Document
from ...options import Options
from ...publication import Publication, publication
from ...quran import bound_for_print, has_quotations, typed_outside_quotations
from ...reading.phones import searchable_phone_numbers
from ...resources import STYLES_DIR
from ...text.kashida import TATWEEL
from ...text.pages import line_room
from ...theme import Theme
from .bidi import split_direction_runs
from .book import render_pdf_book
from .engine import CSS, HTML, ColorProfile, FontConfiguration, install_engine_fixes
from .engine_fixes import pdf_finisher
from .engine_fixes.kashida import register_face
from .fetcher import AllowListFetcher
from .figures import print_figure_look
from .limits import check_page_limit, estimate_book_pages, layout_pages
from .links import link_structure_finisher, links_per_line
from .metadata import apply_metadata, reading_direction_finisher, store_metadata_finisher, write_options
from .notes import check_footnotes_fit, footnotes, printed_texts, tall_notes
from .output_intent import output_intent
from .page_starts import PageStart, page_starts
from .print_production import PrintJob, pdfx_finisher
from .style import build_print_style, in_text_presentation, pdf_fallback_faces

if TYPE_CHECKING:
    from weasyprint.document import Document as RenderedDocument

# Relative URLs resolve inside styles/; the fetcher refuses them all the same.
BASE_URL = STYLES_DIR.resolve().as_uri() + "/"


@dataclass(frozen=True)
class PrintResources:
    """What every document of a batch shares: parsed CSS, fonts, fetcher."""

    stylesheet: CSS
    font_config: FontConfiguration
    fetcher: AllowListFetcher
    # PDF/X: the output intent's profile, as the stylesheet's @color-profile
    # rule loaded it (render() must be given it too); empty otherwise.
    color_profiles: dict
    # Each profile's bytes as read, before any PDF was written.
    profile_bytes: dict


# The paged HTML page of an article or a book, with the notes of those ids
# set as endnotes (notes.py: a first layout finds the notes too tall).
MarkupFor = Callable[[frozenset[str]], str]


class Layout(NamedTuple):
    """A page laid out: its markup with every note a footnote (what the layout
    derives from, a key), the markup laid out, the pages."""

    source: str
    markup: str
    rendered: RenderedDocument


CacheKey = tuple[Theme, bool, float, bool, bool, tuple, str | None, Path | None]


class PdfExporter:
    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"

    def __init__(self) -> None:
        install_engine_fixes()
        self._resources: dict[CacheKey, PrintResources] = {}
        self._owner_pid: int | None = None
        self._inherited: list[dict[CacheKey, PrintResources]] = []

    def export(self, doc: Document, target: Path, options: Options) -> None:
        markup, resources = self._prepared_article(doc, options)
        _write_pdf(markup, publication(doc, options.theme), target, options, resources, doc.meta.direction)

    def export_book(self, book: Book, target: Path, options: Options) -> None:
        """Title page, contents with page numbers, one chapter per article
        (each with its own header and disclaimer), a bookmark per article."""
        markup, resources = self._prepared_book(book, options)
        _write_pdf(markup, publication(book, options.theme), target, options, resources, book.meta.direction)

    def page_starts(self, content: Document | Book, options: Options) -> tuple[PageStart, ...]:
        """Where each page of the PDF of content starts in its text (an EPUB's
        page list): remembered when this process has just written that PDF,
        else laid out now, as the PDF would be."""
        prepare = self._prepared_book if isinstance(content, Book) else self._prepared_article
        markup_for, resources = prepare(content, options)  # type: ignore[arg-type]
        key = _layout_key(markup_for(frozenset()), options)
        if key not in _RECENT_PAGE_STARTS:
            _remember_page_starts(key, page_starts(_laid_out(markup_for, options, resources).rendered.pages))
        return _RECENT_PAGE_STARTS[key]

    def _prepared_article(self, doc: Document, options: Options) -> tuple[MarkupFor, PrintResources]:
        check_page_limit(layout_pages(doc, options.theme), options.max_pages)
        page = page_options([doc], options.theme)

        fallback = pdf_fallback_faces(doc, options.theme, options.is_pdfx)
        resources = self.resources_for(options, fallback=fallback, quran=has_quotations(doc))

        def markup_for(tall: frozenset[str]) -> str:
            with figure_look(print_figure_look(options, resources.fetcher)):
                return _printed(render_page(doc, page, footnotes(doc, options.theme, tall)), options)

        return markup_for, resources

    def _prepared_book(self, book: Book, options: Options) -> tuple[MarkupFor, PrintResources]:
        page = page_options(book.documents, options.theme)

        check_page_limit(estimate_book_pages(book, options.theme, options.duplex), options.max_pages)
        fallback = pdf_fallback_faces(book, options.theme, options.is_pdfx)
        resources = self.resources_for(options, book=True, fallback=fallback, quran=has_quotations(book))

        def markup_for(tall: frozenset[str]) -> str:
            with figure_look(print_figure_look(options, resources.fetcher)):
                return _printed(render_pdf_book(book, page, options.theme, tall), options)

        return markup_for, resources

    def resources_for(self, options: Options, book: bool = False, fallback: tuple = (),
                      quran: bool = False) -> PrintResources:
        self._own_cache()
        # The theme object itself is part of the key: --page-size changes
        # theme.page without changing the theme's file.
        # Articles with emoji or symbols the theme's fonts lack: the fallback faces too;
        # with a Qur'anic quotation: the Qur'an face (read only then).
        key = (options.theme, options.duplex, options.bleed_mm, options.crop_marks, book, fallback,
               options.pdf_variant if options.is_pdfx else None, options.output_intent, quran)
        if key not in self._resources:
            self._resources[key] = _build_resources(options, book, fallback, quran)
        return self._resources[key]

    def _own_cache(self) -> None:
        """Give this process its own cache, released when the process exits.

        A FontConfiguration deletes its temporary font folder when collected,
        which a cached one never is, and worker processes end without
        collecting anything: so the cache is emptied at exit (multiprocessing
        runs these finalizers in workers too). A forked worker starts a cache
        of its own and keeps the parent's alive, never deleting its folders.
        """
        if self._owner_pid == os.getpid():
            return
        if self._resources:
            self._inherited.append(self._resources)
            self._resources = {}
        self._owner_pid = os.getpid()
        Finalize(self, _release, args=(self._resources,), exitpriority=0)


def _release(resources: dict[CacheKey, PrintResources]) -> None:
    resources.clear()
    gc.collect()  # the font configurations sit in reference cycles


def page_options(documents: Sequence[Document], theme: Theme) -> PageOptions:
    """A paged page, its running head one line long; without kashida if an
    author typed tatweel: every tatweel of a kashida page copies as nothing
    (engine_fixes/kashida.py), and the author's must copy. A Qur'anic
    quotation's does (print.css: no kashida there), in its own face (quran.py)."""
    fonts = theme.fonts
    typed = any(typed_outside_quotations(TATWEEL, text, fonts.quran, fonts.body)
                for doc in documents for text in printed_texts(doc))
    return PageOptions(paged=True, body_style="--convert-kashida: off" if typed else None,
                       running_room=line_room(theme, theme.fonts.small_size_pt))


def _write_pdf(markup_for: MarkupFor, store: Publication, target: Path, options: Options,
               resources: PrintResources, direction: str) -> None:
    """Lay out a paged HTML page and write it as the PDF at target, read in
    direction (rtl or ltr)."""
    source, markup, rendered = _laid_out(markup_for, options, resources)
    if options.page_list:  # the EPUB of the same job marks these pages (page_starts)
        _remember_page_starts(_layout_key(source, options), page_starts(rendered.pages))
    pdf_options = write_options(options)
    apply_metadata(rendered, store, options)
    links_per_line(rendered, print_pdf=options.is_pdfx)
    finisher = pdf_finisher()
    if options.is_pdfx:
        finisher = pdfx_finisher(print_job(options, markup), then=finisher)
    finisher = store_metadata_finisher(rendered, store, then=finisher)
    finisher = reading_direction_finisher(direction, then=finisher)
    finisher = link_structure_finisher(then=finisher)
    rendered.write_pdf(target, finisher=finisher, **pdf_options)


def _printed(markup: str, options: Options) -> str:
    """The page as the PDF lays it out: a PDF/X asks for the text presentation
    of what the theme's faces lack (in_text_presentation)."""
    return in_text_presentation(markup, options.theme) if options.is_pdfx else markup


def _laid_out(markup_for: MarkupFor, options: Options, resources: PrintResources) -> Layout:
    """The page laid out with its notes as footnotes, and once again if some
    are too tall for a page's foot, those then as endnotes (notes.py)."""
    source = markup_for(frozenset())
    rendered = _render(source, options, resources)
    tall = tall_notes(rendered.pages)
    markup = markup_for(tall) if tall else source
    if tall:
        rendered = _render(markup, options, resources)
    check_footnotes_fit(rendered.pages)
    return Layout(source, markup, rendered)


def _render(markup: str, options: Options, resources: PrintResources) -> RenderedDocument:
    """The laid-out pages of a paged HTML page (_printed)."""
    markup = bound_for_print(searchable_phone_numbers(markup))
    page = HTML(string=split_direction_runs(markup), base_url=BASE_URL, url_fetcher=resources.fetcher)
    profiles = fresh_profiles(resources) if options.is_pdfx else None
    rendered = page.render(font_config=resources.font_config, color_profiles=profiles,
                           stylesheets=[resources.stylesheet], **write_options(options))
    return rendered


def fresh_profiles(resources: PrintResources) -> dict:
    """New profile objects for one PDF, from the bytes read at first. A
    WeasyPrint profile is written by serializing Pillow's (LittleCMS's) copy
    again, which after a first PDF comes out 132 bytes longer, no longer the
    print shop's file: every PDF/X of a worker but its first embedded a
    changed profile. (A new dict too: writing a PDF adds to the one given.)"""
    return {name: ColorProfile(BytesIO(resources.profile_bytes[name]), profile.src,
                               profile.rendering_intent, profile.components)
            for name, profile in resources.color_profiles.items()}


# The page starts of the last few PDFs laid out, for the EPUBs of the same articles.
_RECENT_PAGE_STARTS: OrderedDict[tuple, tuple[PageStart, ...]] = OrderedDict()
_RECENT_LIMIT = 8


def _layout_key(markup: str, options: Options) -> tuple:
    return (markup, options.theme, options.duplex, options.bleed_mm, options.crop_marks, options.pdf_variant)


def _remember_page_starts(key: tuple, starts: tuple[PageStart, ...]) -> None:
    _RECENT_PAGE_STARTS[key] = starts
    while len(_RECENT_PAGE_STARTS) > _RECENT_LIMIT:
        _RECENT_PAGE_STARTS.popitem(last=False)


def print_job(options: Options, markup: str) -> PrintJob:
    """A PDF/X's finishing: its identifier derives from the page and the options."""
    intent = output_intent(options.output_intent)
    key = "\x00".join((markup, str(options.pdf_variant), f"{options.bleed_mm:g}", str(options.crop_marks),
                       intent.description, options.created.isoformat()))
    return PrintJob(str(options.pdf_variant), intent, options.bleed_mm, options.crop_marks, key.encode())


def _build_resources(options: Options, book: bool = False, fallback: tuple = (),
                     quran: bool = False) -> PrintResources:
    style = build_print_style(options, book, fallback, quran)
    for family, path in style.regular_faces.items():
        register_face(family, path)
    fetcher = AllowListFetcher(style.font_files + ((style.profile,) if style.profile else ()))
    font_config = FontConfiguration()
    color_profiles: dict = {}
    stylesheet = CSS(string=style.css, base_url=BASE_URL, url_fetcher=fetcher, font_config=font_config,
                     color_profiles=color_profiles)
    if style.profile and "device-cmyk" not in color_profiles:
        raise ConvertError(f"PDF/X: WeasyPrint could not read the output intent's profile {style.profile}")
    profile_bytes = {name: profile.content for name, profile in color_profiles.items()}
    return PrintResources(stylesheet, font_config, fetcher, color_profiles, profile_bytes)

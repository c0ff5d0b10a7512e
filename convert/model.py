"""The document model: small, immutable and free of any output format.

The reader builds it, transforms return new copies of it, and every exporter
reads it. Nothing here knows about HTML, PDF, DOCX or EPUB.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import EmptyBook


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    text: str


@dataclass(frozen=True)
class Quote:
    """A quotation inside a paragraph, e.g. “…” or «…».

    The marks are kept so that every format shows (and copies) exactly the
    characters the author typed. inlines: what the quotation holds where it
    holds markup (strong, emphasis, a link, a note call: «**قول**»), else
    empty; text is always its characters, so that a reader of text alone
    loses only the markup.
    """

    text: str
    open_mark: str = "“"
    close_mark: str = "”"
    # Left out of the JSON when empty: a quotation without markup keeps its bytes.
    inlines: tuple[Inline, ...] = field(default=(), metadata={"omit_empty": True})


@dataclass(frozen=True)
class Strong:
    """Strong importance (``**…**``): bold in every format."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    """Emphasis (``*…*`` or ``_…_``): shown as the theme's ``[text] emphasis`` says."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A link to an http, https or mailto address; inlines: the words it covers."""

    href: str
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """A call to the document's note ``number`` (1, 2, … in the order of the
    notes' first calls). Its text is the number, which each format writes
    in the article's digits; first: the first call to that note (a note
    called twice is set once, at its first call)."""

    number: int
    first: bool = True


@dataclass(frozen=True)
class QuranQuote:
    """A Qur'anic quotation, its ornate brackets included (﴿…﴾): set in the
    theme's Qur'an face, never elongated or broken inside a word, copied out
    exactly as typed."""

    text: str


Inline = Text | Quote | Strong | Emphasis | Link | NoteRef | QuranQuote


@dataclass(frozen=True)
class Note:
    """A footnote: its number (that of its calls) and its paragraphs."""

    number: int
    paragraphs: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Heading:
    """A section heading inside the article (level 1 is the highest)."""

    level: int
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; keep_with_next: a heading-like line ("المادة 14"), kept
    on the page of the paragraph after it."""

    inlines: tuple[Inline, ...]
    keep_with_next: bool = False


@dataclass(frozen=True)
class BlockQuote:
    """A quoted passage set apart from the text, one or more paragraphs."""

    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a run of inlines. A numbered
    list counts in its author's digits: "decimal" (1. 2.), "arabic-indic"
    (١. ٢.) or "persian" (۱. ۲.), as CSS names those counter styles."""

    ordered: bool
    items: tuple[tuple[Inline, ...], ...]
    numbering: str | None = None


@dataclass(frozen=True)
class Image:
    """A picture as the reader checked and cleaned it: bytes (orientation
    applied, metadata stripped), "image/jpeg" or "image/png", pixel size;
    source: the path as the article typed it."""

    source: str
    data: bytes = field(repr=False)
    media_type: str
    width: int
    height: int


@dataclass(frozen=True)
class Figure:
    """A picture with its alternative text and caption; lead: the article's
    lead image (front matter image:), credit: who took it."""

    image: Image
    alt: str
    caption: tuple[Inline, ...] = ()
    credit: str | None = None
    lead: bool = False


@dataclass(frozen=True)
class Table:
    """A table: the header row and the body rows, each a tuple of cells (a
    cell: inlines), the first column first (at the right, right to left);
    alignments: per column "left", "right", "center" or None (the text's)."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    alignments: tuple[str | None, ...]


@dataclass(frozen=True)
class Poem:
    """Verse: each line a tuple of one part (free verse: a line of its own)
    or two (a classical verse, بيت: its two hemistichs, first at the right)."""

    verses: tuple[tuple[tuple[Inline, ...], ...], ...]


Block = Heading | Paragraph | BlockQuote | ListBlock | Figure | Table | Poem

# Meta fields an older article never had: left out of content identifiers
# while empty, so an EPUB's identifier stays what it was.
STORE_FIELDS = ("authors", "subjects", "description", "series", "series_position", "isbn")


@dataclass(frozen=True)
class Meta:
    title: str
    author: str | None = None
    date: str | None = None
    lang: str = "ar"
    direction: str = "rtl"
    disclaimer: str | None = None
    source: str | None = None
    # What a store or a catalogue lists, from front matter (publication.py
    # turns it into each format's fields). authors: when there are several
    # (author then holds them joined, as the byline shows them).
    authors: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()  # tags and subjects, in the order given
    description: str | None = None
    series: str | None = None
    series_position: str | None = None
    isbn: str | None = None  # digits only (and a final X), check digit verified
    # The web (issue 33): the article's own canonical address (front matter
    # url:, over the theme's base_url), and the section it runs in (front
    # matter section:, a Word file's category), e.g. «آراء».
    url: str | None = field(default=None, metadata={"omit_empty": True})
    section: str | None = field(default=None, metadata={"omit_empty": True})
    # Sentences a social media editor quotes as pictures (front matter
    # pull_quotes:; share cards draw one quote card each). Left out of the
    # JSON when there are none, so older articles keep their bytes.
    pull_quotes: tuple[str, ...] = field(default=(), metadata={"omit_empty": True})

    @property
    def creators(self) -> tuple[str, ...]:
        """Every author, in order: the front matter's list, or the one author."""
        return self.authors or ((self.author,) if self.author else ())


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...] = ()
    notes: tuple[Note, ...] = ()  # in number order; each called by a NoteRef in the blocks

    def with_meta(self, **changes: object) -> Document:
        """A copy of this document with some metadata fields replaced."""
        return replace(self, meta=replace(self.meta, **changes))


@dataclass(frozen=True)
class Book:
    """Many articles bound into one output."""

    title: str
    author: str | None = None
    documents: tuple[Document, ...] = field(default_factory=tuple)

    @property
    def meta(self) -> Meta:
        """What the book says about itself in every format: its own title and
        author, in the language and direction of its first article. A book
        with no article has none (EmptyBook): there is nothing to bind."""
        if not self.documents:
            raise EmptyBook(f"book {self.title!r}: no articles to bind")
        first = self.documents[0].meta
        subjects = tuple(dict.fromkeys(subject for doc in self.documents for subject in doc.meta.subjects))
        return Meta(self.title, author=self.author, lang=first.lang, direction=first.direction,
                    subjects=subjects)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """The characters a reader sees for a run of inlines, marks included;
    a note call adds none (each format numbers it in its own digits)."""
    parts = []
    for inline in inlines:
        if isinstance(inline, NoteRef):
            continue
        if isinstance(inline, QuranQuote):
            parts.append(inline.text)
        elif isinstance(inline, Quote):
            parts.append(f"{inline.open_mark}{inline.text}{inline.close_mark}")
        elif isinstance(inline, Text):
            parts.append(inline.text)
        else:
            parts.append(inline_text(inline.inlines))
    return "".join(parts)


def block_texts(block: Block) -> list[str]:
    """The text of a block as the paragraphs a reader sees, in order: a
    figure's caption (its alt text is not shown), a table's cells row by row,
    a poem's hemistichs verse by verse."""
    if isinstance(block, (Heading, Paragraph)):
        return [inline_text(block.inlines)]
    if isinstance(block, BlockQuote):
        return [inline_text(p.inlines) for p in block.paragraphs]
    if isinstance(block, Figure):
        return [text for text in (inline_text(block.caption), block.credit or "") if text]
    if isinstance(block, Table):
        return [inline_text(cell) for row in (block.header, *block.rows) for cell in row]
    if isinstance(block, Poem):
        return [inline_text(part) for verse in block.verses for part in verse]
    return [inline_text(item) for item in block.items]


def document_texts(doc: Document) -> list[str]:
    """Every body paragraph of a document as plain text, in reading order."""
    return [text for block in doc.blocks for text in block_texts(block)]


def note_texts(doc: Document) -> list[str]:
    """Every paragraph of the document's notes as plain text, in note order."""
    return [inline_text(paragraph) for note in doc.notes for paragraph in note.paragraphs]


def reader_texts(doc: Document) -> list[str]:
    """Everything a reader finds, in order: title, byline, body, disclaimer."""
    meta = doc.meta
    texts = [meta.title, *(part for part in (meta.author, meta.date) if part), *document_texts(doc)]
    return texts + [meta.disclaimer] if meta.disclaimer else texts

"""Write catalog.xml, index.html and feed.xml for everything an output folder holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ConvertError
from ..files import atomic_target
from ..folder_lock import saving
from ..options import Options
from ..web_logo import publish_logo
from .entry import CatalogEntry
from .feed import FeedHead, feed_xml, output_identifier
from .index_page import foreign_page, index_html
from .listing import CATALOG_FILE, FEED_FILE, INDEX_FILE, Outputs, outputs_by_stem
from .opds import Listed, catalog_xml
from .store import CatalogStore

# "The articles": the catalogue's name when the theme gives neither a title nor a publisher.
DEFAULT_TITLE = "المقالات"


@dataclass(frozen=True)
class CatalogWritten:
    listed: int  # entries
    left_out: tuple[str, ...]  # files named as outputs that could not be listed, a line each
    refused: str | None = None  # why the index page was not written


def write_catalog(out_dir: Path, store: CatalogStore, options: Options) -> CatalogWritten:
    """The three files, each whole or not at all. Entries whose outputs are all gone are
    forgotten; outputs the
    store knows nothing of (written before --catalog was used with this folder,
    by a run from other sources) are listed under their file name. An
    index.html the catalogue did not write (an article's, the user's) is never
    replaced: the feeds and the store are still written. Done under the
    folder's lock, from the store as it is on disk then, so a run going at the
    same time lists this run's articles, and this run its. ConvertError if
    they cannot be written."""
    left_out: list[str] = []
    with saving(out_dir):
        store.merge_saved()
        found = outputs_by_stem(out_dir, left_out)
        store.forget(set(store.entries) - set(found))
        listed = [Listed(store.entries.get(stem) or _unknown(outputs, out_dir, options), outputs)
                  for stem, outputs in found.items()]
        refused = _write_files(out_dir, listed, options)
        store.save()
    return CatalogWritten(len(listed), tuple(left_out), refused)


def _write_files(out_dir: Path, listed: list[Listed], options: Options) -> str | None:
    """catalog.xml, index.html and feed.xml; why the index page was not written, if it was not."""
    theme = options.theme
    publisher = theme.publishing.publisher
    title = theme.publishing.catalog_title or publisher or DEFAULT_TITLE
    language = theme.language_code
    index = out_dir / INDEX_FILE
    foreign = foreign_page(index)
    try:
        with atomic_target(out_dir / CATALOG_FILE) as temporary:
            temporary.write_bytes(catalog_xml(listed, title, publisher or title, language))
        if not foreign:
            with atomic_target(index) as temporary:
                temporary.write_text(index_html(listed, title, language), encoding="utf-8")
        head = FeedHead(title, publisher or title, language, theme.publishing.base_url,
                        None if foreign else INDEX_FILE)
        with atomic_target(out_dir / FEED_FILE) as temporary:
            temporary.write_bytes(feed_xml(listed, head, out_dir))
        # Where every page's JSON-LD says the publisher's logo is: base_url + its name.
        publish_logo(out_dir, theme.path, theme.publishing.logo)
    except OSError as error:
        raise ConvertError(f"{out_dir}: cannot write the catalogue: {error.strerror or error}") from None
    if foreign:
        return (f"{index}: not the catalogue's page (an article's output, or a file of yours): "
                f"left as it is and the catalogue's page not written; move it away")
    return None


def _unknown(outputs: Outputs, out_dir: Path, options: Options) -> CatalogEntry:
    newest = max((out_dir / path).stat().st_mtime for path in outputs.files.values())
    return CatalogEntry(
        identifier=output_identifier(outputs.stem),
        title=Path(outputs.stem).name,
        authors=(),
        language=options.theme.language_code,
        updated=datetime.fromtimestamp(int(newest), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )

"""Write catalog.xml and index.html for everything an output folder holds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ConvertError
from ..files import atomic_target
from ..folder_lock import saving
from ..options import Options
from .entry import CatalogEntry
from .index_page import index_html
from .listing import CATALOG_FILE, INDEX_FILE, Outputs, outputs_by_stem
from .opds import Listed, catalog_xml
from .store import CatalogStore

# "The articles": the catalogue's name when the theme gives neither a title nor a publisher.
DEFAULT_TITLE = "المقالات"


def write_catalog(out_dir: Path, store: CatalogStore, options: Options) -> int:
    """Both files, each whole or not at all; the number of entries listed.
    Entries whose outputs are all gone are forgotten; outputs the store
    knows nothing of (written before --catalog was used with this folder,
    by a run from other sources) are listed under their file name. Done
    under the folder's lock, from the store as it is on disk then, so a run
    going at the same time lists this run's articles, and this run its."""
    with saving(out_dir):
        store.merge_saved()
        found = outputs_by_stem(out_dir)
        store.forget(set(store.entries) - set(found))
        listed = [Listed(store.entries.get(stem) or _unknown(outputs, out_dir, options), outputs)
                  for stem, outputs in found.items()]
        _write_files(out_dir, listed, options)
        store.save()
    return len(listed)


def _write_files(out_dir: Path, listed: list[Listed], options: Options) -> None:
    theme = options.theme
    publisher = theme.publishing.publisher
    title = theme.publishing.catalog_title or publisher or DEFAULT_TITLE
    language = theme.language_code
    try:
        with atomic_target(out_dir / CATALOG_FILE) as temporary:
            temporary.write_bytes(catalog_xml(listed, title, publisher or title, language))
        with atomic_target(out_dir / INDEX_FILE) as temporary:
            temporary.write_text(index_html(listed, title, language), encoding="utf-8")
    except OSError as error:
        raise ConvertError(f"{out_dir}: cannot write the catalogue: {error.strerror or error}") from None


def _unknown(outputs: Outputs, out_dir: Path, options: Options) -> CatalogEntry:
    newest = max((out_dir / path).stat().st_mtime for path in outputs.files.values())
    return CatalogEntry(
        identifier=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'urn:convert-arabic:output:' + outputs.stem)}",
        title=Path(outputs.stem).name,
        authors=(),
        language=options.theme.language_code,
        updated=datetime.fromtimestamp(int(newest), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )

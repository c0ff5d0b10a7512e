"""Sources stay sources: every article read lies inside the files and folders given.

A folder of articles is often shared, or unpacked from an archive someone
sent: a ``*.txt`` symbolic link in it to /etc/passwd or a private key would
otherwise be converted and published. A link is followed only when its
target lies inside the folder given (for a file given on its own: inside
the folder that holds it), or with --follow-links. A book's --order file
names articles, and each must lie inside the SRC files and folders given.
Checked on the resolved paths before a file is opened; a link swapped
between this check and the read is not caught.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

FOLLOW_HINT = "--follow-links reads it"


def located(path: Path) -> Path:
    """The absolute place of path itself: its folders resolved, but a link
    at its end kept a link (resolve() would give the link's target)."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def link_escape(article: Path, folder: Path, name: str, follow_links: bool) -> str | None:
    """The one-line refusal of an article (found in or given with folder,
    resolved) that is a link leading outside folder; None if it may be read."""
    if follow_links or not article.is_symlink():
        # Folder scans do not enter linked folders: only the file itself can be a link.
        return None
    target = article.resolve()
    if _inside(target, folder):
        return None
    return f"{name}: a symbolic link to {target}, outside {folder}: not read ({FOLLOW_HINT})"


def source_folder(source: Path) -> Path:
    """The folder a source's articles must lie in: itself, or a file's own folder."""
    return source.resolve() if source.is_dir() else located(source).parent


def order_refusal(entry: Path, sources: Iterable[Path], follow_links: bool) -> str | None:
    """The one-line refusal of an --order entry that is none of the sources'
    articles (outside every folder given, and not a file given), or a link
    leading outside its source; None if it may be read."""
    place = located(entry)
    for source in sources:
        if source.is_dir() and _inside(place, source.resolve()):
            return link_escape(entry, source.resolve(), str(entry), follow_links)
        if not source.is_dir() and place == located(source):
            return link_escape(entry, located(source).parent, str(entry), follow_links)
    return f"{entry}: --order names a file outside the SRC files and folders given: not read"

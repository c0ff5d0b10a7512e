"""A part's relationship ids, handed out in time linear in the number of
relationships: the one place that relates our parts to pictures, links and
the footnotes part.

python-docx's Part.relate_to looks for an equal relationship among every
one the part has, then scans for a free id from rId1 (rels._next_rId): each
new relationship costs as much as all those before it, and an article of
10,000 links took half a minute. Here each part keeps what those searches
would find (PartRelationships): the first free id, counted on from where it
last stopped (ids are only ever added, so it never moves back), and the id
of each external target already related. The ids are python-docx's own, in
the same order, so a document's bytes are what they were.

A part's pictures and links draw from one counter, so they never collide;
the footnotes part (word/footnotes.xml, the links in notes) has its own.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docx.opc.part import Part


class PartRelationships:
    """One part's relationships: the next free id and its external targets' ids."""

    def __init__(self, part: Part) -> None:
        self.rels = part.rels
        self._first_free = 1
        # (type, address) -> id; the first of equal ones, as python-docx's search finds.
        self._external: dict[tuple[str, str], str] = {}
        for rid, rel in self.rels.items():
            if rel.is_external:
                self._external.setdefault((rel.reltype, rel.target_ref), rid)

    def add(self, reltype: str, target: Part) -> str:
        """The id of a new relationship to target (the caller knows it has none yet)."""
        rid = self._next_free()
        self.rels.add_relationship(reltype, target, rid)
        return rid

    def external(self, reltype: str, address: str) -> str:
        """The id of the relationship to address, made at its first use."""
        key = (reltype, address)
        if key not in self._external:
            rid = self._next_free()
            self.rels.add_relationship(reltype, address, rid, is_external=True)
            self._external[key] = rid
        return self._external[key]

    def _next_free(self) -> str:
        # python-docx's scan from rId1, resumed where it last stopped.
        while f"rId{self._first_free}" in self.rels:
            self._first_free += 1
        return f"rId{self._first_free}"


_BY_PART: WeakKeyDictionary[Part, PartRelationships] = WeakKeyDictionary()


def relationships_of(part: Part) -> PartRelationships:
    """The part's relationships, read once and kept with it."""
    if part not in _BY_PART:
        _BY_PART[part] = PartRelationships(part)
    return _BY_PART[part]

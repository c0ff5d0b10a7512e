"""YAML front matter loaded as the text it holds, within bounds.

PyYAML's safe loader turns ``no`` into False, ``010`` into 8 and an ISBN's
leading zero into nothing, fails on ``2024-02-30`` and on a number of 5,000
digits with a ValueError, and nests until Python's recursion limit. This
loader keeps every scalar as the text written (only null stays null: an
empty value), and refuses nesting deeper than MAX_DEPTH while it composes,
before anything is built. (front_matter.py refuses a large block unparsed.)
"""

from __future__ import annotations

import yaml

# An article's fields are a mapping of text or of lists of text: three levels.
MAX_DEPTH = 16
_YAML = "tag:yaml.org,2002:"
# The implicit types kept: null (~, null, empty) and the merge key (<<).
_KEPT_RESOLVERS = {f"{_YAML}null", f"{_YAML}merge"}
# Types whose value would not be the text written: read as that text instead.
_TEXT_TYPES = ("bool", "int", "float", "timestamp")


class TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(f"nested deeper than {MAX_DEPTH} levels")
        self.line = line


class _TextLoader(yaml.SafeLoader):
    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag in _KEPT_RESOLVERS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's own signature)
        # Composing recurses once a level: stop before Python's limit does.
        if self._depth >= MAX_DEPTH:
            raise TooDeep(self.peek_event().start_mark.line)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _as_written(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


for _type in _TEXT_TYPES:
    _TextLoader.add_constructor(f"{_YAML}{_type}", _as_written)


def load_text_yaml(block: str) -> object:
    """The document in block, every scalar a str (or None). Raises
    yaml.YAMLError for bad YAML, TooDeep for nesting past MAX_DEPTH, and
    ValueError for an escape beyond Unicode (\\U00110000)."""
    loader = _TextLoader(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

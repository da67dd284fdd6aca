"""Reading the project's YAML files (actor registries, report configs, sentiment dictionaries,
outlet groupings): safely, and without losing a value to a repeated key.

PyYAML's `safe_load` refuses tags that would build Python objects, but where a mapping names a
key twice it keeps the last value and drops the first without a word: a second ``aliases:``
pasted under an actor, or a notebook's block given twice in a config, would silently replace the
first. `load_yaml` reads as `safe_load` does and raises `DuplicateKeyError` instead, naming the
key and both lines.

Reads: YAML text (the callers read the files). Writes: the Python data, or the error.
"""

from __future__ import annotations

from typing import Any

import yaml

# The tag of YAML's merge key (``<<: *anchor``): keys it brings in may be overridden by the
# mapping's own keys, which is what merging is for, so they are not repeats.
_MERGE_TAG = "tag:yaml.org,2002:merge"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names one key twice. A YAMLError, so callers' existing ``except
    yaml.YAMLError`` reports it like any other YAML mistake; `problem_mark` points at the
    second occurrence and the message names the line of the first."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that checks each mapping's own keys for repeats before building it."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        if isinstance(node, yaml.MappingNode):
            first_line: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    seen = key in first_line
                except TypeError:  # an unhashable key: the base loader reports it
                    continue
                if seen:
                    raise DuplicateKeyError(
                        "while constructing a mapping", node.start_mark,
                        f"found duplicate key {key!r} (first on line {first_line[key]}); "
                        "the second value would silently replace the first",
                        key_node.start_mark)
                first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def yaml_error_message(source: str, exc: yaml.YAMLError) -> str:
    """One line for a YAML file `source` that cannot be read: "SOURCE: line L, column C: not
    valid YAML: PROBLEM" (1-based, where PyYAML found the problem: for a key given twice, its
    second occurrence; the problem names the first), without the position when PyYAML gives none."""
    mark = getattr(exc, "problem_mark", None)
    where = f" line {mark.line + 1}, column {mark.column + 1}:" if mark is not None else ""
    what = getattr(exc, "problem", None) or " ".join(str(exc).split())
    return f"{source}:{where} not valid YAML: {what}"


def load_yaml(text: str | bytes) -> Any:
    """The data of one YAML document, read like `yaml.safe_load` (no Python-object tags), except
    that a mapping naming a key twice raises DuplicateKeyError (a yaml.YAMLError) with the key,
    the line of each occurrence and, in `problem_mark`, the line and column of the second."""
    loader = _UniqueKeyLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

"""`show | compare`: the text diff between two configurations, Junos style.

Output is a list of sections, each an `[edit ...]` header naming the hierarchy
whose children changed, followed by removed (`-`) and added (`+`) statements
rendered as in `show configuration` (see
tests/fixtures/junos-rpc-samples/get-configuration-compare-rollback.xml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from srxsim.formats import render
from srxsim.formats.tree import Node, edit_path

if TYPE_CHECKING:
    from srxsim.config import Configuration


def compare(old: "Configuration", new: "Configuration") -> str:
    """'' when equal, else the `show | compare` text (each line newline-terminated)."""
    sections: list[tuple[str, list[str]]] = []
    _diff(old.root, new.root, [], sections)
    out: list[str] = []
    for header, lines in sections:
        out.append(header)
        out.extend(lines)
    return "".join(line + "\n" for line in out)


def _statement_lines(node: Node, marker: str) -> list[str]:
    lines: list[str] = []
    if node.schema.kind == "leaf-list":
        render._text_leaf_list([node], 1, lines)
    else:
        render._text_node(node, 1, lines)
    return [marker + line[1:] for line in lines]


def _same_identity(a: Node, b: Node) -> bool:
    return a.schema is b.schema and a.identity() == b.identity()


def _diff(old: Node, new: Node, path: list[str], sections: list) -> None:
    lines: list[str] = []
    nested: list[tuple[Node, Node]] = []
    entries = []        # (schema index, order, position, marker, node)
    for position, child in enumerate(old.children):
        if child.schema.name in old.schema.keys and old.schema.kind == "list":
            continue
        match = new.find_same(child)
        if match is None:
            entries.append((child.schema.index, 0, position, "-", child))
    for position, child in enumerate(new.children):
        if child.schema.name in new.schema.keys and new.schema.kind == "list":
            continue
        match = old.find_same(child)
        if match is None:
            entries.append((child.schema.index, 1, position, "+", child))
        elif child.inactive != match.inactive or (child.is_leaf and child.value != match.value):
            entries.append((child.schema.index, 0, position, "-", match))
            entries.append((child.schema.index, 1, position, "+", child))
        elif not child.is_leaf and not child.equals(match):
            nested.append((match, child))
    for _, _, _, marker, node in sorted(entries, key=lambda e: e[:3]):
        lines.extend(_statement_lines(node, marker))
    if lines:
        sections.append((edit_path(path), lines))
    for old_child, new_child in nested:
        _diff(old_child, new_child, path + render.node_words(new_child), sections)

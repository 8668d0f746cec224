"""`show | compare`: the text diff between two configurations, Junos style.

Output is a list of sections, each an `[edit ...]` header naming the hierarchy
whose children changed, followed by removed (`-`) and added (`+`) statements
rendered as in `show configuration` (see
tests/fixtures/junos-rpc-samples/get-configuration-compare-rollback.xml), and
`!` lines for statements that were only deactivated or activated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from srxsim.formats import render
from srxsim.formats.edit import grouped, quote
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


def _words(node: Node) -> list[str]:
    """Words of a node inside its section (grouped-list entries drop the list name)."""
    if grouped(node.schema):
        return [quote(v) for v in node.key()]
    return render.node_words(node)


def _statement_lines(node: Node, marker: str) -> list[str]:
    lines: list[str] = []
    if marker == "!":
        state = "inactive: " if node.inactive else "active: "
        body = ";" if node.is_leaf else " { ... }"
        return [f"!   {state}{' '.join(_words(node))}{body}"]
    if node.schema.kind == "leaf-list":
        render.text_leaf_list([node], 1, lines)
    else:
        render.text_node(node, 1, lines, _words(node))
    return [marker + line[1:] for line in lines]


def _diff(old: Node, new: Node, path: list[str], sections: list) -> None:
    _diff_children(old, new, path, sections, None)
    group_schemas = {c.schema.name: c.schema for c in old.children + new.children if grouped(c.schema)}
    for schema in sorted(group_schemas.values(), key=lambda s: s.index):
        _diff_children(old, new, path + [schema.cli_name], sections, schema)


def _diff_children(old: Node, new: Node, path: list[str], sections: list, only) -> None:
    """Changed children of old/new; grouped lists get their own `[edit ... list]` section."""
    lines: list[str] = []
    nested: list[tuple[Node, Node]] = []
    entries = []        # (schema index, order, position, marker, node)

    def wanted(child: Node, parent: Node) -> bool:
        if parent.schema.kind == "list" and child.schema.name in parent.schema.keys:
            return False
        return child.schema is only if only is not None else not grouped(child.schema)

    moved = _moved_entries(old, new)
    for position, child in enumerate(old.children):
        if wanted(child, old) and (new.find_same(child) is None or id(child) in moved):
            entries.append((child.schema.index, 0, position, "-", child))
    for position, child in enumerate(new.children):
        if not wanted(child, new):
            continue
        match = old.find_same(child)
        if match is None or id(match) in moved:
            entries.append((child.schema.index, 1, position, "+", child))
        elif (child.is_leaf and child.value != match.value) or _changed_oneliner(match, child):
            entries.append((child.schema.index, 0, position, "-", match))
            entries.append((child.schema.index, 1, position, "+", child))
        else:
            if child.inactive != match.inactive:
                entries.append((child.schema.index, 1, position, "!", child))
            if not child.is_leaf and not _same_content(child, match):
                nested.append((match, child))
    for _, _, _, marker, node in sorted(entries, key=lambda e: e[:3]):
        lines.extend(_statement_lines(node, marker))
    if lines:
        sections.append((edit_path(path), lines))
    for old_child, new_child in nested:
        _diff(old_child, new_child, path + _words(new_child), sections)


def _moved_entries(old: Node, new: Node) -> set[int]:
    """ids of old entries of user-ordered lists whose place among the kept entries changed.

    The entries kept in place are a longest run whose old order is preserved in the new
    order; the rest show as removed and re-added where they now stand.
    """
    moved: set[int] = set()
    by_schema: dict[int, list[Node]] = {}
    for child in new.children:
        if child.schema.kind in ("list", "leaf-list") and child.schema.user_ordered:
            by_schema.setdefault(id(child.schema), []).append(child)
    for children in by_schema.values():
        old_entries = [old.find_same(c) for c in children]
        kept = [e for e in old_entries if e is not None]
        old_index = {id(e): i for i, e in enumerate(c for c in old.children if c.schema is kept[0].schema)} \
            if kept else {}
        stay = _longest_increasing([old_index[id(e)] for e in kept])
        moved |= {id(e) for i, e in enumerate(kept) if i not in stay}
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions (into values) of one longest strictly increasing subsequence."""
    best: list[list[int]] = []
    for i, value in enumerate(values):
        candidates = [run for run in best if values[run[-1]] < value]
        longest = max(candidates, key=len, default=[])
        best.append(longest + [i])
    return set(max(best, key=len, default=[]))


def _changed_oneliner(old: Node, new: Node) -> bool:
    """A statement shown on one line changes as a whole (Junos: `-` old line, `+` new line)."""
    if new.is_leaf or _same_content(old, new):
        return False
    return render.inline_words(old) is not None or render.inline_words(new) is not None


def _same_content(a: Node, b: Node) -> bool:
    return len(a.children) == len(b.children) and all(x.equals(y) for x, y in zip(a.children, b.children))

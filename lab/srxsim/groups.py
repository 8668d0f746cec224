"""Configuration groups: `apply-groups` inheritance into the effective configuration.

Junos keeps `groups` and `apply-groups` in the configuration as written (that is
what `show configuration` and get-configuration return); commit checks and the
device's behaviour act on the *effective* configuration, where each hierarchy
inherits the matching statements of the groups applied at it or above it.
Rules (Juniper, "Configuration Groups" / "apply-groups"):

- statements configured locally win over inherited ones;
- an `apply-groups` at a deeper level wins over one above it, and within one
  `apply-groups` the group listed first wins;
- `apply-groups-except G` stops G from being inherited at that level and below;
- a group entry named with a wildcard (`<ge-*>`, `<*>`) adds its statements to
  every matching entry that exists, but never creates an entry; other group
  entries are created when missing;
- a statement and a group statement that are different cases of one YANG
  choice: the first (local, then by priority) wins.

Inactive statements must be removed first (srxsim.semantics.active_tree).
"""

from __future__ import annotations

import fnmatch

from srxsim.formats.tree import Node, conflicting_case
from srxsim.schema import SchemaNode

_APPLY = ("apply-groups", "apply-groups-except")


def expand_groups(root: Node) -> Node:
    """The effective configuration: groups applied, `groups` and apply-groups statements gone."""
    groups = {g.value_of("name"): g for g in root.all("groups")}
    local = Node(root.schema, children=[c for c in root.children if c.schema.name != "groups"])
    return _merge(root.schema, local, [], groups, [])


def _values(node: Node | None, name: str) -> list[str]:
    return [c.value for c in node.all(name)] if node is not None else []


def _applied(local: Node | None, inherited: list[str]) -> list[str]:
    """Group names in effect at this level, highest priority first."""
    here = _values(local, "apply-groups")
    excluded = set(_values(local, "apply-groups-except"))
    ordered = here + [g for g in inherited if g not in here]
    return [g for g in ordered if g not in excluded]


def _wildcard(value: str) -> bool:
    return value.startswith("<") and value.endswith(">")


def _wildcard_entry(node: Node) -> bool:
    return node.schema.kind == "list" and any(_wildcard(k) for k in node.key())


def _key_matches(pattern: tuple[str, ...], key: tuple[str, ...]) -> bool:
    return all(fnmatch.fnmatchcase(k, p[1:-1]) if _wildcard(p) else k == p for p, k in zip(pattern, key))


def _same_statement(group_child: Node, schema: SchemaNode, identity) -> bool:
    """The group node stands for the statement (schema, identity) of the configuration."""
    if group_child.schema.name != schema.name or group_child.schema.kind != schema.kind:
        return False
    if schema.kind == "list":
        return _key_matches(group_child.key(), identity)
    if schema.kind == "leaf-list":
        return group_child.value == identity
    return True


def _group_nodes(groups: dict[str, Node], names: list[str], path: list[tuple[SchemaNode, object]]) -> list[Node]:
    """The nodes of the applied groups at `path`, in priority order (exact entries before wildcards)."""
    found: list[Node] = []
    for name in names:
        level = [groups[name]] if name in groups else []
        for schema, identity in path:
            matches = [c for node in level for c in node.children if _same_statement(c, schema, identity)]
            level = sorted(matches, key=_wildcard_entry)
        found += level
    return found


def _identity(node: Node):
    kind = node.schema.kind
    if kind == "list":
        return node.key()
    if kind == "leaf-list":
        return node.value
    return None


def _merge(schema: SchemaNode, local: Node | None, path: list, groups: dict[str, Node],
           inherited: list[str]) -> Node:
    names = _applied(local, inherited)
    sources = ([local] if local is not None else []) + _group_nodes(groups, names, path)
    result = Node(schema, sources[0].value if sources else None)
    seen: set = set()
    keys = set(schema.keys)
    for source in sources:
        is_local = source is local
        for child in source.children:
            child_schema = schema.child(child.schema.name)
            if child_schema is None or child_schema.name in _APPLY:
                continue
            if not is_local and _wildcard_entry(child):
                continue            # wildcard entries only add to entries that exist
            identity = _identity(child)
            marker = (child_schema.name, identity)
            if marker in seen or (child_schema.name in keys and result.child(child_schema.name)):
                continue
            if any(conflicting_case(c.schema.choices, child_schema.choices) for c in result.children):
                continue
            seen.add(marker)
            if child.is_leaf:
                result.children.append(Node(child_schema, child.value))
                continue
            local_child = next((c for c in local.children if c.schema is child_schema
                                and _identity(c) == identity), None) if local is not None else None
            result.children.append(_merge(child_schema, local_child, path + [(child_schema, identity)],
                                          groups, names))
    result.children.sort(key=lambda c: c.schema.index)      # stable: entry order kept
    return result

"""The configuration tree: schema-typed nodes kept in Junos canonical order.

Children of a node follow YANG order (SchemaNode.index); entries of one list or
leaf-list keep insertion order, so user-ordered lists behave as on Junos.
Trees are mutated only while a load builds a new snapshot (see srxsim.load);
a Configuration never hands out a tree it will mutate again.
"""

from __future__ import annotations

from dataclasses import dataclass

from srxsim.schema import SchemaNode


class Node:
    """A container, list entry, leaf or leaf-list entry of a configuration."""

    __slots__ = ("schema", "value", "children", "inactive")

    def __init__(self, schema: SchemaNode, value: str | None = None,
                 children: list["Node"] | None = None, inactive: bool = False):
        self.schema = schema
        self.value = value
        self.children = children if children is not None else []
        self.inactive = inactive

    def __repr__(self) -> str:
        return f"<Node {self.schema.name} {self.identity()[1]!r}>"

    @property
    def name(self) -> str:
        return self.schema.name

    @property
    def is_leaf(self) -> bool:
        return self.schema.kind in ("leaf", "leaf-list")

    def key(self) -> tuple[str, ...]:
        """Key values of a list entry, in key order."""
        values = []
        for key_name in self.schema.keys:
            child = self.child(key_name)
            values.append(child.value if child is not None else "")
        return tuple(values)

    def identity(self) -> tuple[str, tuple | str | None]:
        """What makes this node unique among its siblings."""
        kind = self.schema.kind
        if kind == "list":
            return self.schema.name, self.key()
        if kind == "leaf-list":
            return self.schema.name, self.value
        return self.schema.name, None

    def child(self, name: str) -> "Node | None":
        for child in self.children:
            if child.schema.name == name:
                return child
        return None

    def all(self, name: str) -> list["Node"]:
        return [c for c in self.children if c.schema.name == name]

    def get(self, *path: str) -> "Node | None":
        node: Node | None = self
        for name in path:
            node = node.child(name) if node is not None else None
        return node

    def value_of(self, *path: str) -> str | None:
        node = self.get(*path)
        return node.value if node is not None else None

    def find_same(self, other: "Node") -> "Node | None":
        """The child of self that has the identity of `other` (a node of another tree)."""
        wanted = other.identity()
        for child in self.children:
            if child.schema is other.schema and child.identity() == wanted:
                return child
        return None

    def copy(self) -> "Node":
        return Node(self.schema, self.value, [c.copy() for c in self.children], self.inactive)

    def equals(self, other: "Node") -> bool:
        return (self.schema is other.schema and self.value == other.value
                and self.inactive == other.inactive and len(self.children) == len(other.children)
                and all(a.equals(b) for a, b in zip(self.children, other.children)))

    # -- mutation (only on a tree under construction) -------------------------------
    def remove(self, child: "Node") -> None:
        self.children = [c for c in self.children if c is not child]

    def add(self, child: "Node", before: "Node | None" = None, after: "Node | None" = None) -> None:
        """Insert in canonical position; `before`/`after` place a list entry among its siblings."""
        self._drop_other_cases(child.schema)
        if before is not None or after is not None:
            anchor = before if before is not None else after
            position = self.children.index(anchor) + (0 if before is not None else 1)
            self.children.insert(position, child)
            return
        index = child.schema.index
        position = len(self.children)
        for i, existing in enumerate(self.children):
            if existing.schema.index > index:
                position = i
                break
        self.children.insert(position, child)

    def _drop_other_cases(self, schema: SchemaNode) -> None:
        """Setting one case of a YANG choice removes the nodes of its other cases."""
        if not schema.choices:
            return
        kept = []
        for existing in self.children:
            if not conflicting_case(existing.schema.choices, schema.choices):
                kept.append(existing)
        self.children = kept


def conflicting_case(mine: tuple, theirs: tuple) -> bool:
    """The two nodes sit in different cases of one YANG choice."""
    for (choice_a, case_a), (choice_b, case_b) in zip(mine, theirs):
        if choice_a != choice_b:
            return False
        if case_a != case_b:
            return True
    return False


def canonical_interface(name: str) -> tuple[str, str | None]:
    """`st0.0` -> ('st0', '0'); `ge-0/0/0` -> ('ge-0/0/0', None)."""
    if "." in name:
        device, unit = name.rsplit(".", 1)
        if unit.isdigit() and device:
            return device, unit
    return name, None


@dataclass
class JunosError:
    """One Junos rpc-error (or warning) as the NETCONF server reports it."""

    error_type: str = "protocol"
    error_tag: str = "operation-failed"
    severity: str = "error"
    path: str | None = None
    element: str | None = None
    message: str = ""
    bad_element: str | None = None


class ConfigError(Exception):
    """A load or validation that Junos refuses; `errors` holds the rpc-errors."""

    def __init__(self, errors: list[JunosError] | JunosError):
        self.errors = errors if isinstance(errors, list) else [errors]
        super().__init__("; ".join(_describe(e) for e in self.errors))


def _describe(error: JunosError) -> str:
    parts = [p for p in (error.path, error.bad_element or error.element, error.message) if p]
    return " ".join(parts)


def edit_path(words: list[str]) -> str:
    return "[edit" + "".join(" " + w for w in words) + "]"


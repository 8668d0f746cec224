"""Public API of the lab's configuration datastore.

    from srxsim.config import (Configuration, ConfigError, JunosError,
                               load_configuration, compare, validate, schema)

A Configuration is an immutable snapshot of a <configuration> tree: every load
returns a new one, so candidate, committed and rollback copies can be shared and
replies stay byte-stable.

- load_configuration(base, payload, action=merge|replace|override|update|set,
  fmt=xml|text|set|json): XML `operation`/`delete`/`replace`/`insert`/`inactive`
  attributes, text `replace:`/`delete:`/`inactive:`/`active:` tags, set
  `set`/`delete`/`deactivate`/`activate`/`insert`/`edit`/`top`/`up` commands.
  Plaintext secrets (pre-shared keys, jt:unreadable leaves) are stored as `$9$`
  with a fresh salt. Refused loads raise ConfigError(errors: list[JunosError]).
- load_configuration_with_warnings(...) -> (Configuration, warnings): the same,
  plus the severity-"warning" JunosErrors Junos returns with <ok/>.
- validate(cfg) -> list[JunosError]: YANG types and mandatory statements, then
  the VPN reference checks (srxsim.semantics). Empty list: the commit may go on.
- compare(old, new) -> `show | compare` text, '' when equal.
- cfg.to_xml() / to_text() / to_set() / to_json(), cfg.subtree(filter): the
  configuration as written (groups and apply-groups shown, as Junos shows them).
- cfg.effective() -> what the device acts on: inactive statements dropped and
  apply-groups inherited (srxsim.groups); validate() checks this.
"""

from __future__ import annotations

from lxml import etree

from srxsim.compare import compare
from srxsim.formats import render
from srxsim.formats.tree import ConfigError, JunosError, Node
from srxsim.formats.xml_in import parse_element
from srxsim.groups import expand_groups
from srxsim.load import apply_load
from srxsim.schema import Schema, schema
from srxsim.semantics import active_tree
from srxsim.validate import validate

__all__ = ["Configuration", "ConfigError", "JunosError", "load_configuration",
           "load_configuration_with_warnings", "compare", "validate", "schema", "Schema"]


class Configuration:
    """An immutable configuration snapshot (do not mutate `root`)."""

    __slots__ = ("_root",)

    def __init__(self, root: Node):
        self._root = root

    @property
    def root(self) -> Node:
        return self._root

    @classmethod
    def empty(cls) -> "Configuration":
        return cls(Node(schema().root))

    @classmethod
    def from_xml(cls, element: etree._Element | str | bytes) -> "Configuration":
        """Build from a <configuration> element (namespaces, <undocumented> tolerated)."""
        root = Node(schema().root)
        return cls(apply_load(root, element, action="merge", fmt="xml"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Configuration) and self._root.equals(other._root)

    def __hash__(self) -> int:
        return hash(self.to_set())

    def effective(self) -> "Configuration":
        """The configuration a commit acts on: no inactive statements, apply-groups inherited."""
        return Configuration(expand_groups(active_tree(self._root)))

    def is_empty(self) -> bool:
        return not self._root.children

    def to_xml(self) -> etree._Element:
        """A fresh <configuration> element: no namespaces, children in Junos order."""
        return render.to_xml(self._root)

    def to_text(self) -> str:
        return render.to_text(self._root)

    def to_set(self) -> str:
        return render.to_set(self._root)

    def to_json(self) -> str:
        return render.to_json(self._root)

    def subtree(self, filter_element: etree._Element | str) -> "Configuration":
        """The part selected by a NETCONF subtree filter rooted at <configuration>."""
        element = parse_element(filter_element)
        selected = _filter(self._root, element)
        return Configuration(selected if selected is not None else Node(self._root.schema))


def load_configuration(base: Configuration, payload, *, action: str, fmt: str) -> Configuration:
    """Apply a load-configuration to `base`; raises ConfigError when Junos would refuse it."""
    return Configuration(apply_load(base.root, payload, action=action, fmt=fmt))


def load_configuration_with_warnings(base: Configuration, payload, *, action: str,
                                     fmt: str) -> tuple[Configuration, list[JunosError]]:
    """load_configuration, plus the warnings Junos reports alongside <ok/>.

    Each warning is a JunosError with severity "warning" (today: message
    "statement not found" for every set `delete` or text `delete:` of a missing
    statement; PyEZ shows it as "warning: statement not found").
    """
    warnings: list[JunosError] = []
    return Configuration(apply_load(base.root, payload, action=action, fmt=fmt, warnings=warnings)), warnings


def _local(tag) -> str | None:
    return etree.QName(tag).localname if isinstance(tag, str) else None


def _filter(node: Node, element: etree._Element) -> Node | None:
    """RFC 6241 subtree filtering: content-match leaves, selection and containment nodes."""
    selections: list[etree._Element] = []
    for child in element:
        name = _local(child.tag)
        if name is None:
            continue
        text = (child.text or "").strip()
        if len(child) == 0 and text:
            if node.value_of(name) != text:
                return None             # content match failed: the node is not selected
        else:
            selections.append(child)
    if not selections:
        return node.copy()
    result = Node(node.schema, node.value, inactive=node.inactive)
    for key_name in node.schema.keys:
        key = node.child(key_name)
        if key is not None:
            result.children.append(key.copy())
    for child_filter in selections:
        name = _local(child_filter.tag)
        for child in node.all(name):
            picked = child.copy() if len(child_filter) == 0 else _filter(child, child_filter)
            if picked is not None and result.find_same(picked) is None:
                result.add(picked)
    return result

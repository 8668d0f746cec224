"""load-configuration semantics: apply an Edit tree to a copy of a configuration tree.

Formats: xml, text, set and json. Actions (Junos `load` verbs): merge; replace (nodes tagged replace are replaced,
the rest merged); override and update (the payload becomes the whole
configuration: the same final tree, update only differs in what Junos marks as
changed); set (set/delete/... commands, applied in order).
"""

from __future__ import annotations

from srxsim import secret9
from srxsim.formats.cli_in import set_to_edits, text_to_edit
from srxsim.formats.edit import Edit, entry_words
from srxsim.formats.json_in import json_to_element
from srxsim.formats.tree import ConfigError, JunosError, Node, edit_path
from srxsim.formats.xml_in import xml_to_edit
from srxsim.schema import SchemaNode

ACTIONS = ("merge", "replace", "override", "update", "set")


def parse_payload(root_schema: SchemaNode, payload, fmt: str) -> list[Edit]:
    if fmt == "xml":
        return [xml_to_edit(root_schema, payload)]
    if not isinstance(payload, str):
        raise ConfigError(JunosError(message=f"format {fmt} needs text input"))
    if fmt == "text":
        return [text_to_edit(root_schema, payload)]
    if fmt == "set":
        return set_to_edits(root_schema, payload)
    if fmt == "json":
        return [xml_to_edit(root_schema, json_to_element(payload))]
    raise ConfigError(JunosError(error_tag="invalid-value", message=f"invalid format: {fmt}"))


def apply_load(base: Node, payload, action: str, fmt: str, warnings: list[JunosError] | None = None) -> Node:
    """The new tree; `base` is not modified. Raises ConfigError when Junos refuses the load.

    Warnings Junos gives while still loading (`statement not found` for a set/text
    `delete` of a missing statement) are appended to `warnings` when given.
    """
    if action not in ACTIONS:
        raise ConfigError(JunosError(error_tag="invalid-value", message=f"invalid action: {action}"))
    if action == "set" and fmt == "xml":
        raise ConfigError(JunosError(error_tag="invalid-value",
                                     message="action set needs configuration-set (format set)"))
    edits = parse_payload(base.schema, payload, "set" if action == "set" else fmt)
    if action in ("override", "update"):
        tree = Node(base.schema)
    else:
        tree = base.copy()
    cli = "set" if action == "set" else fmt
    notes = warnings if warnings is not None and cli in ("set", "text") else None
    for edit in edits:
        apply_edit(tree, edit, honour_replace=action == "replace", warnings=notes)
    return tree


def apply_edit(tree: Node, edit: Edit, honour_replace: bool = True,
               warnings: list[JunosError] | None = None) -> None:
    for child in edit.children:
        _apply(tree, child, [], honour_replace, warnings)


def _matches(node: Node, edit: Edit) -> bool:
    if node.schema is not edit.schema:
        return False
    kind = edit.schema.kind
    if kind == "list":
        return node.key() == edit.key
    if kind == "leaf-list":
        return edit.value is None or node.value == edit.value
    return True


def _find(parent: Node, edit: Edit) -> list[Node]:
    return [c for c in parent.children if _matches(c, edit)]


def _new_node(edit: Edit) -> Node:
    node = Node(edit.schema)
    if edit.schema.kind == "list":
        for key_name, value in zip(edit.schema.keys, edit.key):
            node.children.append(Node(edit.schema.child(key_name), value))
    return node


def _words(edit: Edit) -> list[str]:
    if edit.schema.kind == "list":
        return entry_words(edit.schema, edit.key)
    return [edit.schema.cli_name]


def _stored_value(edit: Edit) -> str:
    value = edit.value or ""
    if edit.schema.encrypted and not value.startswith("$9$"):
        return secret9.encrypt(value)       # Junos re-salts plaintext on every load
    return value


def _deletes_only(edit: Edit) -> bool:
    """The edit only removes statements (its other nodes just lead the way there)."""
    if edit.op == "delete":
        return True
    return (edit.op is None and edit.inactive is None and edit.insert is None and bool(edit.children)
            and all(_deletes_only(c) for c in edit.children))


def _not_found(edit: Edit) -> int:
    """How many delete commands an edit over missing statements holds (one warning each)."""
    return 1 if edit.op == "delete" else sum(_not_found(c) for c in edit.children)


def _apply(parent: Node, edit: Edit, path: list[str], honour_replace: bool,
           warnings: list[JunosError] | None) -> None:
    existing = _find(parent, edit)
    if not existing and _deletes_only(edit):
        if warnings is not None:    # nothing there to delete: Junos warns and loads the rest
            warnings.extend(JunosError(severity="warning", message="statement not found")
                            for _ in range(_not_found(edit)))
        return
    op = edit.op
    if op == "replace-tag":
        op = "replace" if honour_replace else None
    if op == "delete":
        for node in existing:
            parent.remove(node)
        return
    if op == "create" and existing:
        raise ConfigError(JunosError(error_type="application", error_tag="data-exists",
                                     path=edit_path(path), bad_element=edit.schema.name,
                                     message="statement already exists"))
    if op == "replace":
        for node in existing:
            parent.remove(node)
        existing = []
    kind = edit.schema.kind
    if kind == "leaf":
        if edit.value is None:
            return
        node = existing[0] if existing else None
        if node is None:
            node = _new_node(edit)
            parent.add(node)
        node.value = _stored_value(edit)
    elif kind == "leaf-list":
        if edit.value is None:
            return
        node = existing[0] if existing else None
        if node is None:
            node = _new_node(edit)
            node.value = edit.value
            _place(parent, node, edit, path)
        elif edit.insert:
            parent.remove(node)
            _place(parent, node, edit, path)
    else:
        node = existing[0] if existing else None
        if node is None:
            node = _new_node(edit)
            _place(parent, node, edit, path)
        elif edit.insert:
            parent.remove(node)
            _place(parent, node, edit, path)
        child_path = path + _words(edit)
        for child in edit.children:
            _apply(node, child, child_path, honour_replace, warnings)
        if kind == "container" and not node.children and not edit.schema.presence and _deletes_only(edit):
            parent.remove(node)         # deleting the last statement removes the hierarchy
            return
    if edit.inactive is not None:
        node.inactive = edit.inactive


def _place(parent: Node, node: Node, edit: Edit, path: list[str]) -> None:
    if edit.insert in (None, "last"):
        parent.add(node)
        return
    siblings = [c for c in parent.children if c.schema is edit.schema]
    if edit.insert == "first":
        parent.add(node, before=siblings[0]) if siblings else parent.add(node)
        return
    ref = edit.insert_ref
    anchor = next((c for c in siblings if (c.key() if edit.schema.kind == "list" else c.value) == ref), None)
    if anchor is None:
        shown = " ".join(ref) if isinstance(ref, tuple) else ref
        raise ConfigError(JunosError(error_type="application", error_tag="data-missing",
                                     path=edit_path(path), bad_element=shown,
                                     message=f"statement not found: {edit.schema.name} {shown}"))
    if edit.insert == "before":
        parent.add(node, before=anchor)
    else:
        parent.add(node, after=anchor)

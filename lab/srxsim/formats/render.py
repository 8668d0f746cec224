"""Render a configuration tree as Junos shows it: XML, text, set commands, JSON."""

from __future__ import annotations

import json

from lxml import etree

from srxsim.formats.edit import entry_words, grouped, oneliner, oneliner_plus, quote
from srxsim.formats.tree import Node

INDENT = "    "


def node_words(node: Node) -> list[str]:
    """CLI words naming `node` under its parent (`gateway gw1`, `host-name r1`, `flow`)."""
    schema = node.schema
    if schema.kind == "list":
        return entry_words(schema, node.key())
    if schema.kind in ("leaf", "leaf-list"):
        if schema.nokeyword:
            return [quote(node.value)]
        if schema.type.base == "empty":
            return [schema.cli_name]
        return [schema.cli_name, quote(node.value)]
    return [schema.cli_name]


def _body(node: Node) -> list[Node]:
    """Children shown inside the node (list keys are part of the node's words)."""
    keys = node.schema.keys
    return [c for c in node.children if c.schema.name not in keys] if keys else node.children


def inline_words(node: Node) -> list[str] | None:
    """The words after the node's own when it is shown on one line, else None.

    Junos DDL flags decide: oneliner puts every statement on the line, nested
    containers included (`from zone trust;`, `file flow-log size 1m;`,
    `address 10.1.1.1/32 to 10.1.1.10/32;`); oneliner-plus only a single one
    (`route X next-hop Y;`). Other nodes keep braces even around a lone
    nokeyword value (NAT `pool { web-server; }`).
    """
    body = _body(node)
    if not body or any(c.inactive for c in body):
        return None
    if oneliner(node.schema):
        return _flat_words(body)
    if len(body) == 1 and body[0].is_leaf and oneliner_plus(node.schema):
        return node_words(body[0])
    return None


def _flat_words(body: list[Node]) -> list[str] | None:
    words: list[str] = []
    i = 0
    while i < len(body):
        child = body[i]
        group = [c for c in body[i:] if c.schema is child.schema]
        i += len(group)
        if child.schema.kind == "leaf-list" and len(group) > 1:
            words += [child.schema.cli_name, "[", *(quote(c.value) for c in group), "]"]
        elif child.is_leaf:
            words += node_words(child)
        elif child.schema.kind == "container":
            inner = _flat_words(_body(child)) if _body(child) else []
            if inner is None or any(c.inactive for c in _body(child)):
                return None
            words += node_words(child) + inner
        else:
            return None                 # a list inside a oneliner keeps its braces
    return words


# -- XML ---------------------------------------------------------------------------
def to_xml(root: Node) -> etree._Element:
    element = etree.Element("configuration")
    for child in root.children:
        _xml_node(element, child)
    return element


def _xml_node(parent: etree._Element, node: Node) -> None:
    element = etree.SubElement(parent, node.schema.name)
    if node.inactive:
        element.set("inactive", "inactive")
    if node.schema.kind in ("leaf", "leaf-list"):
        if node.value:
            element.text = node.value
        return
    for child in node.children:
        _xml_node(element, child)


# -- text (`show configuration`) -------------------------------------------------------
def to_text(root: Node) -> str:
    lines: list[str] = []
    _text_children(root, 0, lines)
    return "".join(line + "\n" for line in lines)


def _text_children(node: Node, depth: int, lines: list[str]) -> None:
    body = _body(node)
    i = 0
    while i < len(body):
        child = body[i]
        group = [child]
        while i + 1 < len(body) and body[i + 1].schema is child.schema:
            i += 1
            group.append(body[i])
        i += 1
        if child.schema.kind == "leaf-list":
            text_leaf_list(group, depth, lines)
        elif grouped(child.schema):
            lines.append(INDENT * depth + child.schema.cli_name + " {")
            for entry in group:
                text_node(entry, depth + 1, lines, [quote(v) for v in entry.key()])
            lines.append(INDENT * depth + "}")
        else:
            for entry in group:
                text_node(entry, depth, lines)


def text_leaf_list(group: list[Node], depth: int, lines: list[str]) -> None:
    if len(group) == 1 or any(n.inactive for n in group):
        for node in group:
            prefix = INDENT * depth + ("inactive: " if node.inactive else "")
            lines.append(prefix + " ".join(node_words(node)) + ";")
        return
    values = " ".join(quote(n.value) for n in group)
    lines.append(f"{INDENT * depth}{group[0].schema.cli_name} [ {values} ];")


def text_node(node: Node, depth: int, lines: list[str], words_override: list[str] | None = None) -> None:
    prefix = INDENT * depth + ("inactive: " if node.inactive else "")
    words = " ".join(words_override if words_override is not None else node_words(node))
    if node.schema.kind == "leaf":
        lines.append(prefix + words + ";" + (" ## SECRET-DATA" if node.schema.secret else ""))
        return
    body = _body(node)
    inline = inline_words(node)
    if not body:
        lines.append(prefix + words + ";")
    elif inline is not None:
        secret = " ## SECRET-DATA" if any(_holds_secret(c) for c in body) else ""
        lines.append(f"{prefix}{words} {' '.join(inline)};{secret}")
    else:
        lines.append(prefix + words + " {")
        _text_children(node, depth + 1, lines)
        lines.append(INDENT * depth + "}")


def _holds_secret(node: Node) -> bool:
    return node.schema.secret if node.is_leaf else any(_holds_secret(c) for c in node.children)


# -- set (`show configuration | display set`) ------------------------------------------
def to_set(root: Node) -> str:
    lines: list[str] = []
    for child in root.children:
        _set_node(child, [], lines)
    return "".join(line + "\n" for line in lines)


def _set_node(node: Node, path: list[str], lines: list[str]) -> None:
    words = path + node_words(node)
    body = _body(node) if not node.is_leaf else []
    if not body:
        lines.append("set " + " ".join(words))
    for child in body:
        _set_node(child, words, lines)
    if node.inactive:
        lines.append("deactivate " + " ".join(words))


# -- JSON (format="json") ------------------------------------------------------------
def to_json(root: Node) -> str:
    document = {"configuration": _json_object(root)}
    return json.dumps(document, indent=4, separators=(",", " : "), ensure_ascii=False) + "\n"


def _json_object(node: Node) -> dict:
    result: dict = {}
    if node.inactive:
        result["@"] = {"inactive": True}
    for child in node.children:
        schema = child.schema
        if schema.kind == "list":
            result.setdefault(schema.name, []).append(_json_object(child))
        elif schema.kind == "leaf-list":
            result.setdefault(schema.name, []).append(child.value)
        elif schema.kind == "leaf":
            result[schema.name] = [None] if schema.type.base == "empty" else child.value
            if child.inactive:
                result["@" + schema.name] = {"inactive": True}
        else:
            result[schema.name] = _json_object(child)
    return result

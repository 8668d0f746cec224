"""Render a configuration tree as Junos shows it: XML, text, set commands, JSON."""

from __future__ import annotations

import json

from lxml import etree

from srxsim.formats.edit import entry_words, grouped, oneliner, quote
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
            return [schema.name]
        return [schema.name, quote(node.value)]
    return [schema.name]


def _body(node: Node) -> list[Node]:
    """Children shown inside the node (list keys are part of the node's words)."""
    keys = node.schema.keys
    return [c for c in node.children if c.schema.name not in keys] if keys else node.children


def _inline(node: Node) -> bool:
    """Shown on one line: `file flow-log;`, `address a1 10.0.0.0/24;`, `route X next-hop Y;`."""
    body = _body(node)
    if len(body) != 1 or not body[0].is_leaf or body[0].inactive:
        return False
    return body[0].schema.nokeyword or oneliner(node.schema)


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
            lines.append(INDENT * depth + child.schema.name + " {")
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
    lines.append(f"{INDENT * depth}{group[0].schema.name} [ {values} ];")


def text_node(node: Node, depth: int, lines: list[str], words_override: list[str] | None = None) -> None:
    prefix = INDENT * depth + ("inactive: " if node.inactive else "")
    words = " ".join(words_override if words_override is not None else node_words(node))
    if node.schema.kind == "leaf":
        lines.append(prefix + words + ";" + (" ## SECRET-DATA" if node.schema.secret else ""))
        return
    body = _body(node)
    if not body:
        lines.append(prefix + words + ";")
    elif _inline(node):
        lines.append(f"{prefix}{words} {' '.join(node_words(body[0]))};")
    else:
        lines.append(prefix + words + " {")
        _text_children(node, depth + 1, lines)
        lines.append(INDENT * depth + "}")


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

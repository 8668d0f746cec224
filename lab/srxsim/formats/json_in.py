"""Parse Junos JSON configuration (load-configuration format="json").

Junos JSON mirrors the XML: objects are containers, arrays of objects are list
entries, arrays of strings are leaf-lists, `[null]` is an empty leaf, and an
`"@"` member (or `"@name"` beside a leaf) holds attributes such as
`"inactive": true` or `"operation": "delete"`. The document is turned into the
equivalent <configuration> element and parsed by xml_in, so both formats share
one set of rules and error messages.
"""

from __future__ import annotations

import json

from lxml import etree

from srxsim.formats.tree import ConfigError, JunosError


def json_to_element(text: str) -> etree._Element:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(JunosError(message=f"syntax error: invalid JSON: {exc.msg}")) from None
    if not isinstance(document, dict) or set(document) != {"configuration"}:
        raise ConfigError(JunosError(path="[edit]", bad_element="configuration",
                                     message='syntax error: expecting {"configuration": {...}}'))
    root = etree.Element("configuration")
    _members(root, document["configuration"])
    return root


def _attributes(element: etree._Element, attrs) -> None:
    if not isinstance(attrs, dict):
        raise ConfigError(JunosError(bad_element="@", message="syntax error: attributes must be an object"))
    for name, value in attrs.items():
        name = name.split(":")[-1]              # "junos:changed-seconds" and the like
        if value is True:
            value = name                        # {"inactive": true} -> inactive="inactive"
        element.set(name, str(value))


def _members(element: etree._Element, body) -> None:
    if not isinstance(body, dict):
        raise ConfigError(JunosError(bad_element=element.tag, message="syntax error: expecting an object"))
    leaf_attrs = {}
    for name, value in body.items():
        if name == "@":
            _attributes(element, value)
        elif name.startswith("@"):
            leaf_attrs[name[1:]] = value
        else:
            _member(element, name, value)
    for name, attrs in leaf_attrs.items():
        for child in element.findall(name):
            _attributes(child, attrs)


def _member(parent: etree._Element, name: str, value) -> None:
    if isinstance(value, dict):
        _members(etree.SubElement(parent, name), value)
    elif isinstance(value, list):
        for item in value:
            if item is None:
                etree.SubElement(parent, name)              # [null]: an empty leaf
            elif isinstance(item, dict):
                _members(etree.SubElement(parent, name), item)
            else:
                etree.SubElement(parent, name).text = _scalar(item)
    else:
        etree.SubElement(parent, name).text = _scalar(value)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

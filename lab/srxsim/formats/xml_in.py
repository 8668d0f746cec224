"""Parse Junos XML configuration (as get-configuration returns and load-configuration takes).

Namespaces and prefixes are ignored (a vSRX 24.4 puts YANG namespaces on every
hierarchy), <undocumented> wrappers are transparent, and the Junos/NETCONF edit
attributes become Edit fields: operation="delete|replace|create|merge",
delete="delete", replace="replace", insert="before|after|first|last" with
name="..." (or key="..."/value="..."), inactive="inactive", active="active".
"""

from __future__ import annotations

from lxml import etree

from srxsim.formats.edit import Edit, check_value, entry_words
from srxsim.formats.tree import ConfigError, JunosError, edit_path
from srxsim.schema import SchemaNode

_TRANSPARENT = ("undocumented",)
_OPERATIONS = ("merge", "replace", "create", "delete", "remove")


def _local(tag) -> str | None:
    if not isinstance(tag, str):
        return None             # comments, processing instructions
    return etree.QName(tag).localname


def _attrs(element: etree._Element) -> dict[str, str]:
    return {etree.QName(name).localname: value for name, value in element.attrib.items()}


def parse_element(payload: str | bytes | etree._Element) -> etree._Element:
    if isinstance(payload, etree._Element):
        return payload
    try:
        parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
        data = payload.encode() if isinstance(payload, str) else payload
        return etree.fromstring(data.strip(), parser)
    except etree.XMLSyntaxError as exc:
        raise ConfigError(JunosError(message=f"syntax error: {exc.msg}")) from None


def xml_to_edit(root_schema: SchemaNode, payload) -> Edit:
    element = parse_element(payload)
    if _local(element.tag) != "configuration":
        raise ConfigError(JunosError(path="[edit]", bad_element=_local(element.tag),
                                     message="syntax error"))
    edit = Edit(root_schema)
    _apply_attrs(edit, element, [])
    _children(edit, element, [])
    return edit


def _flatten(element: etree._Element, hidden: bool = False):
    """(name, element, hidden) for each child; hidden = inside an <undocumented> wrapper."""
    for child in element:
        name = _local(child.tag)
        if name is None:
            continue
        if name in _TRANSPARENT:
            yield from _flatten(child, True)
        else:
            yield name, child, hidden


def _children(edit: Edit, element: etree._Element, path: list[str]) -> None:
    schema = edit.schema
    keys = schema.keys if schema.kind == "list" else ()
    for name, child_element, hidden in _flatten(element):
        if name in keys:
            continue
        child_schema = schema.child(name)
        if child_schema is None and hidden:
            continue        # hidden Junos statements are not in the published YANG: dropped
        if child_schema is None:
            raise ConfigError(JunosError(path=edit_path(path), bad_element=name, message="syntax error"))
        _node(edit, child_schema, child_element, path)


def _text(element: etree._Element) -> str:
    return (element.text or "").strip()


def _node(parent: Edit, schema: SchemaNode, element: etree._Element, path: list[str]) -> None:
    attrs = _attrs(element)
    deleting = attrs.get("operation") in ("delete", "remove") or attrs.get("delete") == "delete"
    kind = schema.kind
    _check_shape(schema, element, path)
    if kind == "list":
        key = _list_key(schema, element, path)
        edit = parent.child(schema, key)
        child_path = path + entry_words(schema, key)
    elif kind == "leaf-list":
        value = _text(element)
        if not deleting or value:
            check_value(schema, value, path + [schema.cli_name])
        edit = parent.child(schema, value=value if value or not deleting else None)
        child_path = path
    elif kind == "leaf":
        value = _text(element)
        edit = parent.child(schema)
        if schema.type.base == "empty":
            if value:
                raise ConfigError(JunosError(path=edit_path(path), bad_element=schema.name,
                                             message="syntax error"))
            edit.value = ""
        elif value or not deleting:
            check_value(schema, value, path + [schema.cli_name])
            edit.value = value
        child_path = path
    else:
        edit = parent.child(schema)
        child_path = path + [schema.cli_name]
    _apply_attrs(edit, element, path)
    if kind in ("container", "list") and not deleting:
        _children(edit, element, child_path)


def _check_shape(schema: SchemaNode, element: etree._Element, path: list[str]) -> None:
    """Leaves hold text only; containers and lists hold elements only."""
    if schema.kind in ("leaf", "leaf-list"):
        stray = next((_local(c.tag) for c in element if _local(c.tag) is not None), None)
        if stray is not None:
            raise ConfigError(JunosError(path=edit_path(path + [schema.cli_name]), bad_element=stray,
                                         message="syntax error"))
    elif _text(element):
        raise ConfigError(JunosError(path=edit_path(path), bad_element=schema.name,
                                     message=f"syntax error, unexpected text: {_text(element)[:40]}"))


def _list_key(schema: SchemaNode, element: etree._Element, path: list[str]) -> tuple:
    found = {name: child for name, child, _ in _flatten(element)}
    values = []
    for key_name in schema.keys:
        key_element = found.get(key_name)
        if key_element is None or not _text(key_element):
            raise ConfigError(JunosError(
                error_type="application", error_tag="missing-element", path=edit_path(path),
                element=schema.name, bad_element=key_name,
                message=f"mgd: missing mandatory statement: '{key_name}'"))
        value = _text(key_element)
        check_value(schema.child(key_name), value, path)
        values.append(value)
    return tuple(values)


def _apply_attrs(edit: Edit, element: etree._Element, path: list[str]) -> None:
    attrs = _attrs(element)
    operation = attrs.get("operation")
    if operation is not None:
        if operation not in _OPERATIONS:
            raise ConfigError(JunosError(error_tag="bad-attribute", path=edit_path(path),
                                         bad_element=edit.schema.name,
                                         message=f"invalid operation attribute: {operation}"))
        edit.op = {"remove": "delete", "merge": None}.get(operation, operation)
    if attrs.get("delete") == "delete":
        edit.op = "delete"
    if attrs.get("replace") == "replace":
        edit.op = "replace-tag"         # honoured by action="replace" only, as on Junos
    if attrs.get("inactive") == "inactive":
        edit.inactive = True
    if attrs.get("active") == "active":
        edit.inactive = False
    insert = attrs.get("insert")
    if insert is not None:
        _apply_insert(edit, insert, attrs, path)


def _apply_insert(edit: Edit, insert: str, attrs: dict[str, str], path: list[str]) -> None:
    schema = edit.schema
    if insert not in ("before", "after", "first", "last") or not schema.user_ordered:
        raise ConfigError(JunosError(error_tag="bad-attribute", path=edit_path(path),
                                     bad_element=schema.name, message=f"invalid insert: {insert}"))
    edit.insert = insert
    if insert in ("first", "last"):
        return
    if schema.kind == "leaf-list":
        edit.insert_ref = attrs.get("value") or attrs.get("name")
        return
    if len(schema.keys) == 1:
        reference = attrs.get("name") or attrs.get("key")
        edit.insert_ref = (reference,) if reference else None
    else:
        edit.insert_ref = tuple(attrs.get(k) or "" for k in schema.keys)
    if not edit.insert_ref or not all(edit.insert_ref):
        raise ConfigError(JunosError(error_tag="missing-attribute", path=edit_path(path),
                                     bad_element=schema.name,
                                     message=f"insert=\"{insert}\" needs the name of the reference entry"))

"""Edits: what a load asks for, before it is applied to a configuration.

Every input format (XML, text, set) becomes a tree of Edit nodes; srxsim.load
applies them. This module also holds the Junos word grammar shared by the text
and set formats: how `security ike gateway gw1 address 203.0.113.1` maps onto
schema nodes (keywords, list keys, multi-key lists such as `from-zone X to-zone
Y`, lists whose keyword Junos omits such as `interfaces st0`, nokeyword leaves
such as `file flow-log`, and the `st0.0` shorthand for `st0 unit 0`).
"""

from __future__ import annotations

import re

from srxsim.formats.tree import ConfigError, JunosError, canonical_interface, edit_path
from srxsim.schema import SchemaNode

# Junos checks interface names when they are set (`ge-0/0/0`, `st0`, `ae1`, `irb`, `<ge-*>`);
# the YANG types them as plain strings.
_INTERFACE_NAME = re.compile(r"[a-z]{2,5}-\d+/\d+/\d+(:\d+)?|[a-z]{2,5}\d+|irb|vlan|vme|<.*>")


class Edit:
    """One node of a requested change."""

    __slots__ = ("schema", "value", "key", "children", "op", "inactive", "insert", "insert_ref")

    def __init__(self, schema: SchemaNode, value: str | None = None, key: tuple = ()):
        self.schema = schema
        self.value = value
        self.key = key
        self.children: list[Edit] = []
        # None (merge) | delete | replace | create | replace-tag (Junos `replace:` tag)
        self.op: str | None = None
        self.inactive: bool | None = None   # True: deactivate, False: activate
        self.insert: str | None = None      # before | after | first | last
        self.insert_ref: tuple | str | None = None

    def identity(self) -> tuple:
        kind = self.schema.kind
        if kind == "list":
            return self.key
        if kind == "leaf-list":
            return (self.value,)
        return ()

    def child(self, schema: SchemaNode, key: tuple = (), value: str | None = None) -> "Edit":
        """The child edit for (schema, key), created on first use (leaf-list: per value)."""
        for existing in self.children:
            if existing.schema is schema and existing.key == key and (
                    schema.kind != "leaf-list" or existing.value == value):
                return existing
        new = Edit(schema, value, key)
        self.children.append(new)
        return new


def keywordless(schema: SchemaNode) -> bool:
    """A list written without its own keyword (`interfaces ge-0/0/0`, syslog `any any`)."""
    return schema.kind == "list" and "nokeyword" in schema.cli_features


def _is_interface_list(schema: SchemaNode | None) -> bool:
    return schema is not None and schema.kind == "list" and schema.name == "interface" \
        and schema.parent is not None and schema.parent.name == "interfaces"


def grouped(schema: SchemaNode) -> bool:
    """Text format groups the entries under one `name { key1; key2 { ... } }` block
    (set format still writes `name key`), e.g. a zone's `interfaces { st0.0; }`."""
    return schema.kind == "list" and "homogeneous" in schema.cli_features and not keywordless(schema)


def oneliner(schema: SchemaNode) -> bool:
    """Shown on one line whatever its statements (`from zone trust;`)."""
    return "oneliner" in schema.cli_features


def oneliner_plus(schema: SchemaNode) -> bool:
    """Shown on one line when it holds a single statement (`route X next-hop Y;`)."""
    return "oneliner-plus" in schema.cli_features


def key_keywords(schema: SchemaNode) -> list[str]:
    """Junos words before each key of a multi-key list (`from-zone-name` -> `from-zone`)."""
    return [k.removesuffix("-name") for k in schema.keys]


def entry_words(schema: SchemaNode, key: tuple) -> list[str]:
    """CLI words that name one list entry."""
    if len(schema.keys) > 1:
        words = []
        for keyword, value in zip(key_keywords(schema), key):
            words += [keyword, quote(value)]
        return words
    if keywordless(schema):
        return [quote(key[0])]
    return [schema.cli_name, quote(key[0])]


def check_value(schema: SchemaNode, value: str, path: list[str]) -> None:
    problem = schema.type.check(value)
    if problem is None and schema.name == "name" and _is_interface_list(schema.parent) \
            and not _INTERFACE_NAME.fullmatch(value):
        problem = f"invalid interface type in '{value}'"
    if problem is not None:
        shown = "" if schema.secret else f" '{value}'"
        raise ConfigError(JunosError(
            error_type="application", error_tag="invalid-value", path=edit_path(path),
            element=schema.name, bad_element=None if schema.secret else value,
            message=f"{schema.name}{shown}: {problem}"))


def syntax_error(path: list[str], word: str, message: str = "syntax error") -> ConfigError:
    return ConfigError(JunosError(path=edit_path(path), bad_element=word, message=message))


class WordParser:
    """Consumes the words of one `set`/`delete` line or one text statement."""

    def __init__(self, words: list, path: list[str], for_delete: bool = False):
        self.words = words          # str, or list[str] for a `[ a b ]` group
        self.pos = 0
        self.path = list(path)      # [edit ...] words so far, for error messages
        self.for_delete = for_delete
        self.last: Edit | None = None     # the node the words named last
        self.node_ends: list[int] = []    # word positions where a container/list entry ended

    def _next(self, what: str):
        if self.pos >= len(self.words):
            raise syntax_error(self.path, what, f"missing argument: {what}")
        word = self.words[self.pos]
        self.pos += 1
        return word

    def _scalar(self, what: str) -> str:
        word = self._next(what)
        if isinstance(word, list):
            raise syntax_error(self.path, "[", "syntax error, expecting <" + what + ">")
        return word

    def parse(self, edit: Edit) -> Edit:
        """Parse words into `edit`'s subtree; return the innermost container/list edit."""
        while self.pos < len(self.words):
            word = self.words[self.pos]
            if isinstance(word, list):
                raise syntax_error(self.path, "[")
            inner = self._statement(edit, word)
            if inner is not None:
                edit = inner
                self.node_ends.append(self.pos)
        return edit

    def _statement(self, edit: Edit, word: str) -> Edit | None:
        schema = edit.schema
        child = schema.cli_child(word)
        if child is not None and child.name in schema.keys and edit.schema.kind == "list":
            child = None                    # keys are named by position, never by keyword
        if child is not None and child.kind == "list" and len(child.keys) > 1:
            child = None
        if child is None:
            return self._positional(edit, word)
        self.pos += 1
        if child.kind == "container":
            self.path.append(word)
            self.last = edit.child(child)
            return self.last
        if child.kind == "list":
            key_value = self._scalar(child.keys[0])
            return self._entry(edit, child, [key_value], [child.cli_name])
        if child.kind == "leaf":
            self._leaf(edit, child)
            return None
        self._leaf_list(edit, child)
        return None

    def _positional(self, edit: Edit, word: str) -> Edit | None:
        schema = edit.schema
        for child in schema.children.values():
            if child.kind == "list" and len(child.keys) > 1 and key_keywords(child)[0] == word:
                self.pos += 1
                values = [self._scalar(child.keys[0])]
                for keyword in key_keywords(child)[1:]:
                    if self._scalar(keyword) != keyword:
                        raise syntax_error(self.path, self.words[self.pos - 1])
                    values.append(self._scalar(keyword))
                return self._entry(edit, child, values, [])
        for child in schema.children.values():
            if keywordless(child):
                self.pos += 1
                return self._keywordless_entry(edit, child, word)
        nokeyword = schema.nokeyword_child
        if nokeyword is not None:
            self.pos += 1
            check_value(nokeyword, word, self.path)
            self.last = edit.child(nokeyword)
            self.last.value = word
            return None
        raise syntax_error(self.path, word)

    def _keywordless_entry(self, edit: Edit, schema: SchemaNode, word: str) -> Edit:
        device, unit = canonical_interface(word) if schema.name == "interface" else (word, None)
        entry = self._entry(edit, schema, [device], [])
        if unit is None:
            return entry
        unit_schema = schema.child("unit")
        return self._entry(entry, unit_schema, [unit], [unit_schema.cli_name])

    def _entry(self, edit: Edit, schema: SchemaNode, values: list[str], prefix: list[str]) -> Edit:
        for key_name, value in zip(schema.keys, values):
            check_value(schema.child(key_name), value, self.path)
        key = tuple(values)
        self.path += entry_words(schema, key) if not prefix else prefix + list(values)
        self.last = edit.child(schema, key)
        return self.last

    def _leaf(self, edit: Edit, schema: SchemaNode) -> None:
        node = self.last = edit.child(schema)
        if schema.type.base == "empty":
            node.value = ""
            return
        if self.for_delete and self.pos >= len(self.words):
            return                          # `delete ... address` names the leaf only
        value = self._scalar(schema.cli_name)
        check_value(schema, value, self.path + [schema.cli_name])
        node.value = value

    def _leaf_list(self, edit: Edit, schema: SchemaNode) -> None:
        if self.for_delete and self.pos >= len(self.words):
            self.last = edit.child(schema, value=None)  # all entries
            return
        word = self._next(schema.cli_name)
        for value in word if isinstance(word, list) else [word]:
            check_value(schema, value, self.path + [schema.cli_name])
            self.last = edit.child(schema, value=value)


def quote(value: str) -> str:
    """Junos quotes values holding spaces or characters its parser treats specially."""
    if value == "" or any(c in value for c in ' \t\n;{}#"\'[]()|&<>$!,='):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return value

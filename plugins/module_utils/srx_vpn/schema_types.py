# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The building blocks of the declarative schema (schema.py holds the objects themselves).

A Field is one option of a module's `config` and the Junos XML it maps to. Kinds:
  leaf       scalar (str, or int with a range), `<xml>value</xml>`
  flag       bool for a Junos empty leaf, `<xml/>` when true
  enumflag   one of `choices`, rendered as the empty element `<value/>` (Junos choice of empty leaves)
  leaflist   list of str, one `<xml>value</xml>` per item
  keylist    list of str, one `<xml><name>value</name></xml>` per item (keyed list with only a key)
  container  dict of child fields, `<xml>...</xml>`; `presence` renders it even when empty
  list       list of dicts keyed by `key`, one `<xml>...</xml>` per item
`xml` may be a path ("inet/identity-ipv4"); siblings sharing a path prefix share the element.
"""
from dataclasses import dataclass, field as dc_field
from typing import Optional, Tuple


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    doc: str
    xml: str = ""
    type: str = "str"
    choices: Optional[Tuple[str, ...]] = None
    range: Optional[Tuple[int, int]] = None
    length: Optional[Tuple[int, int]] = None
    fmt: Optional[str] = None
    children: Tuple["Field", ...] = ()
    key: Optional[str] = None
    presence: bool = False
    max_items: Optional[int] = None
    ordered: bool = False
    no_log: bool = False
    secret: bool = False
    choice: Optional[str] = None
    required: bool = False

    @property
    def xml_name(self):
        return self.xml or self.name.replace("_", "-")

    def child(self, name):
        for child in self.children:
            if child.name == name:
                return child
        raise KeyError(name)


def _field(kind, name, doc, **kwargs):
    return Field(name=name, kind=kind, doc=doc, **kwargs)


def leaf(name, doc, **kwargs):
    return _field("leaf", name, doc, **kwargs)


def num(name, doc, lo, hi, **kwargs):
    return _field("leaf", name, doc, type="int", range=(lo, hi), **kwargs)


def enum(name, doc, choices, **kwargs):
    return _field("leaf", name, doc, choices=tuple(choices), **kwargs)


def flag(name, doc, **kwargs):
    return _field("flag", name, doc, type="bool", **kwargs)


def enumflag(name, doc, choices, **kwargs):
    return _field("enumflag", name, doc, choices=tuple(choices), **kwargs)


def leaflist(name, doc, **kwargs):
    return _field("leaflist", name, doc, **kwargs)


def keylist(name, doc, **kwargs):
    return _field("keylist", name, doc, **kwargs)


def container(name, doc, *children, **kwargs):
    return _field("container", name, doc, type="dict", children=tuple(children), **kwargs)


def items(name, doc, key, *children, **kwargs):
    return _field("list", name, doc, type="list", key=key, children=tuple(children), **kwargs)


@dataclass(frozen=True)
class Segment:
    """One XML level of a path; `fixed` keys select a fixed list entry (interface st0, address-book global)."""
    tag: str
    fixed: Tuple[Tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Group:
    """A keyed list entry that only holds objects: a zone pair (policies) or a routing instance (routes)."""
    tag: str                        # XML element of the group entry
    keys: Tuple[Field, ...]         # group key fields (from_zone/to_zone, name)
    members: str                    # option of the member list inside a group entry
    inner: Tuple[str, ...]          # XML path from the group entry to the member list's parent


@dataclass(frozen=True)
class Collection:
    """One list of managed objects: IKE proposals, st0 units, static routes in one table..."""
    option: str                     # key in config (for grouped objects: the list of group entries)
    kind: str                       # human name used in messages: "IKE proposal"
    path: Tuple[Segment, ...]       # from <configuration> to the parent of the object elements
    tag: str                        # XML element of one object
    item: Field                     # a `list` Field describing one object (its key and children)
    group: Optional[Group] = None
    ordered: bool = False           # list order is meaning (security policies)


@dataclass(frozen=True)
class Resource:
    name: str
    doc: str
    collections: Tuple[Collection, ...] = dc_field(default_factory=tuple)
    scope_doc: str = ""

    def collection(self, option):
        for coll in self.collections:
            if coll.option == option:
                return coll
        raise KeyError(option)

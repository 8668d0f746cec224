"""Build committed-configuration XML for network-model tests from Junos `set` lines.

A deliberately small converter for the statements these tests use (the configuration plane's own
loader is tested elsewhere); it produces the same plain <configuration> tree `cfg.to_xml()` does.
"""
from __future__ import annotations

import shlex

from lxml import etree

KEYED = {"interface", "unit", "proposal", "gateway", "vpn", "security-zone", "system-services", "route",
         "qualified-next-hop", "traffic-selector", "address-set"}
LEAVES = {"host-name", "authentication-method", "dh-group", "authentication-algorithm", "encryption-algorithm",
          "lifetime-seconds", "mode", "proposal-set", "ascii-text", "hexadecimal", "ike-policy",
          "external-interface", "local-address", "version", "interval", "threshold", "protocol", "keys",
          "bind-interface", "ipsec-policy", "establish-tunnels", "local-ip", "remote-ip", "local", "remote",
          "service", "next-hop", "source-address", "destination-address", "ipsec-vpn", "proposals",
          "source-interface", "destination-ip", "nat-keepalive", "hostname", "user-at-hostname", "inet",
          "preference", "destination-port", "gateway"}
IDENTITY_LEAF = {"inet": "identity-ipv4", "hostname": "identity-hostname", "user-at-hostname": "identity-user"}


def _child(parent: etree._Element, tag: str, key: str | None = None) -> etree._Element:
    for el in parent.findall(tag):
        if key is None or el.findtext("name") == key:
            return el
    el = etree.SubElement(parent, tag)
    if key is not None:
        etree.SubElement(el, "name").text = key
    return el


def _leaf(parent: etree._Element, tag: str, value: str, multi: bool) -> None:
    if not multi:
        for old in parent.findall(tag):
            parent.remove(old)
    etree.SubElement(parent, tag).text = value


def _apply(root: etree._Element, words: list[str]) -> None:
    node, path = root, []
    i = 0
    while i < len(words):
        w = words[i]
        rest = words[i + 1:]
        if w == "from-zone" and path[-1:] == ["policies"]:
            ctx = next((p for p in node.findall("policy") if p.findtext("from-zone-name") == rest[0]
                        and p.findtext("to-zone-name") == rest[2]), None)
            if ctx is None:
                ctx = etree.SubElement(node, "policy")
                etree.SubElement(ctx, "from-zone-name").text = rest[0]
                etree.SubElement(ctx, "to-zone-name").text = rest[2]
            node, i = ctx, i + 4
            path.append("context")
            continue
        if w in ("local-identity", "remote-identity") and rest:
            ident = _child(_child(node, w), rest[0])
            _leaf(ident, IDENTITY_LEAF[rest[0]], rest[1], False)
            return
        if path == ["interfaces"]:  # `set interfaces ge-0/0/0 ...` names <interface> directly
            node, i = _child(node, "interface", w), i + 1
            path.append("interface")
            continue
        if w == "preference" and path[-1:] == ["route"]:
            _leaf(_child(node, "preference"), "metric-value", rest[0], False)
            return
        keyed = w in KEYED or w == "policy"
        if w == "gateway" and path[-2:] != ["security", "ike"]:
            keyed = False  # `vpn X ike gateway G` is a reference (leaf)
        if w == "inet" and path[-1:] != ["dynamic"]:
            node, i = _child(node, w), i + 1
            path.append(w)
            continue
        if w == "address" and path[-1:] in (["inet"], ["address-book"], ["address-set"]):
            addr = _child(node, "address", rest[0])
            if len(rest) > 1:
                _leaf(addr, "ip-prefix", rest[1], False)
            return
        if w == "interfaces" and path[-1:] == ["security-zone"] or w == "application" and path[-1:] == ["applications"]:
            keyed = True
        if keyed and rest:
            node, i = _child(node, w, rest[0]), i + 2
        elif w in LEAVES or w in ("address", "application") and rest:
            multi = w in ("address", "proposals", "next-hop", "source-address", "destination-address", "application")
            values = rest[1:-1] if rest and rest[0] == "[" else rest[:1]
            for v in values:
                _leaf(node, w, v, multi)
            return
        else:
            node, i = _child(node, w), i + 1
        path.append(w)


def configuration(lines: str | list[str]) -> etree._Element:
    """<configuration> from set lines (one per line; blank lines and '#' comments ignored)."""
    root = etree.Element("configuration")
    if isinstance(lines, str):
        lines = lines.splitlines()
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line)
        if words[0] != "set":
            raise ValueError(f"only set lines are supported: {line!r}")
        _apply(root, words[1:])
    return root

# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read saved Junos configurations (curly-brace text, ``display set`` or XML)
into one Junos XML ``<configuration>`` element.

Junos text names list entries without their keyword in places (``interfaces
{ ge-0/0/0 { ... } }``, ``from-zone a to-zone b``) and set lines are paths whose
key positions only the schema knows. The small schema below covers the
hierarchies the doctor reads (names from the Junos YANG); anything else is kept
in a generic form (word = element) that the doctor never reads.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import Iterable


class JunosConfigError(ValueError):
    """A configuration that cannot be read; the message names the source."""


class Node:
    """A container; ``implicit`` = (xml name, ListSpec) for entries named without keyword."""

    def __init__(self, children=None, implicit=None, keyworded=None, value_leaf=None):
        self.children = children or {}
        self.implicit = implicit
        self.keyworded = keyworded
        self.value_leaf = value_leaf


class ListSpec(Node):
    def __init__(self, children=None, key="name", keywords=None, **kwargs):
        super().__init__(children, **kwargs)
        self.key = key
        self.keywords = keywords or ()


class Leaf:
    pass


class LeafList:
    pass


class Flag:
    """An empty leaf (``always-send;``): takes no value, so a flat set line goes on after it."""


LEAF, LEAF_LIST, FLAG = Leaf(), LeafList(), Flag()
GENERIC = Node()

_HOST_INBOUND = Node({
    "system-services": ListSpec({"except": LEAF}),
    "protocols": ListSpec({"except": LEAF}),
})
_POLICY = ListSpec({
    "match": Node({
        "source-address": LEAF_LIST, "destination-address": LEAF_LIST, "application": LEAF_LIST,
        "from-zone": LEAF_LIST, "to-zone": LEAF_LIST,
    }),
    "then": Node({"permit": Node({"tunnel": Node({"ipsec-vpn": LEAF, "pair-policy": LEAF})})}),
})
_ADDRESS_BOOK = Node({
    "address": ListSpec({"description": LEAF}, value_leaf="ip-prefix"),
    "address-set": ListSpec({"address": ListSpec(), "address-set": ListSpec()}),
    "attach": Node({"zone": ListSpec()}),
})
_STATIC = Node({"route": ListSpec({
    "next-hop": LEAF_LIST, "qualified-next-hop": ListSpec({"preference": LEAF}), "preference": LEAF,
})})
_ROUTING_OPTIONS = Node({"static": _STATIC})
# YANG: local-identity inet 192.0.2.1 is <inet><identity-ipv4>192.0.2.1</identity-ipv4></inet>.
_IDENTITY = Node({
    "inet": ListSpec(key="identity-ipv4"), "inet6": ListSpec(key="identity-ipv6"),
    "hostname": ListSpec(key="identity-hostname"), "user-at-hostname": ListSpec(key="identity-user"),
    "distinguished-name": Node(),
})
_UNIT = ListSpec({
    "family": Node({"inet": Node({"address": ListSpec()}), "inet6": Node({"address": ListSpec()})}),
    "description": LEAF,
})

SCHEMA = Node({
    "system": Node({"host-name": LEAF}),
    "interfaces": Node(
        {"interface-range": ListSpec({"member": ListSpec(), "unit": _UNIT})},
        implicit=("interface", ListSpec({"unit": _UNIT, "description": LEAF})),
    ),
    "routing-options": _ROUTING_OPTIONS,
    "routing-instances": Node(implicit=("instance", ListSpec({
        "instance-type": LEAF, "interface": ListSpec(), "routing-options": _ROUTING_OPTIONS,
    }))),
    "groups": Node(implicit=("groups", ListSpec())),
    "apply-groups": LEAF_LIST,
    "security": Node({
        "ike": Node({
            "proposal": ListSpec({
                "authentication-method": LEAF, "dh-group": LEAF, "authentication-algorithm": LEAF,
                "encryption-algorithm": LEAF, "lifetime-seconds": LEAF, "description": LEAF,
            }),
            "policy": ListSpec({
                "mode": LEAF, "proposals": LEAF_LIST, "proposal-set": LEAF, "description": LEAF,
                "reauth-frequency": LEAF, "certificate": Node({"local-certificate": LEAF}),
                "pre-shared-key": Node({"ascii-text": LEAF, "hexadecimal": LEAF}),
            }),
            "gateway": ListSpec({
                "ike-policy": LEAF, "address": LEAF_LIST, "local-address": LEAF,
                "external-interface": LEAF, "version": LEAF, "nat-keepalive": LEAF,
                "no-nat-traversal": FLAG, "general-ikeid": FLAG, "description": LEAF,
                "local-identity": _IDENTITY, "remote-identity": _IDENTITY,
                "dynamic": Node({"hostname": LEAF, "inet": LEAF, "user-at-hostname": LEAF,
                                 "connections-limit": LEAF, "ike-user-type": LEAF}),
                "dead-peer-detection": Node({"interval": LEAF, "threshold": LEAF, "always-send": FLAG,
                                             "optimized": FLAG, "probe-idle-tunnel": FLAG}),
            }),
        }),
        "ipsec": Node({
            "proposal": ListSpec({
                "protocol": LEAF, "authentication-algorithm": LEAF, "description": LEAF,
                "encryption-algorithm": LEAF, "lifetime-seconds": LEAF, "lifetime-kilobytes": LEAF,
            }),
            "policy": ListSpec({
                "proposals": LEAF_LIST, "proposal-set": LEAF,
                "perfect-forward-secrecy": Node({"keys": LEAF}),
            }),
            "vpn": ListSpec({
                "bind-interface": LEAF, "establish-tunnels": LEAF, "df-bit": LEAF,
                "ike": Node({
                    "gateway": LEAF, "ipsec-policy": LEAF,
                    "proxy-identity": Node({"local": LEAF, "remote": LEAF, "service": LEAF}),
                }),
                "traffic-selector": ListSpec({"local-ip": LEAF, "remote-ip": LEAF}),
                "vpn-monitor": Node({"source-interface": LEAF, "destination-ip": LEAF, "optimized": FLAG}),
            }),
        }),
        "zones": Node({"security-zone": ListSpec({
            "interfaces": ListSpec({"host-inbound-traffic": _HOST_INBOUND}),
            "host-inbound-traffic": _HOST_INBOUND,
            "address-book": _ADDRESS_BOOK,
        })}),
        "policies": Node(
            {"global": Node({"policy": _POLICY})},
            keyworded=("policy", ListSpec({"policy": _POLICY}, keywords=(
                ("from-zone", "from-zone-name"), ("to-zone", "to-zone-name")))),
        ),
        "address-book": ListSpec({
            "address": ListSpec({"description": LEAF}, value_leaf="ip-prefix"),
            "address-set": ListSpec({"address": ListSpec(), "address-set": ListSpec()}),
            "attach": Node({"zone": ListSpec()}),
        }),
    }),
})

# Top-level statements of a Junos configuration (junos-es-conf-root and friends).
TOP_LEVEL = frozenset((
    "version", "groups", "apply-groups", "apply-groups-except", "apply-macro", "system", "chassis",
    "services", "security", "interfaces", "snmp", "forwarding-options", "routing-options",
    "protocols", "policy-options", "class-of-service", "firewall", "routing-instances",
    "applications", "access", "access-profile", "event-options", "vlans", "schedulers",
    "switch-options", "ethernet-switching-options", "poe", "bridge-domains", "logical-systems",
    "tenants", "multi-chassis", "virtual-chassis", "accounting-options", "dynamic-profiles",
    "jsrc", "jsrc-partition", "smtp", "wlan", "vmhost", "rcsid", "fabric", "multicast-snooping-options",
    "session-limit-group", "unified-edge", "protocols-ospf", "diameter", "chassis-cluster",
))

_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"?|[{};\[\]]|[^\s{};\[\]"]+')
_PROMPT = re.compile(r"^\s*(\S+@\S+[>#%].*|\{(master|backup|primary|secondary|linecard|hold)[^}]*\}\s*)$")


class _Stmt:
    __slots__ = ("words", "block", "line", "inactive")

    def __init__(self, words, block, line, inactive):
        self.words, self.block, self.line, self.inactive = words, block, line, inactive


def _strip_comments(text: str) -> str:
    """Drop /* */ and # comments, keeping line numbers and quoted strings intact."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n;{}"):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _tokens(text: str, source: str, first_line: int = 1):
    for lineno, line in enumerate(text.split("\n"), first_line):
        if _PROMPT.match(line):
            continue
        pos = 0
        for match in _TOKEN.finditer(line):
            if line[pos:match.start()].strip():
                raise JunosConfigError("%s: line %d: cannot read %r" % (source, lineno, line[pos:match.start()].strip()))
            pos = match.end()
            tok = match.group(0)
            if tok.startswith('"'):
                if len(tok) < 2 or not tok.endswith('"'):
                    raise JunosConfigError("%s: line %d: unterminated quoted string" % (source, lineno))
                yield lineno, "word", tok[1:-1].replace('\\"', '"')
            elif tok in "{};[]":
                yield lineno, tok, tok
            else:
                yield lineno, "word", tok
        if line[pos:].strip():
            raise JunosConfigError("%s: line %d: unterminated quoted string" % (source, lineno))


def _parse_text(text: str, source: str) -> list:
    stack: list = [[]]
    opened: list = []
    words: list = []
    first_line = 0
    in_list = False
    for lineno, kind, tok in _tokens(_strip_comments(text), source):
        if kind == "word":
            if not words:
                first_line = lineno
                if len(stack) == 1:  # say "not Junos" before "truncated" for foreign files
                    _check_top([tok], lineno, source)
            words.append(tok)
        elif kind in "[]":
            in_list = kind == "["
            words.append(tok)
        elif kind == ";":
            if in_list:
                raise JunosConfigError("%s: line %d: ';' inside [ ]" % (source, lineno))
            if words:
                stack[-1].append(_make_stmt(words, None, first_line))
            words = []
        elif kind == "{":
            if not words:
                raise JunosConfigError("%s: line %d: '{' without a statement name" % (source, lineno))
            stmt = _make_stmt(words, [], first_line)
            stack[-1].append(stmt)
            stack.append(stmt.block)
            opened.append((first_line, " ".join(words)))
            words = []
        elif kind == "}":
            if words:
                raise JunosConfigError("%s: line %d: statement %r is missing ';'" % (source, lineno, " ".join(words)))
            if len(stack) == 1:
                raise JunosConfigError("%s: line %d: unexpected '}'" % (source, lineno))
            stack.pop()
            opened.pop()
    if opened or words or in_list:
        where = ("block %r opened at line %d is never closed" % (opened[-1][1], opened[-1][0])
                 if opened else "the last statement has no ';'")
        raise JunosConfigError("%s: the file ends early (truncated?): %s" % (source, where))
    return stack[0]


def _make_stmt(words, block, line):
    inactive = False
    while words and words[0] in ("inactive:", "protect:", "replace:", "active:"):
        inactive = inactive or words[0] == "inactive:"
        words = words[1:]
    return _Stmt(list(words), block, line, inactive)


def _find_entry(parent, xml_name, keys):
    for child in parent.findall(xml_name):
        if all(child.findtext(k) == v for k, v in keys):
            return child
    entry = ET.SubElement(parent, xml_name)
    for k, v in keys:
        ET.SubElement(entry, k).text = v
    return entry


def _child(parent, name):
    found = parent.find(name)
    return found if found is not None else ET.SubElement(parent, name)


def _add_value(parent, name, value, multiple):
    if multiple:
        if not any(c.text == value for c in parent.findall(name)):
            ET.SubElement(parent, name).text = value
        return
    _child(parent, name).text = value


def _body(el, spec, rest, block):
    """Continue a path (the text block belongs to its last word) or read a block."""
    if rest:
        _statement(el, spec, rest, block)
        return
    for stmt in block or ():
        if not stmt.inactive:
            _statement(el, spec, stmt.words, stmt.block)


def _leaf_list_values(rest):
    """([values], words left): ``[ a b ]`` or a single value."""
    if rest and rest[0] == "[":
        end = rest.index("]") if "]" in rest else len(rest)
        return rest[1:end], rest[end + 1:]
    return rest[:1], rest[1:]


def _statement(el, spec: Node, words: list, block) -> None:
    """Place one statement (a word path, optionally with a text block) below el."""
    word, rest = words[0], words[1:]
    child_spec = spec.children.get(word)
    if child_spec is None and spec.keyworded and word == spec.keyworded[1].keywords[0][0]:
        xml_name, lspec = spec.keyworded
        path, count = words, 2 * len(lspec.keywords)
        pairs = dict(zip(path[0:count:2], path[1:count:2]))
        keys = [(leaf, pairs.get(kw, "")) for kw, leaf in lspec.keywords]
        _body(_find_entry(el, xml_name, keys), lspec, path[count:], block)
    elif child_spec is None and spec.implicit and word not in ("apply-groups", "apply-groups-except"):
        xml_name, lspec = spec.implicit
        if xml_name == "interface" and "." in word:  # "set interfaces st0.0 family inet": IFD.unit shorthand
            word, unit = word.split(".", 1)
            rest = ["unit", unit] + rest
        _body(_find_entry(el, xml_name, [(lspec.key, word)]), lspec, rest, block)
    elif child_spec is None and spec.value_leaf and not rest and block is None:
        _add_value(el, spec.value_leaf, word, False)
    elif child_spec is None:
        if rest and rest[0] == "[" and block is None:
            for value in _leaf_list_values(rest)[0]:
                _add_value(el, word, value, True)
        elif len(rest) == 1 and block is None:
            _add_value(el, word, rest[0], True)
        else:
            _body(_child(el, word), GENERIC, rest, block)
    elif isinstance(child_spec, Flag):
        _child(el, word)
        _body(el, spec, rest, block)
    elif isinstance(child_spec, Leaf):
        # set lines may name several leaves of one container: "address A external-interface E"
        if rest:
            _add_value(el, word, rest[0], False)
        else:
            _child(el, word)
        if len(rest) > 1:
            _body(el, spec, rest[1:], block)
    elif isinstance(child_spec, LeafList):
        values, rest = _leaf_list_values(rest)
        for value in values:
            _add_value(el, word, value, True)
        if rest:
            _statement(el, spec, rest, block)
    elif isinstance(child_spec, ListSpec):
        if rest:
            _body(_find_entry(el, word, [(child_spec.key, rest[0])]), child_spec, rest[1:], block)
            return
        for stmt in block or ():  # `system-services { ike; ping; }`: bare keys in a block
            if not stmt.inactive:
                entry = _find_entry(el, word, [(child_spec.key, stmt.words[0])])
                _body(entry, child_spec, stmt.words[1:], stmt.block)
    else:
        _body(_child(el, word), child_spec, rest, block)


def _check_top(words, line, source):
    if words and words[0] not in TOP_LEVEL:
        raise JunosConfigError("%s: line %d: %r is not a Junos configuration statement; "
                               "is this a Junos configuration file?" % (source, line, words[0]))


def from_text(text: str, source: str = "<text>") -> ET.Element:
    """Curly-brace Junos text (``show configuration``) to <configuration>."""
    root = ET.Element("configuration")
    statements = _parse_text(text, source)
    if not statements:
        raise JunosConfigError("%s: no configuration statements (empty file?)" % source)
    for stmt in statements:
        _check_top(stmt.words, stmt.line, source)
        if not stmt.inactive:
            _statement(root, SCHEMA, stmt.words, stmt.block)
    return root


def _set_lines(text: str, source: str) -> Iterable[tuple[int, str, list]]:
    for lineno, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _PROMPT.match(line):
            continue
        words = [tok for tok_line, kind, tok in _tokens(stripped, source, lineno)]
        if any(tok in "{};" for tok in words):
            raise JunosConfigError("%s: line %d: braces or ';' in a set command" % (source, lineno))
        verb = words[0]
        if verb not in ("set", "deactivate", "delete", "activate", "protect", "unprotect"):
            raise JunosConfigError("%s: line %d: expected a 'set' command, found %r" % (source, lineno, verb))
        if len(words) < 2:
            raise JunosConfigError("%s: line %d: %r without a statement (truncated?)" % (source, lineno, verb))
        yield lineno, verb, words[1:]


def from_set(text: str, source: str = "<set>") -> ET.Element:
    """``show configuration | display set`` output to <configuration>.

    ``deactivate`` lines mark the statement inactive="inactive" as Junos XML does.
    """
    root = ET.Element("configuration")
    seen = False
    deactivated = []
    for lineno, verb, words in _set_lines(text, source):
        seen = True
        _check_top(words, lineno, source)
        if verb == "set":
            _statement(root, SCHEMA, words, None)
        elif verb == "deactivate":
            deactivated.append(words)
    if not seen:
        raise JunosConfigError("%s: no configuration statements (empty file?)" % source)
    for words in deactivated:
        _mark_inactive(root, words)
    return root


_KEY_TAGS = ("name", "from-zone-name", "to-zone-name")


def _mark_inactive(root, words):
    """Flag the element a deactivate path names; a path to nothing is ignored."""
    probe = ET.Element("configuration")
    _statement(probe, SCHEMA, words, None)
    node, target = probe, root
    while True:
        following = [c for c in node if node is probe or not (len(c) == 0 and c.tag in _KEY_TAGS)]
        if not following:
            break
        step = following[-1]
        keys = [(k.tag, k.text) for k in step if len(k) == 0 and k.tag in _KEY_TAGS]
        matches = [c for c in target.findall(step.tag)
                   if all(c.findtext(t) == v for t, v in keys) and (len(step) or c.text == step.text)]
        if not matches:
            return
        node, target = step, matches[0]
    target.set("inactive", "inactive")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].split(":")[-1]


def normalize(element: ET.Element) -> ET.Element:
    """Strip namespaces (rfc-compliant replies carry YANG ones) and unwrap <undocumented>."""
    for el in element.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
        for attr in list(el.attrib):
            if _local(attr) != attr:
                el.attrib[_local(attr)] = el.attrib.pop(attr)
    for parent in list(element.iter()):
        index = 0
        while index < len(parent):
            child = parent[index]
            if child.tag == "undocumented":
                parent.remove(child)
                for offset, grandchild in enumerate(list(child)):
                    parent.insert(index + offset, grandchild)
            else:
                index += 1
    return element


_JUNOS_NS = "http://xml.juniper.net/junos/*/junos"


def parse_xml(text: str, source: str = "<xml>") -> ET.Element:
    """XML text to an element; replies saved without their rpc-reply wrapper often use an
    undeclared ``junos:`` prefix, so retry inside a wrapper declaring it."""
    try:
        return normalize(ET.fromstring(text))
    except ET.ParseError as first:
        body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
        try:
            wrapper = ET.fromstring('<wrapper xmlns:junos="%s">%s</wrapper>' % (_JUNOS_NS, body))
        except ET.ParseError:
            raise JunosConfigError("%s: not well-formed XML (%s)" % (source, first)) from None
        normalize(wrapper)
        return wrapper[0] if len(wrapper) == 1 else wrapper


def from_xml(data, source: str = "<xml>") -> ET.Element:
    """A <configuration> (or an rpc-reply holding one, or text/set output of get-configuration)."""
    root = parse_xml(data, source) if isinstance(data, str) else normalize(data)
    if root.tag == "configuration":
        return root
    found = root.find(".//configuration")
    if found is not None:
        return found
    for tag, reader in (("configuration-text", from_text), ("configuration-set", from_set)):
        found = root.find(".//" + tag)
        if found is not None:
            return reader(found.text or "", source)
    error = root.find(".//error-message")
    if error is not None:
        raise JunosConfigError("%s: the device returned an error: %s" % (source, (error.text or "").strip()))
    raise JunosConfigError("%s: no <configuration> element in this XML" % source)


def detect_format(text: str) -> str:
    """'xml', 'set' or 'text' from the first meaningful line."""
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "/*")) or _PROMPT.match(line):
            continue
        if stripped.startswith("<"):
            return "xml"
        first = stripped.split()[0]
        return "set" if first in ("set", "deactivate", "delete", "activate", "protect") else "text"
    return "empty"


def parse_config(text: str, source: str = "<config>") -> ET.Element:
    """Any of the three formats to <configuration>; JunosConfigError names source."""
    fmt = detect_format(text)
    if fmt == "empty":
        raise JunosConfigError("%s: the file is empty" % source)
    reader = {"xml": from_xml, "set": from_set, "text": from_text}[fmt]
    return reader(text, source)


def hostname(configuration: ET.Element, fallback: str) -> str:
    name = configuration.findtext("system/host-name")
    return name.strip() if name and name.strip() else fallback


def load_file(path: str) -> tuple[str, ET.Element]:
    """(hostname, <configuration>) of one saved file; hostname falls back to the file name."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise JunosConfigError("%s: cannot read the file (%s)" % (path, exc.strerror)) from None
    if b"\0" in raw:
        raise JunosConfigError("%s: binary data, not a Junos configuration" % path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    configuration = parse_config(text.replace("\r\n", "\n"), path)
    stem = os.path.basename(path).split(".")[0]
    return hostname(configuration, stem), configuration


def config_files(sources) -> list[str]:
    """Files named by a directory or a list of files/directories (hidden files and *.md skipped)."""
    if isinstance(sources, str):
        sources = [sources]
    files = []
    for source in sources:
        if os.path.isdir(source):
            for name in sorted(os.listdir(source)):
                full = os.path.join(source, name)
                if os.path.isfile(full) and not name.startswith(".") and not name.endswith(".md"):
                    files.append(full)
        elif os.path.isfile(source):
            files.append(source)
        else:
            raise JunosConfigError("%s: no such file or directory" % source)
    if not files:
        raise JunosConfigError("%s: no configuration files found" % ", ".join(sources))
    return files


def load_configs(sources) -> dict:
    """{hostname: <configuration>} for every file; two files for one host is an error."""
    configs, origin = {}, {}
    for path in config_files(sources):
        host, configuration = load_file(path)
        if host in configs:
            raise JunosConfigError("%s and %s both hold host %r" % (origin[host], path, host))
        configs[host], origin[host] = configuration, path
    return configs

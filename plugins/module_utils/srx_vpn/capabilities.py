# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a NETCONF server can do, decided from its hello alone (no I/O).

Like ansible.netcommon's ``get_device_operations``, but matching whole
capability names instead of substrings. Junos advertises each IETF
capability twice, once correctly (``urn:ietf:params:netconf:capability:...``)
and once under a legacy ``urn:ietf:params:xml:ns:netconf:capability:...``
spelling (see tests/fixtures/junos-rpc-samples/netconf-session-vsrx-vpn.raw.xml);
both count.
"""
from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import re
from dataclasses import dataclass, field
from enum import Enum

try:
    from lxml import etree

    HAS_LXML = True
except ImportError:  # pragma: no cover
    HAS_LXML = False


class Capability(str, Enum):
    """IETF capability names (RFC 6241 section 8) and the Junos extension."""

    BASE_1_0 = "base:1.0"
    BASE_1_1 = "base:1.1"
    CANDIDATE = "candidate"
    CONFIRMED_COMMIT = "confirmed-commit"
    VALIDATE = "validate"
    WRITABLE_RUNNING = "writable-running"
    STARTUP = "startup"
    ROLLBACK_ON_ERROR = "rollback-on-error"
    URL = "url"
    XPATH = "xpath"
    WITH_DEFAULTS = "with-defaults"
    JUNOS = "junos"


_IETF_CAPABILITY = re.compile(r"^urn:ietf:params:(?:xml:ns:)?netconf:capability:([a-z-]+):\d+\.\d+$")
_IETF_BASE = re.compile(r"^urn:ietf:params:(?:xml:ns:)?netconf:base:(\d+\.\d+)$")
_JUNOS = "http://xml.juniper.net/netconf/junos/1.0"


@dataclass(frozen=True)
class DeviceOperations:
    """Booleans the transaction needs, one per RPC family it may send."""

    capabilities: frozenset = field(default_factory=frozenset)
    url_schemes: tuple = ()

    @property
    def supports_commit(self) -> bool:
        return Capability.CANDIDATE in self.capabilities

    @property
    def supports_confirm_commit(self) -> bool:
        return Capability.CONFIRMED_COMMIT in self.capabilities

    @property
    def supports_validate(self) -> bool:
        return Capability.VALIDATE in self.capabilities

    @property
    def is_junos(self) -> bool:
        return Capability.JUNOS in self.capabilities

    @property
    def lock_datastores(self) -> tuple:
        stores = []
        if Capability.WRITABLE_RUNNING in self.capabilities:
            stores.append("running")
        if self.supports_commit:
            stores.append("candidate")
        if Capability.STARTUP in self.capabilities:
            stores.append("startup")
        return tuple(stores)

    @property
    def supports_lock(self) -> bool:
        return bool(self.lock_datastores)

    @property
    def netconf_versions(self) -> tuple:
        return tuple(v for v, cap in (("1.0", Capability.BASE_1_0), ("1.1", Capability.BASE_1_1))
                     if cap in self.capabilities)

    def as_dict(self) -> dict:
        """The netcommon ``device_operations`` shape, for results and debugging."""
        return {
            "supports_commit": self.supports_commit,
            "supports_confirm_commit": self.supports_confirm_commit,
            "supports_validate": self.supports_validate,
            "supports_lock": self.supports_lock,
            "lock_datastore": list(self.lock_datastores),
            "netconf_versions": list(self.netconf_versions),
            "is_junos": self.is_junos,
        }


def device_operations(server_capabilities) -> DeviceOperations:
    """Pure function from the hello's capability URIs to DeviceOperations."""
    found = set()
    schemes: tuple = ()
    for uri in server_capabilities:
        uri = uri.strip()
        name, query = uri.partition("?")[::2]
        base = _IETF_BASE.match(name)
        if base:
            found.add(Capability("base:" + base.group(1)))
            continue
        if name == _JUNOS:
            found.add(Capability.JUNOS)
            continue
        ietf = _IETF_CAPABILITY.match(name)
        if ietf and ietf.group(1) in Capability._value2member_map_:
            found.add(Capability(ietf.group(1)))
            if ietf.group(1) == Capability.URL.value:
                schemes = _url_schemes(query) or schemes
    return DeviceOperations(frozenset(found), schemes)


def _url_schemes(query: str) -> tuple:
    for part in query.split("&"):
        key, value = part.partition("=")[::2]
        if key == "scheme":
            return tuple(s for s in value.split(",") if s)
    return ()


def parse_hello(hello) -> tuple:
    """(capability URIs, session-id or None) from a <hello> message (text or bytes)."""
    data = hello.encode("utf-8") if isinstance(hello, str) else hello
    root = etree.fromstring(data.strip())
    if etree.QName(root).localname != "hello":
        raise ValueError("not a NETCONF hello: <%s>" % etree.QName(root).localname)
    uris = [node.text.strip() for node in root.iter()
            if isinstance(node.tag, str) and etree.QName(node).localname == "capability" and node.text]
    session = next((node.text.strip() for node in root.iter()
                    if isinstance(node.tag, str) and etree.QName(node).localname == "session-id" and node.text),
                   None)
    return uris, session

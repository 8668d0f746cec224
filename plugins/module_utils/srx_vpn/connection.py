# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One RPC at a time over the persistent ``ansible.netcommon.netconf`` connection.

Every request is a whole RPC element sent through the junipernetworks.junos
netconf plugin's ``execute_rpc`` (ncclient ``rpc``), so the transaction decides
exactly which RPCs reach the device and nothing is sent behind its back.
Replies come back with namespaces stripped by ncclient's Junos handler.
"""
from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.connection import Connection, ConnectionError as AnsibleConnectionError

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.capabilities import (
    DeviceOperations,
    device_operations,
)
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import (
    ConnectionFailure,
    error_from_exception,
    error_from_reply,
)

try:
    from lxml import etree

    HAS_LXML = True
except ImportError:  # pragma: no cover
    HAS_LXML = False


NETCONF_CONNECTION = "connection: ansible.netcommon.netconf (with ansible_network_os: junipernetworks.junos.junos)"


class NetconfChannel:
    """Sends RPC elements, returns <rpc-reply> elements, raises typed errors."""

    def __init__(self, connection, host: str | None = None):
        self._conn = connection
        self.host = host
        self._operations: DeviceOperations | None = None

    @classmethod
    def for_module(cls, module) -> "NetconfChannel":
        socket_path = getattr(module, "_socket_path", None)
        if not socket_path:
            module.fail_json(msg="netsec.srx_vpn modules need " + NETCONF_CONNECTION)
        return cls(Connection(socket_path))

    def call(self, request, operation: str | None = None):
        """Send one RPC element; return the reply root element."""
        operation = operation or etree.QName(request).localname
        try:
            raw = self._conn.execute_rpc(etree.tostring(request, encoding="unicode"))
        except AnsibleConnectionError as exc:
            error = error_from_exception(exc, operation, self.host)
            if error is None:  # warnings only: ncclient raised, Junos succeeded
                return etree.Element("rpc-reply")
            raise error from None
        reply = etree.fromstring(raw.encode("utf-8") if isinstance(raw, str) else raw)
        error = error_from_reply(reply, operation, self.host)
        if error is not None:
            raise error
        return reply

    def operations(self) -> DeviceOperations:
        """Server capabilities from the session's hello (asked once per module run)."""
        if self._operations is None:
            try:
                info = self._conn.get_capabilities()
            except AnsibleConnectionError as exc:
                raise ConnectionFailure("reading NETCONF capabilities failed: %s" % exc) from None
            info = json.loads(info) if isinstance(info, str) else info
            self._operations = device_operations(info.get("server_capabilities", []))
        return self._operations

# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors for the device transaction, carrying Junos error-path and error-message.

Junos reports failures in three shapes (see tests/fixtures/junos-rpc-samples/):
``rpc-error`` directly under ``rpc-reply``, ``rpc-error`` inside
``load-configuration-results``/``commit-results``, and the older ``xnm:error``
(edit-path, statement, message). Namespaces and prefixes vary, so elements are
matched by local name.
"""
from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

from dataclasses import asdict, dataclass

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import redact_text

try:
    from lxml import etree

    HAS_LXML = True
except ImportError:  # pragma: no cover - lxml ships with the collection's requirements
    HAS_LXML = False


@dataclass(frozen=True)
class RpcErrorDetail:
    """One Junos error or warning, values already stripped and redacted."""

    severity: str
    message: str
    path: str | None = None
    bad_element: str | None = None
    statement: str | None = None
    tag: str | None = None
    session_id: str | None = None

    def describe(self) -> str:
        where = " ".join(part for part in (self.path, self.statement) if part)
        text = "%s: %s" % (where, self.message) if where else self.message
        if self.bad_element:
            text += " (bad element: %s)" % self.bad_element
        return text


class SrxVpnError(Exception):
    """Base of every error this collection reports; str() is safe to show (no secrets)."""

    def to_result(self) -> dict:
        """Extra keys for fail_json beside msg."""
        return {}


class ConnectionFailure(SrxVpnError):
    """The NETCONF session failed below the RPC layer (socket, SSH, timeout)."""


class CapabilityError(SrxVpnError):
    """The device does not advertise a NETCONF capability the operation needs."""


class JunosRpcError(SrxVpnError):
    """An RPC came back with error-severity rpc-errors."""

    def __init__(self, operation: str, errors: list[RpcErrorDetail], host: str | None = None):
        self.operation = operation
        self.errors = errors
        self.host = host
        on = " on %s" % host if host else ""
        details = "; ".join(err.describe() for err in errors if err.severity == "error") or \
            "; ".join(err.describe() for err in errors) or "no error details in the reply"
        super().__init__("%s failed%s: %s" % (operation, on, details))

    @property
    def error_path(self) -> str | None:
        return next((err.path for err in self.errors if err.path), None)

    @property
    def error_message(self) -> str | None:
        return next((err.message for err in self.errors if err.severity == "error"), None)

    def to_result(self) -> dict:
        return {
            "rpc": self.operation,
            "error_path": self.error_path,
            "error_message": self.error_message,
            "rpc_errors": [asdict(err) for err in self.errors],
        }


class LockDeniedError(JunosRpcError):
    """The candidate is locked by another session (RFC 6241 lock-denied)."""

    @property
    def holder_session_id(self) -> str | None:
        return next((err.session_id for err in self.errors if err.session_id), None)


class TransactionError(SrxVpnError):
    """The transaction refused to go on (e.g. foreign uncommitted changes in the candidate)."""


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            text = "".join(child.itertext()).strip()
            return text or None
    return None


def _descendant_text(element, name: str) -> str | None:
    for node in element.iter():
        if node is not element and _local(node.tag) == name:
            text = "".join(node.itertext()).strip()
            if text:
                return text
    return None


def _clean(text: str | None) -> str | None:
    return redact_text(" ".join(text.split())) if text else text


def parse_errors(reply) -> list[RpcErrorDetail]:
    """Every rpc-error and xnm:error/xnm:warning in reply (an element or XML text)."""
    root = _as_element(reply)
    return [] if root is None else list(_walk(root))


# Data-carrying subtrees never hold reply errors; skipping them keeps a
# configuration statement called <error> from being read as one.
_DATA = frozenset(("configuration", "configuration-information", "data"))


def _walk(node):
    name = _local(node.tag)
    if name == "rpc-error":
        yield RpcErrorDetail(
            severity=(_child_text(node, "error-severity") or "error").lower(),
            message=_clean(_child_text(node, "error-message")) or "unspecified error",
            path=_clean(_child_text(node, "error-path")),
            bad_element=_clean(_descendant_text(node, "bad-element")),
            tag=_child_text(node, "error-tag"),
            session_id=_descendant_text(node, "session-id"),
        )
        return
    if name in ("error", "warning") and _child_text(node, "message") is not None:
        # xnm:error; ncclient's Junos handler strips its namespace, so match by shape.
        yield RpcErrorDetail(
            severity=name,
            message=_clean(_child_text(node, "message")),
            path=_clean(_child_text(node, "edit-path")),
            statement=_clean(_child_text(node, "statement")),
        )
        return
    if name in _DATA:
        return
    for child in node:
        yield from _walk(child)


def _as_element(reply):
    if reply is None:
        return None
    if not isinstance(reply, (str, bytes)):
        return reply
    data = reply.encode("utf-8") if isinstance(reply, str) else reply
    data = data.lstrip(b"\xef\xbb\xbf").strip()
    if not data.startswith(b"<"):
        return None
    try:
        return etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return None


def _error_class(errors: list[RpcErrorDetail]):
    for err in errors:
        if err.tag == "lock-denied" or "locked by" in err.message.lower():
            return LockDeniedError
    return JunosRpcError


def error_from_reply(reply, operation: str, host: str | None = None) -> JunosRpcError | None:
    """The typed error a reply carries, or None when it has only warnings (or nothing)."""
    errors = parse_errors(reply)
    if not any(err.severity == "error" for err in errors):
        return None
    return _error_class(errors)(operation, errors, host)


# How ncclient and the persistent connection word a session that went away.
_SESSION_LOST = ("session close", "not connected", "socket is closed", "eof during")


def error_from_exception(exc: Exception, operation: str, host: str | None = None) -> SrxVpnError | None:
    """Translate what the persistent connection raised.

    ansible.netcommon re-raises an ncclient RPCError as the rpc-error XML text
    (a whole rpc-reply when there are several), which reaches the module as a
    ConnectionError message. Anything that is not XML is a transport failure.
    None means the reply held warnings only, so the operation succeeded.
    """
    text = str(exc)
    errors = parse_errors(text)
    if errors:
        if not any(err.severity == "error" for err in errors):
            return None
        return _error_class(errors)(operation, errors, host)
    on = " on %s" % host if host else ""
    detail = redact_text(text.strip()) or type(exc).__name__
    if any(sign in detail.lower() for sign in _SESSION_LOST):
        detail = "the NETCONF session to the device was lost (%s)" % detail
    return ConnectionFailure("%s failed%s: %s" % (operation, on, detail))

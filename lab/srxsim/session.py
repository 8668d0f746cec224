"""A NETCONF session on one SSH channel: hello, framing, RPC loop, faults, RPC log."""
from __future__ import annotations

import asyncio
import dataclasses
import inspect
import itertools
import logging
import time
from typing import TYPE_CHECKING, Any

import asyncssh
from lxml import etree

from srxsim import framing
from srxsim.rpc import (NC_NS, RpcError, build_reply, handler_for, localname, ok_element,
                        render_error)

if TYPE_CHECKING:
    from srxsim.device import Device
    from srxsim.lab import Lab

log = logging.getLogger(__name__)

# What a vSRX 24.4 announces (tests/fixtures/junos-rpc-samples/netconf-session-vsrx-vpn.raw.xml).
CAPABILITIES = [
    "urn:ietf:params:netconf:base:1.0",
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:netconf:capability:validate:1.0",
    "urn:ietf:params:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:netconf:base:1.0?module=ietf-netconf&amp;revision=2011-06-01",
    "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:validate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:yang:ietf-inet-types?module=ietf-inet-types&amp;revision=2013-07-15",
    "urn:ietf:params:xml:ns:yang:ietf-yang-metadata?module=ietf-yang-metadata&amp;revision=2016-08-05",
    "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring",
    "http://xml.juniper.net/netconf/junos/1.0",
    "http://xml.juniper.net/dmi/system/1.0",
    "http://yang.juniper.net/junos/jcmd?module=junos-configuration-metadata&amp;revision=2021-09-01",
]
BANNER = "<!-- No zombies were killed during the creation of this user interface -->\n"
_SESSION_IDS = itertools.count(42001)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, huge_tree=True)


def server_hello(session_id: int, user: str, base11: bool) -> bytes:
    """The hello exactly as the vSRX capture lays it out (base:1.1 only when configured)."""
    caps = list(CAPABILITIES)
    if base11:
        caps.insert(1, framing.BASE_11)
    lines = [BANNER, "<!-- user %s, class j-super-user -->\n" % user,
             '<nc:hello xmlns:nc="%s">\n' % NC_NS, "   <nc:capabilities>\n"]
    lines += ["    <nc:capability>%s</nc:capability>\n" % cap for cap in caps]
    lines += ["  </nc:capabilities>\n", "  <nc:session-id>%d</nc:session-id>\n" % session_id, "</nc:hello>"]
    return "".join(lines).encode()


def netconf_11_enabled(device: "Device") -> bool:
    """Junos speaks base:1.1 only with `system services netconf rfc-compliant` and `version-1.1`."""
    netconf = device.committed.to_xml().find("system/services/netconf")
    return netconf is not None and netconf.find("rfc-compliant") is not None \
        and netconf.find("version-1.1") is not None


@dataclasses.dataclass
class Context:
    device: "Device"
    session: "Session"
    lab: "Lab"


class Session(asyncssh.SSHServerSession):
    """One NETCONF session; also used without a channel for a lock held by a fault."""

    def __init__(self, lab: "Lab", device: "Device", user: str, client: str = "netconf",
                 terminal: str = ""):
        self.lab = lab
        self.device = device
        self.user = user
        self.client = client
        self.terminal = terminal
        self.session_id = next(_SESSION_IDS)
        self.started = device.clock.now()
        self.last_activity = self.started
        self.private = None  # a private candidate (open-configuration private)
        self._chan: asyncssh.SSHServerChannel | None = None
        self._decoder = framing.FrameDecoder()
        self._hello_done = False
        self._chunked = False
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._worker: asyncio.Task | None = None
        self._closed = False

    # ----- asyncssh callbacks --------------------------------------------------------------------
    def subsystem_requested(self, subsystem: str) -> bool:
        return subsystem == "netconf"

    def shell_requested(self) -> bool:
        return False

    def exec_requested(self, command: str) -> bool:
        return False

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:
        self._chan = chan

    def session_started(self) -> None:
        self.device.attach(self)
        base11 = netconf_11_enabled(self.device)
        self._server_caps = CAPABILITIES + ([framing.BASE_11] if base11 else [])
        self._chan.write(framing.encode_eom(server_hello(self.session_id, self.user, base11)))
        self._worker = asyncio.get_running_loop().create_task(self._run())

    def data_received(self, data: bytes, datatype: Any) -> None:
        try:
            messages = self._decoder.feed(data)
            while messages:
                message = messages.pop(0)
                if self._hello_done:
                    self._queue.put_nowait(message)
                    continue
                self._accept_hello(message)
                if self._chunked and messages:
                    raise framing.FramingError("end-of-message framing used after base:1.1 was agreed")
                if self._chunked:
                    messages = self._decoder.feed(b"")
        except framing.FramingError as exc:
            log.warning("%s session %d: %s", self.device.name, self.session_id, exc)
            self.close()

    def eof_received(self) -> bool:
        self._queue.put_nowait(None)
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        self._queue.put_nowait(None)
        self.device.detach(self)

    # ----- session ----------------------------------------------------------------------------
    def close(self) -> None:
        """End the session (close-session, kill-session, dropped by a fault)."""
        if self._chan is not None and not self._closed:
            self._closed = True
            self._chan.close()
        self.device.detach(self)

    def abort(self) -> None:
        """Drop the SSH connection without a word, like a crashed mgd or a network cut."""
        if self._chan is not None and not self._closed:
            self._closed = True
            self._chan.get_extra_info("connection").abort()
        self.device.detach(self)

    async def _run(self) -> None:
        while True:
            message = await self._queue.get()
            if message is None or self._closed:
                return
            await self._handle(message)

    def _accept_hello(self, message: bytes) -> None:
        client_caps = framing.hello_capabilities(message)
        self._hello_done = True
        if framing.use_chunked(self._server_caps, client_caps):
            self._chunked = True
            self._decoder.chunked = True

    def _send(self, reply: bytes) -> None:
        if self._closed:
            return
        self._chan.write(framing.encode_chunked(reply) if self._chunked else framing.encode_eom(reply))

    async def _handle(self, message: bytes) -> None:
        started = time.perf_counter()
        self.last_activity = self.device.clock.now()
        try:
            root = etree.fromstring(message, _PARSER)
        except etree.XMLSyntaxError as exc:
            self._send(build_reply([render_error(RpcError("syntax error: %s" % exc, error_tag="malformed-message"))],
                                   None))
            self._log("(malformed)", started, [RpcError("malformed", error_tag="malformed-message")])
            return
        message_id = root.get("message-id")
        prefixed = root.prefix is not None
        operation = next((child for child in root if isinstance(child.tag, str)), None)
        if localname(root) != "rpc" or operation is None:
            bad = localname(root) if localname(root) != "rpc" else "rpc"
            self._reply([render_error(RpcError("syntax error", bad_element=bad))], message_id, prefixed)
            self._log(bad, started, [RpcError("syntax error")])
            return
        name = localname(operation)
        if self.device.faults.rpc_latency_ms:
            await asyncio.sleep(self.device.faults.rpc_latency_ms / 1000.0)
        drop = self._take_drop_fault(name)
        if drop is not None and not drop.get("after"):
            self._log(name, started, None, detail="session dropped by fault")
            self.abort()
            return
        payload, errors = await self._dispatch(name, operation)
        if drop is not None:
            self._log(name, started, errors, detail="session dropped by fault after the RPC ran")
            self.abort()
            return
        self._log(name, started, errors)
        self._reply(payload, message_id, prefixed)
        if name == "close-session" and not errors:
            self.close()

    async def _dispatch(self, name: str, operation: etree._Element) -> tuple[list, list[RpcError]]:
        handler = handler_for(name)
        try:
            if handler is None:
                raise RpcError("syntax error", bad_element=name)
            result = handler(Context(self.device, self, self.lab), operation)
            if inspect.isawaitable(result):
                result = await result
        except RpcError as exc:
            return [render_error(e) for e in exc.all()], exc.all()
        except Exception:  # never a traceback to the client: log it, answer like a failed daemon
            log.exception("%s: RPC %s failed", self.device.name, name)
            error = RpcError("srxsim: internal error while handling <%s>" % name, error_type="application")
            return [render_error(error)], [error]
        if result is None:
            return [ok_element()], []
        items = result if isinstance(result, list) else [result]
        errors = [RpcError(e.findtext("{%s}error-message" % NC_NS) or "", severity=e.findtext(
            "{%s}error-severity" % NC_NS) or "error") for el in items if not isinstance(el, str)
            for e in el.iter("{%s}rpc-error" % NC_NS)]
        return items, [e for e in errors if e.severity == "error"]

    def _reply(self, payload: list, message_id: str | None, prefixed: bool) -> None:
        self._send(build_reply(payload, message_id, prefixed))

    def _take_drop_fault(self, rpc_name: str) -> dict | None:
        for index, fault in enumerate(self.device.faults.drop_session):
            if fault.get("rpc") in (None, "", rpc_name):
                return self.device.faults.drop_session.pop(index)
        return None

    def _log(self, name: str, started: float, errors: list[RpcError] | None, detail: str | None = None) -> None:
        self.device.rpclog.record(
            time=self.device.clock.now(), session=self.session_id, rpc=name,
            duration_ms=(time.perf_counter() - started) * 1000.0, ok=not errors and detail is None,
            errors=[{"tag": e.error_tag, "path": e.path, "element": e.bad_element} for e in errors or []],
            detail=detail)

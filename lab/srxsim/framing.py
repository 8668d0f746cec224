"""NETCONF message framing over SSH: pure functions and a byte-stream decoder.

base:1.0 ends each message with ``]]>]]>`` (RFC 4742); base:1.1 uses chunked
framing (RFC 6242 section 4.2). A session starts in 1.0 framing for the hello
exchange and switches to chunked only when both hellos announce base:1.1.
"""
from __future__ import annotations

import re

from lxml import etree

EOM = b"]]>]]>"
BASE_10 = "urn:ietf:params:netconf:base:1.0"
BASE_11 = "urn:ietf:params:netconf:base:1.1"
MAX_CHUNK = 4294967295
_CHUNK_HEADER = re.compile(rb"\n#([1-9][0-9]{0,9})\n")
_END_OF_CHUNKS = b"\n##\n"


class FramingError(ValueError):
    """The peer broke the framing rules; the session cannot continue."""


def encode_eom(message: bytes) -> bytes:
    """One base:1.0 message, laid out as Junos sends it (newline, ]]>]]>, newline)."""
    return message + b"\n" + EOM + b"\n"


def encode_chunked(message: bytes, chunk_size: int = 65536) -> bytes:
    """One base:1.1 message as chunks of at most chunk_size bytes plus the end marker."""
    if not message:
        raise FramingError("a chunked message needs at least one byte")
    parts = []
    for start in range(0, len(message), chunk_size):
        chunk = message[start:start + chunk_size]
        parts.append(b"\n#%d\n" % len(chunk) + chunk)
    parts.append(_END_OF_CHUNKS)
    return b"".join(parts)


class FrameDecoder:
    """Splits a byte stream into NETCONF messages; ``chunked`` may flip after the hello."""

    def __init__(self, chunked: bool = False):
        self.chunked = chunked
        self._buffer = b""
        self._message = b""

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        messages = []
        while True:
            message = self._next_chunked() if self.chunked else self._next_eom()
            if message is None:
                return messages
            messages.append(message)

    def _next_eom(self) -> bytes | None:
        end = self._buffer.find(EOM)
        if end < 0:
            return None
        message, self._buffer = self._buffer[:end], self._buffer[end + len(EOM):]
        return message.strip()

    def _next_chunked(self) -> bytes | None:
        while True:
            if not self._message:  # tolerate the newline many clients put after the hello's ]]>]]>
                while len(self._buffer) > 1 and self._buffer[:1] in (b"\n", b"\r", b" ") \
                        and not self._buffer.startswith(b"\n#"):
                    self._buffer = self._buffer[1:]
            if len(self._buffer) < 4:
                return None
            if self._buffer.startswith(_END_OF_CHUNKS):
                self._buffer = self._buffer[len(_END_OF_CHUNKS):]
                message, self._message = self._message, b""
                if not message:
                    raise FramingError("end-of-chunks marker without any chunk")
                return message
            if not self._buffer.startswith(b"\n#"):
                raise FramingError("bad chunk header %r" % self._buffer[:16])
            newline = self._buffer.find(b"\n", 2)
            if newline < 0:
                if len(self._buffer) > 13:
                    raise FramingError("bad chunk header %r" % self._buffer[:16])
                return None
            header = _CHUNK_HEADER.match(self._buffer)
            if header is None:
                raise FramingError("bad chunk header %r" % self._buffer[:newline + 1])
            size = int(header.group(1))
            if size > MAX_CHUNK:
                raise FramingError("chunk size %d exceeds the maximum" % size)
            start = header.end()
            if len(self._buffer) < start + size:
                return None
            self._message += self._buffer[start:start + size]
            self._buffer = self._buffer[start + size:]


def hello_capabilities(message: bytes) -> list[str]:
    """Capabilities of a client hello; prefix-agnostic (ncclient sends ``<nc:hello>``)."""
    try:
        root = etree.fromstring(message, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise FramingError("the client hello is not well-formed XML: %s" % exc) from exc
    if etree.QName(root).localname != "hello":
        raise FramingError("expected <hello>, got <%s>" % etree.QName(root).localname)
    return [(el.text or "").strip() for el in root.iter() if etree.QName(el).localname == "capability"]


def use_chunked(server_capabilities: list[str], client_capabilities: list[str]) -> bool:
    """RFC 6242: chunked framing iff both peers announce base:1.1."""
    return BASE_11 in server_capabilities and BASE_11 in client_capabilities

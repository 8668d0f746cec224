"""Control API of a running lab: JSON lines over a unix socket in the state dir.

    @register("link")
    def link(lab, name, state): ... return {"link": name, "state": state}

A request is ``{"name": ..., "params": {...}}``; the answer is
``{"ok": true, "result": {...}}`` or ``{"ok": false, "error": "..."}``.
Handlers run in the lab's event loop and may be coroutines. Unix socket
paths are limited to ~107 bytes, so a deep state dir uses an abstract socket
whose name derives from the state dir (both sides compute it).
"""
from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import logging
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from srxsim.lab import Lab

log = logging.getLogger(__name__)
SOCKET_NAME = "control.sock"
_MAX_PATH = 100
_HANDLERS: dict[str, Callable[..., Any]] = {}


class ControlError(Exception):
    """A control request failed; the message is for the user."""


def register(name: str) -> Callable:
    def decorate(handler: Callable) -> Callable:
        if name in _HANDLERS and _HANDLERS[name] is not handler:
            raise ValueError("control %r is registered twice" % name)
        _HANDLERS[name] = handler
        return handler
    return decorate


def names() -> list[str]:
    return sorted(_HANDLERS)


def socket_address(state_dir: Path) -> str:
    path = str(Path(state_dir).resolve() / SOCKET_NAME)
    if len(path) < _MAX_PATH:
        return path
    return "\0srxsim-" + hashlib.sha256(path.encode()).hexdigest()[:24]


def remove_socket(state_dir: Path) -> None:
    address = socket_address(state_dir)
    if not address.startswith("\0"):
        Path(address).unlink(missing_ok=True)


async def serve(lab: "Lab") -> asyncio.AbstractServer:
    address = socket_address(lab.state_dir)
    remove_socket(lab.state_dir)
    return await asyncio.start_unix_server(lambda r, w: _client(lab, r, w), path=address)


async def _client(lab: "Lab", reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while line := await reader.readline():
            answer = await _answer(lab, line)
            writer.write(json.dumps(answer).encode() + b"\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
        pass  # client gone, or the lab is stopping
    finally:
        writer.close()


async def _answer(lab: "Lab", line: bytes) -> dict:
    try:
        request = json.loads(line)
        name, params = request["name"], request.get("params") or {}
    except (ValueError, KeyError, TypeError):
        return {"ok": False, "error": "bad control request: expected {\"name\": ..., \"params\": {...}}"}
    handler = _HANDLERS.get(name)
    if handler is None:
        return {"ok": False, "error": "unknown control %r (known: %s)" % (name, ", ".join(names()))}
    signature = inspect.signature(handler)
    try:
        signature.bind(lab, **params)
    except TypeError as exc:
        accepted = ", ".join("--" + p.replace("_", "-") for p in list(signature.parameters)[1:])
        return {"ok": False, "error": "control %s: %s (parameters: %s)" % (name, exc, accepted or "none")}
    try:
        result = handler(lab, **params)
        if inspect.isawaitable(result):
            result = await result
    except (ControlError, KeyError, ValueError, TypeError) as exc:
        return {"ok": False, "error": str(exc.args[0]) if exc.args else str(exc)}
    except Exception as exc:  # report, don't crash the lab
        log.exception("control %s failed", name)
        return {"ok": False, "error": "control %s failed: %s" % (name, exc)}
    return {"ok": True, "result": result if result is not None else {}}


def request(state_dir: Path, name: str, timeout: float = 30.0, **params: Any) -> dict:
    """Blocking client call: the result dict, or ControlError with the lab's message."""
    address = socket_address(state_dir)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(address)
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise ControlError("no lab is running with state dir %s" % state_dir) from exc
        sock.sendall(json.dumps({"name": name, "params": params}).encode() + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                raise ControlError("the lab closed the control connection (state dir %s)" % state_dir)
            data += chunk
    answer = json.loads(data)
    if not answer.get("ok"):
        raise ControlError(answer.get("error", "control request failed"))
    return answer["result"]

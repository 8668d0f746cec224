"""Python API for tests and benchmarks: a lab started with the real `srxsim up`.

    with running_lab("lab/topologies/seed004.yml", tmp_path / "lab") as lab:
        lab.devices["site-a"]          # {host, port, username, password}
        lab.fault("site-a", "commit-fail", message="disk full")
        lab.config("site-a", fmt="set")  # read over NETCONF
        lab.rpc_log("site-a"), lab.commits("site-a")
"""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import yaml

from srxsim import control, framing
from srxsim.history import read_summaries
from srxsim.rpclog import read_log


LAB_PASSWORD = "srxsim-lab-Passw0rd"
ROOT_HASH = "$6$srxsimlab$aybXBNRvIGuqm0o01U1J.GrMzQqLxVDRtBvcdjdO/I.Q5pUuUpoLZ5AxK64PtqThXm.uJutVl5pgE//A2qNVb."


def base_config(hostname: str) -> str:
    """The smallest configuration a vSRX commits: host name, root password, NETCONF."""
    return ("set system host-name %s\n"
            "set system root-authentication encrypted-password \"%s\"\n"
            "set system services netconf ssh\n" % (hostname, ROOT_HASH))


def write_topology(path: str | Path, devices: dict[str, str] | list[str], commit_seconds: float = 0.0,
                   name: str = "test", networks: dict | None = None) -> Path:
    """A topology file for tests: {device: extra set lines} (or a list of names), base config added."""
    if not isinstance(devices, dict):
        devices = {device: "" for device in devices}
    data = {
        "name": name,
        "defaults": {"username": "netconf", "password": LAB_PASSWORD, "commit_seconds": commit_seconds},
        "devices": {device: {"interfaces": {"ge-0/0/0": {}, "ge-0/0/1": {}, "fxp0": {}},
                             "config": base_config(device) + extra}
                    for device, extra in devices.items()},
        "networks": networks or {},
    }
    path = Path(path)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


class RawNetconf:
    """A byte-level NETCONF client (paramiko) for tests that check exact framing and replies."""

    def __init__(self, entry: dict, capabilities: tuple[str, ...] = (framing.BASE_10,)):
        import paramiko

        self._client = paramiko.SSHClient()
        self._client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        self._client.connect(entry["host"], entry["port"], entry["username"], entry["password"],
                             look_for_keys=False, allow_agent=False, timeout=30)
        self.channel = self._client.get_transport().open_session()
        self.channel.settimeout(30)
        self.channel.invoke_subsystem("netconf")
        self._decoder = framing.FrameDecoder()
        self._raw = b""
        self._pending: list[bytes] = []
        self.hello_raw = self._read_until_eom()
        caps = "".join("<capability>%s</capability>" % c for c in capabilities)
        self.channel.sendall(framing.encode_eom(
            ('<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities>%s</capabilities></hello>'
             % caps).encode()))
        server_caps = framing.hello_capabilities(self.hello_raw[:-len(framing.EOM)])
        self.chunked = framing.use_chunked(server_caps, list(capabilities))
        self._decoder.chunked = self.chunked

    def _read_until_eom(self) -> bytes:
        while framing.EOM not in self._raw:
            data = self.channel.recv(65536)
            if not data:
                raise ConnectionError("the server closed the session")
            self._raw += data
        end = self._raw.index(framing.EOM) + len(framing.EOM)
        message, self._raw = self._raw[:end], self._raw[end:]
        return message

    def send_raw(self, data: bytes) -> None:
        self.channel.sendall(data)

    def rpc(self, body: str, message_id: str = "101") -> bytes:
        """Send one <rpc> (base:1.0 or chunked, as agreed) and return the reply's bytes."""
        message = ('<nc:rpc xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="%s">%s</nc:rpc>'
                   % (message_id, body)).encode()
        self.send_raw(framing.encode_chunked(message) if self.chunked else framing.encode_eom(message))
        return self.receive()

    def receive(self) -> bytes:
        if self._pending:
            return self._pending.pop(0)
        pending = self._decoder.feed(self._raw)
        self._raw = b""
        while not pending:
            data = self.channel.recv(65536)
            if not data:
                raise ConnectionError("the server closed the session")
            pending = self._decoder.feed(data)
        self._pending.extend(pending[1:])
        return pending[0]

    def close(self) -> None:
        self._client.close()


class LabError(RuntimeError):
    """`srxsim up`/`down` failed; the message carries its output."""


class RunningLab:
    def __init__(self, state_dir: Path):
        self.state_dir = Path(state_dir).resolve()
        self.inventory = self.state_dir / "inventory.yml"
        self.devices: dict[str, dict] = json.loads((self.state_dir / "devices.json").read_text())

    def _device_dir(self, device: str) -> Path:
        if device not in self.devices:
            raise KeyError("no device %r in this lab (devices: %s)" % (device, ", ".join(sorted(self.devices))))
        return self.state_dir / "devices" / device

    def rpc_log(self, device: str) -> list[dict]:
        """Every RPC the device answered: time, session, rpc, duration_ms, ok (+ errors)."""
        return read_log(self._device_dir(device) / "rpc-log.jsonl")

    def rpc_names(self, device: str) -> list[str]:
        return [entry["rpc"] for entry in self.rpc_log(device)]

    def commits(self, device: str) -> list[dict]:
        """Commit history, newest first: rollback, time, timestamp, user, client, log, confirmed_minutes."""
        return read_summaries(self._device_dir(device) / "commits.json")

    def control(self, name: str, **params: Any) -> dict:
        return control.request(self.state_dir, name, **params)

    def fault(self, device: str, kind: str, **params: Any) -> dict:
        self._device_dir(device)
        return self.control(kind, device=device, **params)

    def advance_clock(self, seconds: float) -> dict:
        return self.control("clock", advance=seconds)

    def connect(self, device: str, **kwargs: Any):
        """An ncclient manager (junos handler) on the device; close it (or use `with`)."""
        from ncclient import manager

        entry = self.devices[device]
        options = dict(host=entry["host"], port=entry["port"], username=entry["username"],
                       password=entry["password"], hostkey_verify=False, look_for_keys=False,
                       allow_agent=False, device_params={"name": "junos"}, timeout=60)
        options.update(kwargs)
        return manager.connect(**options)

    def config(self, device: str, fmt: str = "set", database: str = "committed") -> str:
        """The device's configuration read over NETCONF (set, text, json or xml as a string)."""
        from lxml import etree

        with self.connect(device) as conn:
            reply = conn.rpc(etree.fromstring(
                '<get-configuration database="%s" format="%s"/>' % (database, fmt)))
        root = etree.fromstring(reply.tostring)  # the junos handler's reply, namespaces stripped
        if fmt == "xml":
            found = next(root.iter("configuration"), None)
            return etree.tostring(found, encoding="unicode") if found is not None else ""
        if fmt == "json":
            return (root.text or "").strip()
        tag = {"set": "configuration-set", "text": "configuration-text"}[fmt]
        found = next(root.iter(tag), None)
        return found.text if found is not None and found.text else ""


def _srxsim(*args: str, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "srxsim", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


@contextlib.contextmanager
def inprocess_lab(topology_path: str | Path, state_dir: str | Path) -> Iterator[RunningLab]:
    """The same lab in a thread of this process: quicker to start, for the lab's own tests.

    Clients still talk to it over SSH and the control socket exactly as with `srxsim up`.
    """
    import asyncio
    import threading

    from srxsim.lab import Lab
    from srxsim.topology import load_topology

    topology = load_topology(topology_path)
    loop = asyncio.new_event_loop()
    lab = Lab(topology, Path(state_dir))
    thread = threading.Thread(target=loop.run_forever, name="srxsim-lab", daemon=True)
    thread.start()
    try:
        asyncio.run_coroutine_threadsafe(lab.start(), loop).result(timeout=60)
        lab.write_lab_file()
        yield RunningLab(Path(state_dir))
    finally:
        async def shutdown() -> None:
            await lab.stop()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout=60)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


@contextlib.contextmanager
def running_lab(topology_path: str | Path, state_dir: str | Path, timeout: float = 60.0) -> Iterator[RunningLab]:
    """Start `srxsim up` for the topology, yield a RunningLab, always `srxsim down` on exit."""
    state_dir = Path(state_dir)
    up = _srxsim("up", str(topology_path), "--state-dir", str(state_dir), "--timeout", str(timeout),
                 timeout=timeout + 30)
    if up.returncode != 0:
        _srxsim("down", "--state-dir", str(state_dir), timeout=30)
        raise LabError("srxsim up %s failed (rc %d): %s%s" % (topology_path, up.returncode, up.stdout, up.stderr))
    try:
        yield RunningLab(state_dir)
    finally:
        down = _srxsim("down", "--state-dir", str(state_dir), timeout=60)
        if down.returncode != 0:
            raise LabError("srxsim down failed (rc %d): %s%s" % (down.returncode, down.stdout, down.stderr))

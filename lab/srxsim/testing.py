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

from srxsim import control
from srxsim.history import read_summaries
from srxsim.rpclog import read_log


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

"""The lab process: every device of a topology in one asyncio loop.

Other parts of the lab hook in through this object:
``lab.devices`` (name -> Device), ``lab.clock``, ``lab.topology`` (with the raw
``networks``), ``lab.state_dir`` and ``lab.subscribe(callback)``: callback(device)
runs after every change of a device's committed configuration.
A ``srxsim.network`` package, when present, is imported before the devices
start (its imports register RPCs and controls); if it defines
``attach(lab)``, that is called once the lab exists.
"""
from __future__ import annotations

import asyncio
import importlib
import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from srxsim import control, inventory, server
from srxsim.clock import Clock
from srxsim.device import Device
from srxsim.topology import Topology

log = logging.getLogger(__name__)
TICK_SECONDS = 0.2
ORPHAN_CHECK_TICKS = 25
LAB_FILE = "lab.json"


def load_plugins() -> list:
    """Import the optional srxsim.network package, and the lab's own RPC modules."""
    importlib.import_module("srxsim.rpcs_config")
    importlib.import_module("srxsim.rpcs_show")
    importlib.import_module("srxsim.faults")
    try:
        return [importlib.import_module("srxsim.network")]
    except ModuleNotFoundError as exc:
        if exc.name != "srxsim.network":
            raise
        return []


class Lab:
    def __init__(self, topology: Topology, state_dir: Path, clock: Clock | None = None):
        self.topology = topology
        self.state_dir = Path(state_dir).resolve()
        self.clock = clock or Clock()
        self.devices: dict[str, Device] = {}
        self.endpoints: dict[str, tuple[str, int]] = {}
        self._subscribers: list[Callable[[Device], None]] = []
        self._acceptors: list = []
        self._control_server: asyncio.AbstractServer | None = None
        self._ticker: asyncio.Task | None = None
        self._lab_file_written = False
        self.stopped = asyncio.Event()

    def subscribe(self, callback: Callable[[Device], None]) -> None:
        self._subscribers.append(callback)

    def _committed(self, device: Device) -> None:
        for callback in list(self._subscribers):
            try:
                callback(device)
            except Exception:  # a broken subscriber must not undo a commit
                log.exception("commit subscriber failed for %s", device.name)

    def device(self, name: str) -> Device:
        try:
            return self.devices[name]
        except KeyError:
            raise KeyError("no device %r in lab %s (devices: %s)"
                           % (name, self.topology.name, ", ".join(sorted(self.devices)))) from None

    async def start(self) -> None:
        plugins = load_plugins()
        authorized_keys = self.state_dir / "authorized_keys"
        for name, settings in self.topology.devices.items():
            device_dir = self.state_dir / "devices" / name
            self.devices[name] = Device(settings, device_dir, self.clock, on_commit=self._committed)
        for plugin in plugins:
            if hasattr(plugin, "attach"):
                plugin.attach(self)
        loop = asyncio.get_running_loop()
        # file writes dominate a 200-device start on a busy disk: do them in parallel threads
        with ThreadPoolExecutor(max_workers=16) as pool:
            keys = await asyncio.gather(*(
                loop.run_in_executor(pool, self._prepare_files, device) for device in self.devices.values()))
        acceptors = await asyncio.gather(*(
            server.listen(self, device, device.settings.host, device.settings.port, key, authorized_keys)
            for device, key in zip(self.devices.values(), keys)))
        for name, acceptor in zip(self.devices, acceptors):
            self._acceptors.append(acceptor)
            self.endpoints[name] = acceptor.sockets[0].getsockname()[:2]
        inventory.write(self)
        self._control_server = await control.serve(self)
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    def _prepare_files(self, device: Device):
        """Save a new device's first history entry; return its host key (made on first start)."""
        if not device.history.path.exists():
            device.history.save()
        return server.host_key(self.state_dir / "devices" / device.name / "ssh_host_ed25519_key")

    async def _tick(self) -> None:
        ticks = 0
        while True:
            self.clock.run_due()
            ticks += 1
            if self._lab_file_written and ticks % ORPHAN_CHECK_TICKS == 0 \
                    and not (self.state_dir / LAB_FILE).exists():
                # the state dir was removed (e.g. pytest pruned an old tmp dir): nobody can reach us
                log.warning("lab %s: %s is gone, stopping", self.topology.name, self.state_dir / LAB_FILE)
                asyncio.ensure_future(self.stop())
                return
            await asyncio.sleep(TICK_SECONDS)

    def write_lab_file(self) -> None:
        data = {"pid": os.getpid(), "name": self.topology.name, "started": time.time(),
                "topology": str(self.topology.path) if self.topology.path else None,
                "control": control.socket_address(self.state_dir)}
        tmp = self.state_dir / (LAB_FILE + ".tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, self.state_dir / LAB_FILE)
        self._lab_file_written = True

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        for acceptor in self._acceptors:
            acceptor.close()
        for device in self.devices.values():
            for session in list(device.sessions.values()):
                session.close()
            device.close()
        if self._control_server is not None:
            self._control_server.close()
        control.remove_socket(self.state_dir)
        (self.state_dir / LAB_FILE).unlink(missing_ok=True)
        self.stopped.set()

    def status(self) -> dict:
        return {
            "name": self.topology.name, "pid": os.getpid(), "clock": self.clock.now(),
            "clock_offset": self.clock.offset,
            "devices": {
                name: {"host": self.endpoints[name][0], "port": self.endpoints[name][1],
                       "hostname": device.hostname, "sessions": sorted(device.sessions),
                       "lock_holder": device.lock_holder.session_id if device.lock_holder else None,
                       "commits": len(device.history.records), "rollback_pending": device.rollback_pending(),
                       "faults": device.faults.as_dict(), "commit_seconds": device.commit_seconds}
                for name, device in self.devices.items()},
        }

"""Topology file: devices (interfaces, initial config, credentials) and raw networks.

Format (documented in lab/README.md)::

    name: seed004
    defaults: {username: netconf, password: ..., commit_seconds: 0.0, rpc_latency_ms: 0}
    devices:
      site-a:
        interfaces: {ge-0/0/0: {network: internet}, fxp0: {}}
        config: |
          set system host-name site-a
    networks: {...}        # kept raw; srxsim.network gives it meaning
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import yaml

from srxsim.device import DEFAULT_COMMIT_SECONDS, DeviceSettings

DEFAULT_USERNAME = "netconf"
DEFAULT_PASSWORD = "srxsim-lab-Passw0rd"
_DEVICE_KEYS = {"interfaces", "config", "username", "password", "commit_seconds", "rpc_latency_ms", "host", "port"}
_DEFAULT_KEYS = {"username", "password", "commit_seconds", "rpc_latency_ms", "host"}
_INTERFACE = re.compile(r"^(ge|xe|et|fe)-\d+/\d+/\d+$|^(fxp|lo|st|em|reth)\d+$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


class TopologyError(ValueError):
    """The topology file is wrong; the message names the file and the field."""


@dataclasses.dataclass
class Topology:
    name: str
    path: Path | None
    devices: dict[str, DeviceSettings]
    networks: dict[str, Any]
    raw: dict[str, Any]


def load_topology(path: str | Path) -> Topology:
    path = Path(path)
    try:
        data = yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise TopologyError("%s: cannot read the topology: %s" % (path, exc.strerror)) from exc
    except yaml.YAMLError as exc:
        raise TopologyError("%s: not valid YAML: %s" % (path, exc)) from exc
    return parse_topology(data, path)


def parse_topology(data: Any, path: Path | None = None) -> Topology:
    where = str(path) if path else "topology"
    if not isinstance(data, dict):
        raise TopologyError("%s: the top level must be a mapping" % where)
    unknown = set(data) - {"name", "defaults", "devices", "networks", "description"}
    if unknown:
        raise TopologyError("%s: unknown top-level key(s): %s" % (where, ", ".join(sorted(unknown))))
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or set(defaults) - _DEFAULT_KEYS:
        raise TopologyError("%s: defaults accepts only %s" % (where, ", ".join(sorted(_DEFAULT_KEYS))))
    devices_in = data.get("devices")
    if not isinstance(devices_in, dict) or not devices_in:
        raise TopologyError("%s: 'devices' must map at least one device name to its settings" % where)
    networks = data.get("networks") or {}
    if not isinstance(networks, dict):
        raise TopologyError("%s: 'networks' must be a mapping" % where)
    devices = {}
    for name, spec in devices_in.items():
        devices[str(name)] = _device(where, str(name), spec or {}, defaults, networks)
    return Topology(str(data.get("name") or (path.stem if path else "lab")), path, devices, networks, data)


def _device(where: str, name: str, spec: Any, defaults: dict, networks: dict) -> DeviceSettings:
    here = "%s: device %s" % (where, name)
    if not _NAME.match(name):
        raise TopologyError("%s: the name must be letters, digits, '-', '_' or '.'" % here)
    if not isinstance(spec, dict):
        raise TopologyError("%s: settings must be a mapping" % here)
    unknown = set(spec) - _DEVICE_KEYS
    if unknown:
        raise TopologyError("%s: unknown key(s): %s" % (here, ", ".join(sorted(unknown))))
    interfaces = spec.get("interfaces") or {}
    if not isinstance(interfaces, dict):
        raise TopologyError("%s: 'interfaces' must map interface names to settings" % here)
    for ifname, ifspec in interfaces.items():
        if not _INTERFACE.match(str(ifname)):
            raise TopologyError("%s: interface %r is not a vSRX interface name (ge-0/0/N, fxp0, ...)"
                                % (here, ifname))
        network = (ifspec or {}).get("network") if isinstance(ifspec, (dict, type(None))) else None
        if ifspec is not None and not isinstance(ifspec, dict):
            raise TopologyError("%s: interface %s: settings must be a mapping" % (here, ifname))
        if network is not None and network not in networks:
            raise TopologyError("%s: interface %s: network %r is not defined under 'networks'"
                                % (here, ifname, network))
    merged = {**defaults, **spec}
    try:
        commit_seconds = float(merged.get("commit_seconds", DEFAULT_COMMIT_SECONDS))
        latency = float(merged.get("rpc_latency_ms", 0))
        port = int(merged.get("port", 0))
    except (TypeError, ValueError) as exc:
        raise TopologyError("%s: commit_seconds, rpc_latency_ms and port must be numbers (%s)" % (here, exc)) from exc
    if commit_seconds < 0 or latency < 0 or not 0 <= port <= 65535:
        raise TopologyError("%s: commit_seconds and rpc_latency_ms must be >= 0, port 0-65535" % here)
    host = str(merged.get("host", "127.0.0.1"))
    if not host.startswith("127."):
        raise TopologyError("%s: host %s is not a loopback address (the lab binds 127.0.0.0/8 only)" % (here, host))
    config = spec.get("config") or ""
    if not isinstance(config, str):
        raise TopologyError("%s: 'config' must be a block of Junos set (or curly-brace) text" % here)
    return DeviceSettings(
        name=name, username=str(merged.get("username", DEFAULT_USERNAME)),
        password=str(merged.get("password", DEFAULT_PASSWORD)),
        interfaces={str(k): dict(v or {}) for k, v in interfaces.items()}, initial_config=config,
        commit_seconds=commit_seconds, rpc_latency_ms=latency, host=host, port=port)

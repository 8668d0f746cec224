"""The lab's underlay: which device interfaces sit on which network, and which networks reach
each other. Built from the topology's `networks` section (format in lab/README.md, "Simulated network").

Kinds:
  internet  all attached public addresses reach each other (a root; never fails)
  access    an ISP link/uplink hanging off `uplink` (default: the first internet); `srxsim fault
            link NAME down` cuts everything below it
  nat       like access, but traffic leaving through it appears from `public` (source NAT, so
            NAT-T matters); nothing can open a connection towards the inside
  lan       a LAN segment with `hosts: {name: address}` (hosts that can ping); never routed upward
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

KINDS = ("internet", "access", "nat", "lan")


class TopologyError(ValueError):
    """A topology `networks` section that cannot be used; the message names the field."""


@dataclass
class Network:
    name: str
    kind: str
    uplink: str | None = None
    public: str | None = None
    hosts: dict[str, ipaddress.IPv4Address] = field(default_factory=dict)
    up: bool = True


@dataclass(frozen=True)
class Path:
    reachable: bool
    source_seen: str | None = None  # source address as the far end sees it
    nat: bool = False
    reason: str = ""


class Underlay:
    def __init__(self, networks: dict[str, Network], attachments: dict[tuple[str, str], str]):
        self.networks = networks
        self.attachments = attachments  # (device, ifd) -> network name
        self.version = 0  # bumped on every link change, so callers can cache

    @classmethod
    def from_topology(cls, topology: dict | None) -> "Underlay":
        topology = topology or {}
        networks: dict[str, Network] = {}
        for name, spec in (topology.get("networks") or {}).items():
            spec = spec or {}
            kind = spec.get("kind", "internet")
            if kind not in KINDS:
                raise TopologyError(f"networks.{name}.kind: {kind!r} is not one of {', '.join(KINDS)}")
            hosts = {}
            for host, addr in (spec.get("hosts") or {}).items():
                try:
                    hosts[host] = ipaddress.IPv4Address(str(addr))
                except ValueError as exc:
                    raise TopologyError(f"networks.{name}.hosts.{host}: {exc}") from None
            networks[name] = Network(name, kind, spec.get("uplink"), spec.get("public"), hosts)
        roots = [n.name for n in networks.values() if n.kind == "internet"]
        for net in networks.values():
            if net.kind in ("access", "nat") and net.uplink is None:
                if not roots:
                    raise TopologyError(f"networks.{net.name}.uplink: required (no internet network)")
                net.uplink = roots[0]
            if net.uplink is not None and net.uplink not in networks:
                raise TopologyError(f"networks.{net.name}.uplink: unknown network {net.uplink!r}")
            if net.kind == "nat":
                try:
                    ipaddress.IPv4Address(str(net.public))
                except ValueError:
                    raise TopologyError(f"networks.{net.name}.public: a NAT network needs a public IPv4 "
                                        f"address, got {net.public!r}") from None
        attachments = {}
        for dev_name, dev in (topology.get("devices") or {}).items():
            for ifd, spec in _interfaces_of(dev):
                net = (spec or {}).get("network")
                if net is None:
                    continue
                if net not in networks:
                    raise TopologyError(f"devices.{dev_name}.interfaces.{ifd}.network: unknown network {net!r}")
                attachments[(dev_name, ifd)] = net
        return cls(networks, attachments)

    @classmethod
    def flat(cls, interfaces: dict[str, list[str]]) -> "Underlay":
        """Every listed device interface on one internet: for checking configurations alone."""
        attachments = {(device, ifd): "internet" for device, ifds in interfaces.items() for ifd in ifds}
        return cls({"internet": Network("internet", "internet")}, attachments)

    def set_link(self, name: str, up: bool) -> None:
        if name not in self.networks:
            raise TopologyError(f"unknown link {name!r}; known: {', '.join(sorted(self.networks))}")
        self.networks[name].up = up
        self.version += 1

    def network_of(self, device: str, ifl: str) -> str | None:
        return self.attachments.get((device, ifl.split(".")[0]))

    def _chain(self, name: str) -> list[Network]:
        chain, seen = [], set()
        while name is not None and name not in seen:
            seen.add(name)
            net = self.networks[name]
            chain.append(net)
            name = net.uplink if net.kind != "lan" else None
        return chain

    def path(self, src_net: str | None, src_addr: str, dst_net: str | None, dst_addr: str) -> Path:
        """Can src_addr (on src_net) open a conversation with dst_addr (on dst_net)?"""
        if src_net is None or dst_net is None:
            side = "source" if src_net is None else "destination"
            return Path(False, reason=f"{side} interface is not attached to any lab network")
        up_chain, down_chain = self._chain(src_net), self._chain(dst_net)
        down_names = [n.name for n in down_chain]
        meet = next((i for i, n in enumerate(up_chain) if n.name in down_names), None)
        if meet is None:
            return Path(False, reason=f"networks {src_net} and {dst_net} are not connected")
        legs = up_chain[:meet + 1] + down_chain[:down_names.index(up_chain[meet].name)]
        down = [n.name for n in legs if not n.up]
        if down:
            return Path(False, reason=f"link {down[0]} is down")
        if any(n.kind == "nat" for n in down_chain[:down_names.index(up_chain[meet].name)]):
            return Path(False, reason=f"{dst_addr} is behind NAT ({dst_net}) and cannot be reached from outside")
        nat = next((n for n in up_chain[:meet] if n.kind == "nat"), None)
        if nat is not None:
            return Path(True, str(nat.public), True)
        return Path(True, src_addr, False)

    def lan_hosts(self) -> dict[str, tuple[str, ipaddress.IPv4Address]]:
        """host name -> (lan network, address)"""
        return {h: (n.name, a) for n in self.networks.values() for h, a in n.hosts.items()}


def _interfaces_of(dev: dict) -> list[tuple[str, dict]]:
    ifaces = (dev or {}).get("interfaces") or {}
    if isinstance(ifaces, dict):
        return list(ifaces.items())
    return [(i.get("name"), i) for i in ifaces]

"""Lab-wide IKE/IPsec state: who has which SA, which tunnels are inactive and why, st0 link state,
counters and the kmd log. Recomputed after every commit and underlay change; advanced by the lab
clock (DPD / vpn-monitor detection, rekeys)."""
from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field

from lxml import etree

from . import kmdlog
from .model import DeviceConfig, Selector, parse_config
from .negotiate import Endpoint, Verdict, address_index, negotiate
from .underlay import Underlay

TUNNEL_INDEX_BASE = 131073  # Junos numbers route-based tunnels from 0x20001 (see genuine samples)
KMD_LOG_LINES = 500


@dataclass
class IkeSa:
    """An IKE SA between two gateways; the VPNs over the same pair of gateways share it."""
    ends: frozenset              # {(device, gateway), (device, gateway)}
    initiator_device: str
    indexes: tuple[int, int]     # each end numbers its IKE SAs itself (initiator, responder)
    cookies: tuple[str, str]
    since: float
    lifetime: int


@dataclass
class Sa:
    """One established tunnel: an IPsec SA pair over an (possibly shared) IKE SA."""
    initiator: tuple[str, str]   # (device, vpn)
    responder: tuple[str, str]
    verdict: Verdict             # from the initiator's point of view
    signature: tuple
    ike: IkeSa
    spis: tuple[str, str]        # first selector's (initiator->responder, responder->initiator)
    ipsec_since: float
    serials: tuple[int, int]     # config serials of both devices when negotiated
    lost_at: float | None = None  # underlay broke; the SA lingers until DPD/monitor/lifetime notice
    rekeys: int = 0

    @property
    def cookies(self) -> tuple[str, str]:
        return self.ike.cookies

    def ike_index(self, device: str) -> int:
        return self.ike.indexes[0] if device == self.ike.initiator_device else self.ike.indexes[1]

    def side(self, device: str, vpn: str) -> str:
        return "initiator" if (device, vpn) == self.initiator else "responder"

    def endpoints(self, device: str, vpn: str) -> tuple[Endpoint, Endpoint]:
        v = self.verdict
        return (v.local, v.remote) if (device, vpn) == self.initiator else (v.remote, v.local)

    def selectors(self, device: str, vpn: str) -> list[Selector]:
        if (device, vpn) == self.initiator:
            return list(self.verdict.selectors)
        return [Selector(s.name, s.remote, s.local) for s in self.verdict.selectors]

    def _spi_pair(self, selector: int) -> tuple[str, str]:
        """Junos negotiates one IPsec SA pair per traffic selector; the pairs after the first
        derive from the first, so a rekey renews them all."""
        if selector == 0:
            return self.spis
        return _hex(f"{self.spis[0]}/{selector}", 8), _hex(f"{self.spis[1]}/{selector}", 8)

    def spi_out(self, device: str, vpn: str, selector: int = 0) -> str:
        pair = self._spi_pair(selector)
        return pair[0] if (device, vpn) == self.initiator else pair[1]

    def spi_in(self, device: str, vpn: str, selector: int = 0) -> str:
        pair = self._spi_pair(selector)
        return pair[1] if (device, vpn) == self.initiator else pair[0]


@dataclass(frozen=True)
class Tunnel:
    """One IPsec SA pair as one device sees it: a VPN has one per negotiated traffic selector."""
    vpn: str
    sa: Sa
    selector: Selector
    index: int                   # its tunnel index (sa-tunnel-index)
    spi_in: str
    spi_out: str


@dataclass
class IkeOnly:
    """Phase 1 succeeded, phase 2 did not: Junos shows the IKE SA UP and no IPsec SA."""
    initiator: tuple[str, str]
    verdict: Verdict
    ike_indexes: tuple[int, int]
    cookies: tuple[str, str]
    since: float

    @property
    def ends(self) -> frozenset:
        v = self.verdict
        return frozenset({(v.local.device, v.local.gateway), (v.remote.device, v.remote.gateway)})


@dataclass(frozen=True)
class IkeView:
    """One IKE SA as one device sees it (for the IKE operational replies)."""
    vpn: str | None
    role: str
    local: Endpoint
    remote: Endpoint
    index: int
    cookies: tuple[str, str]
    verdict: Verdict
    expires_in: int


@dataclass
class Inactive:
    device: str
    vpn: str
    verdict: Verdict
    since: float
    times: int = 1


@dataclass
class Counters:
    encrypted_bytes: int = 0
    decrypted_bytes: int = 0
    encrypted_packets: int = 0
    decrypted_packets: int = 0
    st0_in: dict[str, int] = field(default_factory=dict)
    st0_out: dict[str, int] = field(default_factory=dict)


def _hex(seed: str, width: int) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:width].lstrip("0") or "1"


class NetworkState:
    def __init__(self, underlay: Underlay, now=lambda: 0.0):
        self.underlay = underlay
        self.now = now
        self.configs: dict[str, DeviceConfig] = {}
        self.serials: dict[str, int] = {}
        self.sas: dict[tuple[str, str], Sa] = {}          # both ends map to the same Sa
        self.inactive: dict[tuple[str, str], Inactive] = {}
        self.triggered: set[tuple[str, str]] = set()      # on-traffic VPNs that saw a packet
        self.ike_only: dict[frozenset, IkeOnly] = {}      # phase-2 failures keep their IKE SA
        self.tunnel_ids: dict[str, dict[str | tuple[str, int], int]] = {}
        self.counters: dict[str, Counters] = {}
        self.kmd: dict[str, list[str]] = {}
        self._ike_index = itertools.count(4211)
        self._generation = itertools.count(1)

    # ----------------------------------------------------------------- inputs
    def set_config(self, device: str, configuration: etree._Element) -> None:
        """A commit on one device: re-read it and renegotiate everything."""
        self.load({device: configuration})

    def load(self, configurations: dict[str, etree._Element]) -> None:
        """Several devices' committed configurations at once (lab start), one recompute."""
        for device, configuration in configurations.items():
            self.configs[device] = parse_config(device, configuration)
            self.serials[device] = self.serials.get(device, 0) + 1
            self.counters.setdefault(device, Counters())
        self.recompute()

    def set_link(self, name: str, up: bool) -> None:
        self.underlay.set_link(name, up)
        self.recompute()

    def trigger(self, device: str, vpn: str) -> bool:
        """A packet hit an on-traffic VPN: negotiate now. True if it came up."""
        self.triggered.add((device, vpn))
        self.recompute()
        return (device, vpn) in self.sas

    # -------------------------------------------------------------- recompute
    def tunnel_index(self, device: str, vpn: str, selector: int = 0) -> int:
        """The VPN's index (its first traffic selector's); each further selector has its own."""
        ids = self.tunnel_ids.setdefault(device, {})
        key = vpn if selector == 0 else (vpn, selector)
        if key not in ids:
            ids[key] = TUNNEL_INDEX_BASE + len(ids)
        return ids[key]

    def log(self, device: str, line: str) -> None:
        dev = self.configs.get(device)
        lines = self.kmd.setdefault(device, [])
        lines.append(kmdlog.stamp(self.now(), dev.host_name if dev else device) + line)
        del lines[:-KMD_LOG_LINES]

    def _wants_up(self, device: str, vpn_name: str) -> bool:
        vpn = self.configs[device].vpns[vpn_name]
        return vpn.establish_immediately or (device, vpn_name) in self.triggered or (device, vpn_name) in self.sas

    def recompute(self) -> None:
        now = self.now()
        self.sync()
        verdicts: dict[tuple[str, str], Verdict] = {}
        index = address_index(self.configs)
        for device in sorted(self.configs):
            for vpn in sorted(self.configs[device].vpns):
                self.tunnel_index(device, vpn)
                verdicts[(device, vpn)] = negotiate(self.configs[device], vpn, self.configs, self.underlay, index)
        paired: dict[tuple[str, str], Sa] = {}
        for sa in self._unique():  # an SA survives while its initiator still negotiates the same result
            v = verdicts.get(sa.initiator)
            if v is not None and v.established and self._peer(v) == sa.responder and self._signature(v) == sa.signature:
                sa.lost_at = None
                sa.serials = (self.serials[sa.initiator[0]], self.serials[sa.responder[0]])
                paired[sa.initiator] = paired[sa.responder] = sa
        for key, v in verdicts.items():
            if not v.established or key in paired or self._peer(v) in paired or not self._wants_up(*key):
                continue
            live = list({id(x): x for x in [*paired.values(), *self.sas.values()]}.values())
            paired[key] = paired[self._peer(v)] = self._establish(key, self._peer(v), v, now, live)
        for sa in self._unique():
            if paired.get(sa.initiator) is sa:
                continue
            if sa.initiator not in paired and sa.responder not in paired and self._lingers(sa, verdicts.get(sa.initiator)):
                sa.lost_at = now if sa.lost_at is None else sa.lost_at
                paired[sa.initiator] = paired[sa.responder] = sa
            else:
                v = verdicts.get(sa.initiator)
                self._tear_down(sa, v.reason if v is not None and v.reason else "configuration changed")
        self.sas = paired
        for key, v in verdicts.items():
            if key in self.sas:
                self.inactive.pop(key, None)
                continue
            if v.established:  # negotiable but on-traffic and not triggered yet
                v = Verdict(False, None, "waiting for traffic (establish-tunnels on-traffic)", 0)
            self._record_failure(key, v, now)
        for key in list(self.inactive):
            if key not in verdicts:
                del self.inactive[key]
        self._phase1_only(verdicts, now)

    def _phase1_only(self, verdicts: dict, now: float) -> None:
        kept: dict[frozenset, IkeOnly] = {}
        for key, v in verdicts.items():
            if v.established or v.phase != 2 or v.remote is None or not self._wants_up(*key):
                continue
            ends = frozenset({(v.local.device, v.local.gateway), (v.remote.device, v.remote.gateway)})
            if ends in kept:
                continue
            old = self.ike_only.get(ends)
            if old is not None and old.verdict.ike_proposal == v.ike_proposal:
                kept[ends] = old
                continue
            seed = f"{sorted(ends)}{next(self._generation)}"
            kept[ends] = IkeOnly(key, v, (next(self._ike_index), next(self._ike_index)),
                                 (_hex(seed + "i", 16).rjust(16, "0"), _hex(seed + "r", 16).rjust(16, "0")), now)
        self.ike_only = kept

    def _lingers(self, sa: Sa, verdict: Verdict | None) -> bool:
        """An SA whose peer vanished from the underlay stays until something notices."""
        if verdict is None or verdict.failure not in ("PEER_UNREACHABLE", "HOST_INBOUND_IKE"):
            return False
        return (self.serials.get(sa.initiator[0]), self.serials.get(sa.responder[0])) == sa.serials

    def _signature(self, v: Verdict) -> tuple:
        return (v.local, v.remote, v.ike_proposal, v.ipsec_proposal, v.pfs, v.selectors, v.port,
                v.ike_lifetime, v.ipsec_lifetime)

    @staticmethod
    def _peer(v: Verdict) -> tuple[str, str]:
        return (v.remote.device, v.remote.vpn)

    def _unique(self) -> list[Sa]:
        return list({id(sa): sa for sa in self.sas.values()}.values())

    def _establish(self, key, peer, v: Verdict, now: float, live: list[Sa]) -> Sa:
        sig = self._signature(v)
        gen = next(self._generation)
        seed = f"{key}{peer}{gen}"
        ends = frozenset({(v.local.device, v.local.gateway), (v.remote.device, v.remote.gateway)})
        ike = next((s.ike for s in live if s.ike.ends == ends and s.verdict.ike_proposal == v.ike_proposal), None)
        if ike is None:
            ike = IkeSa(ends, key[0], (next(self._ike_index), next(self._ike_index)),
                        (_hex(seed + "i", 16).rjust(16, "0"), _hex(seed + "r", 16).rjust(16, "0")), now, v.ike_lifetime)
        sa = Sa(key, peer, v, sig, ike, (_hex(seed + "s1", 8), _hex(seed + "s2", 8)), now,
                (self.serials[key[0]], self.serials[peer[0]]))
        for device, vpn in (key, peer):
            local, remote = sa.endpoints(device, vpn)
            bind = self.configs[device].vpns[vpn].bind_interface
            for t in self.tunnels_of(device, vpn, sa):
                for direction, spi in (("inbound", t.spi_in), ("outbound", t.spi_out)):
                    self.log(device, kmdlog.sa_established(local.address, remote.address, spi, direction,
                                                           t.selector))
                self.log(device, kmdlog.vpn_up(vpn, local.gateway, t.index, bind, local.address, remote.address,
                                               local.identity.value, remote.identity.value))
        return sa

    def _tear_down(self, sa: Sa, reason: str) -> None:
        for device, vpn in (sa.initiator, sa.responder):
            local, remote = sa.endpoints(device, vpn)
            dev = self.configs.get(device)
            bind = dev.vpns[vpn].bind_interface if dev is not None and vpn in dev.vpns else None
            for t in self.tunnels_of(device, vpn, sa):
                self.log(device, kmdlog.vpn_down(vpn, local.gateway, t.index, bind, local.address, remote.address,
                                                 reason))

    def _record_failure(self, key, v: Verdict, now: float) -> None:
        old = self.inactive.get(key)
        if old is not None and old.verdict.failure == v.failure and old.verdict.reason == v.reason:
            return
        self.inactive[key] = Inactive(key[0], key[1], v, now, (old.times + 1) if old else 1)
        if v.failure is None:
            return
        dev = self.configs[key[0]]
        vpn = dev.vpns[key[1]]
        gw = dev.gateways.get(vpn.gateway or "")
        local = v.local.address if v.local else "Not-Available"
        remote = v.remote.address if v.remote else (gw.addresses[0] if gw and gw.addresses else "Not-Available")
        line = kmdlog.negotiation_failed(v, vpn.name, vpn.gateway or "", local, remote, "Initiator")
        self.log(key[0], line)
        if v.remote is not None and v.remote.device in self.configs:
            self.log(v.remote.device, kmdlog.negotiation_failed(v, v.remote.vpn or "Not-Available",
                                                                v.remote.gateway, v.remote.address, local,
                                                                "Responder"))

    # ------------------------------------------------------------------ time
    def detection_delay(self, sa: Sa) -> float | None:
        """Seconds after the underlay broke until an end notices: DPD interval x threshold or
        vpn-monitor interval x threshold, whichever is configured and first; None if neither."""
        delays = []
        for device, vpn in (sa.initiator, sa.responder):
            dev = self.configs.get(device)
            if dev is None or vpn not in dev.vpns:
                continue
            gw = dev.gateways.get(dev.vpns[vpn].gateway or "")
            if gw is not None and gw.dpd is not None:
                delays.append(gw.dpd.interval * gw.dpd.threshold)
            if dev.vpns[vpn].vpn_monitor is not None:
                delays.append(dev.vpn_monitor_interval * dev.vpn_monitor_threshold)
        return min(delays) if delays else None

    def sync(self) -> None:
        """Apply what the clock says has happened: dead peers noticed, SAs expired or rekeyed."""
        now = self.now()
        changed = False
        for sa in self._unique():
            if sa.lost_at is not None:
                delay = self.detection_delay(sa)
                deadline = sa.lost_at + delay if delay is not None else sa.ipsec_since + sa.verdict.ipsec_lifetime
                if now >= deadline:
                    why = "Peer not responding (DPD)" if delay is not None else "SA expired, rekey failed"
                    self._tear_down(sa, why)
                    for key in (sa.initiator, sa.responder):
                        self.sas.pop(key, None)
                        self.inactive[key] = Inactive(key[0], key[1], Verdict(
                            False, "PEER_UNREACHABLE", f"{why}: peer {sa.endpoints(*key)[1].address}", 1), deadline)
                    changed = True
                continue
            while now >= sa.ipsec_since + sa.verdict.ipsec_lifetime > sa.ipsec_since:
                sa.ipsec_since += sa.verdict.ipsec_lifetime
                sa.rekeys += 1
                seed = f"{sa.initiator}{sa.rekeys}spi"
                sa.spis = (_hex(seed + "1", 8), _hex(seed + "2", 8))
                for key in (sa.initiator, sa.responder):
                    self.log(key[0], kmdlog.rekeyed("IPSEC", *[e.address for e in sa.endpoints(*key)]))
        for ike in {id(sa.ike): sa.ike for sa in self._unique()}.values():
            while now >= ike.since + ike.lifetime > ike.since:
                ike.since += ike.lifetime
                ike.indexes = (next(self._ike_index), next(self._ike_index))
                seed = f"{sorted(ike.ends)}{ike.indexes}"
                ike.cookies = (_hex(seed + "i", 16).rjust(16, "0"), _hex(seed + "r", 16).rjust(16, "0"))
                for device, (local, remote) in self._ike_addresses(ike):
                    self.log(device, kmdlog.rekeyed("IKE", local, remote))
        if changed:
            self.recompute()

    def _ike_addresses(self, ike: IkeSa) -> list[tuple[str, tuple[str, str]]]:
        """(device, (local address, remote address)) for both ends of an IKE SA."""
        for sa in self._unique():
            if sa.ike is ike:
                v = sa.verdict
                return [(v.local.device, (v.local.address, v.remote.address)),
                        (v.remote.device, (v.remote.address, v.local.address))]
        return []

    def next_event(self) -> float | None:
        """When sync() next has something to do (a dead peer noticed, an SA rekeyed)."""
        times = []
        for sa in self._unique():
            if sa.lost_at is not None:
                delay = self.detection_delay(sa)
                times.append(sa.lost_at + delay if delay is not None else sa.ipsec_since + sa.verdict.ipsec_lifetime)
            else:
                times.append(sa.ike.since + sa.ike.lifetime)
                times.append(sa.ipsec_since + sa.verdict.ipsec_lifetime)
        return min(times) if times else None

    # ---------------------------------------------------------------- queries
    def sa_for(self, device: str, vpn: str) -> Sa | None:
        return self.sas.get((device, vpn))

    def ike_views(self, device: str) -> list[IkeView]:
        """Every IKE SA this device holds: those under IPsec SAs, then phase-1-only ones."""
        now = self.now()
        views = []
        seen = set()
        for vpn, sa in self.device_sas(device):
            if id(sa.ike) in seen:
                continue
            seen.add(id(sa.ike))
            local, remote = sa.endpoints(device, vpn)
            left = int(sa.ike.since + sa.ike.lifetime - now)
            role = "initiator" if device == sa.ike.initiator_device else "responder"
            views.append(IkeView(vpn, role, local, remote, sa.ike_index(device), sa.cookies, sa.verdict,
                                 max(0, left)))
        for ike in self.ike_only.values():
            v = ike.verdict
            lifetime = max(1, v.ike_lifetime)
            left = lifetime - int(now - ike.since) % lifetime  # rekeys quietly while phase 2 keeps failing
            if v.local.device == device:
                views.append(IkeView(v.local.vpn, "initiator", v.local, v.remote, ike.ike_indexes[0], ike.cookies,
                                     v, left))
            elif v.remote.device == device:
                views.append(IkeView(v.remote.vpn, "responder", v.remote, v.local, ike.ike_indexes[1], ike.cookies,
                                     v, left))
        return views

    def tunnels_of(self, device: str, vpn: str, sa: Sa) -> list[Tunnel]:
        return [Tunnel(vpn, sa, sel, self.tunnel_index(device, vpn, k), sa.spi_in(device, vpn, k),
                       sa.spi_out(device, vpn, k)) for k, sel in enumerate(sa.selectors(device, vpn))]

    def device_tunnels(self, device: str) -> list[Tunnel]:
        """Every IPsec SA pair of a device, by tunnel index."""
        tunnels = [t for vpn, sa in self.device_sas(device) for t in self.tunnels_of(device, vpn, sa)]
        return sorted(tunnels, key=lambda t: t.index)

    def device_sas(self, device: str) -> list[tuple[str, Sa]]:
        return sorted(((vpn, sa) for (dev, vpn), sa in self.sas.items() if dev == device),
                      key=lambda x: self.tunnel_index(device, x[0]))

    def st0_up(self, device: str, ifl: str) -> bool:
        """st0.N is up while a VPN bound to it has an SA; an on-traffic VPN keeps it up until it
        fails, so that routes through it stay active and traffic can trigger negotiation."""
        dev = self.configs.get(device)
        if dev is None:
            return False
        for vpn in dev.vpns.values():
            if vpn.bind_interface != ifl:
                continue
            if (device, vpn.name) in self.sas:
                return True
            pending = self.inactive.get((device, vpn.name))
            if not vpn.establish_immediately and pending is not None and pending.verdict.failure is None:
                return True
        return False

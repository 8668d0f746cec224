"""Packet walk for pings: route lookup, zones, security policies, IPsec encapsulation into the SA
whose selectors match, decapsulation and the same checks on the peer, and the reply back.

Every step appends a flow-trace-like line; a drop carries a readable reason."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from .model import ANY4, DeviceConfig, SecurityPolicy, Vpn
from .sa import NetworkState

ICMP_APPLICATIONS = {"any", "junos-icmp-all", "junos-ping", "junos-icmp-ping"}
HOST_ZONE = "junos-host"
MAX_HOPS = 32
PACKET_BYTES = 84  # 56 data + ICMP + IP headers (Junos ping default)


@dataclass
class Route:
    prefix: ipaddress.IPv4Network
    protocol: str        # Direct | Local | Static | ARI-TS
    preference: int
    ifl: str | None
    next_hop: str | None
    active: bool = True


@dataclass
class Walk:
    trace: list[str] = field(default_factory=list)
    drop: str | None = None
    delivered_to: str | None = None  # device name or LAN host name
    ttl: int = 64
    reply: bool = False  # an echo reply: answers the device's own session, no host-inbound check

    def note(self, device: str, text: str) -> None:
        self.trace.append(f"{device}: {text}")

    def fail(self, device: str, text: str) -> "Walk":
        self.drop = f"{device}: {text}"
        self.trace.append(f"{device}: packet dropped, {text}")
        return self

    def stop(self, device: str, text: str) -> None:
        """fail() for hops that return the next hop or None."""
        self.fail(device, text)


def interface_up(state: NetworkState, dev: DeviceConfig, ifl: str) -> bool:
    if ifl in dev.disabled:
        return False
    if ifl.startswith("st0."):
        return state.st0_up(dev.name, ifl)
    return True


def ari_installed(state: NetworkState, dev: DeviceConfig, vpn: Vpn) -> bool:
    """Auto route insertion: with establish-tunnels immediately the routes follow the SA; an
    on-traffic VPN installs them at commit (so traffic can trigger it) and keeps them until it fails."""
    if (dev.name, vpn.name) in state.sas:
        return True
    pending = state.inactive.get((dev.name, vpn.name))
    return not vpn.establish_immediately and pending is not None and pending.verdict.failure is None


def ari_routes(state: NetworkState, dev: DeviceConfig) -> list[Route]:
    """ARI-TS routes: each traffic selector's remote-ip via the bound st0 unit (never 0.0.0.0/0)."""
    table = []
    for vpn in dev.vpns.values():
        ifl = vpn.bind_interface
        if not vpn.traffic_selectors or ifl not in dev.addresses or not ari_installed(state, dev, vpn):
            continue
        up = interface_up(state, dev, ifl)
        for sel in vpn.traffic_selectors:
            if sel.remote != ANY4:
                table.append(Route(sel.remote, "ARI-TS", sel.preference, ifl, None, up))
    return table


def routes(state: NetworkState, dev: DeviceConfig) -> list[Route]:
    """The inet.0 table: direct/local routes of up interfaces, static routes whose next hop
    resolves (a next hop via st0.N is active only while st0.N is up), then ARI-TS routes."""
    table: list[Route] = []
    for ifl, addrs in sorted(dev.addresses.items()):
        up = interface_up(state, dev, ifl)
        for addr in addrs:
            table.append(Route(addr.network, "Direct", 0, ifl, None, up))
            table.append(Route(ipaddress.IPv4Network(f"{addr.ip}/32"), "Local", 0, ifl, None, up))
    for r in dev.routes:
        ifl, active = None, False
        if r.next_hop.startswith("st0.") or r.next_hop.startswith("ge-"):
            ifl = r.next_hop
            active = ifl in dev.addresses and interface_up(state, dev, ifl)
        else:
            try:
                nh = ipaddress.IPv4Address(r.next_hop)
            except ValueError:
                nh = None
            for cand, addrs in dev.addresses.items():
                if nh is not None and any(nh in a.network for a in addrs):
                    ifl = cand
                    active = interface_up(state, dev, cand)
                    break
        table.append(Route(r.prefix, "Static", r.preference, ifl, r.next_hop, active))
    return table + ari_routes(state, dev)


def lookup(state: NetworkState, dev: DeviceConfig, dst: ipaddress.IPv4Address) -> Route | None:
    best = None
    for route in routes(state, dev):
        if not route.active or dst not in route.prefix:
            continue
        key = (route.prefix.prefixlen, -route.preference)
        if best is None or key > (best.prefix.prefixlen, -best.preference):
            best = route
    return best


def _matches(dev: DeviceConfig, pol: SecurityPolicy, src, dst) -> bool:
    def hit(zone, names, ip):
        return any(ip in net for name in (names or ["any"]) for net in dev.resolve_address(zone, name))

    apps_ok = any(a in ICMP_APPLICATIONS or dev.applications.get(a) == "icmp" for a in (pol.applications or ["any"]))
    return apps_ok and hit(pol.from_zone, pol.sources, src) and hit(pol.to_zone, pol.destinations, dst)


def policy_lookup(dev: DeviceConfig, from_zone: str, to_zone: str, src, dst) -> SecurityPolicy | None:
    for pol in dev.policies:
        if pol.from_zone == from_zone and pol.to_zone == to_zone and _matches(dev, pol, src, dst):
            return pol
    return None


def _ts_label(selector) -> str:
    return f" traffic-selector {selector.name}" if selector.name else ""


class DataPlane:
    def __init__(self, state: NetworkState):
        self.state = state
        self.sessions: set[tuple[str, str, str]] = set()  # (device, src, dst) of permitted flows

    def _owner(self, address: ipaddress.IPv4Address):
        for dev in self.state.configs.values():
            ifl = dev.interface_owning(str(address))
            if ifl is not None:
                return dev, ifl
        return None, None

    def walk(self, device: str, src, dst, ingress: str | None, walk: Walk | None = None) -> Walk:
        """Carry one packet from `device` (arriving on `ingress`, None = the device itself sends)."""
        walk = walk or Walk()
        came_from_vpn = None  # the VPN the packet was just decrypted from on this device
        while True:
            walk.ttl -= 1
            if walk.ttl <= 64 - MAX_HOPS:
                return walk.stop(device, "TTL expired (routing loop)")
            dev = self.state.configs[device]
            in_zone = HOST_ZONE if ingress is None else (dev.zone_of(ingress).name if dev.zone_of(ingress) else None)
            if in_zone is None:
                return walk.fail(device, f"ingress interface {ingress} is not in a security zone")
            if ingress is not None and dev.interface_owning(str(dst)) is not None:
                zone = dev.zone_of(ingress)
                if not walk.reply and not zone.admits(ingress, "ping"):
                    return walk.fail(device, f"host-inbound ping not allowed on {ingress} (zone {zone.name})")
                walk.note(device, f"delivered to the device ({dst}) via {ingress}")
                walk.delivered_to = device
                return walk
            if ingress is None and dev.interface_owning(str(dst)) is not None:
                walk.delivered_to = device
                return walk
            route = lookup(self.state, dev, dst)
            if route is None:
                return walk.fail(device, f"no route to {dst}")
            egress = route.ifl
            walk.note(device, f"route {route.prefix} ({route.protocol}/{route.preference}) via {egress}"
                              + (f" next-hop {route.next_hop}" if route.next_hop else ""))
            out = dev.zone_of(egress)
            if out is None:
                return walk.fail(device, f"egress interface {egress} is not in a security zone")
            tunnel_vpn = None
            if in_zone != HOST_ZONE and (device, str(dst), str(src)) not in self.sessions:
                pol = policy_lookup(dev, in_zone, out.name, src, dst)
                if pol is None:
                    return walk.fail(device, f"denied by default policy (from-zone {in_zone} to-zone {out.name})")
                if pol.action != "permit":
                    return walk.fail(device, f"{pol.action} by policy {pol.name} (from-zone {in_zone} "
                                             f"to-zone {out.name})")
                walk.note(device, f"policy {pol.name} ({in_zone} -> {out.name}) permit"
                                  + (f" tunnel ipsec-vpn {pol.tunnel_vpn}" if pol.tunnel_vpn else ""))
                self.sessions.add((device, str(src), str(dst)))
                tunnel_vpn = pol.tunnel_vpn
            elif in_zone != HOST_ZONE:
                walk.note(device, "reply of an existing session")
                tunnel_vpn = self._session_tunnel(dev, out.name, in_zone, src, dst)
            if tunnel_vpn is not None and tunnel_vpn == came_from_vpn:
                tunnel_vpn = None  # inbound half of a policy-based VPN: already decrypted, deliver
            if egress.startswith("st0.") or tunnel_vpn:
                hop = self._encapsulate(dev, egress, tunnel_vpn, src, dst, walk)
                if hop is None:
                    return walk
                device, ingress, came_from_vpn = hop
                continue
            came_from_vpn = None
            hop = self._underlay(dev, egress, route, src, dst, walk)
            if hop is None or walk.delivered_to is not None:
                return walk
            device, ingress = hop

    def _session_tunnel(self, dev: DeviceConfig, from_zone: str, to_zone: str, src, dst) -> str | None:
        """A reply leaves through the policy-based tunnel its request came in by."""
        pol = policy_lookup(dev, from_zone, to_zone, dst, src)
        return pol.tunnel_vpn if pol is not None and pol.action == "permit" else None

    def _encapsulate(self, dev: DeviceConfig, egress: str, tunnel_vpn: str | None, src, dst, walk: Walk):
        st = self.state
        if tunnel_vpn:
            candidates = [dev.vpns[tunnel_vpn]] if tunnel_vpn in dev.vpns else []
        else:
            candidates = [v for v in dev.vpns.values() if v.bind_interface == egress]
        if not candidates:
            return walk.fail(dev.name, f"no IPsec VPN bound to {egress}")
        for vpn in candidates:
            sa = st.sa_for(dev.name, vpn.name)
            if sa is None:
                if not vpn.establish_immediately and (dev.name, vpn.name) not in st.triggered:
                    came_up = st.trigger(dev.name, vpn.name)
                    why = "first packet triggered IKE negotiation" + ("" if came_up else " which failed")
                    return walk.stop(dev.name, f"{why} for vpn {vpn.name}; packet not queued")
                continue
            sels = sa.selectors(dev.name, vpn.name)
            # the first selector (in configuration order) that matches picks the SA pair (Junos)
            k = next((k for k, s in enumerate(sels) if src in s.local and dst in s.remote), None)
            if k is None:
                continue
            local, remote = sa.endpoints(dev.name, vpn.name)
            counters = st.counters[dev.name]
            counters.encrypted_packets += 1
            counters.encrypted_bytes += PACKET_BYTES
            if vpn.bind_interface:
                counters.st0_out[vpn.bind_interface] = counters.st0_out.get(vpn.bind_interface, 0) + 1
            walk.note(dev.name, f"encrypted into vpn {vpn.name}{_ts_label(sels[k])} "
                                f"SPI 0x{sa.spi_out(dev.name, vpn.name, k)} to {remote.address}")
            if sa.lost_at is not None:
                return walk.stop(dev.name, f"ESP to {remote.address} lost: underlay path broken "
                                           "(peer not yet declared dead)")
            peer = st.configs[remote.device]
            pc = st.counters[remote.device]
            pc.decrypted_packets += 1
            pc.decrypted_bytes += PACKET_BYTES
            pvpn = peer.vpns.get(remote.vpn)
            walk.note(remote.device, f"decrypted from vpn {remote.vpn} SPI 0x{sa.spi_in(remote.device, remote.vpn, k)}")
            if pvpn is not None and pvpn.bind_interface:
                pc.st0_in[pvpn.bind_interface] = pc.st0_in.get(pvpn.bind_interface, 0) + 1
                return remote.device, pvpn.bind_interface, remote.vpn
            return remote.device, remote.interface, remote.vpn
        return walk.stop(dev.name, f"no IPsec SA for {egress if not tunnel_vpn else tunnel_vpn} matches "
                                   f"{src} -> {dst} (tunnel down or traffic selector mismatch)")

    def _underlay(self, dev: DeviceConfig, egress: str, route: Route, src, dst, walk: Walk):
        st = self.state
        net = st.underlay.network_of(dev.name, egress)
        hosts = {a: h for h, (n, a) in st.underlay.lan_hosts().items() if n == net}
        if dst in hosts:
            walk.note(dev.name, f"delivered to LAN host {hosts[dst]} ({dst}) on {egress}")
            walk.delivered_to = hosts[dst]
            return None
        peer, peer_ifl = self._owner(dst)
        if peer is None or st.underlay.network_of(peer.name, peer_ifl) is None:
            return walk.stop(dev.name, f"{dst} does not answer on {egress} (no host or device there)")
        src_addr = dev.primary_address(egress)
        path = st.underlay.path(net, str(src_addr.ip) if src_addr else "", st.underlay.network_of(peer.name, peer_ifl),
                                str(dst))
        if not path.reachable:
            return walk.stop(dev.name, f"{dst} unreachable over the underlay: {path.reason}")
        return peer.name, peer_ifl

    # ------------------------------------------------------------------ ping
    def ping_once(self, device: str | None, src, dst, host: str | None = None) -> Walk:
        """One echo request and its reply. From a device (source address optional) or a LAN host."""
        self.state.sync()
        if host is not None:
            start, ingress = self._host_gateway(host)
            if start is None:
                return Walk().fail(host, "LAN host has no gateway device on its network")
        else:
            start, ingress = device, None
        walk = self.walk(start, src, dst, ingress)
        if walk.drop or walk.delivered_to is None:
            return walk
        walk.note(walk.delivered_to, f"echo reply {dst} -> {src}")
        if walk.delivered_to in self.state.configs:
            back = self.walk(walk.delivered_to, dst, src, None, Walk(walk.trace, reply=True))
        else:
            gw, gw_ifl = self._host_gateway(walk.delivered_to)
            back = self.walk(gw, dst, src, gw_ifl, Walk(walk.trace, reply=True))
        target = host if host is not None else device
        if back.drop is None and back.delivered_to != target:
            return back.fail(back.delivered_to or "?", f"reply delivered to {back.delivered_to}, not {target}")
        return back

    def _host_gateway(self, host: str):
        lan = self.state.underlay.lan_hosts().get(host)
        if lan is None:
            return None, None
        net, addr = lan
        for (device, ifd), n in self.state.underlay.attachments.items():
            dev = self.state.configs.get(device)
            if n != net or dev is None:
                continue
            for ifl, addrs in dev.addresses.items():
                if ifl.split(".")[0] == ifd and any(addr in a.network for a in addrs):
                    return device, ifl
        return None, None

    def source_for(self, device: str, dst) -> ipaddress.IPv4Address | None:
        """Junos picks the egress interface's address as the default source."""
        dev = self.state.configs[device]
        route = lookup(self.state, dev, dst)
        if route is None or route.ifl is None:
            return None
        addr = dev.primary_address(route.ifl)
        return addr.ip if addr else None

"""Operational XML for interfaces, routes and ping. get-interface-information (normal) copies the
elements of the genuine capture get-interface-information-vsrx-st0.xml for ge and st0; terse,
route and ping replies follow the Junos forms (no genuine capture is vendored for them)."""
from __future__ import annotations

import ipaddress
import statistics
from dataclasses import dataclass

from lxml import etree

from .dataplane import DataPlane, Route, interface_up, routes
from .ops_sa import leaf, root, style
from .sa import NetworkState

INTERFACE_NS = "http://xml.juniper.net/junos/24.4R0/junos-interface"
ROUTING_NS = "http://xml.juniper.net/junos/24.4R0/junos-routing"
INET0 = "inet.0"
# A simulated round trip follows the path: every forwarding step of the walk costs HOP_US, every
# ESP encapsulation (an internet crossing) WAN_US, and successive probes differ a little.
HOP_US = 60
WAN_US = 900


def probe_rtt_us(walk, seq: int) -> int:
    crossings = sum(1 for step in walk.trace if "encrypted into" in step)
    return HOP_US * len(walk.trace) + WAN_US * crossings + 37 * (seq % 3)


def _ifds(state: NetworkState, device: str) -> dict[str, list[str]]:
    dev = state.configs[device]
    ifds: dict[str, list[str]] = {}
    for ifl in sorted(dev.addresses):
        ifds.setdefault(ifl.split(".")[0], []).append(ifl)
    for (name, ifd), _ in state.underlay.attachments.items():
        if name == device:
            ifds.setdefault(ifd, [])
    return dict(sorted(ifds.items(), key=lambda kv: (kv[0].startswith("st0"), kv[0])))


def _host_inbound(zone, ifl: str) -> list[str]:
    services = zone.interface_services.get(ifl, zone.zone_services) if zone else set()
    return sorted(s for s in services if not s.startswith("!"))


def interfaces(state: NetworkState, device: str, terse: bool, name: str | None = None) -> etree._Element:
    state.sync()
    dev = state.configs[device]
    top = etree.Element(etree.QName(INTERFACE_NS, "interface-information"), nsmap={None: INTERFACE_NS})
    top.set(style("style"), "terse" if terse else "normal")

    def sub(parent, tag, value=None):
        el = etree.SubElement(parent, etree.QName(INTERFACE_NS, tag))
        if value is not None:
            el.text = f"\n{value}\n"
        return el

    for index, (ifd, ifls) in enumerate(_ifds(state, device).items()):
        if name and name not in (ifd, *ifls):
            continue
        secure = ifd.startswith("st")
        phys = sub(top, "physical-interface")
        sub(phys, "name", ifd)
        admin = sub(phys, "admin-status", "up")
        if not terse:
            admin.set(style("format"), "Enabled")
        sub(phys, "oper-status", "up")
        if not terse:
            sub(phys, "local-index", 130 + index)
            sub(phys, "snmp-index", 503 + index)
            if secure:
                sub(phys, "if-type", "Secure-Tunnel")
            sub(phys, "link-level-type", "Secure-Tunnel" if secure else "Ethernet")
            sub(phys, "mtu", 9192 if secure else 1514)
            flags = sub(phys, "if-device-flags")
            sub(flags, "ifdf-present")
            sub(flags, "ifdf-running")
            stats = sub(phys, "traffic-statistics")
            stats.set(style("style"), "brief")
            for tag in ("input-bps", "input-pps", "output-bps", "output-pps"):
                sub(stats, tag, 0)
        for unit_index, ifl in enumerate(ifls):
            up = interface_up(state, dev, ifl)
            log = sub(phys, "logical-interface")
            sub(log, "name", ifl)
            if terse:
                sub(log, "admin-status", "up")
                sub(log, "oper-status", "up" if up else "down")
            else:
                sub(log, "local-index", 71 + unit_index)
                sub(log, "snmp-index", 523 + unit_index)
                cfg_flags = sub(log, "if-config-flags")
                if up:
                    sub(cfg_flags, "iff-up")
                sub(cfg_flags, "iff-snmp-traps")
                sub(log, "encapsulation", "Secure-Tunnel" if secure else "ENET2")
                stats = sub(log, "traffic-statistics")
                stats.set(style("style"), "brief")
                counters = state.counters.get(device)
                sub(stats, "input-packets", counters.st0_in.get(ifl, 0) if counters else 0)
                sub(stats, "output-packets", counters.st0_out.get(ifl, 0) if counters else 0)
                zone = dev.zone_of(ifl)
                if zone is not None:
                    sub(log, "logical-interface-zone-name", zone.name)
                    allowed = sub(log, "allowed-host-inbound-traffic")
                    for svc in _host_inbound(zone, ifl):
                        sub(allowed, f"inbound-{svc}")
            family = sub(log, "address-family")
            sub(family, "address-family-name", "inet")
            if not terse:
                sub(family, "mtu", 9192 if secure else 1500)
            for addr in dev.addresses.get(ifl, []):
                ifa = sub(family, "interface-address")
                if terse:
                    sub(ifa, "ifa-local", addr.with_prefixlen).set(style("emit"), "emit")
                    continue
                ifa_flags = sub(ifa, "ifa-flags")
                sub(ifa_flags, "ifaf-current-preferred")
                sub(ifa_flags, "ifaf-current-primary")
                sub(ifa, "ifa-destination", addr.network.with_prefixlen)
                sub(ifa, "ifa-local", addr.ip)
                if not secure:
                    sub(ifa, "ifa-broadcast", addr.network.broadcast_address)
    return top


@dataclass(frozen=True)
class RouteQuery:
    """The arguments of get-route-information / `show route` that the lab honours."""
    destination: str | None = None
    exact: bool = False
    active_path: bool = False
    table: str | None = None


def _shown_prefixes(active: list[Route], query: RouteQuery) -> list[ipaddress.IPv4Network]:
    """Junos: for a prefix, that prefix and its more-specifics; with none of those (and always for an
    address), the longest prefix covering it; `exact`, that prefix only."""
    prefixes = sorted({r.prefix for r in active}, key=lambda p: (int(p.network_address), p.prefixlen))
    if not query.destination:
        return prefixes
    dest = ipaddress.IPv4Network(query.destination, strict=False)
    if query.exact:
        return [p for p in prefixes if p == dest]
    inside = [p for p in prefixes if p.subnet_of(dest)]
    if inside:
        return inside
    covering = [p for p in prefixes if dest.subnet_of(p)]
    return [max(covering, key=lambda p: p.prefixlen)] if covering else []


def select_routes(state: NetworkState, device: str,
                  query: RouteQuery) -> tuple[list[Route], list[tuple[ipaddress.IPv4Network, list[Route]]]] | None:
    """(the whole inet.0, [(prefix, its shown entries, active first)]); None when `table` names no
    table of the lab (Junos matches table names by prefix: `inet` selects inet.0)."""
    state.sync()
    if query.table and not INET0.startswith(query.table):
        return None
    table = routes(state, state.configs[device])
    active = [r for r in table if r.active]
    shown = []
    for prefix in _shown_prefixes(active, query):
        entries = sorted((r for r in active if r.prefix == prefix), key=lambda r: r.preference)
        shown.append((prefix, entries[:1] if query.active_path else entries))
    return table, shown


def route_information(state: NetworkState, device: str, query: RouteQuery) -> etree._Element:
    top = etree.Element(etree.QName(ROUTING_NS, "route-information"), nsmap={None: ROUTING_NS})
    selected = select_routes(state, device, query)
    if selected is None:
        return top
    table, shown = selected

    def sub(parent, tag, value=None):
        el = etree.SubElement(parent, etree.QName(ROUTING_NS, tag))
        if value is not None:
            el.text = f"\n{value}\n"
        return el

    rt_table = sub(top, "route-table")
    sub(rt_table, "table-name", INET0)
    sub(rt_table, "destination-count", len({r.prefix for r in table}))
    sub(rt_table, "total-route-count", len(table))
    sub(rt_table, "active-route-count", len({r.prefix for r in table if r.active}))
    sub(rt_table, "holddown-route-count", 0)
    sub(rt_table, "hidden-route-count", sum(1 for r in table if not r.active))
    for prefix, entries in shown:
        rt = sub(rt_table, "rt")
        rt.set(style("style"), "brief")
        sub(rt, "rt-destination", prefix.with_prefixlen)
        for i, r in enumerate(entries):
            entry = sub(rt, "rt-entry")
            sub(entry, "active-tag", "*" if i == 0 else " ")
            if i == 0:
                sub(entry, "current-active")
                sub(entry, "last-active")
            sub(entry, "protocol-name", r.protocol)
            sub(entry, "preference", r.preference)
            nh = sub(entry, "nh")
            if i == 0:
                sub(nh, "selected-next-hop")
            if r.next_hop and not r.next_hop.startswith("st0"):
                sub(nh, "to", r.next_hop)
            sub(nh, "via" if r.protocol != "Local" else "nh-local-interface", r.ifl)
    return top


def ping(state: NetworkState, plane: DataPlane, device: str, host: str, source: str | None, count: int,
         rapid: bool) -> tuple[etree._Element, list[str]]:
    """<ping-results> like Junos, and the flow trace of the last probe."""
    state.sync()
    dst = ipaddress.IPv4Address(host)
    src = ipaddress.IPv4Address(source) if source else plane.source_for(device, dst)
    top = root("ping-results")
    leaf(top, "target-host", host)
    leaf(top, "target-ip", host)
    leaf(top, "packet-size", 56)
    received, rtts, trace = 0, [], []
    for seq in range(count):
        walk = plane.ping_once(device, src, dst) if src is not None else None
        trace = walk.trace if walk else [f"{device}: packet dropped, no route to {dst}"]
        ok = walk is not None and walk.drop is None
        if ok:
            received += 1
            rtts.append(probe_rtt_us(walk, seq))
        if ok and not rapid:
            probe = etree.SubElement(top, "probe-result")
            probe.set("date-determined", str(int(state.now())))
            leaf(probe, "probe-index", seq + 1)
            etree.SubElement(probe, "probe-success")
            leaf(probe, "sequence-number", seq)
            leaf(probe, "ip-address", host)
            leaf(probe, "time-to-live", 63)
            leaf(probe, "response-size", 64)
            leaf(probe, "rtt", rtts[-1])
    summary = etree.SubElement(top, "probe-results-summary")
    leaf(summary, "probes-sent", count)
    leaf(summary, "responses-received", received)
    leaf(summary, "packet-loss", int(round(100 * (count - received) / count)) if count else 0)
    if rtts:
        leaf(summary, "rtt-minimum", min(rtts))
        leaf(summary, "rtt-maximum", max(rtts))
        leaf(summary, "rtt-average", int(statistics.mean(rtts)))
        leaf(summary, "rtt-stddev", int(statistics.pstdev(rtts)))
    etree.SubElement(top, "ping-success" if received else "ping-failure")
    return top, trace

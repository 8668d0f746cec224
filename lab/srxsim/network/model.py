"""Read a committed Junos configuration (plain lxml <configuration>, no namespaces) into the
objects the network model needs. Pure: XML in, frozen-ish dataclasses out."""
from __future__ import annotations

import copy
import ipaddress
from dataclasses import dataclass, field

from lxml import etree

from . import psk as psk_codec

IKE_LIFETIME_DEFAULT = 28800   # Junos: IKE proposal lifetime-seconds default
IPSEC_LIFETIME_DEFAULT = 3600  # Junos: IPsec proposal lifetime-seconds default
ANY4 = ipaddress.IPv4Network("0.0.0.0/0")
DPD_INTERVAL_DEFAULT = 10      # Junos: dead-peer-detection interval default (seconds)
DPD_THRESHOLD_DEFAULT = 5      # Junos: dead-peer-detection threshold default
VPN_MONITOR_INTERVAL_DEFAULT = 10  # security ipsec vpn-monitor-options interval
VPN_MONITOR_THRESHOLD_DEFAULT = 10  # security ipsec vpn-monitor-options threshold
ARI_PREFERENCE_DEFAULT = 5     # auto route insertion (ARI-TS) route preference


def _text(el: etree._Element | None, path: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    found = el.find(path)
    if found is None:
        return default
    return (found.text or "").strip()


def _has(el: etree._Element | None, path: str) -> bool:
    return el is not None and el.find(path) is not None


def _texts(el: etree._Element | None, path: str) -> list[str]:
    if el is None:
        return []
    return [(x.text or "").strip() for x in el.findall(path)]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


@dataclass(frozen=True)
class IkeProposal:
    name: str
    auth_method: str | None
    dh_group: str | None
    auth_alg: str | None
    enc_alg: str | None
    lifetime: int = IKE_LIFETIME_DEFAULT

    def transform(self) -> tuple:
        """What is compared in negotiation (lifetime is not: the shorter wins)."""
        return (self.auth_method, self.dh_group, self.auth_alg, self.enc_alg)


@dataclass(frozen=True)
class IpsecProposal:
    name: str
    protocol: str | None
    auth_alg: str | None
    enc_alg: str | None
    lifetime: int = IPSEC_LIFETIME_DEFAULT
    pfs: str | None = None  # only set by predefined sets (g2-esp-..., g19-...)

    def transform(self) -> tuple:
        return (self.protocol or "esp", self.auth_alg, self.enc_alg)


@dataclass
class IkePolicy:
    name: str
    mode: str
    proposals: list[IkeProposal]
    proposal_set: str | None
    psk: str | None  # decoded plaintext; never logged or shown
    psk_present: bool
    local_certificate: str | None


@dataclass
class Identity:
    kind: str  # inet, inet6, hostname, user-at-hostname, distinguished-name, key-id
    value: str

    def render(self) -> str:
        return self.value


@dataclass
class Dpd:
    mode: str  # optimized (Junos default), probe-idle-tunnel, always-send
    interval: int
    threshold: int


@dataclass
class IkeGateway:
    name: str
    policy: str | None
    addresses: list[str]
    dynamic: Identity | None
    local_identity: Identity | None
    remote_identity: Identity | None
    external_interface: str | None
    local_address: str | None
    version: str  # v1-only | v2-only
    dpd: Dpd | None
    nat_traversal: bool
    general_ikeid: bool


@dataclass
class IpsecPolicy:
    name: str
    pfs: str | None
    proposals: list[IpsecProposal]
    proposal_set: str | None


@dataclass(frozen=True)
class Selector:
    name: str | None
    local: ipaddress.IPv4Network
    remote: ipaddress.IPv4Network
    # the ARI-TS route's preference (YANG traffic-selector/preference, default 5); local only,
    # so it takes no part in mirroring
    preference: int = field(default=ARI_PREFERENCE_DEFAULT, compare=False)


@dataclass
class VpnMonitor:
    source_interface: str | None
    destination_ip: str | None
    optimized: bool


@dataclass
class Vpn:
    name: str
    bind_interface: str | None
    gateway: str | None
    ipsec_policy: str | None
    proxy_identity: Selector | None
    traffic_selectors: list[Selector]
    establish_immediately: bool
    vpn_monitor: VpnMonitor | None

    def selectors(self) -> list[Selector]:
        """Route-based default is 0.0.0.0/0 both ways (Junos)."""
        if self.traffic_selectors:
            return list(self.traffic_selectors)
        if self.proxy_identity is not None:
            return [self.proxy_identity]
        return [Selector(None, ANY4, ANY4)]

    @property
    def selectors_configured(self) -> bool:
        return bool(self.traffic_selectors) or self.proxy_identity is not None


@dataclass
class Zone:
    name: str
    interfaces: list[str]
    zone_services: set[str]
    interface_services: dict[str, set[str]]
    addresses: dict[str, list[ipaddress.IPv4Network]]
    address_sets: dict[str, list[str]]

    def admits(self, ifl: str, service: str) -> bool:
        """host-inbound-traffic: interface-level settings replace the zone-level ones."""
        services = self.interface_services.get(ifl)
        if services is None:
            services = self.zone_services
        return ("all" in services or service in services) and f"!{service}" not in services


@dataclass
class StaticRoute:
    prefix: ipaddress.IPv4Network
    next_hop: str  # an address or an interface name (st0.0)
    preference: int


@dataclass
class SecurityPolicy:
    from_zone: str
    to_zone: str
    name: str
    sources: list[str]
    destinations: list[str]
    applications: list[str]
    action: str  # permit | deny | reject
    tunnel_vpn: str | None


@dataclass
class DeviceConfig:
    name: str
    host_name: str
    addresses: dict[str, list[ipaddress.IPv4Interface]]  # ifl -> addresses
    disabled: set[str]
    ike_proposals: dict[str, IkeProposal] = field(default_factory=dict)
    ike_policies: dict[str, IkePolicy] = field(default_factory=dict)
    gateways: dict[str, IkeGateway] = field(default_factory=dict)
    ipsec_proposals: dict[str, IpsecProposal] = field(default_factory=dict)
    ipsec_policies: dict[str, IpsecPolicy] = field(default_factory=dict)
    vpns: dict[str, Vpn] = field(default_factory=dict)
    zones: dict[str, Zone] = field(default_factory=dict)
    routes: list[StaticRoute] = field(default_factory=list)
    policies: list[SecurityPolicy] = field(default_factory=list)
    global_addresses: dict[str, list[ipaddress.IPv4Network]] = field(default_factory=dict)
    global_address_sets: dict[str, list[str]] = field(default_factory=dict)
    applications: dict[str, str] = field(default_factory=dict)  # name -> protocol
    vpn_monitor_interval: int = VPN_MONITOR_INTERVAL_DEFAULT
    vpn_monitor_threshold: int = VPN_MONITOR_THRESHOLD_DEFAULT
    owners: dict[str, str] = field(default_factory=dict)  # address text -> ifl (built by parse_config)
    memo: dict = field(default_factory=dict)  # per-config caches (gateway endpoints); configs never change

    def zone_of(self, ifl: str) -> Zone | None:
        for zone in self.zones.values():
            if ifl in zone.interfaces:
                return zone
        return None

    def interface_owning(self, address: str) -> str | None:
        return self.owners.get(str(address))

    def resolve_address(self, zone: str | None, name: str) -> list[ipaddress.IPv4Network]:
        """Prefixes of an address-book entry (zone book first, then the global one); any = 0/0."""
        if name in ("any", "any-ipv4"):
            return [ipaddress.IPv4Network("0.0.0.0/0")]
        book = self.zones.get(zone or "")
        for addresses, sets in ((book.addresses, book.address_sets) if book else ({}, {}),
                                (self.global_addresses, self.global_address_sets)):
            if name in addresses:
                return list(addresses[name])
            if name in sets:
                return [net for member in sets[name] for net in self.resolve_address(zone, member)]
        return []

    def vpn_selectors(self, vpn: Vpn) -> list[Selector]:
        """Route-based: configured selectors or 0/0; policy-based (no bind-interface, nothing
        configured): the proxy-ID comes from the first policy that tunnels into the VPN."""
        if vpn.selectors_configured or vpn.bind_interface:
            return vpn.selectors()
        for pol in self.policies:
            if pol.tunnel_vpn == vpn.name:
                local = (self.resolve_address(pol.from_zone, pol.sources[0]) if pol.sources else [])
                remote = (self.resolve_address(pol.to_zone, pol.destinations[0]) if pol.destinations else [])
                any4 = ipaddress.IPv4Network("0.0.0.0/0")
                return [Selector(None, local[0] if local else any4, remote[0] if remote else any4)]
        return vpn.selectors()

    def primary_address(self, ifl: str) -> ipaddress.IPv4Interface | None:
        addrs = self.addresses.get(_normalise_ifl(ifl))
        return addrs[0] if addrs else None


def _normalise_ifl(name: str) -> str:
    return name if "." in name else f"{name}.0"


def _identity(el: etree._Element | None) -> Identity | None:
    if el is None:
        return None
    for kind, leaf in (("inet", "inet/identity-ipv4"), ("inet6", "inet6/identity-ipv6"),
                       ("hostname", "hostname/identity-hostname"),
                       ("user-at-hostname", "user-at-hostname/identity-user"),
                       ("key-id", "key-id/string-key-id")):
        value = _text(el, leaf)
        if value:
            return Identity(kind, value)
    if _has(el, "distinguished-name"):
        return Identity("distinguished-name", "")
    return None


def _dynamic(el: etree._Element | None) -> Identity | None:
    if el is None:
        return None
    for kind in ("hostname", "user-at-hostname", "inet", "inet6"):
        value = _text(el, kind)
        if value:
            return Identity(kind, value)
    if _has(el, "distinguished-name"):
        return Identity("distinguished-name", "")
    return Identity("general-ikeid", "") if _has(el, "general-ikeid") else None


def _prefix(text: str | None) -> ipaddress.IPv4Network | None:
    if not text:
        return None
    try:
        return ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        return None


def _interfaces(cfg: etree._Element) -> tuple[dict, set]:
    addresses: dict[str, list[ipaddress.IPv4Interface]] = {}
    disabled: set[str] = set()
    for ifd in cfg.findall("interfaces/interface"):
        ifd_name = _text(ifd, "name")
        for unit in ifd.findall("unit"):
            ifl = f"{ifd_name}.{_text(unit, 'name')}"
            addrs = []
            for addr in _texts(unit, "family/inet/address/name"):
                try:
                    addrs.append(ipaddress.IPv4Interface(addr))
                except ValueError:
                    continue
            if unit.find("family/inet") is not None:
                addresses[ifl] = addrs
            if _has(ifd, "disable") or _has(unit, "disable"):
                disabled.add(ifl)
    return addresses, disabled


def _services(el: etree._Element | None) -> set[str] | None:
    if el is None or el.find("host-inbound-traffic") is None:
        return None
    result = set()
    for svc in el.findall("host-inbound-traffic/system-services"):
        name = _text(svc, "name")
        result.add(f"!{name}" if _has(svc, "except") else name)
    return result


def _address_book(book: etree._Element | None) -> tuple[dict, dict]:
    addresses: dict[str, list[ipaddress.IPv4Network]] = {}
    sets: dict[str, list[str]] = {}
    if book is None:
        return addresses, sets
    for addr in book.findall("address"):
        net = _prefix(_text(addr, "ip-prefix"))
        if net is not None:
            addresses[_text(addr, "name")] = [net]
    for aset in book.findall("address-set"):
        sets[_text(aset, "name")] = _texts(aset, "address/name") + _texts(aset, "address-set/name")
    return addresses, sets


def _zones(cfg: etree._Element) -> dict[str, Zone]:
    zones = {}
    for z in cfg.findall("security/zones/security-zone"):
        name = _text(z, "name")
        iface_services = {}
        ifaces = []
        for i in z.findall("interfaces"):
            ifl = _normalise_ifl(_text(i, "name"))
            ifaces.append(ifl)
            svc = _services(i)
            if svc is not None:
                iface_services[ifl] = svc
        addresses, sets = _address_book(z.find("address-book"))
        zones[name] = Zone(name, ifaces, _services(z) or set(), iface_services, addresses, sets)
    return zones


def _ike(cfg: etree._Element, dev: DeviceConfig) -> None:
    from .proposals import ike_proposal_set

    ike = cfg.find("security/ike")
    for p in (ike.findall("proposal") if ike is not None else []):
        prop = IkeProposal(_text(p, "name"), _text(p, "authentication-method"), _text(p, "dh-group"),
                           _text(p, "authentication-algorithm"), _text(p, "encryption-algorithm"),
                           _int(_text(p, "lifetime-seconds"), IKE_LIFETIME_DEFAULT))
        dev.ike_proposals[prop.name] = prop
    for p in (ike.findall("policy") if ike is not None else []):
        names = _texts(p, "proposals")
        pset = _text(p, "proposal-set")
        props = ike_proposal_set(pset) if pset else [dev.ike_proposals[n] for n in names if n in dev.ike_proposals]
        key_el = p.find("pre-shared-key")
        psk = None
        if key_el is not None:
            ascii_text = _text(key_el, "ascii-text")
            hex_text = _text(key_el, "hexadecimal")
            psk = psk_codec.reveal(ascii_text) if ascii_text else ("hex:" + psk_codec.reveal(hex_text).lower()
                                                                  if hex_text else None)
        dev.ike_policies[_text(p, "name")] = IkePolicy(
            _text(p, "name"), _text(p, "mode", "main"), props, pset, psk, key_el is not None,
            _text(p, "certificate/local-certificate"))
    for g in (ike.findall("gateway") if ike is not None else []):
        dpd_el = g.find("dead-peer-detection")
        dpd = None
        if dpd_el is not None:
            mode = next((m for m in ("always-send", "probe-idle-tunnel", "optimized") if _has(dpd_el, m)), "optimized")
            dpd = Dpd(mode, _int(_text(dpd_el, "interval"), DPD_INTERVAL_DEFAULT),
                      _int(_text(dpd_el, "threshold"), DPD_THRESHOLD_DEFAULT))
        dev.gateways[_text(g, "name")] = IkeGateway(
            name=_text(g, "name"), policy=_text(g, "ike-policy"), addresses=_texts(g, "address"),
            dynamic=_dynamic(g.find("dynamic")), local_identity=_identity(g.find("local-identity")),
            remote_identity=_identity(g.find("remote-identity")),
            external_interface=_text(g, "external-interface"), local_address=_text(g, "local-address"),
            version=_text(g, "version", "v1-only"), dpd=dpd, nat_traversal=not _has(g, "no-nat-traversal"),
            general_ikeid=_has(g, "general-ikeid"))


def _ipsec(cfg: etree._Element, dev: DeviceConfig) -> None:
    from .proposals import ipsec_proposal_set

    ipsec = cfg.find("security/ipsec")
    if ipsec is None:
        return
    opts = ipsec.find("vpn-monitor-options")
    dev.vpn_monitor_interval = _int(_text(opts, "interval"), VPN_MONITOR_INTERVAL_DEFAULT)
    dev.vpn_monitor_threshold = _int(_text(opts, "threshold"), VPN_MONITOR_THRESHOLD_DEFAULT)
    for p in ipsec.findall("proposal"):
        prop = IpsecProposal(_text(p, "name"), _text(p, "protocol"), _text(p, "authentication-algorithm"),
                             _text(p, "encryption-algorithm"),
                             _int(_text(p, "lifetime-seconds"), IPSEC_LIFETIME_DEFAULT))
        dev.ipsec_proposals[prop.name] = prop
    for p in ipsec.findall("policy"):
        pset = _text(p, "proposal-set")
        names = _texts(p, "proposals")
        props = ipsec_proposal_set(pset) if pset else [dev.ipsec_proposals[n] for n in names
                                                       if n in dev.ipsec_proposals]
        dev.ipsec_policies[_text(p, "name")] = IpsecPolicy(
            _text(p, "name"), _text(p, "perfect-forward-secrecy/keys"), props, pset)
    for v in ipsec.findall("vpn"):
        proxy = v.find("ike/proxy-identity")
        proxy_sel = None
        if proxy is not None:
            proxy_sel = Selector(None, _prefix(_text(proxy, "local")) or ipaddress.IPv4Network("0.0.0.0/0"),
                                 _prefix(_text(proxy, "remote")) or ipaddress.IPv4Network("0.0.0.0/0"))
        selectors = []
        for ts in v.findall("traffic-selector"):
            local, remote = _prefix(_text(ts, "local-ip")), _prefix(_text(ts, "remote-ip"))
            if local is not None and remote is not None:
                selectors.append(Selector(_text(ts, "name"), local, remote,
                                          _int(_text(ts, "preference"), ARI_PREFERENCE_DEFAULT)))
        mon_el = v.find("vpn-monitor")
        monitor = None
        if mon_el is not None:
            monitor = VpnMonitor(_text(mon_el, "source-interface"), _text(mon_el, "destination-ip"),
                                 _has(mon_el, "optimized"))
        dev.vpns[_text(v, "name")] = Vpn(
            name=_text(v, "name"), bind_interface=_text(v, "bind-interface"), gateway=_text(v, "ike/gateway"),
            ipsec_policy=_text(v, "ike/ipsec-policy"), proxy_identity=proxy_sel, traffic_selectors=selectors,
            establish_immediately=_text(v, "establish-tunnels") == "immediately", vpn_monitor=monitor)


def _routes(cfg: etree._Element) -> list[StaticRoute]:
    routes = []
    for r in cfg.findall("routing-options/static/route"):
        prefix = _prefix(_text(r, "name"))
        if prefix is None:
            continue
        pref = _int(_text(r, "preference/metric-value"), 5)  # Junos static default preference 5
        for nh in _texts(r, "next-hop"):
            routes.append(StaticRoute(prefix, nh, pref))
        for q in r.findall("qualified-next-hop"):
            routes.append(StaticRoute(prefix, _text(q, "name"), _int(_text(q, "preference"), pref)))
    return routes


def _policies(cfg: etree._Element) -> list[SecurityPolicy]:
    result = []
    for ctx in cfg.findall("security/policies/policy"):
        fz, tz = _text(ctx, "from-zone-name"), _text(ctx, "to-zone-name")
        for p in ctx.findall("policy"):
            then = p.find("then")
            action = next((a for a in ("permit", "deny", "reject") if _has(then, a)), "deny")
            result.append(SecurityPolicy(
                fz, tz, _text(p, "name"), _texts(p, "match/source-address"),
                _texts(p, "match/destination-address"), _texts(p, "match/application"), action,
                _text(then, "permit/tunnel/ipsec-vpn")))
    return result


def parse_config(name: str, cfg: etree._Element) -> DeviceConfig:
    """DeviceConfig for one device from its committed <configuration> element."""
    if cfg.xpath("boolean(//*[@inactive='inactive'])"):
        cfg = copy.deepcopy(cfg)  # deactivated statements do not take part (Junos ignores them)
        for el in cfg.xpath("//*[@inactive='inactive']"):
            el.getparent().remove(el)
    addresses, disabled = _interfaces(cfg)
    dev = DeviceConfig(name=name, host_name=_text(cfg, "system/host-name") or name,
                       addresses=addresses, disabled=disabled,
                       owners={str(a.ip): ifl for ifl, addrs in addresses.items() for a in addrs})
    _ike(cfg, dev)
    _ipsec(cfg, dev)
    dev.zones = _zones(cfg)
    dev.routes = _routes(cfg)
    dev.policies = _policies(cfg)
    dev.global_addresses, dev.global_address_sets = _address_book(cfg.find("security/address-book"))
    for app in cfg.findall("applications/application"):
        dev.applications[_text(app, "name")] = _text(app, "protocol") or ""
    return dev

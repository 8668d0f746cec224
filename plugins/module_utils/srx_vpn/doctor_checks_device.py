# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the doctor's checks read from one device's Junos XML <configuration>.

Values follow Junos defaults where the configuration leaves them out (IKE
version v1-only, mode main, identities = the end's address, default proxy-id
0.0.0.0/0 both ways, establish-tunnels on-traffic).
"""
from __future__ import annotations

import copy
import ipaddress
from dataclasses import dataclass, field
from typing import Optional

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import proposals as P

ANY4 = ipaddress.IPv4Network("0.0.0.0/0")
# Interfaces that never carry a site's LAN.
_NOT_LAN = ("st0", "lo0", "fxp0", "fxp1", "em0", "em1", "me0", "vme", "irb.")


def ifl_name(name: Optional[str]) -> Optional[str]:
    """Junos reads an interface without unit as unit 0."""
    if not name:
        return name
    return name if "." in name else name + ".0"


def _text(el, path, default=None):
    if el is None:
        return default
    found = el.find(path)
    if found is None:
        return default
    return (found.text or "").strip() or default


def _texts(el, path):
    return [(c.text or "").strip() for c in el.findall(path)] if el is not None else []


def _drop_inactive(element):
    for parent in list(element.iter()):
        for child in list(parent):
            if child.get("inactive") == "inactive":
                parent.remove(child)
    return element


@dataclass(frozen=True)
class Identity:
    kind: str
    value: str

    def __str__(self):
        return "%s %s" % (self.kind, self.value)


def read_identity(el) -> Optional[Identity]:
    if el is None:
        return None
    for kind, leaf in (("inet", "identity-ipv4"), ("inet6", "identity-ipv6"),
                       ("hostname", "identity-hostname"), ("user-at-hostname", "identity-user")):
        value = _text(el, kind + "/" + leaf) or _text(el, kind)
        if value:
            return Identity(kind, value)
    if el.find("distinguished-name") is not None:
        return Identity("distinguished-name", "")
    return None


@dataclass
class Selector:
    local: ipaddress.IPv4Network
    remote: ipaddress.IPv4Network

    def mirrors(self, other: "Selector") -> bool:
        return self.local == other.remote and self.remote == other.local

    def __str__(self):
        return "local %s remote %s" % (self.local, self.remote)


@dataclass
class Vpn:
    name: str
    gateway: Optional[str]
    ipsec_policy: Optional[str]
    bind_interface: Optional[str]
    establish: str
    selectors: list
    selector_source: str  # default | proxy-identity | traffic-selector


@dataclass
class IkeEnd:
    """One IKE gateway of one device, with everything negotiation reads."""
    host: str
    name: str
    addresses: list
    dynamic: bool
    external_interface: Optional[str]
    local_address: Optional[str]
    version: str
    policy_name: Optional[str]
    policy: object = None
    local_identity: Optional[Identity] = None
    remote_identity: Optional[Identity] = None
    dpd: bool = False
    dynamic_identity: Optional[Identity] = None
    vpns: list = field(default_factory=list)

    @property
    def label(self):
        return "%s gateway %s" % (self.host, self.name)


def _network(value) -> Optional[ipaddress.IPv4Network]:
    try:
        return ipaddress.IPv4Network(value, strict=False)
    except (ValueError, TypeError):
        return None


class Device:
    """Read-only view of one <configuration>; inactive statements are ignored."""

    def __init__(self, host: str, configuration, lans=None):
        self.host = host
        self.known_lans = [ipaddress.IPv4Network(n, strict=False) for n in lans] if lans else None
        self.xml = _drop_inactive(copy.deepcopy(configuration))
        self.security = self.xml.find("security")
        self.ike = self.xml.find("security/ike")
        self.ipsec = self.xml.find("security/ipsec")
        self.addresses = self._interface_addresses()
        self.zones = self._zones()

    # interfaces and zones ------------------------------------------------
    def _interface_addresses(self):
        found = {}
        for interface in self.xml.findall("interfaces/interface"):
            for unit in interface.findall("unit"):
                ifl = "%s.%s" % (_text(interface, "name"), _text(unit, "name"))
                inet = unit.find("family/inet")
                addresses = []
                if inet is not None:
                    for address in inet.findall("address"):
                        try:
                            addresses.append(ipaddress.IPv4Interface(_text(address, "name")))
                        except (ValueError, TypeError):
                            continue
                dhcp = inet is not None and (inet.find("dhcp") is not None or inet.find("dhcp-client") is not None)
                found[ifl] = {"inet": inet is not None, "addresses": addresses, "dhcp": dhcp}
        return found

    def _zones(self):
        zones = {}
        for zone in self.xml.findall("security/zones/security-zone"):
            services = {
                "zone": set(_texts(zone, "host-inbound-traffic/system-services/name")),
                "interfaces": {},
            }
            for interface in zone.findall("interfaces"):
                name = ifl_name(_text(interface, "name"))
                hit = interface.find("host-inbound-traffic")
                services["interfaces"][name] = (
                    set(_texts(hit, "system-services/name")) if hit is not None else None)
            zones[_text(zone, "name")] = services
        return zones

    def has_unit(self, ifl: str) -> bool:
        return ifl in self.addresses

    def unit_has_inet(self, ifl: str) -> bool:
        return self.addresses.get(ifl, {}).get("inet", False)

    def primary_address(self, ifl: str) -> Optional[ipaddress.IPv4Interface]:
        addresses = self.addresses.get(ifl, {}).get("addresses") or []
        return addresses[0] if addresses else None

    def uses_dhcp(self, ifl: str) -> bool:
        return self.addresses.get(ifl, {}).get("dhcp", False)

    def owns_address(self, address: str) -> bool:
        return any(str(a.ip) == address for unit in self.addresses.values() for a in unit["addresses"])

    def zone_of(self, ifl: str) -> Optional[str]:
        for name, zone in self.zones.items():
            if ifl in zone["interfaces"]:
                return name
        return None

    def admits(self, ifl: str, service: str) -> bool:
        """host-inbound-traffic: interface-level settings replace the zone-level ones."""
        zone = self.zone_of(ifl)
        if zone is None:
            return False
        services = self.zones[zone]["interfaces"].get(ifl)
        if services is None:
            services = self.zones[zone]["zone"]
        return "all" in services or service in services

    def lan_networks(self, exclude_zones=(), only_zones=None) -> list:
        """Subnets of interfaces that can carry the site's LAN (not tunnel, loopback, management)."""
        if self.known_lans is not None:
            return list(self.known_lans)
        networks = []
        for ifl, unit in self.addresses.items():
            zone = self.zone_of(ifl)
            if ifl.startswith(_NOT_LAN) or zone is None or zone in exclude_zones or \
                    (only_zones is not None and zone not in only_zones):
                continue
            networks.extend(a.network for a in unit["addresses"])
        return networks

    # IKE / IPsec -----------------------------------------------------------
    def _entry(self, parent, kind, name):
        if parent is None or not name:
            return None
        for entry in parent.findall(kind):
            if _text(entry, "name") == name:
                return entry
        return None

    def ike_policy(self, name):
        return self._entry(self.ike, "policy", name)

    def ipsec_policy(self, name):
        return self._entry(self.ipsec, "policy", name)

    def ike_proposals(self, policy) -> tuple[list, list]:
        """(IkeProposal+lifetime pairs, names of proposals referenced but not defined)."""
        chosen, missing = [], []
        set_name = _text(policy, "proposal-set")
        if set_name:
            chosen = [(p, P.IKE_DEFAULT_LIFETIME) for p in P.IKE_PROPOSAL_SETS.get(set_name, ())]
            if set_name not in P.IKE_PROPOSAL_SETS:
                missing.append("proposal-set " + set_name)
        for name in _texts(policy, "proposals"):
            entry = self._entry(self.ike, "proposal", name)
            if entry is None:
                missing.append(name)
                continue
            chosen.append((P.IkeProposal(
                _text(entry, "authentication-method"), _text(entry, "dh-group"),
                _text(entry, "authentication-algorithm"), _text(entry, "encryption-algorithm")),
                int(_text(entry, "lifetime-seconds", P.IKE_DEFAULT_LIFETIME))))
        return chosen, missing

    def ipsec_proposals(self, policy) -> tuple[list, list]:
        """([(IpsecProposal, effective PFS group, lifetime)], missing names)."""
        chosen, missing = [], []
        pfs = _text(policy, "perfect-forward-secrecy/keys")
        set_name = _text(policy, "proposal-set")
        if set_name:
            for proposal, implied in P.IPSEC_PROPOSAL_SETS.get(set_name, ()):
                chosen.append((proposal, pfs or implied, P.IPSEC_DEFAULT_LIFETIME))
            if set_name not in P.IPSEC_PROPOSAL_SETS:
                missing.append("proposal-set " + set_name)
        for name in _texts(policy, "proposals"):
            entry = self._entry(self.ipsec, "proposal", name)
            if entry is None:
                missing.append(name)
                continue
            chosen.append((P.IpsecProposal(
                _text(entry, "protocol", "esp"), _text(entry, "authentication-algorithm"),
                _text(entry, "encryption-algorithm")), pfs,
                int(_text(entry, "lifetime-seconds", P.IPSEC_DEFAULT_LIFETIME))))
        return chosen, missing

    def psk(self, policy) -> Optional[tuple[str, str]]:
        """(format, stored value) of the policy's pre-shared key, or None."""
        for fmt in ("ascii-text", "hexadecimal"):
            value = _text(policy, "pre-shared-key/" + fmt)
            if value:
                return fmt, value
        return None

    def vpns(self) -> list:
        vpns = []
        for vpn in (self.ipsec.findall("vpn") if self.ipsec is not None else []):
            selectors, source = [], "default"
            for ts in vpn.findall("traffic-selector"):
                local, remote = _network(_text(ts, "local-ip")), _network(_text(ts, "remote-ip"))
                if local and remote:
                    selectors.append(Selector(local, remote))
                    source = "traffic-selector"
            proxy = vpn.find("ike/proxy-identity")
            if not selectors and proxy is not None:
                selectors = [Selector(_network(_text(proxy, "local")) or ANY4,
                                      _network(_text(proxy, "remote")) or ANY4)]
                source = "proxy-identity"
            if not selectors:
                selectors = [Selector(ANY4, ANY4)]
            vpns.append(Vpn(
                _text(vpn, "name"), _text(vpn, "ike/gateway"), _text(vpn, "ike/ipsec-policy"),
                _text(vpn, "bind-interface"), _text(vpn, "establish-tunnels", "on-traffic"),
                selectors, source))
        return vpns

    def ike_ends(self) -> list:
        ends = []
        vpns = self.vpns()
        for gw in (self.ike.findall("gateway") if self.ike is not None else []):
            name = _text(gw, "name")
            policy_name = _text(gw, "ike-policy")
            ends.append(IkeEnd(
                host=self.host, name=name, addresses=_texts(gw, "address"),
                dynamic=gw.find("dynamic") is not None,
                external_interface=ifl_name(_text(gw, "external-interface")),
                local_address=_text(gw, "local-address"),
                version=_text(gw, "version", "v1-only"), policy_name=policy_name,
                policy=self.ike_policy(policy_name),
                local_identity=read_identity(gw.find("local-identity")),
                remote_identity=read_identity(gw.find("remote-identity")),
                dpd=gw.find("dead-peer-detection") is not None,
                dynamic_identity=read_identity(gw.find("dynamic")),
                vpns=[v for v in vpns if v.gateway == name]))
        return ends

    def local_endpoint(self, end: IkeEnd) -> Optional[str]:
        """The address the gateway speaks IKE from: local-address, else the external interface's."""
        if end.local_address:
            return end.local_address
        address = self.primary_address(end.external_interface) if end.external_interface else None
        return str(address.ip) if address else None

    def mode(self, end: IkeEnd) -> str:
        return _text(end.policy, "mode", "main")

    # routing and policies ----------------------------------------------------
    def static_routes(self) -> list:
        routes = []
        for route in self.xml.findall("routing-options/static/route"):
            network = _network(_text(route, "name"))
            if network is None:
                continue
            hops = _texts(route, "next-hop") + _texts(route, "qualified-next-hop/name")
            routes.append((network, hops))
        return routes

    def route_for(self, network: ipaddress.IPv4Network):
        """The longest static route covering network, as (prefix, next-hops) or None."""
        covering = [r for r in self.static_routes() if network.subnet_of(r[0])]
        return max(covering, key=lambda r: r[0].prefixlen) if covering else None

    def hop_uses(self, hop: str, ifl: str) -> bool:
        if hop == ifl:
            return True
        try:
            address = ipaddress.IPv4Address(hop)
        except ValueError:
            return False
        return any(address in a.network for a in self.addresses.get(ifl, {}).get("addresses", []))

    def security_policies(self) -> list:
        """[(from-zone, to-zone, name, action, tunnel vpn)]; global policies use their match zones."""
        found = []
        for pair in self.xml.findall("security/policies/policy"):
            for policy in pair.findall("policy"):
                found.append(self._policy_row(_text(pair, "from-zone-name"), _text(pair, "to-zone-name"), policy))
        for policy in self.xml.findall("security/policies/global/policy"):
            for src in _texts(policy, "match/from-zone") or ["any"]:
                for dst in _texts(policy, "match/to-zone") or ["any"]:
                    found.append(self._policy_row(src, dst, policy))
        return found

    @staticmethod
    def _policy_row(src, dst, policy):
        then = policy.find("then")
        action = next((a for a in ("permit", "deny", "reject") if then is not None and then.find(a) is not None),
                      None)
        return src, dst, _text(policy, "name"), action, _text(then, "permit/tunnel/ipsec-vpn")

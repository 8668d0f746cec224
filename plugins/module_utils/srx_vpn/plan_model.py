# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory intent -> validated, normalised model for the VPN plan.

Pure: reads plain dicts (already templated by Ansible), never touches a device.
Every problem is recorded as a PlanIssue naming host, tunnel and field, and all of
them are reported together so one run shows every mistake in the inventory.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

TUNNEL_TYPES = ("site_to_site", "hub_and_spoke", "redundant")
VPN_MODES = ("route", "policy")
IKE_MODES = ("main", "aggressive")
IKE_VERSIONS = ("v1-only", "v2-only")
PROPOSAL_SETS = ("standard", "compatible", "basic", "suiteb-gcm-128", "suiteb-gcm-256", "prime-128", "prime-256")
ESTABLISH = ("immediately", "on-traffic")
DF_BIT = ("clear", "set", "copy")
DPD_MODES = ("always-send", "optimized", "probe-idle-tunnel")
NAME_KEYS = ("gateway", "vpn", "ike_policy", "ipsec_policy")
# Options that only make sense when traffic is routed into an st0 unit.
ROUTE_ONLY = ("st0_unit", "link", "traffic_selectors", "vpn_monitor")
DEFAULT_PROFILE = {"ike": {"proposal_set": "standard", "mode": "main"}, "ipsec": {"proposal_set": "standard"}}


class PlanError(Exception):
    """Bad intent. `issues` lists every problem; str() is one line per issue, no secrets."""

    def __init__(self, issues):
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


@dataclass(frozen=True)
class PlanIssue:
    host: str | None
    tunnel: str | None
    field: str
    message: str

    def __str__(self):
        return "host {0}, tunnel {1}, field {2}: {3}".format(
            self.host or "-", self.tunnel or "-", self.field, self.message)


class Issues:
    """Collects issues; `check()` raises them all at once."""

    def __init__(self):
        self.items: list[PlanIssue] = []

    def add(self, host, tunnel, fld, message):
        self.items.append(PlanIssue(host, tunnel, fld, message))

    def check(self):
        if self.items:
            raise PlanError(self.items)


@dataclass
class Uplink:
    name: str
    interface: str
    address: str | None
    zone: str


@dataclass
class Site:
    host: str
    in_inventory: bool
    uplinks: dict[str, Uplink]
    default_uplink: str
    lan_subnets: list
    lan_text: list
    lan_address: str | None
    probe_address: str | None
    trust_zone: str
    vpn_zone: str
    identity: dict | None
    dynamic_address: bool


@dataclass
class End:
    """One end of one IKE/IPsec path (a redundant tunnel has two paths per end)."""
    site: Site
    names: dict
    st0_unit: int | None
    uplink: str
    psk: str | None = None


@dataclass
class Path:
    """A single VPN between two ends: gateway+vpn on each side, one st0 link."""
    key: str                 # stable allocation key, unique in the plan
    tunnel: str
    label: str               # "" or the redundant path name
    a: End
    b: End
    link: object | None      # ip_network or None (allocate)
    id: int | None           # explicit slot in the link pool
    preference: int | None = None


@dataclass
class Tunnel:
    name: str
    type: str
    mode: str
    profile: dict
    profile_name: str
    psk: str | None
    options: dict
    paths: list = field(default_factory=list)
    hub: str | None = None
    spoke_routes: list = field(default_factory=list)
    spoke_to_spoke: bool = True


def _net(value, issues, host, tunnel, fld):
    try:
        return ipaddress.ip_network(str(value), strict=True)
    except ValueError as exc:
        issues.add(host, tunnel, fld, "not a valid subnet ({0})".format(exc))
        return None


def _addr(value, issues, host, tunnel, fld):
    try:
        return str(ipaddress.ip_address(str(value)))
    except ValueError:
        issues.add(host, tunnel, fld, "not a valid IP address: {0!r}".format(value))
        return None


def _choice(value, choices, issues, host, tunnel, fld):
    if value is not None and value not in choices:
        issues.add(host, tunnel, fld, "{0!r} is not one of {1}".format(value, ", ".join(choices)))


def load_site(host, raw, issues, in_inventory=True, tunnel=None):
    """Normalise a host's `vpn_site` (or an out-of-inventory peer's inline facts)."""
    raw = dict(raw or {})
    uplinks = {}
    for name, up in sorted((raw.get("uplinks") or {}).items()):
        up = dict(up or {})
        if not up.get("interface"):
            issues.add(host, tunnel, "vpn_site.uplinks.{0}.interface".format(name), "required")
        address = up.get("address")
        if address is not None:
            address = _addr(address, issues, host, tunnel, "vpn_site.uplinks.{0}.address".format(name))
        uplinks[name] = Uplink(name, up.get("interface", ""), address, up.get("zone") or raw.get("external_zone") or "untrust")
    default_uplink = "default"
    if raw.get("external_interface") or raw.get("external_address") or raw.get("address") or not uplinks:
        address = raw.get("external_address", raw.get("address"))
        if address is not None:
            address = _addr(address, issues, host, tunnel, "vpn_site.external_address")
        if in_inventory and not raw.get("external_interface"):
            issues.add(host, tunnel, "vpn_site.external_interface", "required")
        uplinks.setdefault("default", Uplink("default", raw.get("external_interface", ""), address,
                                             raw.get("external_zone") or "untrust"))
    else:
        default_uplink = sorted(uplinks)[0]
    lans = []
    for i, lan in enumerate(raw.get("lan_subnets") or []):
        net = _net(lan, issues, host, tunnel, "vpn_site.lan_subnets[{0}]".format(i))
        if net is not None:
            lans.append(net)
    lan_address = raw.get("lan_address")
    if lan_address is not None:
        lan_address = _addr(lan_address, issues, host, tunnel, "vpn_site.lan_address")
    probe_address = raw.get("probe_address")
    if probe_address is not None:
        probe_address = _addr(probe_address, issues, host, tunnel, "vpn_site.probe_address")
    identity = raw.get("identity")
    if identity is not None and (not isinstance(identity, dict) or len(identity) != 1
                                 or next(iter(identity)) not in ("hostname", "user_at_hostname", "distinguished_name")):
        issues.add(host, tunnel, "vpn_site.identity", "must be one of {hostname: ...}, {user_at_hostname: ...}, {distinguished_name: ...}")
        identity = None
    return Site(host=host, in_inventory=in_inventory, uplinks=uplinks, default_uplink=default_uplink,
                lan_subnets=lans, lan_text=[str(n) for n in lans], lan_address=lan_address,
                probe_address=probe_address or lan_address, trust_zone=raw.get("trust_zone", "trust"),
                vpn_zone=raw.get("vpn_zone", "vpn"), identity=identity,
                dynamic_address=bool(raw.get("dynamic_address", False)))


def load_profile(name, profiles, issues, tunnel):
    if name is None:
        return "default", DEFAULT_PROFILE
    if name not in profiles:
        issues.add(None, tunnel, "profile", "unknown crypto profile {0!r} (known: {1})".format(
            name, ", ".join(sorted(profiles)) or "none"))
        return name, DEFAULT_PROFILE
    prof = profiles[name] or {}
    for phase in ("ike", "ipsec"):
        part = prof.get(phase) or {}
        fld = "vpn_crypto_profiles.{0}.{1}".format(name, phase)
        if part.get("proposal_set") and part.get("proposals"):
            issues.add(None, tunnel, fld, "proposal_set and proposals are mutually exclusive")
        _choice(part.get("proposal_set"), PROPOSAL_SETS, issues, None, tunnel, fld + ".proposal_set")
        if len(part.get("proposals") or []) > 4:
            issues.add(None, tunnel, fld + ".proposals", "Junos accepts at most 4 proposals")
        for i, p in enumerate(part.get("proposals") or []):
            if not (p or {}).get("name"):
                issues.add(None, tunnel, "{0}.proposals[{1}].name".format(fld, i), "required")
    _choice((prof.get("ike") or {}).get("mode"), IKE_MODES, issues, None, tunnel, "vpn_crypto_profiles.%s.ike.mode" % name)
    _choice((prof.get("ike") or {}).get("version"), IKE_VERSIONS, issues, None, tunnel, "vpn_crypto_profiles.%s.ike.version" % name)
    merged = {"ike": dict(DEFAULT_PROFILE["ike"]), "ipsec": dict(DEFAULT_PROFILE["ipsec"])}
    for phase in ("ike", "ipsec"):
        part = dict(prof.get(phase) or {})
        if part.get("proposals"):
            merged[phase].pop("proposal_set", None)
        merged[phase].update(part)
    return name, merged


def check_options(tun, issues):
    """Per-tunnel options: choices, and route-based options on a policy-based tunnel."""
    opts = tun.options
    name = tun.name
    _choice(opts.get("establish_tunnels"), ESTABLISH, issues, None, name, "establish_tunnels")
    _choice(opts.get("df_bit"), DF_BIT, issues, None, name, "df_bit")
    dpd = opts.get("dpd")
    if dpd is not None and not isinstance(dpd, (dict, bool)):
        issues.add(None, name, "dpd", "must be true/false or {interval, threshold, mode}")
    if isinstance(dpd, dict):
        _choice(dpd.get("mode"), DPD_MODES, issues, None, name, "dpd.mode")
    if tun.mode == "policy":
        for key in ROUTE_ONLY:
            value = opts.get(key)
            if value is not None and value is not False and value != []:
                issues.add(None, name, key, "is a route-based option; tunnel mode is policy")
    for i, ts in enumerate(opts.get("traffic_selectors") or []):
        for side in ("local", "remote"):
            if not (ts or {}).get(side):
                issues.add(None, name, "traffic_selectors[{0}].{1}".format(i, side), "required")
            else:
                _net(ts[side], issues, None, name, "traffic_selectors[{0}].{1}".format(i, side))

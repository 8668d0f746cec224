# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`vpn_tunnels` entries -> Tunnel objects made of Paths (one IKE gateway + VPN per end each)."""

from __future__ import annotations

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_model import (
    NAME_KEYS, TUNNEL_TYPES, VPN_MODES, End, Path, Tunnel, _net, check_options, load_profile, load_site,
)

OPTION_KEYS = ("traffic_selectors", "dpd", "vpn_monitor", "nat_traversal", "nat_keepalive", "establish_tunnels",
               "df_bit", "st0_unit", "link")


def _psk(value):
    # Vault values arrive as str-like objects; an empty string is as good as missing.
    return str(value) if value not in (None, "") else None


def _int(value, issues, host, tunnel, fld, low, high):
    if value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        issues.add(host, tunnel, fld, "must be an integer")
        return None
    if not low <= number <= high:
        issues.add(host, tunnel, fld, "{0} is out of range {1}..{2}".format(number, low, high))
        return None
    return number


def _names(defaults, *layers):
    out = dict(defaults)
    for layer in layers:
        for key, value in (layer or {}).items():
            if key in NAME_KEYS and value:
                out[key] = str(value)
    return out


class TunnelLoader:
    def __init__(self, sites, profiles, issues):
        self.sites = sites          # host -> Site (inventory hosts with vpn_site)
        self.profiles = profiles or {}
        self.issues = issues
        self.outside = {}           # out-of-inventory peers, by host name

    def site(self, spec, tunnel, fld):
        if isinstance(spec, str):
            spec = {"host": spec}
        host = spec.get("host")
        if not host:
            self.issues.add(None, tunnel, fld + ".host", "required")
            return None
        if host in self.sites:
            return self.sites[host]
        if not (spec.get("address") or spec.get("identity") or spec.get("dynamic_address")):
            self.issues.add(host, tunnel, fld + ".address",
                            "peer is not in the inventory (no vpn_site) and no address given")
            return None
        if host not in self.outside:
            self.outside[host] = load_site(host, spec, self.issues, in_inventory=False, tunnel=tunnel)
        return self.outside[host]

    def end(self, spec, site, names, tunnel, fld, uplink=None, unit=None):
        spec = {"host": spec} if isinstance(spec, str) else (spec or {})
        uplink = uplink or spec.get("uplink") or site.default_uplink
        if uplink not in site.uplinks:
            self.issues.add(site.host, tunnel, fld + ".uplink", "unknown uplink {0!r} (vpn_site.uplinks has: {1})".format(
                uplink, ", ".join(sorted(site.uplinks)) or "none"))
        unit = spec.get("st0_unit", unit)
        return End(site=site, names=_names(names, spec.get("names")), uplink=uplink,
                   st0_unit=_int(unit, self.issues, site.host, tunnel, fld + ".st0_unit", 0, 16383),
                   psk=_psk(spec.get("psk")))

    def load(self, raw, index):
        raw = dict(raw or {})
        name = raw.get("name")
        if not name:
            self.issues.add(None, "vpn_tunnels[{0}]".format(index), "name", "required")
            return None
        name = str(name)
        ttype = raw.get("type", "site_to_site")
        if ttype not in TUNNEL_TYPES:
            self.issues.add(None, name, "type", "{0!r} is not one of {1}".format(ttype, ", ".join(TUNNEL_TYPES)))
            return None
        mode = raw.get("mode", "route")
        if mode not in VPN_MODES:
            self.issues.add(None, name, "mode", "{0!r} is not one of route, policy".format(mode))
            mode = "route"
        if mode == "policy" and ttype != "site_to_site":
            self.issues.add(None, name, "mode", "policy-based VPNs are supported for site_to_site tunnels only")
        profile_name, profile = load_profile(raw.get("profile"), self.profiles, self.issues, name)
        options = {k: raw[k] for k in OPTION_KEYS if k in raw}
        tun = Tunnel(name=name, type=ttype, mode=mode, profile=profile, profile_name=profile_name,
                     psk=_psk(raw.get("psk")), options=options)
        check_options(tun, self.issues)
        getattr(self, "_" + ttype)(tun, raw)
        return tun

    def _link(self, raw, tunnel, fld):
        return _net(raw["link"], self.issues, None, tunnel, fld) if raw.get("link") else None

    def _id(self, raw, tunnel, fld):
        return _int(raw.get("id"), self.issues, None, tunnel, fld, 0, 1 << 30)

    def _two_ends(self, tun, raw):
        ends = raw.get("ends") or []
        if len(ends) != 2:
            self.issues.add(None, tun.name, "ends", "a {0} tunnel needs exactly 2 ends, got {1}".format(tun.type, len(ends)))
            return None
        sites = [self.site(e, tun.name, "ends[{0}]".format(i)) for i, e in enumerate(ends)]
        if None in sites:
            return None
        if sites[0].host == sites[1].host:
            self.issues.add(sites[0].host, tun.name, "ends", "both ends are the same host")
            return None
        if not sites[0].in_inventory and not sites[1].in_inventory:
            self.issues.add(None, tun.name, "ends", "neither end is in the inventory")
            return None
        return ends, sites

    def _site_to_site(self, tun, raw):
        pair = self._two_ends(tun, raw)
        if pair is None:
            return
        ends, sites = pair
        names = _names({"gateway": "gw-" + tun.name, "vpn": "vpn-" + tun.name,
                        "ike_policy": "ike-" + tun.name, "ipsec_policy": "ipsec-" + tun.name}, raw.get("names"))
        a, b = (self.end(e, s, names, tun.name, "ends[{0}]".format(i), unit=raw.get("st0_unit"))
                for i, (e, s) in enumerate(zip(ends, sites)))
        tun.paths.append(Path(key=tun.name, tunnel=tun.name, label="", a=a, b=b,
                              link=self._link(raw, tun.name, "link"), id=self._id(raw, tun.name, "id")))

    def _redundant(self, tun, raw):
        pair = self._two_ends(tun, raw)
        if pair is None:
            return
        ends, sites = pair
        paths = raw.get("paths") or []
        if len(paths) < 2:
            self.issues.add(None, tun.name, "paths", "a redundant tunnel needs at least 2 paths (primary, secondary)")
            return
        base = _names({"ike_policy": "ike-" + tun.name, "ipsec_policy": "ipsec-" + tun.name}, raw.get("names"))
        labels = set()
        for i, p in enumerate(paths):
            p = dict(p or {})
            label = str(p.get("name") or "path{0}".format(i))
            fld = "paths[{0}]".format(i)
            if label in labels:
                self.issues.add(None, tun.name, fld + ".name", "duplicate path name {0!r}".format(label))
            labels.add(label)
            names = _names(dict(base, gateway="gw-{0}-{1}".format(tun.name, label),
                                vpn="vpn-{0}-{1}".format(tun.name, label)), p.get("names"))
            uplink = p.get("uplink")
            per_end = p.get("uplinks") or {}
            a, b = (self.end(e, s, names, tun.name, fld, uplink=per_end.get(s.host, uplink), unit=p.get("st0_unit"))
                    for e, s in zip(ends, sites))
            pref = _int(p.get("preference", 10 * (i + 1)), self.issues, None, tun.name, fld + ".preference", 0, 4294967295)
            tun.paths.append(Path(key="{0}/{1}".format(tun.name, label), tunnel=tun.name, label=label, a=a, b=b,
                                  link=self._link(p, tun.name, fld + ".link"), id=self._id(p, tun.name, fld + ".id"),
                                  preference=pref))

    def _hub_and_spoke(self, tun, raw):
        hub_spec = raw.get("hub")
        hub = self.site(hub_spec, tun.name, "hub") if hub_spec else None
        if hub_spec is None:
            self.issues.add(None, tun.name, "hub", "required")
        if hub is None:
            return
        if not hub.in_inventory:
            self.issues.add(hub.host, tun.name, "hub", "the hub must be in the inventory")
            return
        tun.hub = hub.host
        tun.spoke_to_spoke = bool(raw.get("spoke_to_spoke", True))
        tun.spoke_routes = [n for n in (_net(r, self.issues, None, tun.name, "spoke_routes[{0}]".format(i))
                                        for i, r in enumerate(raw.get("spoke_routes") or [])) if n is not None]
        base = _names({"ike_policy": "ike-" + tun.name, "ipsec_policy": "ipsec-" + tun.name}, raw.get("names"))
        spokes = raw.get("spokes") or []
        if not spokes:
            self.issues.add(hub.host, tun.name, "spokes", "a hub needs at least one spoke")
        seen = set()
        for i, spec in enumerate(spokes):
            fld = "spokes[{0}]".format(i)
            site = self.site(spec, tun.name, fld)
            if site is None:
                continue
            spec = {"host": spec} if isinstance(spec, str) else dict(spec)
            if site.host in seen or site.host == hub.host:
                self.issues.add(site.host, tun.name, fld + ".host", "spoke listed twice or equal to the hub")
                continue
            seen.add(site.host)
            # Hub side: one IKE policy per spoke, so each spoke can have its own PSK.
            hub_names = _names(dict(base, gateway="gw-{0}-{1}".format(tun.name, site.host),
                                    vpn="vpn-{0}-{1}".format(tun.name, site.host),
                                    ike_policy="ike-{0}-{1}".format(tun.name, site.host)), spec.get("hub_names"))
            spoke_names = _names(dict(base, gateway="gw-" + tun.name, vpn="vpn-" + tun.name), spec.get("names"))
            a = self.end(raw.get("hub") if isinstance(raw.get("hub"), dict) else {}, hub, hub_names, tun.name, "hub",
                         unit=spec.get("hub_st0_unit"))
            a.psk = _psk(spec.get("psk"))
            b = self.end(dict(spec, names=None), site, spoke_names, tun.name, fld)
            tun.paths.append(Path(key="{0}/{1}".format(tun.name, site.host), tunnel=tun.name, label=site.host,
                                  a=a, b=b, link=self._link(spec, tun.name, fld + ".link"),
                                  id=self._id(spec, tun.name, fld + ".id")))

# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPN plan: inventory intent -> per-device desired objects. Pure and deterministic.

build_plan(sites, tunnels, profiles) returns
  {"devices": {host: {"config": {<resource>: <module config>}, "tunnels": [...], "counts": {...}}},
   "tunnels": [...overview for diagrams...], "allocation": [...], "warnings": [...]}
and raises PlanError (every issue, each naming host, tunnel and field) on bad intent.
The model is documented in docs/inventory.md.
"""

from __future__ import annotations

import contextlib
import gc

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import plan_build
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_alloc import Pool, allocate
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_model import Issues, PlanError, load_site
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_tunnels import TunnelLoader

DEFAULT_LINK_POOL = "10.255.0.0/16"
DEFAULT_LINK_PREFIX = 30

__all__ = ["build_plan", "PlanError", "DEFAULT_LINK_POOL", "DEFAULT_LINK_PREFIX"]


@contextlib.contextmanager
def _without_cyclic_gc():
    """The plan allocates many long-lived, acyclic objects; the cyclic collector's passes over them grow with the
    plan and made a 5,000-spoke plan 1.8x slower (bench/harness.py --parts plan). Reference counting frees them anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_plan(sites, tunnels, profiles=None, link_pool=DEFAULT_LINK_POOL, link_prefix=DEFAULT_LINK_PREFIX):
    with _without_cyclic_gc():
        return _plan(sites, tunnels, profiles, link_pool, link_prefix)


def _plan(sites, tunnels, profiles, link_pool, link_prefix):
    issues = Issues()
    try:
        pool = Pool(link_pool, link_prefix)
    except ValueError as exc:
        raise PlanError([_issue(None, None, "vpn_link_pool", str(exc))])
    site_objs = {host: load_site(host, raw, issues) for host, raw in sorted((sites or {}).items())}
    loader = TunnelLoader(site_objs, profiles, issues)
    loaded, names = [], set()
    for index, raw in enumerate(tunnels or []):
        tun = loader.load(raw, index)
        if tun is None:
            continue
        if tun.name in names:
            issues.add(None, tun.name, "name", "duplicate tunnel name")
            continue
        names.add(tun.name)
        loaded.append(tun)
    issues.check()
    for tun in loaded:
        _check_tunnel(tun, issues)
    allocate([p for t in loaded if t.mode == "route" for p in t.paths], pool, issues)
    _check_subnets(loaded, issues)
    _check_units(loaded, issues)
    issues.check()
    return _build(loaded, issues, pool)


def _issue(host, tunnel, fld, message):
    issues = Issues()
    issues.add(host, tunnel, fld, message)
    return issues.items[0]


def _path_psk(tun, path):
    return path.a.psk or path.b.psk or tun.psk


def _check_tunnel(tun, issues):
    for i, path in enumerate(tun.paths):
        if not _path_psk(tun, path):
            host, fld = (path.b.site.host, "spokes[{0}].psk".format(i)) if tun.type == "hub_and_spoke" else (None, "psk")
            issues.add(host, tun.name, fld, "missing pre-shared key (set it from Ansible Vault)")
        for local, remote in ((path.a, path.b), (path.b, path.a)):
            if not local.site.in_inventory:
                continue
            up = remote.site.uplinks.get(remote.uplink)
            if remote.site.dynamic_address or up is None or up.address is None:
                _check_dynamic(tun, local, remote, issues)
            if local.site.dynamic_address and not local.site.identity:
                issues.add(local.site.host, tun.name, "vpn_site.identity",
                           "a dynamic-address site needs an IKE identity (e.g. {hostname: ...})")


def _check_dynamic(tun, local, remote, issues):
    host = remote.site.host
    if not remote.site.dynamic_address:
        fld = "vpn_site.uplinks.{0}.address".format(remote.uplink) if remote.uplink != "default" else "vpn_site.external_address"
        issues.add(host, tun.name, fld, "no address for the peer of {0} (set it, or dynamic_address with an identity)".format(
            local.site.host))
    elif not remote.site.identity:
        issues.add(host, tun.name, "vpn_site.identity", "a dynamic-address peer needs an IKE identity")
    elif tun.profile["ike"].get("version") != "v2-only" and tun.profile["ike"].get("mode") != "aggressive":
        issues.add(local.site.host, tun.name, "profile",
                   "IKEv1 with a dynamic-address peer needs ike.mode aggressive (or ike.version v2-only)")


def _overlaps(items):
    """items: (network, owner) -> pairs of owners whose networks overlap or repeat."""
    found = []
    ordered = sorted(items, key=lambda i: (i[0].version, int(i[0].network_address), i[0].prefixlen))
    widest = None
    for net, owner in ordered:
        if widest is not None and widest[0].version == net.version and \
                int(net.network_address) <= int(widest[0].broadcast_address):
            found.append((widest, (net, owner)))
        if widest is None or widest[0].version != net.version or \
                int(net.broadcast_address) > int(widest[0].broadcast_address):
            widest = (net, owner)
    return found


def _check_subnets(tunnels, issues):
    lans, seen_sites = [], set()
    for tun in tunnels:
        for path in tun.paths:
            for end in (path.a, path.b):
                if end.site.host not in seen_sites:
                    seen_sites.add(end.site.host)
                    lans.extend((net, ("lan", end.site.host, tun.name)) for net in end.site.lan_subnets)
    for (net1, o1), (net2, o2) in _overlaps(lans):
        issues.add(o2[1], o2[2], "vpn_site.lan_subnets", "{0} overlaps {1} of host {2}".format(net2, net1, o1[1]))
    links = [(p.link, ("link", p.key, t.name)) for t in tunnels for p in t.paths if p.link is not None]
    for (net1, o1), (net2, o2) in _overlaps(links + lans):
        if o1[0] == "lan" and o2[0] == "lan":
            continue
        first, second = (o2, o1) if o2[0] == "link" else (o1, o2)
        issues.add(None if first[0] == "link" else first[1], first[2], "link",
                   "tunnel link {0} overlaps {1} ({2} {3})".format(
                       net2 if first is o2 else net1, net1 if first is o2 else net2, second[0], second[1]))


def _check_units(tunnels, issues):
    used = {}
    for tun in tunnels:
        if tun.mode != "route":
            continue
        for path in tun.paths:
            for end in (path.a, path.b):
                key = (end.site.host, end.st0_unit)
                if key in used and used[key] != path.key:
                    issues.add(end.site.host, tun.name, "st0_unit", "st0.{0} is also used by {1}".format(
                        end.st0_unit, used[key]))
                used.setdefault(key, path.key)


def _build(tunnels, issues, pool):
    devices = {}

    def dev(site):
        if site.host not in devices:
            devices[site.host] = plan_build.DeviceObjects(site.host, issues)
        return devices[site.host]

    overview, allocation = [], []
    for tun in tunnels:
        infos = {}
        for path in tun.paths:
            psk = _path_psk(tun, path)
            for local, remote, is_a in ((path.a, path.b, True), (path.b, path.a, False)):
                if local.site.in_inventory:
                    infos[(path.key, local.site.host)] = plan_build.add_end(dev(local.site), tun, path, local, remote, is_a, psk)
            overview.append({"tunnel": tun.name, "type": tun.type, "mode": tun.mode, "path": path.label,
                             "a": path.a.site.host, "b": path.b.site.host,
                             "a_managed": path.a.site.in_inventory, "b_managed": path.b.site.in_inventory,
                             "link": str(path.link) if path.link is not None else None,
                             "a_unit": path.a.st0_unit if tun.mode == "route" else None,
                             "b_unit": path.b.st0_unit if tun.mode == "route" else None,
                             "preference": path.preference})
            if tun.mode == "route":
                allocation.append({"key": path.key, "slot": path.slot, "link": str(path.link), "probed": path.probed})
        if tun.mode == "route":
            _routes(tun, infos, dev)
    issues.check()
    out = {}
    for host, d in sorted(devices.items()):
        config = d.config()
        out[host] = {"config": config, "tunnels": sorted(d.tunnels, key=lambda t: (t["tunnel"], t["path"])),
                     "counts": _counts(config)}
    warnings = ["tunnel {0}: its hashed slot was taken, so it got slot {1} (link {2}); pin `id: {1}` to freeze it".format(
        a["key"], a["slot"], a["link"]) for a in allocation if a["probed"]]
    overview.sort(key=lambda t: (t["tunnel"], t["path"]))
    return {"devices": out, "tunnels": overview, "allocation": sorted(allocation, key=lambda a: a["key"]),
            "link_pool": {"network": str(pool.network), "prefix": pool.prefix}, "warnings": warnings}


def _routes(tun, infos, dev):
    by_host = {}
    for path in tun.paths:
        for local, remote in ((path.a, path.b), (path.b, path.a)):
            if local.site.in_inventory:
                by_host.setdefault(local.site.host, []).append((path, local, remote, infos[(path.key, local.site.host)]))
    for host, entries in by_host.items():
        d = dev(entries[0][1].site)
        if tun.type == "redundant":
            _redundant_routes(d, tun, entries)
            continue
        for _path, local, remote, info in entries:
            via = info["remote_link"].split("/")[0]
            for net in remote.site.lan_subnets:
                plan_build.add_route(d, net, via, tun.name)
        if tun.type == "hub_and_spoke":
            _spoke_routes(d, tun, host, entries)


def _redundant_routes(d, tun, entries):
    """Seed 004: the same prefix via st0.0 preference 10, and via st0.1 preference 20."""
    ordered = sorted(entries, key=lambda e: (e[0].preference, e[0].key))
    remote = ordered[0][2]
    for net in remote.site.lan_subnets:
        first = ordered[0]
        qualified = [{"next_hop": e[3]["st0"], "preference": e[0].preference} for e in ordered[1:]]
        plan_build.add_route(d, net, first[3]["st0"], tun.name, first[0].preference, qualified)


def _spoke_routes(d, tun, host, entries):
    if host == tun.hub:
        if tun.spoke_to_spoke:
            plan_build.spoke_to_spoke_policy(d, entries[0][1].site, tun.name)
        return
    if not tun.spoke_to_spoke:
        return
    _path, _local, _remote, info = entries[0]
    via = info["remote_link"].split("/")[0]
    if tun.spoke_routes:
        targets = tun.spoke_routes
    else:
        # No summary given: route every other spoke's LANs (adding a spoke then touches all spokes).
        targets = [n for p in tun.paths if p.b.site.host != host for n in p.b.site.lan_subnets]
    for net in targets:
        plan_build.add_route(d, net, via, tun.name)


def _counts(config):
    return {
        "ike": sum(len(v) for v in config["ike"].values()),
        "ipsec": sum(len(v) for v in config["ipsec"].values()),
        "tunnel_interfaces": len(config["tunnel_interfaces"]["units"]),
        "zones": len(config["zones"]["zones"]),
        "address_book": len(config["address_book"]["addresses"]),
        "policies": sum(len(p["policies"]) for p in config["policies"]["policies"]),
        "routes": len(config["routes"]["routes"]),
    }

# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-device objects in the `config` shapes of the resource modules (docs/objects.md).

A DeviceObjects collects every object a device needs, keyed by (kind, name). Two
tunnels may ask for the same object (a shared IKE proposal, the trust->vpn
policy): identical asks merge, different ones are a plan error naming both.
"""

from __future__ import annotations

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_alloc import link_addresses

HOST_INBOUND_IKE = "ike"


class DeviceObjects:
    def __init__(self, host, issues):
        self.host = host
        self.issues = issues
        self.objects = {}      # (kind, name) -> (value, tunnel)
        self.zone_ifaces = {}  # (zone, interface) -> {"services": set}
        self.tunnels = []

    def put(self, kind, name, value, tunnel, fld):
        key = (kind, name)
        if key in self.objects:
            old, owner = self.objects[key]
            if old != value:
                self.issues.add(self.host, tunnel, fld, "{0} {1!r} is also defined differently by tunnel {2}".format(
                    kind.replace("_", " "), name, owner))
            return
        self.objects[key] = (value, tunnel)

    def zone_interface(self, zone, interface, services=()):
        entry = self.zone_ifaces.setdefault((zone, interface), set())
        entry.update(services)

    def config(self):
        """The device's desired config, per resource, sorted for determinism."""
        by_kind = {}
        for (kind, name), (value, _tunnel) in self.objects.items():
            by_kind.setdefault(kind, []).append((str(name) if not isinstance(name, int) else "%012d" % name, value))

        def values(kind):
            return [v for _n, v in sorted(by_kind.get(kind, ()), key=lambda i: i[0])]

        zones = {}
        for (zone, iface), services in sorted(self.zone_ifaces.items()):
            entry = {"name": iface}
            if services:
                entry["host_inbound_traffic"] = {"system_services": sorted(services)}
            zones.setdefault(zone, []).append(entry)
        policies = {}
        for pol in values("policy"):
            pol = dict(pol)
            pair = (pol.pop("from_zone"), pol.pop("to_zone"))
            policies.setdefault(pair, []).append(pol)
        return {
            "ike": {"proposals": values("ike_proposal"), "policies": values("ike_policy"),
                    "gateways": values("ike_gateway")},
            "ipsec": {"proposals": values("ipsec_proposal"), "policies": values("ipsec_policy"),
                      "vpns": values("ipsec_vpn")},
            "tunnel_interfaces": {"units": values("st0_unit")},
            "zones": {"zones": [{"name": z, "interfaces": ifs} for z, ifs in sorted(zones.items())]},
            "address_book": {"addresses": values("address")},
            "policies": {"policies": [{"from_zone": f, "to_zone": t, "policies": ps}
                                      for (f, t), ps in sorted(policies.items())]},
            "routes": {"routes": values("route")},
        }


def _phase_objects(dev, phase, prof, tunnel):
    """Custom proposals (if any) and the policy's proposal reference."""
    part = prof[phase]
    if part.get("proposals"):
        names = []
        for p in part["proposals"]:
            body = {k: v for k, v in sorted(p.items()) if v is not None}
            dev.put(phase + "_proposal", p["name"], body, tunnel, "profile.{0}.proposals".format(phase))
            names.append(p["name"])
        return {"proposals": names}
    return {"proposal_set": part["proposal_set"]}


def _gateway(path, local, remote, prof, opts):
    gw = {"name": local.names["gateway"], "ike_policy": local.names["ike_policy"],
          "external_interface": local.site.uplinks[local.uplink].interface}
    remote_up = remote.site.uplinks.get(remote.uplink)
    if remote.site.dynamic_address or remote_up is None or remote_up.address is None:
        gw["dynamic"] = dict(remote.site.identity or {})
    else:
        gw["address"] = [remote_up.address]
    if local.site.identity and local.site.dynamic_address:
        gw["local_identity"] = dict(local.site.identity)
    if prof["ike"].get("version"):
        gw["version"] = prof["ike"]["version"]
    dpd = opts.get("dpd")
    if dpd:
        gw["dead_peer_detection"] = dict(sorted((dpd if isinstance(dpd, dict) else {}).items()))
    if opts.get("nat_traversal") is False:
        gw["no_nat_traversal"] = True
    if opts.get("nat_keepalive") is not None:
        gw["nat_keepalive"] = int(opts["nat_keepalive"])
    return gw


def add_end(dev, tun, path, local, remote, local_is_a, psk):
    """Every object `local` needs for one path of tunnel `tun`."""
    prof, opts, name = tun.profile, tun.options, tun.name
    ike_ref = _phase_objects(dev, "ike", prof, name)
    ike_pol = dict({"name": local.names["ike_policy"], "mode": prof["ike"].get("mode", "main")}, **ike_ref)
    ike_pol["pre_shared_key"] = {"ascii_text": psk}
    dev.put("ike_policy", ike_pol["name"], ike_pol, name, "names.ike_policy")
    gw = _gateway(path, local, remote, prof, opts)
    dev.put("ike_gateway", gw["name"], gw, name, "names.gateway")
    ipsec_pol = dict({"name": local.names["ipsec_policy"]}, **_phase_objects(dev, "ipsec", prof, name))
    if prof["ipsec"].get("pfs"):
        ipsec_pol["perfect_forward_secrecy"] = {"keys": prof["ipsec"]["pfs"]}
    dev.put("ipsec_policy", ipsec_pol["name"], ipsec_pol, name, "names.ipsec_policy")
    vpn = {"name": local.names["vpn"], "ike": {"gateway": gw["name"], "ipsec_policy": ipsec_pol["name"]},
           "establish_tunnels": opts.get("establish_tunnels", "immediately")}
    if opts.get("df_bit"):
        vpn["df_bit"] = opts["df_bit"]
    site = local.site
    uplink = site.uplinks[local.uplink]
    # Zones hold logical interfaces: ge-0/0/0 means its unit 0 there.
    logical = uplink.interface if "." in uplink.interface else uplink.interface + ".0"
    dev.zone_interface(uplink.zone, logical, [HOST_INBOUND_IKE])
    info = {"tunnel": name, "type": tun.type, "path": path.label, "peer": remote.site.host,
            "vpn": vpn["name"], "gateway": gw["name"], "mode": tun.mode,
            "local_address": uplink.address, "remote_address": (gw.get("address") or [None])[0],
            "remote_lans": remote.site.lan_text,
            "ping": {"source": site.lan_address, "destination": remote.site.probe_address},
            "preference": path.preference}
    if tun.mode == "route":
        a_addr, b_addr = link_addresses(path.link)
        mine, theirs = (a_addr, b_addr) if local_is_a else (b_addr, a_addr)
        st0 = "st0.{0}".format(local.st0_unit)
        vpn["bind_interface"] = st0
        monitor = opts.get("vpn_monitor")
        if monitor:
            monitor = dict(monitor) if isinstance(monitor, dict) else {}
            monitor.setdefault("destination_ip", theirs.split("/")[0])
            monitor.setdefault("source_interface", st0)
            vpn["vpn_monitor"] = dict(sorted(monitor.items()))
        selectors = opts.get("traffic_selectors") or []
        if selectors:
            vpn["traffic_selectors"] = [
                {"name": "ts-{0}".format(i + 1),
                 "local_ip": ts["local"] if local_is_a else ts["remote"],
                 "remote_ip": ts["remote"] if local_is_a else ts["local"]}
                for i, ts in enumerate(selectors)]
        dev.put("st0_unit", local.st0_unit, {"unit": local.st0_unit, "family": {"inet": {"addresses": [mine]}}},
                name, "st0_unit")
        # VPN monitoring pings the peer's st0 address, and a backup path is tested the same way
        # (a LAN ping would take the primary path), so those st0 units answer ping.
        backup = tun.type == "redundant" and path.preference != min(p.preference for p in tun.paths)
        dev.zone_interface(site.vpn_zone, st0, ["ping"] if monitor or backup else [])
        info.update({"st0": st0, "local_link": mine, "remote_link": theirs})
        if backup:
            info["ping"] = {"source": mine.split("/")[0], "destination": theirs.split("/")[0]}
        _zone_policies(dev, site, name)
    else:
        _policy_based(dev, site, remote.site, vpn["name"], name)
        # Traffic the SRX originates itself skips security policies, so it never enters a
        # policy-based tunnel: only hosts behind the device can test one.
        info["ping"] = None
    dev.put("ipsec_vpn", vpn["name"], vpn, name, "names.vpn")
    dev.tunnels.append(info)
    return info


def _zone_policies(dev, site, tunnel):
    for src, dst, pname in ((site.trust_zone, site.vpn_zone, "allow-vpn"), (site.vpn_zone, site.trust_zone, "allow-vpn-in")):
        dev.put("policy", (src, dst, pname), _permit(src, dst, pname, ["any"], ["any"]), tunnel, "vpn_site.vpn_zone")


def spoke_to_spoke_policy(dev, site, tunnel):
    name = "allow-spoke-to-spoke"
    dev.put("policy", (site.vpn_zone, site.vpn_zone, name),
            _permit(site.vpn_zone, site.vpn_zone, name, ["any"], ["any"]), tunnel, "spoke_to_spoke")


def _permit(src, dst, name, sources, destinations, then=None):
    return {"from_zone": src, "to_zone": dst, "name": name,
            "match": {"source_address": sources, "destination_address": destinations, "application": ["any"]},
            "then": then or {"action": "permit"}}


def _address_names(dev, nets, tunnel):
    names = []
    for net in nets:
        name = "net-{0}".format(net)
        dev.put("address", name, {"name": name, "ip_prefix": str(net)}, tunnel, "vpn_site.lan_subnets")
        names.append(name)
    return names


def _policy_based(dev, site, remote, vpn_name, tunnel):
    """Seed 004's policy-based form: trust->untrust `permit tunnel ipsec-vpn` plus its pair."""
    local_nets = _address_names(dev, site.lan_subnets, tunnel)
    remote_nets = _address_names(dev, remote.lan_subnets, tunnel)
    external = site.uplinks[site.default_uplink].zone
    out_name, in_name = "vpn-{0}-out".format(tunnel), "vpn-{0}-in".format(tunnel)
    directions = ((site.trust_zone, external, out_name, in_name, local_nets, remote_nets),
                  (external, site.trust_zone, in_name, out_name, remote_nets, local_nets))
    for src, dst, pname, pair, s, d in directions:
        then = {"action": "permit", "tunnel": {"ipsec_vpn": vpn_name, "pair_policy": pair}}
        dev.put("policy", (src, dst, pname), _permit(src, dst, pname, s, d, then), tunnel, "mode")


def add_route(dev, destination, next_hop, tunnel, preference=None, qualified=None):
    destination = str(destination)
    route = {"destination": destination, "next_hop": [next_hop]}
    if preference is not None:
        route["preference"] = preference
    if qualified:
        route["qualified_next_hops"] = qualified
    dev.put("route", destination, route, tunnel, "vpn_site.lan_subnets")

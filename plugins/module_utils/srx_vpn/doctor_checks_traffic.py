# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks that decide whether traffic can use a tunnel once its SAs are up:
st0 unit, zone, route into the tunnel, security policies."""
from __future__ import annotations

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.doctor_checks import Finding
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.doctor_checks_device import ANY4


def _unit_cli(ifl):
    name, unit = (ifl.split(".", 1) + ["0"])[:2]
    return "%s unit %s" % (name, unit)


def st0_checks(dev, vpn) -> list:
    ifl = vpn.bind_interface
    path = "security ipsec vpn %s bind-interface" % vpn.name
    if not dev.has_unit(ifl):
        return [Finding("st0-missing", dev.host, path, "vpn %s binds %s, which is not configured" % (vpn.name, ifl),
                        "set interfaces %s family inet" % _unit_cli(ifl))]
    if not dev.unit_has_inet(ifl):
        return [Finding("st0-no-inet", dev.host, "interfaces %s family inet" % _unit_cli(ifl),
                        "%s (vpn %s) has no family inet: IPv4 traffic cannot enter the tunnel" % (ifl, vpn.name),
                        "set interfaces %s family inet" % _unit_cli(ifl))]
    if dev.zone_of(ifl) is None:
        return [Finding("st0-no-zone", dev.host, "security zones security-zone <zone> interfaces %s" % ifl,
                        "%s (vpn %s) is in no security zone: its traffic matches no policy and is dropped"
                        % (ifl, vpn.name), "set security zones security-zone vpn interfaces %s" % ifl)]
    return []


def remote_networks(vpn, peer_dev, peer_end) -> list:
    """What the far end protects: its proxy-id/traffic-selector remote, else its LAN subnets."""
    explicit = [s.remote for s in vpn.selectors if s.remote != ANY4]
    if explicit:
        return explicit
    tunnel_zones = {peer_dev.zone_of(v.bind_interface) for v in peer_end.vpns if v.bind_interface} - {None}
    # the LAN is what the far end's policies let into its tunnel zone; without such policies,
    # every zone but the external and tunnel ones
    lan_zones = {src for src, dst, name, action, tunnel in peer_dev.security_policies()
                 if action == "permit" and dst in tunnel_zones and src not in tunnel_zones | {"any"}}
    if lan_zones:
        return peer_dev.lan_networks(only_zones=lan_zones)
    exclude = {peer_dev.zone_of(peer_end.external_interface)} if peer_end.external_interface else set()
    return peer_dev.lan_networks((exclude | tunnel_zones) - {None})


def route_checks(dev, vpn, networks) -> list:
    """Route-based VPNs need a route per remote subnet via the st0 unit. Traffic selectors make
    Junos install those routes itself (auto route insertion), so nothing to check then."""
    if not vpn.bind_interface or vpn.selector_source == "traffic-selector" or not dev.has_unit(vpn.bind_interface):
        return []
    found = []
    for network in networks:
        route = dev.route_for(network)
        if route and any(dev.hop_uses(hop, vpn.bind_interface) for hop in route[1]):
            continue
        best = "best match %s via %s" % (route[0], ", ".join(route[1]) or "-") if route else "no route at all"
        found.append(Finding("route-missing", dev.host, "routing-options static route %s" % network,
                             "no route sends %s into %s for vpn %s (%s)" % (network, vpn.bind_interface, vpn.name, best),
                             "set routing-options static route %s next-hop %s" % (network, vpn.bind_interface)))
    return found


def _permits(rows, src_ok, dst_ok) -> bool:
    return any(action == "permit" and src_ok(src) and dst_ok(dst) for src, dst, name, action, tunnel in rows)


def policy_checks(dev, vpn) -> list:
    rows = dev.security_policies()
    if not vpn.bind_interface:
        if any(tunnel == vpn.name for src, dst, name, action, tunnel in rows if action == "permit"):
            return []
        return [Finding("policy-missing", dev.host, "security policies",
                        "policy-based vpn %s: no security policy says 'then permit tunnel ipsec-vpn %s'"
                        % (vpn.name, vpn.name),
                        "add a policy from the LAN zone to the untrust zone: then permit tunnel ipsec-vpn %s"
                        % vpn.name)]
    zone = dev.zone_of(vpn.bind_interface)
    if zone is None:
        return []  # st0-no-zone says it
    missing = []
    if not _permits(rows, lambda s: s not in (zone,), lambda d: d in (zone, "any")):
        missing.append("to-zone %s" % zone)
    if not _permits(rows, lambda s: s in (zone, "any"), lambda d: d not in (zone,)):
        missing.append("from-zone %s" % zone)
    if not missing:
        return []
    return [Finding("policy-missing", dev.host, "security policies",
                    "no security policy permits tunnel traffic of vpn %s (%s): missing %s"
                    % (vpn.name, vpn.bind_interface, " and ".join(missing)),
                    "set security policies from-zone trust to-zone %s policy <name> then permit (and back)" % zone)]


def device_checks(dev) -> list:
    """Checks not tied to one gateway pair."""
    found = []
    vpns = dev.vpns()
    names = {v.name for v in vpns}
    gateways = {end.name for end in dev.ike_ends()}
    for src, dst, policy, action, tunnel in dev.security_policies():
        if action == "permit" and tunnel and tunnel not in names:
            found.append(Finding(
                "policy-vpn-missing", dev.host,
                "security policies from-zone %s to-zone %s policy %s then permit tunnel ipsec-vpn" % (src, dst, policy),
                "policy %s (%s -> %s) tunnels into vpn %s, which is not configured" % (policy, src, dst, tunnel),
                "configure security ipsec vpn %s or fix the policy's ipsec-vpn" % tunnel))
    zones = set(dev.zones) | {"any", "junos-host"}
    missing_zones = sorted({(zone, src, dst, policy) for src, dst, policy, _action, _tunnel in dev.security_policies()
                            for zone in (src, dst) if zone not in zones})
    for zone, src, dst, policy in missing_zones:
        found.append(Finding(
            "policy-zone-missing", dev.host, "security policies from-zone %s to-zone %s policy %s" % (src, dst, policy),
            "policy %s (%s -> %s) names security zone %s, which is not defined" % (policy, src, dst, zone),
            "define security zones security-zone %s or fix the policy's zones" % zone))
    for vpn in vpns:
        if vpn.gateway and vpn.gateway not in gateways:
            found.append(Finding("vpn-gateway-missing", dev.host, "security ipsec vpn %s ike gateway" % vpn.name,
                                 "vpn %s uses ike gateway %s, which is not configured" % (vpn.name, vpn.gateway),
                                 "configure security ike gateway %s" % vpn.gateway))
    return found

"""Auto route insertion (ARI-TS): a route-based VPN with traffic selectors installs each selector's
remote-ip via its st0 unit, preference 5 unless the selector sets one, while the tunnel is up
(establish-tunnels immediately) or from commit (on-traffic); never for 0.0.0.0/0. The data plane
uses these routes like any other."""
import ipaddress

from srxsim.network.dataplane import DataPlane, lookup
from srxsim.network.ops_net import ROUTING_NS, RouteQuery, route_information

from netcases import SEED004_TOPOLOGY, SITE_A, SITE_B, build, variant

NS = {"r": ROUTING_NS}
VPN = "set security ipsec vpn vpn-to-remote-site"


def without_static_route(base: str, local: str, remote: str, *extra: str) -> str:
    """The seed-004 site with its remote-LAN static route replaced by a traffic selector."""
    return variant(base, drop=(f"set routing-options static route {remote}",),
                   add=(f"{VPN} traffic-selector ts1 local-ip {local}",
                        f"{VPN} traffic-selector ts1 remote-ip {remote}", *extra))


def sites(a_extra=(), b_extra=(), psk_b=None):
    site_b = SITE_B if psk_b is None else SITE_B.replace("lab-secret-004", psk_b)
    return build(SEED004_TOPOLOGY, {
        "site-a": without_static_route(SITE_A, "192.168.1.0/24", "192.168.2.0/24", *a_extra),
        "site-b": without_static_route(site_b, "192.168.2.0/24", "192.168.1.0/24", *b_extra)})


def pc_a_to_pc_b(state):
    return DataPlane(state).ping_once(None, ipaddress.IPv4Address("192.168.1.10"),
                                      ipaddress.IPv4Address("192.168.2.10"), host="pc-a")


def route_to(state, device, address):
    return lookup(state, state.configs[device], ipaddress.IPv4Address(address))


def test_ari_routes_carry_lan_to_lan_traffic_without_static_routes():
    state = sites()
    assert state.sa_for("site-a", "vpn-to-remote-site") is not None
    route = route_to(state, "site-a", "192.168.2.10")
    assert (str(route.prefix), route.protocol, route.preference, route.ifl) == ("192.168.2.0/24", "ARI-TS", 5, "st0.0")
    assert route_to(state, "site-b", "192.168.1.10").protocol == "ARI-TS"
    walk = pc_a_to_pc_b(state)
    assert walk.drop is None, walk.trace
    assert "site-a: route 192.168.2.0/24 (ARI-TS/5) via st0.0" in walk.trace


def test_ari_routes_appear_in_get_route_information():
    reply = route_information(sites(), "site-a", RouteQuery(destination="192.168.2.10"))
    rt = reply.find("r:route-table/r:rt", NS)
    assert rt.findtext("r:rt-destination", namespaces=NS).strip() == "192.168.2.0/24"
    assert rt.findtext("r:rt-entry/r:protocol-name", namespaces=NS).strip() == "ARI-TS"
    assert rt.findtext("r:rt-entry/r:preference", namespaces=NS).strip() == "5"
    assert rt.findtext("r:rt-entry/r:nh/r:via", namespaces=NS).strip() == "st0.0"


def test_selector_preference_overrides_the_default():
    state = sites(a_extra=(f"{VPN} traffic-selector ts1 preference 7",))
    assert route_to(state, "site-a", "192.168.2.10").preference == 7


def test_no_ari_route_while_an_immediate_tunnel_is_down():
    state = sites(psk_b="not-the-same")
    assert state.sa_for("site-a", "vpn-to-remote-site") is None
    assert str(route_to(state, "site-a", "192.168.2.10").prefix) == "0.0.0.0/0"  # the default route, to the ISP
    assert pc_a_to_pc_b(state).drop is not None


def test_on_traffic_vpn_installs_its_route_at_commit_and_the_first_packet_brings_it_up():
    def on_traffic(site: str, local: str, remote: str) -> str:
        return variant(without_static_route(site, local, remote), drop=(f"{VPN} establish-tunnels",),
                       add=(f"{VPN} establish-tunnels on-traffic",))

    state = build(SEED004_TOPOLOGY, {"site-a": on_traffic(SITE_A, "192.168.1.0/24", "192.168.2.0/24"),
                                     "site-b": on_traffic(SITE_B, "192.168.2.0/24", "192.168.1.0/24")})
    assert state.sa_for("site-a", "vpn-to-remote-site") is None
    assert route_to(state, "site-a", "192.168.2.10").protocol == "ARI-TS"
    first = pc_a_to_pc_b(state)
    assert "first packet triggered IKE negotiation" in first.drop
    assert pc_a_to_pc_b(state).drop is None


def test_a_selector_to_anywhere_inserts_no_route():
    state = build(SEED004_TOPOLOGY, {
        "site-a": variant(SITE_A, add=(f"{VPN} traffic-selector ts1 local-ip 192.168.1.0/24",
                                       f"{VPN} traffic-selector ts1 remote-ip 0.0.0.0/0")),
        "site-b": variant(SITE_B, add=(f"{VPN} traffic-selector ts1 local-ip 0.0.0.0/0",
                                       f"{VPN} traffic-selector ts1 remote-ip 192.168.1.0/24"))})
    assert state.sa_for("site-a", "vpn-to-remote-site") is not None
    assert not [r for r in route_information(state, "site-a", RouteQuery()).iterfind(".//r:protocol-name", NS)
                if r.text.strip() == "ARI-TS"]

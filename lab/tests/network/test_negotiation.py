"""Negotiation details beyond the seed: predefined proposal sets, dynamic peers, NAT-T,
policy-based VPNs and on-traffic tunnels."""
import ipaddress

import pytest

from srxsim.network.dataplane import DataPlane
from srxsim.network.proposals import IKE_SETS, IPSEC_SETS

from netcases import PSK, SEED004_TOPOLOGY, SITE_A, SITE_B, build, hub, spoke, variant

PC_A, PC_B = ipaddress.IPv4Address("192.168.1.10"), ipaddress.IPv4Address("192.168.2.10")


def test_predefined_sets_expand_as_junos_defines_them():
    assert [p.name for p in IKE_SETS["standard"]] == ["pre-g2-aes128-sha", "pre-g2-3des-sha"]
    assert [p.name for p in IKE_SETS["compatible"]] == ["pre-g2-3des-sha", "pre-g2-3des-md5", "pre-g2-des-sha",
                                                         "pre-g2-des-md5"]
    assert [p.name for p in IKE_SETS["basic"]] == ["pre-g1-des-sha", "pre-g1-des-md5"]
    assert [p.name for p in IPSEC_SETS["standard"]] == ["g2-esp-3des-sha", "g2-esp-aes128-sha"]
    assert all(p.pfs is None for p in IPSEC_SETS["compatible"] + IPSEC_SETS["basic"])
    assert {p.dh_group for s in ("suiteb-gcm-128", "prime-128") for p in IKE_SETS[s]} == {"group19"}


@pytest.mark.parametrize("ike_set_b,established", [("standard", True), ("compatible", True), ("basic", False)])
def test_proposal_sets_agree_when_they_share_a_proposal(ike_set_b, established):
    # standard offers pre-g2-3des-sha, which compatible also holds; basic shares nothing
    b = SITE_B.replace("ike-policy proposal-set standard", f"ike-policy proposal-set {ike_set_b}")
    state = build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": b})
    sa = state.sa_for("site-a", "vpn-to-remote-site")
    assert (sa is not None) == established
    if established and ike_set_b == "compatible":
        assert sa.verdict.ike_proposal.name == "pre-g2-3des-sha"


def test_custom_proposal_equal_to_a_set_member_matches_and_shorter_lifetime_wins():
    b = variant(SITE_B, ("set security ike policy ike-policy proposal-set",), (
        "set security ike proposal p1 authentication-method pre-shared-keys",
        "set security ike proposal p1 dh-group group2",
        "set security ike proposal p1 authentication-algorithm sha1",
        "set security ike proposal p1 encryption-algorithm aes-128-cbc",
        "set security ike proposal p1 lifetime-seconds 3600",
        "set security ike policy ike-policy proposals p1"))
    state = build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": b})
    sa = state.sa_for("site-a", "vpn-to-remote-site")
    assert sa is not None and sa.verdict.ike_lifetime == 3600


def _dynamic_hub(version: str, mode: str | None = None) -> str:
    text = variant(hub(0), (), (
        "set interfaces st0 unit 1 family inet address 10.254.0.5/30",
        "set security ike gateway dyn ike-policy ike-policy",
        "set security ike gateway dyn dynamic hostname spoke1.example.net",
        "set security ike gateway dyn external-interface ge-0/0/0",
        f"set security ike gateway dyn version {version}",
        "set security ipsec vpn dyn-vpn bind-interface st0.1",
        "set security ipsec vpn dyn-vpn ike gateway dyn",
        "set security ipsec vpn dyn-vpn ike ipsec-policy ipsec-policy",
        "set security zones security-zone vpn interfaces st0.1"))
    return text + (f"set security ike policy ike-policy mode {mode}\n" if mode else "")


def _dynamic_spoke(version: str, wan_network: str = "internet", mode: str | None = None) -> tuple[dict, str]:
    text = variant(spoke(1), (), (
        f"set security ike gateway hub version {version}",
        "set security ike gateway hub local-identity hostname identity-hostname spoke1.example.net"))
    if mode:
        text += f"set security ike policy ike-policy mode {mode}\n"
    topo = {"devices": {"hub": {"interfaces": {"ge-0/0/0": {"network": "internet"}}},
                        "spoke1": {"interfaces": {"ge-0/0/0": {"network": wan_network}}}},
            "networks": {"internet": {"kind": "internet"},
                         "nat-1": {"kind": "nat", "uplink": "internet", "public": "198.51.100.200"}}}
    return topo, text


@pytest.mark.parametrize("version,mode,established", [("v2-only", None, True), ("v1-only", "aggressive", True),
                                                      ("v1-only", None, False)])
def test_dynamic_hostname_peer(version, mode, established):
    topo, spoke_text = _dynamic_spoke(version, mode=mode)
    state = build(topo, {"hub": _dynamic_hub(version, mode), "spoke1": spoke_text})
    sa = state.sa_for("spoke1", "to-hub")
    assert (sa is not None) == established
    if established:
        assert sa.responder == ("hub", "dyn-vpn")
    else:  # IKEv1 main mode cannot find a gateway by hostname identity
        assert state.inactive[("spoke1", "to-hub")].verdict.failure == "GATEWAY_NOT_FOUND"
        waiting = state.inactive[("hub", "dyn-vpn")].verdict
        assert waiting.failure is None and "waiting for dynamic peer" in waiting.reason


def test_nat_traversal_uses_port_4500_and_can_be_disabled():
    topo, spoke_text = _dynamic_spoke("v2-only", wan_network="nat-1")
    spoke_text = spoke_text.replace("203.0.113.2/24", "10.100.0.2/24")
    state = build(topo, {"hub": _dynamic_hub("v2-only"), "spoke1": spoke_text})
    sa = state.sa_for("spoke1", "to-hub")
    assert sa is not None and sa.verdict.nat and sa.verdict.port == 4500
    hub_text = _dynamic_hub("v2-only") + "set security ike gateway dyn no-nat-traversal\n"
    state = build(topo, {"hub": hub_text, "spoke1": spoke_text})
    assert state.inactive[("spoke1", "to-hub")].verdict.failure == "NAT_TRAVERSAL"


def _policy_based(name: str, local: str, remote: str, peer: str, wan: str, lan: str, gw: str) -> str:
    return f"""
set system host-name {name}
set interfaces ge-0/0/0 unit 0 family inet address {wan}
set interfaces ge-0/0/1 unit 0 family inet address {lan}
set routing-options static route 0.0.0.0/0 next-hop {gw}
set security ike policy ike-policy proposal-set standard
set security ike policy ike-policy pre-shared-key ascii-text "{PSK}"
set security ike gateway remote-site ike-policy ike-policy
set security ike gateway remote-site address {peer}
set security ike gateway remote-site external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn pb-vpn ike gateway remote-site
set security ipsec vpn pb-vpn ike ipsec-policy ipsec-policy
set security address-book global address local-lan {local}
set security address-book global address remote-lan {remote}
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike
set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping
set security policies from-zone trust to-zone untrust policy vpn-out match source-address local-lan
set security policies from-zone trust to-zone untrust policy vpn-out match destination-address remote-lan
set security policies from-zone trust to-zone untrust policy vpn-out match application any
set security policies from-zone trust to-zone untrust policy vpn-out then permit tunnel ipsec-vpn pb-vpn
set security policies from-zone untrust to-zone trust policy vpn-in match source-address remote-lan
set security policies from-zone untrust to-zone trust policy vpn-in match destination-address local-lan
set security policies from-zone untrust to-zone trust policy vpn-in match application any
set security policies from-zone untrust to-zone trust policy vpn-in then permit tunnel ipsec-vpn pb-vpn
"""


def test_policy_based_vpn_comes_up_on_traffic_and_passes_it():
    a = _policy_based("site-a", "192.168.1.0/24", "192.168.2.0/24", "203.0.113.1", "192.0.2.1/24",
                      "192.168.1.1/24", "192.0.2.254")
    b = _policy_based("site-b", "192.168.2.0/24", "192.168.1.0/24", "192.0.2.1", "203.0.113.1/24",
                      "192.168.2.1/24", "203.0.113.254")
    state = build(SEED004_TOPOLOGY, {"site-a": a, "site-b": b})
    assert state.sa_for("site-a", "pb-vpn") is None  # no establish-tunnels immediately: waits for traffic
    plane = DataPlane(state)
    first = plane.ping_once(None, PC_A, PC_B, host="pc-a")
    assert "first packet triggered IKE negotiation" in first.drop
    sa = state.sa_for("site-a", "pb-vpn")
    assert sa is not None and [str(s.remote) for s in sa.selectors("site-a", "pb-vpn")] == ["192.168.2.0/24"]
    second = plane.ping_once(None, PC_A, PC_B, host="pc-a")
    assert second.drop is None, second.trace
    assert any("tunnel ipsec-vpn pb-vpn" in t for t in second.trace)


def test_on_traffic_route_based_vpn_keeps_st0_up_until_traffic_arrives():
    drop = ("set security ipsec vpn vpn-to-remote-site establish-tunnels",)
    state = build(SEED004_TOPOLOGY, {"site-a": variant(SITE_A, drop), "site-b": variant(SITE_B, drop)})
    assert state.sa_for("site-a", "vpn-to-remote-site") is None and state.st0_up("site-a", "st0.0")
    plane = DataPlane(state)
    assert "triggered" in plane.ping_once(None, PC_A, PC_B, host="pc-a").drop
    assert plane.ping_once(None, PC_A, PC_B, host="pc-a").drop is None


def test_evaluate_gives_verdicts_from_configurations_alone():
    from srxsim.network import FAILURES, evaluate

    from netcases import xml
    verdicts = evaluate({"site-a": xml(SITE_A), "site-b": xml(SITE_B.replace(PSK, "other"))})
    v = verdicts[("site-a", "vpn-to-remote-site")]
    assert not v.established and v.failure == "AUTHENTICATION" and v.failure in FAILURES
    assert evaluate({"site-a": xml(SITE_A), "site-b": xml(SITE_B)})[("site-b", "vpn-to-remote-site")].established


def test_vpns_over_the_same_gateways_share_one_ike_sa():
    from srxsim.network.ops_sa import ike_sas, ipsec_sas

    def two_vpns(text: str, local: tuple[str, str], remote: tuple[str, str]) -> str:
        lines = [f"set interfaces st0 unit 1 family inet address {'10.1.2.1/30' if local[0] == '192.168.1.0/24' else '10.1.2.2/30'}",
                 "set security zones security-zone vpn interfaces st0.1"]
        for vpn, unit, lo, re_ in (("vpn-to-remote-site", 0, local[0], remote[0]), ("vpn-two", 1, local[1], remote[1])):
            lines += [f"set security ipsec vpn {vpn} bind-interface st0.{unit}",
                      f"set security ipsec vpn {vpn} ike gateway remote-site",
                      f"set security ipsec vpn {vpn} ike ipsec-policy ipsec-policy",
                      f"set security ipsec vpn {vpn} establish-tunnels immediately",
                      f"set security ipsec vpn {vpn} traffic-selector ts local-ip {lo}",
                      f"set security ipsec vpn {vpn} traffic-selector ts remote-ip {re_}"]
        return variant(text, ("set security ipsec vpn",), tuple(lines))

    a = two_vpns(SITE_A, ("192.168.1.0/24", "192.168.11.0/24"), ("192.168.2.0/24", "192.168.12.0/24"))
    b = two_vpns(SITE_B, ("192.168.2.0/24", "192.168.12.0/24"), ("192.168.1.0/24", "192.168.11.0/24"))
    state = build(SEED004_TOPOLOGY, {"site-a": a, "site-b": b})
    one, two = state.sa_for("site-a", "vpn-to-remote-site"), state.sa_for("site-a", "vpn-two")
    assert one is not None and two is not None and one.ike is two.ike and one.spis != two.spis
    assert len(ike_sas(state, "site-a", False).findall("ike-security-associations")) == 1
    assert ipsec_sas(state, "site-b", False).findtext("total-active-tunnels").strip() == "2"

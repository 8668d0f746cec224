"""Seed 004: both sites configured as the seed says (plus PSK, zones, policies) bring the tunnel up
and pass traffic between the LANs."""
import ipaddress

import pytest

from srxsim.network.dataplane import DataPlane, lookup

from netcases import SEED004_TOPOLOGY, SITE_A, SITE_B, build


@pytest.fixture
def state():
    return build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": SITE_B})


def test_ike_and_ipsec_sas_up_on_both_sites(state):
    a, b = state.sa_for("site-a", "vpn-to-remote-site"), state.sa_for("site-b", "vpn-to-remote-site")
    assert a is b and a is not None
    assert a.side("site-a", "vpn-to-remote-site") == "initiator"
    assert a.side("site-b", "vpn-to-remote-site") == "responder"
    assert a.verdict.ike_proposal.name == "pre-g2-aes128-sha"     # first of proposal-set standard
    assert a.verdict.ipsec_proposal.name == "g2-esp-3des-sha"
    assert a.verdict.pfs == "group2"                                 # implied by ipsec proposal-set standard
    assert a.spi_out("site-a", "vpn-to-remote-site") == a.spi_in("site-b", "vpn-to-remote-site")
    assert state.st0_up("site-a", "st0.0") and state.st0_up("site-b", "st0.0")
    assert not state.inactive


def test_psk_is_compared_after_decoding_the_committed_9_form(state):
    from netcases import xml
    committed = xml(SITE_A).findtext("security/ike/policy/pre-shared-key/ascii-text")
    assert committed.startswith("$9$")
    assert state.configs["site-a"].ike_policies["ike-policy"].psk == state.configs["site-b"].ike_policies["ike-policy"].psk


def test_ping_lan_to_lan_through_the_tunnel(state):
    plane = DataPlane(state)
    walk = plane.ping_once(None, ipaddress.IPv4Address("192.168.1.10"), ipaddress.IPv4Address("192.168.2.10"),
                           host="pc-a")
    assert walk.drop is None, walk.trace
    assert any("encrypted into vpn vpn-to-remote-site" in t for t in walk.trace)
    assert any(t.startswith("site-b: decrypted") for t in walk.trace)
    assert state.counters["site-a"].encrypted_packets == 1 and state.counters["site-a"].decrypted_packets == 1
    assert state.counters["site-b"].decrypted_packets == 1 and state.counters["site-b"].encrypted_packets == 1


def test_ping_from_the_device_uses_the_egress_address_or_the_given_source(state):
    plane = DataPlane(state)
    dst = ipaddress.IPv4Address("192.168.2.10")
    assert plane.source_for("site-a", dst) == ipaddress.IPv4Address("10.1.1.1")
    assert plane.ping_once("site-a", ipaddress.IPv4Address("192.168.1.1"), dst).drop is None


def test_route_via_st0_is_active_only_while_the_tunnel_is_up(state):
    dev = state.configs["site-a"]
    assert lookup(state, dev, ipaddress.IPv4Address("192.168.2.10")).ifl == "st0.0"
    down = build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": SITE_B.replace("lab-secret-004", "other")})
    route = lookup(down, down.configs["site-a"], ipaddress.IPv4Address("192.168.2.10"))
    assert route.prefix == ipaddress.IPv4Network("0.0.0.0/0")  # falls back to the default route


def test_recommit_without_change_keeps_the_same_sa(state):
    from netcases import xml
    before = state.sa_for("site-a", "vpn-to-remote-site")
    state.set_config("site-a", xml(SITE_A))
    after = state.sa_for("site-a", "vpn-to-remote-site")
    assert after is before and after.spis == before.spis


def test_kmd_log_records_the_tunnel_coming_up(state):
    log = "\n".join(state.kmd["site-a"])
    assert "KMD_VPN_UP_ALARM_USER: VPN vpn-to-remote-site from 203.0.113.1 is up" in log
    assert "lab-secret-004" not in log


def test_a_deactivated_vpn_takes_no_part():
    from netcases import variant
    state = build(SEED004_TOPOLOGY, {"site-a": variant(SITE_A, (), ("deactivate security ipsec vpn vpn-to-remote-site",)),
                                     "site-b": SITE_B})
    assert "vpn-to-remote-site" not in state.configs["site-a"].vpns
    assert state.sa_for("site-b", "vpn-to-remote-site") is None
    assert state.inactive[("site-b", "vpn-to-remote-site")].verdict.failure == "PHASE2_CONFIG"


def test_show_detail_text(state):
    from srxsim.network import ops_text
    ike = ops_text.ike_sas_detail(state, "site-b")
    assert "IKE peer 192.0.2.1" in ike and "Role: Responder, State: UP" in ike and "DH-group-2" in ike
    ipsec = ops_text.ipsec_sas_detail(state, "site-a")
    assert "VPN Name: vpn-to-remote-site" in ipsec and "Bind-interface: st0.0" in ipsec
    assert ipsec.count("Direction: ") == 2

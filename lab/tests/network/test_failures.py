"""One row per single misconfiguration of seed 004: the tunnel fails (or traffic is dropped) with
the classification and the reason Junos shows."""
import ipaddress

import pytest

from srxsim.network.dataplane import DataPlane
from srxsim.network.ops_sa import ike_sas, inactive_tunnels, ipsec_sas

from netcases import SEED004_TOPOLOGY, SITE_A, SITE_B, build, variant

VPN = "vpn-to-remote-site"
IKE_PROPOSAL = ("set security ike proposal p1 authentication-method pre-shared-keys",
                "set security ike proposal p1 dh-group group14",
                "set security ike proposal p1 authentication-algorithm sha-256",
                "set security ike proposal p1 encryption-algorithm aes-256-cbc",
                "set security ike policy ike-policy proposals p1")

# (case, site-a lines dropped, site-a lines added, site-b lines dropped, site-b lines added,
#  expected failure code on site-a (None: tunnel up), text expected in the reason / drop)
CASES = [
    ("psk", (), (), ("set security ike policy ike-policy pre-shared-key",),
     ('set security ike policy ike-policy pre-shared-key ascii-text "not-the-same"',),
     "AUTHENTICATION", "Authentication failed"),
    ("ike-proposal", ("set security ike policy ike-policy proposal-set",), IKE_PROPOSAL, (), (),
     "PHASE1_PROPOSAL", "No proposal chosen"),
    ("dh-group", ("set security ike policy ike-policy proposal-set",), IKE_PROPOSAL,
     ("set security ike policy ike-policy proposal-set",),
     tuple(l.replace("group14", "group5") for l in IKE_PROPOSAL), "PHASE1_PROPOSAL", "No proposal chosen"),
    ("mode", (), ("set security ike policy ike-policy mode aggressive",), (), (), "IKE_MODE", "main"),
    ("ike-version", (), ("set security ike gateway remote-site version v2-only",), (), (),
     "IKE_VERSION", "v2-only"),
    # (the configuration plane's set parser wants the YANG leaf word identity-hostname here)
    ("identity", (), ("set security ike gateway remote-site local-identity hostname identity-hostname "
                      "site-a.example.net",), (), (),
     "IDENTITY", "IKE-ID validation failed"),
    ("peer-address", ("set security ike gateway remote-site address",),
     ("set security ike gateway remote-site address 203.0.113.9",), (), (), "PEER_UNREACHABLE", "Peer not responding"),
    ("external-interface", ("set security ike gateway remote-site external-interface",),
     ("set security ike gateway remote-site external-interface ge-0/0/1",), (), (),
     "PEER_UNREACHABLE", "unreachable from ge-0/0/1.0"),
    ("pfs", (), ("set security ipsec policy ipsec-policy perfect-forward-secrecy keys group14",), (), (),
     "PFS", "PFS group14"),
    ("ipsec-proposal", ("set security ipsec policy ipsec-policy proposal-set",),
     ("set security ipsec proposal p2 protocol esp",
      "set security ipsec proposal p2 authentication-algorithm hmac-sha-256-128",
      "set security ipsec proposal p2 encryption-algorithm aes-256-cbc",
      "set security ipsec policy ipsec-policy proposals p2"), (), (),
     "PHASE2_PROPOSAL", "No proposal chosen for phase 2"),
    ("traffic-selector", (),
     ("set security ipsec vpn vpn-to-remote-site traffic-selector remote-subnet local-ip 192.168.1.0/24",
      "set security ipsec vpn vpn-to-remote-site traffic-selector remote-subnet remote-ip 192.168.2.0/24"), (), (),
     "TRAFFIC_SELECTOR", "do not match"),
    # site-b only responds (on-traffic): its own outbound IKE would be allowed back by its session
    ("host-inbound-ike", (), (), ("set security zones security-zone untrust",
                                  "set security ipsec vpn vpn-to-remote-site establish-tunnels"),
     ("set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ping",),
     "HOST_INBOUND_IKE", "host-inbound-traffic system-services ike"),
    # the tunnel comes up but traffic cannot pass
    ("st0-not-in-zone", ("set security zones security-zone vpn",), (), (), (), None,
     "egress interface st0.0 is not in a security zone"),
    ("no-route", ("set routing-options static route 192.168.2.0/24",), (), (), (), None,
     "denied by default policy (from-zone trust to-zone untrust)"),
    ("no-policy", ("set security policies from-zone trust to-zone vpn",), (), (), (), None,
     "denied by default policy (from-zone trust to-zone vpn)"),
]


@pytest.mark.parametrize("case,drop_a,add_a,drop_b,add_b,failure,text", CASES, ids=[c[0] for c in CASES])
def test_single_misconfiguration(case, drop_a, add_a, drop_b, add_b, failure, text):
    state = build(SEED004_TOPOLOGY, {"site-a": variant(SITE_A, drop_a, add_a),
                                     "site-b": variant(SITE_B, drop_b, add_b)})
    if failure is None:
        assert state.sa_for("site-a", VPN) is not None
        walk = DataPlane(state).ping_once(None, ipaddress.IPv4Address("192.168.1.10"),
                                          ipaddress.IPv4Address("192.168.2.10"), host="pc-a")
        assert walk.drop is not None and text in walk.drop, walk.trace
        return
    assert state.sa_for("site-a", VPN) is None and state.sa_for("site-b", VPN) is None
    assert not state.st0_up("site-a", "st0.0")
    inactive = state.inactive[("site-a", VPN)]
    assert inactive.verdict.failure == failure
    assert text in inactive.verdict.reason
    # phase 2 failures leave the IKE SA up on both ends (show security ike security-associations)
    ike_up = 1 if failure in ("PHASE2_PROPOSAL", "PFS", "TRAFFIC_SELECTOR") else 0
    for device in ("site-a", "site-b"):
        assert len(ike_sas(state, device, False).findall("ike-security-associations")) == ike_up
        assert ipsec_sas(state, device, False).findtext("total-ipsec-sas").strip() == "0"
    reply = inactive_tunnels(state, "site-a")
    assert reply.findtext("total-inactive-tunnels").strip() == "1"
    assert text in reply.findtext("ipsec-security-associations-block/ipsec-security-associations/sa-tunnel-event")
    log = "\n".join(state.kmd["site-a"])
    assert "IKE negotiation failed with error" in log and text in log
    assert "not-the-same" not in log and "lab-secret-004" not in log
    if inactive.verdict.remote is not None:  # the responder was reached: it logs the failure too
        peer_log = "\n".join(state.kmd[inactive.verdict.remote.device])
        assert "Role: Responder" in peer_log and text in peer_log

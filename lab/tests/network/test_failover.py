"""Redundant tunnels (seed 004, two ISPs per site): an ISP link failure is noticed by DPD after
interval x threshold, traffic moves to the preference-20 route via st0.1, and comes back when the
link returns. IKE and IPsec SAs rekey at lifetime expiry without traffic loss."""
import ipaddress

import pytest

from srxsim.clock import Clock
from srxsim.network.dataplane import DataPlane, lookup

from netcases import (REDUNDANT_A, REDUNDANT_B, REDUNDANT_TOPOLOGY, SEED004_TOPOLOGY, SITE_A, SITE_B, build,
                      variant)

PC_A, PC_B = ipaddress.IPv4Address("192.168.1.10"), ipaddress.IPv4Address("192.168.2.10")


@pytest.fixture
def lab():
    clock = Clock(realtime=False, start=1_780_000_000.0)
    state = build(REDUNDANT_TOPOLOGY, {"site-a": REDUNDANT_A, "site-b": REDUNDANT_B}, clock)
    return clock, state, DataPlane(state)


def egress(state):
    return lookup(state, state.configs["site-a"], PC_B).ifl


def ping(plane):
    return plane.ping_once(None, PC_A, PC_B, host="pc-a")


def test_both_tunnels_up_and_primary_carries_traffic(lab):
    clock, state, plane = lab
    assert state.sa_for("site-a", "vpn-primary") and state.sa_for("site-a", "vpn-secondary")
    assert egress(state) == "st0.0"
    walk = ping(plane)
    assert walk.drop is None and any("vpn vpn-primary" in t for t in walk.trace)


def test_link_failure_dpd_failover_and_back(lab):
    clock, state, plane = lab
    state.set_link("isp-a1", False)
    # before DPD notices, the primary SA lingers and its packets are lost
    assert state.sa_for("site-a", "vpn-primary") is not None
    assert "underlay path broken" in ping(plane).drop
    clock.advance(29)
    state.sync()
    assert egress(state) == "st0.0"
    clock.advance(1)  # DPD interval 10 x threshold 3
    state.sync()
    assert state.sa_for("site-a", "vpn-primary") is None and not state.st0_up("site-a", "st0.0")
    assert "Peer not responding" in state.inactive[("site-a", "vpn-primary")].verdict.reason
    assert egress(state) == "st0.1"
    walk = ping(plane)
    assert walk.drop is None and any("vpn vpn-secondary" in t for t in walk.trace)
    assert any("KMD_VPN_DOWN_ALARM_USER: VPN vpn-primary" in line for line in state.kmd["site-a"])
    state.set_link("isp-a1", True)
    assert state.sa_for("site-a", "vpn-primary") is not None and egress(state) == "st0.0"
    walk = ping(plane)
    assert walk.drop is None and any("vpn vpn-primary" in t for t in walk.trace)


def test_link_back_before_dpd_keeps_the_sa(lab):
    clock, state, plane = lab
    before = state.sa_for("site-a", "vpn-primary")
    state.set_link("isp-a1", False)
    clock.advance(10)
    state.set_link("isp-a1", True)
    assert state.sa_for("site-a", "vpn-primary") is before and before.lost_at is None


def test_without_dpd_the_dead_sa_lasts_until_its_lifetime():
    clock = Clock(realtime=False, start=1_780_000_000.0)
    topo = {**SEED004_TOPOLOGY, "networks": {**SEED004_TOPOLOGY["networks"],
                                             "isp-a": {"kind": "access", "uplink": "internet"}}}
    topo["devices"] = {**topo["devices"], "site-a": {"interfaces": {"ge-0/0/0": {"network": "isp-a"},
                                                                     "ge-0/0/1": {"network": "lan-a"}}}}
    state = build(topo, {"site-a": SITE_A, "site-b": SITE_B}, clock)
    state.set_link("isp-a", False)
    clock.advance(3599)
    state.sync()
    assert state.sa_for("site-a", "vpn-to-remote-site") is not None
    clock.advance(1)
    state.sync()
    assert state.sa_for("site-a", "vpn-to-remote-site") is None


def test_rekey_at_lifetime_without_traffic_loss(lab):
    clock, state, plane = lab
    sa = state.sa_for("site-a", "vpn-primary")
    spis, cookies = sa.spis, sa.cookies
    for _ in range(8):  # 8 x 1 h: IPsec SAs rekey every 3600 s, the IKE SA after 28800 s
        clock.advance(3600)
        assert ping(plane).drop is None
    assert state.sa_for("site-a", "vpn-primary") is sa
    assert sa.spis != spis and sa.cookies != cookies and sa.rekeys == 8
    assert any("KMD_IKE_REKEY_SUCCESS" in line for line in state.kmd["site-a"])


def test_vpn_monitor_detects_the_dead_peer_after_interval_x_threshold():
    clock = Clock(realtime=False, start=1_780_000_000.0)
    monitor = ("set security ipsec vpn-monitor-options interval 5",
               "set security ipsec vpn-monitor-options threshold 4",
               "set security ipsec vpn vpn-primary vpn-monitor optimized")
    a = variant(REDUNDANT_A, ("set security ike gateway primary-gateway dead-peer-detection",), monitor)
    b = variant(REDUNDANT_B, ("set security ike gateway primary-gateway dead-peer-detection",))
    state = build(REDUNDANT_TOPOLOGY, {"site-a": a, "site-b": b}, clock)
    state.set_link("isp-b1", False)
    clock.advance(19)
    state.sync()
    assert state.sa_for("site-a", "vpn-primary") is not None
    clock.advance(1)
    state.sync()
    assert state.sa_for("site-a", "vpn-primary") is None and state.st0_up("site-a", "st0.1")

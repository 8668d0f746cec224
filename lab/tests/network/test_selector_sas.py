"""One IPsec SA pair per traffic selector (Junos negotiates each selector separately): each pair has
its own tunnel index and SPIs in the operational replies, and the data plane encrypts into the first
selector, in configuration order, that matches the packet."""
import copy
import ipaddress

import pytest

from srxsim.network import ops_sa, ops_text
from srxsim.network.dataplane import DataPlane

from netcases import SEED004_TOPOLOGY, SITE_A, SITE_B, build, variant, xml

VPN = "set security ipsec vpn vpn-to-remote-site"
SECOND_LAN_B = ("set interfaces ge-0/0/2 unit 0 family inet address 172.16.2.1/24",
                "set security zones security-zone trust interfaces ge-0/0/2.0 "
                "host-inbound-traffic system-services ping")


def selectors(*pairs: tuple[str, str, str]) -> tuple[str, ...]:
    return tuple(line for name, local, remote in pairs
                 for line in (f"{VPN} traffic-selector {name} local-ip {local}",
                              f"{VPN} traffic-selector {name} remote-ip {remote}"))


TOPOLOGY = copy.deepcopy(SEED004_TOPOLOGY)
TOPOLOGY["devices"]["site-b"]["interfaces"]["ge-0/0/2"] = {"network": "lan-b2"}
TOPOLOGY["networks"]["lan-b2"] = {"kind": "lan", "hosts": {"pc-b2": "172.16.2.10"}}
TS_A = variant(SITE_A, drop=("set routing-options static route 192.168.2.0/24",),
               add=selectors(("ts1", "192.168.1.0/24", "192.168.2.0/24"), ("ts2", "192.168.1.0/24", "172.16.2.0/24")))
TS_B = variant(SITE_B, drop=("set routing-options static route 192.168.1.0/24",),
               add=SECOND_LAN_B + selectors(("ts1", "192.168.2.0/24", "192.168.1.0/24"),
                                            ("ts2", "172.16.2.0/24", "192.168.1.0/24")))


@pytest.fixture
def state():
    return build(TOPOLOGY, {"site-a": TS_A, "site-b": TS_B})


def blocks(state, device, detail=False):
    reply = ops_sa.ipsec_sas(state, device, detail)
    return reply, reply.findall("ipsec-security-associations-block")


def text(el, path):
    return el.findtext(path).strip()


def test_each_selector_has_its_own_sa_pair_and_tunnel_index(state):
    reply, found = blocks(state, "site-a")
    assert text(reply, "total-active-tunnels") == text(reply, "total-ipsec-sas") == "2"
    indexes = [{text(sa, "sa-tunnel-index") for sa in b.findall("ipsec-security-associations")} for b in found]
    assert indexes == [{"131073"}, {"131074"}]
    spis = [text(sa, "sa-spi") for b in found for sa in b.findall("ipsec-security-associations")]
    assert len(set(spis)) == 4


def test_detail_shows_each_pair_with_its_selector(state):
    _, found = blocks(state, "site-a", detail=True)
    assert [(text(b, "sa-tunnel-index"), text(b, "sa-remote-identity")) for b in found] == [
        ("131073", "ipv4_subnet(any:0,[0..7]=192.168.2.0/24)"),
        ("131074", "ipv4_subnet(any:0,[0..7]=172.16.2.0/24)")]
    assert all(text(b, "sa-vpn-name") == "vpn-to-remote-site" for b in found)


def test_spis_pair_up_across_the_two_ends(state):
    _, a = blocks(state, "site-a")
    _, b = blocks(state, "site-b")

    def spis(found):
        return [{text(sa, "sa-direction"): text(sa, "sa-spi") for sa in blk.findall("ipsec-security-associations")}
                for blk in found]
    for mine, theirs in zip(spis(a), spis(b)):
        assert mine["<"] == theirs[">"] and mine[">"] == theirs["<"]


def test_text_brief_lists_both_pairs(state):
    out = ops_text.ipsec_sas(state, "site-a")
    assert "Total active tunnels: 2     Total Ipsec sas: 2" in out
    assert sum(1 for line in out.splitlines() if line.strip().startswith(("<131074", ">131074"))) == 2


def test_each_lan_rides_its_own_sa_pair(state):
    plane = DataPlane(state)
    sa = state.sa_for("site-a", "vpn-to-remote-site")
    src = ipaddress.IPv4Address("192.168.1.10")
    for dst, k, name in (("192.168.2.10", 0, "ts1"), ("172.16.2.10", 1, "ts2")):
        walk = plane.ping_once(None, src, ipaddress.IPv4Address(dst), host="pc-a")
        assert walk.drop is None, walk.trace
        spi = sa.spi_out("site-a", "vpn-to-remote-site", k)
        assert f"site-a: encrypted into vpn vpn-to-remote-site traffic-selector {name} SPI 0x{spi} " \
               f"to 203.0.113.1" in walk.trace


def test_kmd_log_records_every_pair(state):
    log = ops_text.kmd_log(state, "site-a")
    assert "=192.168.2.0/24" in log and "=172.16.2.0/24" in log


def test_every_pair_goes_down_with_the_tunnel(state):
    state.set_config("site-b", xml(TS_B.replace("lab-secret-004", "changed")))
    assert state.sa_for("site-a", "vpn-to-remote-site") is None
    downs = [line for line in state.kmd["site-a"] if "KMD_VPN_DOWN_ALARM_USER" in line]
    assert len(downs) == 2
    assert "tunnel-id: 131073," in downs[0] and "tunnel-id: 131074," in downs[1]

"""Every operational reply has exactly the element structure of the matching genuine Junos reply
in tests/fixtures/junos-rpc-samples/ (same element paths, leaf text wrapped in newlines)."""
from pathlib import Path

import pytest
from lxml import etree

from srxsim.network import ops_net, ops_sa
from srxsim.network.dataplane import DataPlane

from netcases import SEED004_TOPOLOGY, SITE_A, SITE_B, build, variant

SAMPLES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "junos-rpc-samples"
JUNOS = "http://xml.juniper.net/junos/24.4R1.9/junos"


def sample(name: str) -> etree._Element:
    text = (SAMPLES / name).read_text().lstrip("\ufeff")
    if "<nc:rpc-reply" not in text:  # fixtures stripped of rpc-reply leave junos: undeclared
        text = f'<wrap xmlns:junos="{JUNOS}">{text}</wrap>'
    return next(el for el in etree.fromstring(text.encode()) if isinstance(el.tag, str))


def paths(el: etree._Element, prefix: str = "") -> set[str]:
    here = f"{prefix}/{etree.QName(el).localname}"
    result = {here}
    for child in el:
        if isinstance(child.tag, str):
            result |= paths(child, here)
    return result


def leaf_texts(el: etree._Element) -> list[str]:
    return [x.text for x in el.iter() if isinstance(x.tag, str) and len(x) == 0 and x.text is not None]


@pytest.fixture(scope="module")
def state():
    return build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": SITE_B})


@pytest.mark.parametrize("name,make", [
    ("get-ike-security-associations-information-vsrx.xml", lambda s: ops_sa.ike_sas(s, "site-a", False)),
    ("get-ike-security-associations-information-detail-vsrx.xml", lambda s: ops_sa.ike_sas(s, "site-b", True)),
    ("get-security-associations-information-vsrx.xml", lambda s: ops_sa.ipsec_sas(s, "site-a", False)),
    ("get-ipsec-statistics-information-vsrx.xml", lambda s: ops_sa.ipsec_statistics(s, "site-a")),
])
def test_reply_has_the_sample_structure(state, name, make):
    mine, genuine = make(state), sample(name)
    assert paths(mine) == paths(genuine)
    assert mine.get(f"{{{JUNOS}}}style") == genuine.get(f"{{{JUNOS}}}style")
    assert all(t.startswith("\n") and t.endswith("\n") for t in leaf_texts(mine))


def test_empty_replies_match_the_empty_samples():
    state = build(SEED004_TOPOLOGY, {"site-a": variant(SITE_A, ("set security ike gateway remote-site address",),
                                                        ("set security ike gateway remote-site address 203.0.113.9",)),
                                     "site-b": variant(SITE_B, ("set security ipsec vpn",))})
    assert paths(ops_sa.ike_sas(state, "site-a", True)) == paths(
        sample("get-ike-security-associations-information-detail-empty-vsrx.xml"))
    assert paths(ops_sa.ipsec_sas(state, "site-a", False)) == paths(
        sample("get-security-associations-information-empty-vsrx.xml"))


def test_interface_information_uses_only_elements_of_the_genuine_capture(state):
    genuine = paths(sample("get-interface-information-vsrx-st0.xml"))
    mine = ops_net.interfaces(state, "site-a", terse=False)
    assert paths(mine) <= genuine, sorted(paths(mine) - genuine)
    st0 = [p for p in mine.iter() if etree.QName(p).localname == "name" and p.text.strip() == "st0.0"]
    assert st0, "st0.0 missing"


def test_inactive_tunnels_structure_follows_sources_md():
    state = build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": SITE_B.replace("lab-secret-004", "x")})
    reply = ops_sa.inactive_tunnels(state, "site-a")
    row = "/ipsec-unestablished-tunnel-information/ipsec-security-associations-block/ipsec-security-associations"
    assert paths(reply) == {"/ipsec-unestablished-tunnel-information",
                            "/ipsec-unestablished-tunnel-information/total-inactive-tunnels",
                            "/ipsec-unestablished-tunnel-information/total-inactive-tunnels-with-establish-immediately",
                            "/ipsec-unestablished-tunnel-information/ipsec-security-associations-block", row,
                            *(f"{row}/{leaf}" for leaf in ("sa-tunnel-index", "sa-remote-gateway", "sa-port",
                                                           "sa-tunnel-event-time", "sa-tunnel-event",
                                                           "sa-tunnel-event-num-times"))}


RPC_TREE = (Path(__file__).resolve().parents[2] / "srxsim" / "data" / "yang" /
            "rpc-security-ipsec-outputs.tree.txt").read_text()


def test_active_peers_follow_the_rpc_yang_tree(state):
    section = RPC_TREE[RPC_TREE.index("ike-active-peers-information"):]
    for el in ops_sa.ike_active_peers(state, "site-a").iter():
        assert f"+--ro {etree.QName(el).localname}" in section


def test_ipsec_detail_uses_sample_root_and_rpc_yang_leaves(state):
    """No genuine detail capture exists: root and blocks as in the brief capture, leaves from the YANG."""
    reply = ops_sa.ipsec_sas(state, "site-a", True)
    brief = paths(sample("get-security-associations-information-vsrx.xml"))
    for el in reply.iter():
        name = etree.QName(el).localname
        assert f"+--ro {name}" in RPC_TREE or any(p.endswith("/" + name) for p in brief), name
    assert reply.get(f"{{{JUNOS}}}style") == "detail"


def test_ping_results_form(state):
    reply, trace = ops_net.ping(state, DataPlane(state), "site-a", "192.168.2.10", "192.168.1.1", 3, False)
    assert reply.tag == "ping-results"
    assert reply.findtext("probe-results-summary/responses-received").strip() == "3"
    assert len(reply.findall("probe-result")) == 3 and reply.find("ping-success") is not None
    rapid, _ = ops_net.ping(state, DataPlane(state), "site-a", "192.168.2.99", None, 2, True)
    assert rapid.find("probe-result") is None


def test_ping_text_is_what_junos_ping_parses(state):
    """junipernetworks.junos.junos_ping reads these two lines with these expressions."""
    import re

    from srxsim.network import ops_text
    reply, trace = ops_net.ping(state, DataPlane(state), "site-a", "192.168.2.10", "192.168.1.1", 4, True)
    text = ops_text.ping(reply, "192.168.2.10", trace)
    rate = next(line for line in text.splitlines() if line.startswith("4 packets transmitted"))
    assert re.match(r"(?P<tx>\d*) packets transmitted,(?:\s*)(?P<rx>\d*) packets received,(?:\s*)"
                    r"(?P<pkt_loss>\d*)% packet loss", rate).group("rx") == "4"
    rtt = next(line for line in text.splitlines() if line.startswith("round-trip"))
    assert re.match(r"round-trip (?:.*)=(?:\s*)(?P<min>\d+\.\d+).(?:\d*)/(?P<avg>\d+\.\d+).(?:\d*)/"
                    r"(?P<max>\d*\.\d*).(?:\d*)/(?P<stddev>\d*\.\d*)", rtt)

"""get-route-information / `show route` with a destination: the prefix and its more-specifics, the
longest covering prefix for an address (or a prefix with nothing inside), `exact`, `active-path`,
`table` (Junos "show route", "show route active-path", "show route table")."""
import pytest
from lxml import etree

from srxsim import rpc
from srxsim.network import _route_query, ops_text
from srxsim.network.ops_net import ROUTING_NS, RouteQuery, route_information

from netcases import REDUNDANT_A, REDUNDANT_B, REDUNDANT_TOPOLOGY, SEED004_TOPOLOGY, SITE_A, SITE_B, build

NS = {"r": ROUTING_NS}


@pytest.fixture(scope="module")
def seed004():
    return build(SEED004_TOPOLOGY, {"site-a": SITE_A, "site-b": SITE_B})


def shown(state, device="site-a", **query) -> dict[str, list[tuple[str, str]]]:
    """{rt-destination: [(protocol-name, preference), ...]} of the XML reply."""
    reply = route_information(state, device, RouteQuery(**query))
    return {rt.findtext("r:rt-destination", namespaces=NS).strip():
            [(e.findtext("r:protocol-name", namespaces=NS).strip(), e.findtext("r:preference", namespaces=NS).strip())
             for e in rt.findall("r:rt-entry", NS)]
            for rt in reply.iterfind(".//r:rt", NS)}


def test_a_prefix_shows_itself_not_the_default_route(seed004):
    assert shown(seed004, destination="192.168.2.0/24") == {"192.168.2.0/24": [("Static", "5")]}


def test_a_prefix_shows_its_more_specifics(seed004):
    assert list(shown(seed004, destination="192.168.0.0/16")) == ["192.168.1.0/24", "192.168.1.1/32",
                                                                 "192.168.2.0/24"]


def test_an_address_shows_the_longest_matching_prefix(seed004):
    assert list(shown(seed004, destination="192.168.2.10")) == ["192.168.2.0/24"]
    assert list(shown(seed004, destination="8.8.8.8")) == ["0.0.0.0/0"]
    assert list(shown(seed004, destination="192.168.1.1")) == ["192.168.1.1/32"]


def test_a_prefix_with_nothing_inside_falls_back_to_the_covering_route(seed004):
    assert list(shown(seed004, destination="172.16.0.0/12")) == ["0.0.0.0/0"]


def test_exact_shows_only_that_prefix(seed004):
    assert list(shown(seed004, destination="192.168.2.0/24", exact=True)) == ["192.168.2.0/24"]
    assert shown(seed004, destination="192.168.0.0/16", exact=True) == {}


def test_table_names_match_by_prefix_like_junos(seed004):
    assert "0.0.0.0/0" in shown(seed004, table="inet")
    assert "0.0.0.0/0" in shown(seed004, table="inet.0")
    assert len(route_information(seed004, "site-a", RouteQuery(table="inet6.0"))) == 0


def test_active_path_drops_the_backup_route():
    state = build(REDUNDANT_TOPOLOGY, {"site-a": REDUNDANT_A, "site-b": REDUNDANT_B})
    assert shown(state, destination="192.168.2.0/24") == {"192.168.2.0/24": [("Static", "10"), ("Static", "20")]}
    assert shown(state, destination="192.168.2.0/24", active_path=True) == {"192.168.2.0/24": [("Static", "10")]}


def test_header_counts_the_whole_table_whatever_the_destination(seed004):
    full = route_information(seed004, "site-a", RouteQuery())
    one = route_information(seed004, "site-a", RouteQuery(destination="192.168.2.10"))
    for tag in ("destination-count", "total-route-count", "active-route-count", "hidden-route-count"):
        assert full.findtext(f".//r:{tag}", namespaces=NS) == one.findtext(f".//r:{tag}", namespaces=NS)
    assert len(full.findall(".//r:rt", NS)) > len(one.findall(".//r:rt", NS)) == 1


def test_show_route_text_honours_the_destination(seed004):
    text = ops_text.route(seed004, "site-a", _route_query("show route 192.168.2.0/24"))
    assert "192.168.2.0/24     *[Static/5] 00:00:00" in text
    assert "0.0.0.0/0" not in text
    assert text.splitlines()[0].startswith("inet.0: ")
    assert "0.0.0.0/0" in ops_text.route(seed004, "site-a", _route_query("show route"))


def test_show_route_words_parse_into_a_query():
    assert _route_query("show route 192.168.2.10 exact active-path table inet.0 brief") == RouteQuery(
        "192.168.2.10", True, True, "inet.0")
    assert _route_query("show route table inet.0") == RouteQuery(None, False, False, "inet.0")
    with pytest.raises(rpc.RpcError, match="not an IPv4 address or prefix"):
        _route_query("show route 192.168.300.0/24")
    with pytest.raises(rpc.RpcError, match="unexpected"):
        _route_query("show route 192.168.2.0/24 10.0.0.0/8")
    with pytest.raises(rpc.RpcError, match="only the brief form"):
        _route_query("show route 192.168.2.0/24 detail")


def test_reply_keeps_the_route_rpc_structure(seed004):
    reply = route_information(seed004, "site-a", RouteQuery(destination="192.168.2.10"))
    rt = reply.find("r:route-table/r:rt", NS)
    assert [etree.QName(el).localname for el in rt.iter()] == [
        "rt", "rt-destination", "rt-entry", "active-tag", "current-active", "last-active", "protocol-name",
        "preference", "nh", "selected-next-hop", "to", "via"]
    assert rt.findtext("r:rt-entry/r:nh/r:to", namespaces=NS).strip() == "10.1.1.2"
    assert rt.findtext("r:rt-entry/r:nh/r:via", namespaces=NS).strip() == "st0.0"

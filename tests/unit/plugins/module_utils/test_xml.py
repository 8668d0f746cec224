"""Schema-driven render/parse: genuine device XML in, expected config out; every field round-trips."""
import json
from pathlib import Path

import pytest
from lxml import etree

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from samples import full_config

UNIT = Path(__file__).resolve().parents[2]
SAMPLES = UNIT.parents[1] / "tests" / "fixtures" / "junos-rpc-samples"
VSRX = SAMPLES / "get-configuration-vsrx-route-based-vpn.xml"


def canonical(element):
    """Canonical XML text (C14N 2.0, whitespace-only text dropped) for exact tree comparison."""
    text = etree.tostring(element) if not isinstance(element, (str, bytes)) else element
    parsed = etree.fromstring(text, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(parsed, method="c14n2", strip_text=True)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_parse_genuine_vsrx_reply(name):
    """A real vSRX 24.4 rpc-reply (namespaced, with <undocumented> wrappers) parses to the expected config."""
    expected = json.loads((UNIT / "fixtures" / "parsed" / "get-configuration-vsrx-route-based-vpn.json").read_text())
    assert jxml.parse(name, VSRX.read_text()) == expected[name]


def test_parse_reads_nested_choices_from_the_device():
    ike = jxml.parse("ike", VSRX.read_text())
    gateway = ike["gateways"][0]
    assert gateway["dead_peer_detection"] == {"mode": "always-send", "interval": 10, "threshold": 3}
    assert gateway["local_identity"] == {"inet": "192.168.1.160"}
    assert ike["policies"][0]["pre_shared_key"]["ascii_text"].startswith("$9$")


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_field_round_trips(name):
    config = full_config(name)
    assert jxml.parse(name, jxml.render(name, config)) == config


def test_render_seed_gateway_exact_xml():
    config = {"gateways": [{
        "name": "gw-site2", "ike_policy": "ike-pol", "address": ["198.51.100.2"],
        "dead_peer_detection": {"mode": "probe-idle-tunnel", "interval": 10, "threshold": 3},
        "remote_identity": {"hostname": "site2.example.net"}, "external_interface": "ge-0/0/0.0", "version": "v2-only",
    }]}
    expected = """<configuration><security><ike><gateway>
        <name>gw-site2</name><ike-policy>ike-pol</ike-policy><address>198.51.100.2</address>
        <dead-peer-detection><probe-idle-tunnel/><interval>10</interval><threshold>3</threshold></dead-peer-detection>
        <remote-identity><hostname><identity-hostname>site2.example.net</identity-hostname></hostname></remote-identity>
        <external-interface>ge-0/0/0.0</external-interface><version>v2-only</version>
    </gateway></ike></security></configuration>"""
    assert canonical(jxml.render("ike", config)) == canonical(expected)


def test_render_policy_tunnel_goes_inside_permit():
    config = {"policies": [{"from_zone": "trust", "to_zone": "untrust", "policies": [{
        "name": "pb-out", "match": {"source_address": ["any"], "destination_address": ["any"], "application": ["any"]},
        "then": {"action": "permit", "tunnel": {"ipsec_vpn": "vpn1", "pair_policy": "pb-in"},
                 "log": {"session_close": True}}}]}]}
    expected = """<configuration><security><policies><policy>
        <from-zone-name>trust</from-zone-name><to-zone-name>untrust</to-zone-name>
        <policy><name>pb-out</name>
          <match><source-address>any</source-address><destination-address>any</destination-address>
                 <application>any</application></match>
          <then><permit><tunnel><ipsec-vpn>vpn1</ipsec-vpn><pair-policy>pb-in</pair-policy></tunnel></permit>
                <log><session-close/></log></then>
        </policy>
    </policy></policies></security></configuration>"""
    assert canonical(jxml.render("policies", config)) == canonical(expected)


def test_render_routes_in_inet0_and_a_routing_instance():
    config = {
        "routes": [{"destination": "192.168.20.0/24", "next_hop": ["st0.0"], "preference": 5, "metric": 10,
                    "qualified_next_hops": [{"next_hop": "st0.1", "preference": 20}]}],
        "routing_instances": [{"name": "vr-vpn", "routes": [{"destination": "10.9.0.0/16", "discard": True}]}],
    }
    expected = """<configuration>
      <routing-options><static><route><name>192.168.20.0/24</name><next-hop>st0.0</next-hop>
        <qualified-next-hop><name>st0.1</name><preference>20</preference></qualified-next-hop>
        <metric><metric-value>10</metric-value></metric><preference><metric-value>5</metric-value></preference>
      </route></static></routing-options>
      <routing-instances><instance><name>vr-vpn</name><routing-options><static>
        <route><name>10.9.0.0/16</name><discard/></route>
      </static></routing-options></instance></routing-instances>
    </configuration>"""
    assert canonical(jxml.render("routes", config)) == canonical(expected)
    assert jxml.parse("routes", jxml.render("routes", config)) == config


def test_render_st0_unit_under_interface_st0():
    config = {"units": [{"unit": 0, "family": {"inet": {"addresses": ["10.255.0.1/30"], "mtu": 1436}}}]}
    expected = """<configuration><interfaces><interface><name>st0</name><unit><name>0</name>
        <family><inet><mtu>1436</mtu><address><name>10.255.0.1/30</name></address></inet></family>
    </unit></interface></interfaces></configuration>"""
    assert canonical(jxml.render("tunnel_interfaces", config)) == canonical(expected)


def test_parse_ignores_other_interfaces_and_address_books():
    device = """<configuration>
      <interfaces><interface><name>ge-0/0/0</name><unit><name>0</name></unit></interface>
                  <interface><name>st0</name><unit><name>3</name><multipoint/></unit></interface></interfaces>
      <security><address-book><name>other</name><address><name>x</name><ip-prefix>10.0.0.0/8</ip-prefix></address>
      </address-book></security></configuration>"""
    assert jxml.parse("tunnel_interfaces", device) == {"units": [{"unit": 3, "multipoint": True}]}
    assert jxml.parse("address_book", device) == {}


def test_dynamic_peer_and_distinguished_name_identity():
    config = {"gateways": [{"name": "gw-dyn", "dynamic": {"user_at_hostname": "spoke@example.net",
                                                          "ike_user_type": "shared-ike-id"},
                            "remote_identity": {"distinguished_name": {"container": "O=Example"}},
                            "local_identity": {"distinguished_name": True}}]}
    rendered = jxml.render("ike", config)
    assert rendered.find("security/ike/gateway/remote-identity/distinguished-name/container").text == "O=Example"
    assert rendered.find("security/ike/gateway/local-identity/distinguished-name") is not None
    assert jxml.parse("ike", rendered) == config


def test_render_delete_marks_objects_with_keys_only():
    edit = jxml.render("zones", {"zones": [{"name": "vpn", "description": "ignored"}]}, operation="delete")
    zone = edit.find("security/zones/security-zone")
    assert zone.get("delete") == "delete" and [c.tag for c in zone] == ["name"]


def test_read_filter_selects_only_managed_subtrees():
    expected = """<configuration><security><policies><policy/></policies></security></configuration>"""
    assert canonical(jxml.read_filter("policies")) == canonical(expected)
    both = jxml.read_filter(["tunnel_interfaces", "routes"])
    assert both.find("interfaces/interface/name").text == "st0"
    assert both.find("routing-options/static/route") is not None
    assert both.find("routing-instances/instance") is not None


def test_merge_edits_shares_hierarchy_levels_and_keeps_object_operations():
    zones = jxml.render("zones", {"zones": [{"name": "a"}]})
    ike = jxml.render("ike", {"proposals": [{"name": "p1", "dh_group": "group14"}]}, operation="delete")
    routes = jxml.render("routes", {"routes": [{"destination": "10.0.0.0/8", "discard": True}]})
    merged = jxml.merge_edits([zones, None, ike, routes])
    assert [c.tag for c in merged] == ["security", "routing-options"]
    assert [c.tag for c in merged.find("security")] == ["zones", "ike"]
    assert merged.find("security/ike/proposal").get("delete") == "delete"
    assert jxml.merge_edits([None, None]) is None


def test_parse_rejects_text_that_is_not_xml():
    with pytest.raises(ValueError, match="not valid XML"):
        jxml.parse("ike", "set security ike proposal p1")
    with pytest.raises(ValueError, match="no <configuration>"):
        jxml.parse("ike", "<rpc-reply><ok/></rpc-reply>")


def test_empty_container_with_a_path_leaves_no_element():
    config = {"policies": [{"from_zone": "a", "to_zone": "b", "policies": [
        {"name": "p", "then": {"action": "deny", "tunnel": {}, "log": {}}}]}]}
    then = jxml.render("policies", config).find(".//then")
    assert [c.tag for c in then] == ["deny"]

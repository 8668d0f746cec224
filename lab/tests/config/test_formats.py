"""Display formats (set, text, XML, JSON) and their round trips."""

import json

import pytest
from lxml import etree

from srxsim.config import ConfigError, Configuration, load_configuration

from cfgdata import SAMPLES, SEED_004, load_set

SEED_004_DISPLAY_SET = """\
set security ike policy ike-policy proposal-set standard
set security ike gateway remote-site ike-policy ike-policy
set security ike gateway remote-site address 203.0.113.1
set security ike gateway remote-site external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn vpn-to-remote-site bind-interface st0.0
set security ipsec vpn vpn-to-remote-site ike gateway remote-site
set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy
set interfaces st0 unit 0 family inet address 10.1.1.1/30
set routing-options static route 192.168.2.0/24 next-hop 10.1.1.2
"""

SEED_004_TEXT = """\
security {
    ike {
        policy ike-policy {
            proposal-set standard;
        }
        gateway remote-site {
            ike-policy ike-policy;
            address 203.0.113.1;
            external-interface ge-0/0/0;
        }
    }
    ipsec {
        policy ipsec-policy {
            proposal-set standard;
        }
        vpn vpn-to-remote-site {
            bind-interface st0.0;
            ike {
                gateway remote-site;
                ipsec-policy ipsec-policy;
            }
        }
    }
}
interfaces {
    st0 {
        unit 0 {
            family {
                inet {
                    address 10.1.1.1/30;
                }
            }
        }
    }
}
routing-options {
    static {
        route 192.168.2.0/24 next-hop 10.1.1.2;
    }
}
"""


def test_seed_004_set_lines_display_in_junos_order():
    assert load_set(SEED_004).to_set() == SEED_004_DISPLAY_SET


def test_seed_004_text_layout():
    assert load_set(SEED_004).to_text() == SEED_004_TEXT


def test_set_round_trip_is_stable():
    cfg = load_set(SEED_004)
    again = load_set(cfg.to_set())
    assert again == cfg
    assert again.to_set() == cfg.to_set()


def test_text_round_trip():
    cfg = load_set(SEED_004)
    loaded = load_configuration(Configuration.empty(), cfg.to_text(), action="merge", fmt="text")
    assert loaded == cfg


def test_xml_round_trip_without_namespaces_in_yang_order():
    cfg = load_set(SEED_004)
    element = cfg.to_xml()
    assert element.tag == "configuration" and element.nsmap == {}
    assert [c.tag for c in element] == ["security", "interfaces", "routing-options"]
    gateway = element.find("security/ike/gateway")
    assert [c.tag for c in gateway] == ["name", "ike-policy", "address", "external-interface"]
    assert element.findtext("interfaces/interface/unit/name") == "0"
    assert Configuration.from_xml(etree.tostring(element)) == cfg


def test_json_shape_follows_junos():
    cfg = load_set(SEED_004 + "set security ike gateway remote-site dead-peer-detection always-send\n")
    document = json.loads(cfg.to_json())
    gateway = document["configuration"]["security"]["ike"]["gateway"][0]
    assert gateway["name"] == "remote-site"
    assert gateway["address"] == ["203.0.113.1"]
    assert gateway["dead-peer-detection"] == {"always-send": [None]}
    assert ' : ' in cfg.to_json()


def test_multi_key_policy_words_map_to_zone_name_elements():
    cfg = load_set("set security policies from-zone trust to-zone untrust policy p1 match application any\n"
                   "set security policies from-zone trust to-zone untrust policy p1 then permit\n")
    context = cfg.to_xml().find("security/policies/policy")
    assert context.findtext("from-zone-name") == "trust"
    assert context.findtext("to-zone-name") == "untrust"
    assert "from-zone trust to-zone untrust {" in cfg.to_text()
    assert cfg.to_set().splitlines()[-1] == \
        "set security policies from-zone trust to-zone untrust policy p1 then permit"


def test_leaf_list_text_uses_brackets_and_quotes_special_values():
    cfg = load_set('set security ike proposal p1 description "two words"\n'
                   "set security ike policy ikp proposals p1\n"
                   "set security ike policy ikp proposals p2\n")
    text = cfg.to_text()
    assert 'description "two words";' in text
    assert "proposals [ p1 p2 ];" in text
    assert load_configuration(Configuration.empty(), text, action="merge", fmt="text") == cfg


def test_nokeyword_leaves_and_secret_marking():
    cfg = load_set("set security flow traceoptions file flow-log\n"
                   "set security flow traceoptions flag basic-datapath\n"
                   "set routing-options static route 10.0.0.0/8 next-hop st0.0 preference 10\n"
                   "set security ike policy p pre-shared-key ascii-text $9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz\n")
    text = cfg.to_text()
    assert "file flow-log;" in text and "flag basic-datapath;" in text
    assert cfg.to_xml().findtext("security/flow/traceoptions/file/filename") == "flow-log"
    assert cfg.to_xml().findtext("routing-options/static/route/preference/metric-value") == "10"
    # pre-shared-key is a DDL oneliner: the secret marker ends its line
    assert 'pre-shared-key ascii-text "$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz"; ## SECRET-DATA' in text
    assert "set routing-options static route 10.0.0.0/8 preference 10" in cfg.to_set()


def test_inactive_statements_display():
    cfg = load_set(SEED_004 + "deactivate security ike gateway remote-site\n")
    assert "inactive: gateway remote-site {" in cfg.to_text()
    lines = cfg.to_set().splitlines()
    assert lines[lines.index("set security ike gateway remote-site external-interface ge-0/0/0") + 1] == \
        "deactivate security ike gateway remote-site"
    assert cfg.to_xml().find("security/ike/gateway").get("inactive") == "inactive"
    assert load_set(cfg.to_set()) == cfg
    reactivated = load_set("activate security ike gateway remote-site\n", cfg)
    assert "inactive:" not in reactivated.to_text()


def test_genuine_vsrx_configuration_is_accepted():
    reply = etree.parse(str(SAMPLES / "get-configuration-vsrx-route-based-vpn.xml")).getroot()
    cfg = Configuration.from_xml(reply[0])
    xml = cfg.to_xml()
    assert xml.findtext("system/host-name") == "vSRX-test10"
    assert xml.findtext("routing-instances/instance/name") == "mgmt_junos"
    assert xml.findtext("security/ipsec/vpn/bind-interface") == "st0.0"
    # the stored $9$ key is kept verbatim, not re-encrypted
    assert xml.findtext("security/ike/policy/pre-shared-key/ascii-text").startswith("$9$1LgIcreK8x7")
    assert [c.tag for c in xml] == ["version", "system", "security", "interfaces",
                                    "routing-instances", "routing-options"]
    assert load_set(cfg.to_set()) == cfg


GROUPED_TEXT = """\
security {
    address-book {
        global {
            address a1 10.0.0.0/24;
        }
    }
    zones {
        security-zone untrust {
            host-inbound-traffic {
                system-services {
                    ike;
                    ping;
                }
            }
            interfaces {
                ge-0/0/0.0;
                st0.1;
            }
        }
    }
}
interfaces {
    st0 {
        unit 0 {
            multipoint;
            family {
                inet {
                    next-hop-tunnel 10.0.0.2 ipsec-vpn vpn1;
                    address 10.0.0.1/24;
                }
            }
        }
    }
}
"""


def test_grouped_and_oneliner_lists_display_and_parse_back():
    cfg = load_set("set security address-book global address a1 10.0.0.0/24\n"
                   "set security zones security-zone untrust host-inbound-traffic system-services ike\n"
                   "set security zones security-zone untrust host-inbound-traffic system-services ping\n"
                   "set security zones security-zone untrust interfaces ge-0/0/0.0\n"
                   "set security zones security-zone untrust interfaces st0.1\n"
                   "set interfaces st0 unit 0 multipoint\n"
                   "set interfaces st0 unit 0 family inet next-hop-tunnel 10.0.0.2 ipsec-vpn vpn1\n"
                   "set interfaces st0 unit 0 family inet address 10.0.0.1/24\n")
    assert cfg.to_text() == GROUPED_TEXT
    assert load_configuration(Configuration.empty(), GROUPED_TEXT, action="merge", fmt="text") == cfg
    assert "set security zones security-zone untrust interfaces st0.1" in cfg.to_set()


def test_json_round_trip_and_attributes():
    cfg = load_set(SEED_004 + "set security ike gateway remote-site dead-peer-detection always-send\n"
                   "deactivate routing-options\n")
    assert load_configuration(Configuration.empty(), cfg.to_json(), action="merge", fmt="json") == cfg
    delete = '{"configuration": {"security": {"ike": {"gateway": [{"@": {"operation": "delete"}, ' \
             '"name": "remote-site"}]}}}}'
    trimmed = load_configuration(cfg, delete, action="merge", fmt="json")
    assert "gateway" not in trimmed.to_set().split("ipsec")[0]


@pytest.mark.parametrize("payload, message", [
    ("{", "invalid JSON"),
    ('{"config": {}}', "expecting"),
    ('{"configuration": {"bogus": {}}}', "syntax error"),
])
def test_json_errors_are_junos_errors(payload, message):
    with pytest.raises(ConfigError) as info:
        load_configuration(Configuration.empty(), payload, action="merge", fmt="json")
    assert message in info.value.errors[0].message


@pytest.mark.parametrize("fmt", ["text", "set", "json", "xml"])
def test_genuine_configuration_round_trips_through_every_format(fmt):
    reply = etree.parse(str(SAMPLES / "get-configuration-vsrx-route-based-vpn.xml")).getroot()
    cfg = Configuration.from_xml(reply[0])
    rendered = {"text": cfg.to_text, "set": cfg.to_set, "json": cfg.to_json,
                "xml": lambda: etree.tostring(cfg.to_xml(), encoding="unicode")}[fmt]()
    action = "set" if fmt == "set" else "merge"
    assert load_configuration(Configuration.empty(), rendered, action=action, fmt=fmt) == cfg


def test_ike_identities_take_their_value_after_the_type():
    cfg = load_set("set security ike gateway gw local-identity inet 192.0.2.1\n"
                   "set security ike gateway gw remote-identity hostname peer.example.net\n")
    assert cfg.to_set() == ("set security ike gateway gw local-identity inet 192.0.2.1\n"
                            "set security ike gateway gw remote-identity hostname peer.example.net\n")
    assert "local-identity inet 192.0.2.1;\n" in cfg.to_text()          # a DDL oneliner
    assert "remote-identity hostname peer.example.net;\n" in cfg.to_text()
    assert cfg.to_xml().findtext("security/ike/gateway/local-identity/inet/identity-ipv4") == "192.0.2.1"

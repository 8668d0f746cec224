"""IKE/IPsec state parsers on every genuine reply sample, against hand-checked JSON."""
import json
from pathlib import Path

import pytest

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import opstate  # noqa: E402

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"
EXPECTED = Path(REPO) / "tests" / "fixtures" / "opstate"
STATE_RPCS = ("get-ike-security-associations-information", "get-security-associations-information",
              "get-ipsec-statistics-information", "get-inactive-tunnels")
STATE_SAMPLES = sorted(p.name for p in SAMPLES.glob("*.xml") if p.name.startswith(STATE_RPCS))


def test_every_state_sample_has_an_expectation():
    assert len(STATE_SAMPLES) == 7
    assert sorted(p.name.replace(".json", ".xml") for p in EXPECTED.glob("*.json")) == STATE_SAMPLES


@pytest.mark.parametrize("sample", STATE_SAMPLES)
def test_sample_matches_hand_checked_json(sample):
    kind, data = opstate.parse_reply((SAMPLES / sample).read_text())
    expected = json.loads((EXPECTED / sample.replace(".xml", ".json")).read_text())
    assert {"kind": kind, "data": data} == expected


def test_parsers_accept_elements_as_well_as_text():
    from lxml import etree
    text = (SAMPLES / "get-security-associations-information-vsrx.xml").read_text()
    assert opstate.ipsec_sas(etree.fromstring(text.encode())) == opstate.ipsec_sas(text)


def test_vsrx_tunnel_pairs_inbound_and_outbound_spis():
    tunnel, = opstate.ipsec_sas((SAMPLES / "get-security-associations-information-vsrx.xml").read_text())["tunnels"]
    assert (tunnel["inbound_spi"], tunnel["outbound_spi"]) == ("9b27bae", "70973f3d")
    assert (tunnel["encryption"], tunnel["authentication"], tunnel["remaining_lifetime"]) == ("aes-gcm-256", None, 747)


def test_cluster_reply_names_the_node_and_keeps_rekeyed_pairs():
    data = opstate.ipsec_sas((SAMPLES / "get-security-associations-information-srx-cluster.xml").read_text())
    assert {t["node"] for t in data["tunnels"]} == {"node0"}
    assert [len(t["sas"]) for t in data["tunnels"]] == [4, 4]
    assert data["tunnels"][1]["inbound_spi"] == "8a2f7ff3"  # the newest inbound SA


@pytest.mark.parametrize("sample", ["rpc-error-unknown-rpc-vsrx.xml"])
def test_rpc_error_is_a_clear_error(sample):
    with pytest.raises(opstate.OpstateError, match="syntax error .get-ike-active-peer."):
        opstate.ike_sas((SAMPLES / sample).read_text())


def test_raw_netconf_session_replies_in_order():
    raw = (SAMPLES / "netconf-session-vsrx-vpn.raw.xml").read_text()
    kinds = []
    for chunk in raw.split("]]>]]>")[1:]:
        body = chunk[chunk.find("<nc:rpc-reply"):chunk.find("</nc:rpc-reply>") + len("</nc:rpc-reply>")]
        if not body:
            continue
        try:
            kinds.append(opstate.parse_reply(body)[0])
        except opstate.OpstateError as exc:
            kinds.append(str(exc))
    assert kinds == ["ike_sas", "rpc-reply: the device answered with an error: syntax error (get-ike-active-peer)",
                     "rpc-reply: the device answered with an error: syntax error "
                     "(get-ipsec-security-associations-information)",
                     "ipsec_statistics", "ipsec_sas", "not an IKE/IPsec state reply: <ok>"]


@pytest.mark.parametrize("name, parser", [
    ("gcp-srx-show-security-ike-security-associations", opstate.ike_sas),
    ("gcp-srx-show-security-ipsec-security-associations", opstate.ipsec_sas),
    ("show-security-ike-security-associations", opstate.ike_sas),
    ("show-security-ipsec-security-associations", opstate.ipsec_sas),
    ("show-security-ipsec-inactive-tunnels", opstate.inactive_tunnels),
])
def test_show_command_text(name, parser):
    text = (EXPECTED / "text" / (name + ".txt")).read_text()
    assert parser(text) == json.loads((EXPECTED / "text" / (name + ".json")).read_text())


def test_text_and_xml_agree_on_the_same_sa():
    xml = opstate.ipsec_sas((SAMPLES / "get-security-associations-information-vsrx.xml").read_text())
    text = opstate.ipsec_sas((EXPECTED / "text" / "show-security-ipsec-security-associations.txt").read_text())
    keys = ("tunnel_index", "remote_gateway", "inbound_spi", "outbound_spi", "encryption", "remaining_lifetime")
    assert [{k: t[k] for k in keys} for t in xml["tunnels"]] == [{k: t[k] for k in keys} for t in text["tunnels"]]


def test_tunnel_states_by_vpn_name_and_by_peer():
    ike = (SAMPLES / "get-ike-security-associations-information-vsrx.xml").read_text()
    ipsec = (SAMPLES / "get-security-associations-information-vsrx.xml").read_text()
    states = opstate.tunnel_states(ike, ipsec, {"lab-ipsec-vpn": "192.168.1.161", "other": "203.0.113.9"})
    assert states["lab-ipsec-vpn"]["ike"] == "UP" and states["lab-ipsec-vpn"]["ipsec"] == "UP"
    assert states["lab-ipsec-vpn"]["inbound_spi"] == "9b27bae"
    assert (states["other"]["ike"], states["other"]["ipsec"]) == ("DOWN", "DOWN")
    assert list(opstate.tunnel_states(ike, ipsec)) == ["192.168.1.161"]
    empty_ike = (SAMPLES / "get-ike-security-associations-information-detail-empty-vsrx.xml").read_text()
    empty_ipsec = (SAMPLES / "get-security-associations-information-empty-vsrx.xml").read_text()
    down = opstate.tunnel_states(empty_ike, empty_ipsec, {"lab-ipsec-vpn": "192.168.1.161"})
    assert (down["lab-ipsec-vpn"]["ike"], down["lab-ipsec-vpn"]["ipsec"]) == ("DOWN", "DOWN")


def test_not_a_state_reply():
    with pytest.raises(opstate.OpstateError, match="expected <ike-security-associations-information>"):
        opstate.ike_sas((SAMPLES / "get-software-information-vsrx.xml").read_text())


def test_genuine_text_tables_give_states_per_peer():
    text = EXPECTED / "text"
    ike = (text / "gcp-srx-show-security-ike-security-associations.txt").read_text()
    ipsec = (text / "gcp-srx-show-security-ipsec-security-associations.txt").read_text()
    states = opstate.tunnel_states(ike, ipsec, {"onprem-2-gcp-vpn": "35.230.59.183",
                                                "onprem-2-gcp-vpn-2": "35.233.197.145"})
    assert {k: (v["ike"], v["ipsec"], v["tunnel_index"]) for k, v in states.items()} == {
        "onprem-2-gcp-vpn": ("UP", "UP", 131073), "onprem-2-gcp-vpn-2": ("UP", "UP", 131074)}

"""Health gate parsing against the genuine vSRX replies in tests/fixtures/junos-rpc-samples/."""
from pathlib import Path

from lxml import etree

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import plan_gate  # noqa: E402

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"


def sample(name):
    raw = (SAMPLES / name).read_text()
    if "xmlns:junos" not in raw.split(">", 1)[0]:
        raw = '<wrap xmlns:junos="http://xml.juniper.net/junos/24.4R1.9/junos">' + raw + "</wrap>"
    return etree.fromstring(raw.encode())


def test_ike_brief_and_detail():
    brief = plan_gate.parse_ike(sample("get-ike-security-associations-information-vsrx.xml"))
    assert brief == [{"gateway": None, "remote": "192.168.1.161", "state": "UP"}]
    detail = plan_gate.parse_ike(sample("get-ike-security-associations-information-detail-vsrx.xml"))
    assert len(detail) == 1 and detail[0]["state"] == "UP" and detail[0]["gateway"]
    assert plan_gate.parse_ike(sample("get-ike-security-associations-information-detail-empty-vsrx.xml")) == []


def test_ipsec_brief():
    assert plan_gate.parse_ipsec(sample("get-security-associations-information-vsrx.xml")) == {"192.168.1.161": True}
    assert plan_gate.parse_ipsec(sample("get-security-associations-information-empty-vsrx.xml")) == {}


def tunnel(**extra):
    return dict({"tunnel": "t1", "path": "", "vpn": "vpn-t1", "peer": "b", "gateway": "gw-t1",
                 "remote_address": "192.168.1.161", "ping": {"source": "10.0.0.1", "destination": "10.0.1.1"}}, **extra)


def test_tunnel_states_and_failure_reasons():
    ike = [{"gateway": "gw-t1", "remote": "192.168.1.161", "state": "UP"}]
    states = plan_gate.tunnel_states([tunnel(), tunnel(tunnel="t2", vpn="vpn-t2", gateway="gw-t2", remote_address="198.51.100.9")],
                                     ike, {"192.168.1.161": True})
    assert [(s["phase1"], s["phase2"]) for s in states] == [("UP", "UP"), ("DOWN", "DOWN")]
    assert plan_gate.failures(states) == ["t2 (vpn vpn-t2, gateway gw-t2): IKE SA with 198.51.100.9 not up"]
    states[0]["ping"] = {"ok": False, "source": "10.0.0.1", "destination": "10.0.1.1"}
    assert "t1 (vpn vpn-t1): ping 10.0.0.1 -> 10.0.1.1 failed" in plan_gate.failures(states)


def test_dynamic_peer_is_matched_by_gateway_name():
    states = plan_gate.tunnel_states([tunnel(remote_address=None)],
                                     [{"gateway": "gw-t1", "remote": "198.18.0.7", "state": "UP"}], {"198.18.0.7": True})
    assert states[0]["remote_address"] == "198.18.0.7" and states[0]["phase2"] == "UP"


def test_ping_reply():
    reply = etree.fromstring(
        b"<rpc-reply><ping-results><target-host>10.0.1.1</target-host><probe-results-summary>"
        b"<probes-sent>3</probes-sent><responses-received>3</responses-received><packet-loss>0</packet-loss>"
        b"<rtt-average>1520</rtt-average></probe-results-summary><ping-success/></ping-results></rpc-reply>")
    assert plan_gate.parse_ping(reply) == {"ok": True, "sent": 3, "received": 3, "rtt_ms": 1.52}
    lost = etree.fromstring(b"<rpc-reply><ping-results><probe-results-summary><probes-sent>3</probes-sent>"
                            b"<responses-received>0</responses-received></probe-results-summary></ping-results></rpc-reply>")
    assert plan_gate.parse_ping(lost)["ok"] is False

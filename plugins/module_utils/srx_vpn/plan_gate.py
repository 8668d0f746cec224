# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Health gate: are this device's planned tunnels up (IKE SA, IPsec SA, optional ping)?

Operational replies are read by local element name, as in the genuine Junos samples in
tests/fixtures/junos-rpc-samples/ (get-ike-security-associations-information detail:
ike-gw-name, ike-sa-remote-address, ike-sa-state; get-security-associations-information
brief: ipsec-security-associations-block with sa-block-state and sa-remote-gateway).
A ping RPC answers with ping-results (probe-results-summary, rtt in microseconds, ping-success).
"""

from __future__ import annotations

try:
    from lxml import etree
except ImportError:  # the apply module reports missing lxml before calling this
    etree = None


def _local(element):
    return etree.QName(element).localname


def _find_all(root, name):
    return [e for e in root.iter() if isinstance(e.tag, str) and _local(e) == name]


def _text(element, name):
    for child in element.iter():
        if isinstance(child.tag, str) and _local(child) == name:
            return (child.text or "").strip()
    return None


def ike_rpc():
    rpc = etree.Element("get-ike-security-associations-information")
    etree.SubElement(rpc, "detail")
    return rpc


def ipsec_rpc():
    return etree.Element("get-security-associations-information")


def ping_rpc(destination, source=None, count=3):
    rpc = etree.Element("ping")
    etree.SubElement(rpc, "host").text = destination
    if source:
        etree.SubElement(rpc, "source").text = source
    etree.SubElement(rpc, "count").text = str(count)
    etree.SubElement(rpc, "rapid")
    return rpc


def parse_ike(reply):
    """[{gateway, remote, state}] from get-ike-security-associations-information.

    Detail puts remote address and gateway name on ike-security-associations-block and the
    state on the ike-security-associations inside it; brief has no block and no gateway name.
    """
    out = []
    blocks = _find_all(reply, "ike-security-associations-block")
    for block in blocks:
        for sa in _find_all(block, "ike-security-associations"):
            out.append({"gateway": _text(block, "ike-gw-name"), "remote": _text(block, "ike-sa-remote-address"),
                        "state": (_text(sa, "ike-sa-state") or "").upper()})
    if not blocks:
        for sa in _find_all(reply, "ike-security-associations"):
            out.append({"gateway": None, "remote": _text(sa, "ike-sa-remote-address"),
                        "state": (_text(sa, "ike-sa-state") or "").upper()})
    return out


def parse_ipsec(reply):
    """{remote gateway address: True if an SA block for it is up} from get-security-associations-information."""
    out = {}
    for block in _find_all(reply, "ipsec-security-associations-block"):
        state = (_text(block, "sa-block-state") or "").lower()
        for sa in _find_all(block, "ipsec-security-associations"):
            remote = _text(sa, "sa-remote-gateway")
            if remote:
                out[remote] = out.get(remote, False) or state == "up"
    return out


def parse_ping(reply):
    """{ok, sent, received, rtt_ms} from a ping reply."""
    sent = _text(reply, "probes-sent")
    received = _text(reply, "responses-received")
    rtt = _text(reply, "rtt-average")
    ok = bool(_find_all(reply, "ping-success")) or (received not in (None, "", "0"))
    return {"ok": ok, "sent": int(sent) if sent and sent.isdigit() else None,
            "received": int(received) if received and received.isdigit() else None,
            "rtt_ms": round(int(rtt) / 1000.0, 3) if rtt and rtt.isdigit() else None}


def tunnel_states(tunnels, ike_sas, ipsec_up):
    """Per planned tunnel: phase 1 / phase 2 up? Matched by gateway name, else by peer address."""
    states = []
    for t in tunnels:
        sa = next((s for s in ike_sas if s["gateway"] and s["gateway"] == t["gateway"]), None)
        if sa is None and t.get("remote_address"):
            sa = next((s for s in ike_sas if s["remote"] == t["remote_address"]), None)
        remote = (sa or {}).get("remote") or t.get("remote_address")
        states.append({"tunnel": t["tunnel"], "path": t.get("path", ""), "vpn": t["vpn"], "peer": t["peer"],
                       "gateway": t["gateway"], "remote_address": remote,
                       "phase1": "UP" if sa and sa["state"] == "UP" else "DOWN",
                       "phase2": "UP" if remote and ipsec_up.get(remote) else "DOWN"})
    return states


def failures(states):
    """Readable reasons the gate is not passed yet (empty when every tunnel is up)."""
    out = []
    for s in states:
        name = s["tunnel"] + ("/" + s["path"] if s["path"] else "")
        if s["phase1"] != "UP":
            out.append("{0} (vpn {1}, gateway {2}): IKE SA with {3} not up".format(
                name, s["vpn"], s["gateway"], s["remote_address"] or s["peer"]))
        elif s["phase2"] != "UP":
            out.append("{0} (vpn {1}): IPsec SA not up".format(name, s["vpn"]))
        elif s.get("ping") and not s["ping"]["ok"]:
            out.append("{0} (vpn {1}): ping {2} -> {3} failed".format(
                name, s["vpn"], s["ping"].get("source"), s["ping"].get("destination")))
    return out

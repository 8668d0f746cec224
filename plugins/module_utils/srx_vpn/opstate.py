# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos IKE/IPsec operational state as plain data.

Parsers take the XML reply of an RPC (an rpc-reply, the bare element, text or an
element; namespaces and an undeclared ``junos:`` prefix are fine) or, for the
brief SA tables, the text of the ``show`` command:

    ike_sas(reply)          get-ike-security-associations-information   -> [ike sa]
    ipsec_sas(reply)        get-security-associations-information       -> {totals, tunnels}
    inactive_tunnels(reply) get-inactive-tunnels                        -> {totals, tunnels}
    ipsec_statistics(reply) get-ipsec-statistics-information            -> {esp, ah, errors}
    tunnel_states(ike, ipsec, vpn_peers=None) -> {vpn or peer: {"ike": "UP"|"DOWN", "ipsec": "UP"|"DOWN", ...}}

Chassis clusters answer with multi-routing-engine-results; every entry then
carries its ``node`` (re-name), None on a standalone device.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import junos_config


class OpstateError(ValueError):
    """A reply that is an rpc-error or not the expected RPC output."""


def _element(reply, expected: str):
    if isinstance(reply, str):
        root = junos_config.parse_xml(reply.strip(), expected)
    elif isinstance(reply, ET.Element):
        root = junos_config.normalize(reply)
    elif hasattr(reply, "tag"):  # lxml element from ncclient / PyEZ
        from lxml import etree
        root = junos_config.parse_xml(etree.tostring(reply, encoding="unicode"), expected)
    else:
        raise OpstateError("%s: expected XML text or an element, got %s" % (expected, type(reply).__name__))
    error = root if root.tag == "rpc-error" else root.find(".//rpc-error")
    if error is not None:
        message = (error.findtext("error-message") or "").strip()
        bad = (error.findtext("error-info/bad-element") or "").strip()
        raise OpstateError("%s: the device answered with an error: %s%s"
                           % (expected, message, " (%s)" % bad if bad else ""))
    return root


def _text(el, tag):
    value = el.findtext(tag)
    if value is None:
        return None
    value = value.strip()
    return value if value not in ("", "-") else None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _nodes(root, tag):
    """[(node name or None, element)] for each answer of tag, standalone or per cluster node."""
    if root.tag == tag:
        return [(None, root)]
    found = []
    for item in root.iter("multi-routing-engine-item"):
        node = _text(item, "re-name")
        found.extend((node, el) for el in item.iter(tag))
    if found:
        return found
    answers = [(None, el) for el in root.iter(tag)]
    if not answers:
        raise OpstateError("expected <%s> in the reply, found <%s>" % (tag, root.tag))
    return answers


def _looks_like_xml(reply) -> bool:
    return not isinstance(reply, str) or reply.lstrip().startswith("<")


# IKE ---------------------------------------------------------------------------
_EXPIRES = re.compile(r"(\d+)\s*seconds")


def _ike_fields(el) -> dict:
    lifetime = _text(el, "ike-sa-lifetime")
    match = _EXPIRES.search(lifetime or "")
    return {
        "state": _text(el, "ike-sa-state"),
        "role": (_text(el, "ike-sa-role") or "").lower() or None,
        "exchange_type": _text(el, "ike-sa-exchange-type"),
        "initiator_cookie": _text(el, "ike-sa-initiator-cookie"),
        "responder_cookie": _text(el, "ike-sa-responder-cookie"),
        "authentication_method": _text(el, "ike-sa-authentication-method"),
        "local_address": _text(el, "ike-sa-local-address"),
        "local_port": _int(_text(el, "ike-sa-local-port")),
        "remote_port": _int(_text(el, "ike-sa-remote-port")),
        "remaining_lifetime": _int(match.group(1)) if match else None,
        "reauth_lifetime": _text(el, "ike-sa-reauthlifetime"),
    }


def ike_sas(reply) -> list:
    """IKE (phase 1) SAs from get-ike-security-associations-information (brief or detail) or
    the text of ``show security ike security-associations``."""
    if not _looks_like_xml(reply):
        return _ike_text(reply)
    root = _element(reply, "get-ike-security-associations-information")
    sas = []
    for node, info in _nodes(root, "ike-security-associations-information"):
        for block in info.findall("ike-security-associations-block"):  # detail: one block per peer
            head = {"remote_address": _text(block, "ike-sa-remote-address"),
                    "index": _int(_text(block, "ike-sa-index")), "gateway": _text(block, "ike-gw-name")}
            for sa in block.findall("ike-security-associations"):
                sas.append(_ike_entry(head, sa, node))
        for sa in info.findall("ike-security-associations"):  # brief
            head = {"remote_address": _text(sa, "ike-sa-remote-address"), "index": _int(_text(sa, "ike-sa-index")),
                    "gateway": _text(sa, "ike-gw-name")}
            sas.append(_ike_entry(head, sa, node))
    return sas


def _ike_entry(head, sa, node) -> dict:
    entry = dict(head)
    entry.update(_ike_fields(sa))
    entry["node"] = node
    return entry


# Index  State  Initiator cookie  Responder cookie  Mode  Remote Address
_IKE_ROW = re.compile(r"^\s*(\d+)\s+(UP|DOWN|\S+)\s+([0-9a-f]{16})\s+([0-9a-f]{16})\s+(\S+)\s+(\S+)\s*$")


def _ike_text(text: str) -> list:
    sas = []
    for line in text.splitlines():
        match = _IKE_ROW.match(line)
        if match:
            index, state, icookie, rcookie, mode, remote = match.groups()
            entry = {"remote_address": remote, "index": int(index), "gateway": None}
            entry.update(dict.fromkeys(_ike_fields(ET.Element("x")), None))
            entry.update(state=state, exchange_type=mode, initiator_cookie=icookie, responder_cookie=rcookie,
                         node=None)
            sas.append(entry)
    return sas


# IPsec ---------------------------------------------------------------------------
_DIRECTIONS = {"<": "inbound", ">": "outbound", "inbound": "inbound", "outbound": "outbound"}


def _sa(el) -> dict:
    return {
        "direction": _DIRECTIONS.get(_text(el, "sa-direction") or "", _text(el, "sa-direction")),
        "spi": _text(el, "sa-spi"),
        "aux_spi": _text(el, "sa-aux-spi"),
        "protocol": _text(el, "sa-protocol"),
        "encryption": _text(el, "sa-esp-encryption-algorithm") or _text(el, "sa-encryption-algorithm"),
        "authentication": _no_none(_text(el, "sa-hmac-algorithm") or _text(el, "sa-authentication-algorithm")),
        "remaining_lifetime": _seconds(_text(el, "sa-hard-lifetime")),
        "lifesize_remaining": _text(el, "sa-lifesize-remaining"),
        "monitoring": _text(el, "sa-vpn-monitoring-state"),
    }


def _seconds(value):
    """Brief replies give "747", detail ones "Expires in 747 seconds"."""
    match = _EXPIRES.search(value or "")
    return int(match.group(1)) if match else _int(value)


_SUBNET = re.compile(r"=\s*([0-9a-fA-F:.]+/\d+)")


def _selector(value):
    """The prefix of a detail traffic-selector identity, e.g. ipv4_subnet(any:0,[0..7]=10.0.0.0/24)."""
    match = _SUBNET.search(value or "")
    return match.group(1) if match else value


def _no_none(value):
    """Junos prints the word None for "no HMAC" (AEAD ciphers such as AES-GCM)."""
    return None if value in (None, "None", "none") else value


def _tunnel(index, remote, port, state, vsys, node, vpn=None) -> dict:
    return {"tunnel_index": index, "vpn_name": vpn, "remote_gateway": remote, "port": port,
            "state": state, "virtual_system": vsys, "node": node, "sas": []}


def ipsec_sas(reply) -> dict:
    """IPsec (phase 2) SAs per tunnel from get-security-associations-information or the text of
    ``show security ipsec security-associations``; inbound and outbound SAs grouped by tunnel index."""
    if not _looks_like_xml(reply):
        return _ipsec_text(reply)
    root = _element(reply, "get-security-associations-information")
    result = {"total_active_tunnels": 0, "total_ipsec_sas": 0, "tunnels": []}
    for node, info in _nodes(root, "ipsec-security-associations-information"):
        result["total_active_tunnels"] += _int(_text(info, "total-active-tunnels")) or 0
        result["total_ipsec_sas"] += _int(_text(info, "total-ipsec-sas")) or 0
        for block in info.findall("ipsec-security-associations-block"):
            tunnels = {}
            for sa in block.findall("ipsec-security-associations"):
                def pick(tag, sa=sa):  # brief: per SA; detail: on the block
                    return _text(sa, tag) or _text(block, tag)
                index = _int(pick("sa-tunnel-index"))
                if index not in tunnels:
                    tunnels[index] = _tunnel(index, pick("sa-remote-gateway"), _int(pick("sa-port")),
                                             _text(block, "sa-block-state"), pick("sa-virtual-system"), node,
                                             pick("sa-vpn-name"))
                    if _text(block, "sa-local-identity"):
                        tunnels[index]["traffic_selector"] = {
                            "local": _selector(_text(block, "sa-local-identity")),
                            "remote": _selector(_text(block, "sa-remote-identity"))}
                        tunnels[index]["bind_interface"] = _text(block, "sa-bind-interface")
                        tunnels[index]["ike_version"] = _text(block, "sa-ike-version")
                tunnels[index]["sas"].append(_sa(sa))
            result["tunnels"].extend(tunnels.values())
    for tunnel in result["tunnels"]:
        _summarise(tunnel)
    return result


def _summarise(tunnel):
    """Tunnel-level view of its newest SA pair: SPIs, algorithms, remaining lifetime."""
    inbound = [s for s in tunnel["sas"] if s["direction"] == "inbound"]
    outbound = [s for s in tunnel["sas"] if s["direction"] == "outbound"]
    first = (inbound or outbound or [{}])[-1]
    tunnel.update(
        inbound_spi=inbound[-1]["spi"] if inbound else None,
        outbound_spi=outbound[-1]["spi"] if outbound else None,
        protocol=first.get("protocol"), encryption=first.get("encryption"),
        authentication=first.get("authentication"), remaining_lifetime=first.get("remaining_lifetime"),
        monitoring=first.get("monitoring"))


# <131073 ESP:aes-gcm-256/None 9b27bae 747/ unlim - root 500 192.168.1.161
_IPSEC_ROW = re.compile(r"^\s*([<>])(\d+)\s+(\w+):([^/\s]+)/(\S+)\s+([0-9a-fA-F]+)\s+(\d+|-)/\s*(\S+)\s+"
                        r"(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s*$")
# Older releases print only "Total active tunnels: N".
_TOTALS = re.compile(r"Total active tunnels:\s*(\d+)(?:\s+Total Ipsec sas:\s*(\d+))?", re.I)


def _ipsec_text(text: str) -> dict:
    result = {"total_active_tunnels": 0, "total_ipsec_sas": 0, "tunnels": []}
    tunnels = {}
    for line in text.splitlines():
        totals = _TOTALS.search(line)
        if totals:
            result["total_active_tunnels"] += int(totals.group(1))
            if totals.group(2) is None:
                result["total_ipsec_sas"] = None
            elif result["total_ipsec_sas"] is not None:
                result["total_ipsec_sas"] += int(totals.group(2))
            continue
        match = _IPSEC_ROW.match(line)
        if not match:
            continue
        direction, index, proto, enc, auth, spi, life, size, mon, vsys, port, gateway = match.groups()
        index = int(index)
        if index not in tunnels:
            tunnels[index] = _tunnel(index, gateway, int(port), "up", vsys, None)
            result["tunnels"].append(tunnels[index])
        tunnels[index]["sas"].append({
            "direction": _DIRECTIONS[direction], "spi": spi, "aux_spi": None, "protocol": proto,
            "encryption": enc, "authentication": _no_none(auth), "remaining_lifetime": _int(life),
            "lifesize_remaining": size, "monitoring": None if mon == "-" else mon})
    for tunnel in result["tunnels"]:
        _summarise(tunnel)
    return result


# ID  Port  Nego#  Fail#  Flag  Gateway  Tunnel Down Reason
_INACTIVE_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9a-fA-F]+)\s+(\S+)\s+(.*?)\s*$")
_INACTIVE_TOTAL = re.compile(r"Total inactive tunnels( with establish immediately)?:\s*(\d+)", re.I)


def _inactive_text(text: str) -> dict:
    result = {"total_inactive_tunnels": 0, "total_inactive_tunnels_with_establish_immediately": 0, "tunnels": []}
    for line in text.splitlines():
        total = _INACTIVE_TOTAL.search(line)
        if total:
            key = "total_inactive_tunnels" + ("_with_establish_immediately" if total.group(1) else "")
            result[key] += int(total.group(2))
            continue
        match = _INACTIVE_ROW.match(line)
        if match:
            index, port, nego, fail, flag, gateway, reason = match.groups()
            result["tunnels"].append({
                "tunnel_index": int(index), "vpn_name": None, "remote_gateway": gateway, "port": int(port),
                "negotiations": int(nego), "failures": int(fail), "reason": reason or None,
                "reason_count": None, "reason_time": None, "node": None})
    return result


def inactive_tunnels(reply) -> dict:
    """Tunnels configured but not up, with the last event (Junos' reason), from get-inactive-tunnels
    or the text of ``show security ipsec inactive-tunnels``."""
    if not _looks_like_xml(reply):
        return _inactive_text(reply)
    root = _element(reply, "get-inactive-tunnels")
    result = {"total_inactive_tunnels": 0, "total_inactive_tunnels_with_establish_immediately": 0, "tunnels": []}
    for node, info in _nodes(root, "ipsec-unestablished-tunnel-information"):
        result["total_inactive_tunnels"] += _int(_text(info, "total-inactive-tunnels")) or 0
        result["total_inactive_tunnels_with_establish_immediately"] += _int(
            _text(info, "total-inactive-tunnels-with-establish-immediately")) or 0
        for block in info.findall("ipsec-security-associations-block"):
            for sa in block.findall("ipsec-security-associations"):
                result["tunnels"].append({
                    "tunnel_index": _int(_text(sa, "sa-tunnel-index")),
                    "vpn_name": _text(block, "sa-vpn-name") or _text(sa, "sa-vpn-name"),
                    "remote_gateway": _text(sa, "sa-remote-gateway"),
                    "port": _int(_text(sa, "sa-port")),
                    "negotiations": _int(_text(sa, "sa-nego-num")),
                    "failures": _int(_text(sa, "sa-nego-fail")),
                    "reason": _text(sa, "sa-tunnel-event") or _text(block, "sa-tunnel-event"),
                    "reason_count": _int(_text(sa, "sa-tunnel-event-num-times")),
                    "reason_time": _text(sa, "sa-tunnel-event-time"),
                    "node": node,
                })
    return result


def ipsec_statistics(reply) -> dict:
    """Counters of get-ipsec-statistics-information, by section (esp, ah, errors)."""
    root = _element(reply, "get-ipsec-statistics-information")
    result = {}
    for node, info in _nodes(root, "usp-ipsec-total-statistics-information"):
        target = result.setdefault(node, {}) if node else result
        for section in info:
            name = section.tag.replace("-statistics", "").replace("error", "errors")
            counters = target.setdefault(name, {})
            for counter in section:
                counters[counter.tag.replace("-", "_")] = (counters.get(counter.tag.replace("-", "_"), 0)
                                                           + (_int((counter.text or "").strip()) or 0))
    return result


def tunnel_states(ike_reply, ipsec_reply, vpn_peers: dict | None = None) -> dict:
    """{key: {"ike": "UP"|"DOWN", "ipsec": "UP"|"DOWN", "peer", "tunnel_index", "inbound_spi",
    "outbound_spi", "remaining_lifetime"}}. vpn_peers ({vpn name: peer address}, e.g. from the
    configuration) makes the keys VPN names; without it, the VPN name of detail replies or the peer
    address is the key. Replies may be raw (XML/text) or already parsed by ike_sas/ipsec_sas."""
    ike = ike_reply if isinstance(ike_reply, list) else ike_sas(ike_reply)
    ipsec = ipsec_reply if isinstance(ipsec_reply, dict) else ipsec_sas(ipsec_reply)
    ike_up = {sa["remote_address"] for sa in ike if (sa["state"] or "").upper() == "UP"}
    tunnels = [t for t in ipsec["tunnels"] if (t["state"] or "up").lower() == "up"]
    if vpn_peers is None:
        vpn_peers = {(t["vpn_name"] or t["remote_gateway"]): t["remote_gateway"] for t in tunnels}
        vpn_peers.update({sa["remote_address"]: sa["remote_address"] for sa in ike
                          if sa["remote_address"] not in vpn_peers.values()})
    states = {}
    for key, peer in sorted(vpn_peers.items()):
        match = [t for t in tunnels if t["remote_gateway"] == peer and t["vpn_name"] in (None, key)]
        tunnel = match[0] if match else {}
        states[key] = {
            "peer": peer, "ike": "UP" if peer in ike_up else "DOWN", "ipsec": "UP" if match else "DOWN",
            "tunnel_index": tunnel.get("tunnel_index"), "inbound_spi": tunnel.get("inbound_spi"),
            "outbound_spi": tunnel.get("outbound_spi"), "remaining_lifetime": tunnel.get("remaining_lifetime"),
        }
    return states


PARSERS = {
    "ike-security-associations-information": ("ike_sas", ike_sas),
    "ipsec-security-associations-information": ("ipsec_sas", ipsec_sas),
    "ipsec-unestablished-tunnel-information": ("inactive_tunnels", inactive_tunnels),
    "usp-ipsec-total-statistics-information": ("ipsec_statistics", ipsec_statistics),
}


def parse_reply(reply) -> tuple[str, object]:
    """(kind, data) of any reply the parsers above know, found by its output element."""
    root = _element(reply, "rpc-reply")
    for tag, (kind, parser) in PARSERS.items():
        if root.tag == tag or root.find(".//" + tag) is not None:
            return kind, parser(root)
    raise OpstateError("not an IKE/IPsec state reply: <%s>" % (root[0].tag if len(root) else root.tag))

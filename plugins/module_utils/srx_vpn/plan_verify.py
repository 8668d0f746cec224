# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""verify_vpn.yml's rows: the plan's tunnels joined with the status module's SAs and ping replies."""

from __future__ import annotations

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import plan_gate

COLUMNS = (("host", "DEVICE"), ("name", "TUNNEL"), ("peer", "PEER"), ("vpn", "VPN"), ("phase1", "PHASE 1"),
           ("phase2", "PHASE 2"), ("ping", "PING"), ("rtt", "RTT ms"))


def _ping_results(pings):
    out = {}
    for result in (pings or {}).get("results") or []:
        item = result.get("item") or {}
        key = (item.get("tunnel"), item.get("path"))
        if result.get("failed") or not result.get("stdout"):
            out[key] = {"ok": False, "error": result.get("msg") or "no reply"}
            continue
        raw = result["stdout"]
        reply = plan_gate.etree.fromstring(raw if isinstance(raw, bytes) else str(raw).encode("utf-8"))
        out[key] = plan_gate.parse_ping(reply)
    return out


def _sa_state(t, state, status):
    """(phase1, phase2): the status module's per-VPN view, else SAs matched by gateway and VPN name.

    A hub's gateway to a dynamic-address spoke has no configured address, so only the detail
    replies' gateway and VPN names tie its SAs to the tunnel.
    """
    phase1, phase2 = state.get("ike", "DOWN"), state.get("ipsec", "DOWN")
    ike = [sa for sa in (status or {}).get("ike_sas") or [] if sa.get("gateway") == t["gateway"]
           and (sa.get("state") or "").upper() == "UP"]
    if phase1 != "UP" and ike:
        phase1 = "UP"
    remotes = {sa.get("remote_address") for sa in ike}
    ipsec = [tun for tun in ((status or {}).get("ipsec_sas") or {}).get("tunnels") or []
             if (tun.get("vpn_name") == t["vpn"] or tun.get("remote_gateway") in remotes)
             and (tun.get("state") or "up").lower() == "up"]
    if phase2 != "UP" and ipsec:
        phase2 = "UP"
    return phase1, phase2


def verify_rows(tunnels, status, pings, host):
    """One row per tunnel of `host`: phase 1, phase 2, ping, rtt, ok and a reason when not ok."""
    states = (status or {}).get("tunnels") or {}
    ping_of = _ping_results(pings)
    rows = []
    for t in tunnels or []:
        state = states.get(t["vpn"]) or {}
        ping = ping_of.get((t["tunnel"], t.get("path")))
        row = {"host": host, "tunnel": t["tunnel"], "path": t.get("path") or "",
               "name": t["tunnel"] + ("/" + t["path"] if t.get("path") and t["type"] == "redundant" else ""),
               "peer": t["peer"], "vpn": t["vpn"],
               "ping": "n/a" if ping is None else ("OK" if ping["ok"] else "FAIL"),
               "rtt_ms": (ping or {}).get("rtt_ms"),
               "ping_source": (t.get("ping") or {}).get("source"),
               "ping_destination": (t.get("ping") or {}).get("destination")}
        row["phase1"], row["phase2"] = _sa_state(t, state, status)
        reasons = []
        if row["phase1"] != "UP":
            reasons.append("IKE SA (phase 1) is down")
        if row["phase2"] != "UP":
            reasons.append("IPsec SA (phase 2) is down")
        if row["ping"] == "FAIL":
            reasons.append("ping {0} -> {1} failed".format(row["ping_source"], row["ping_destination"]))
        row["ok"] = not reasons
        row["reason"] = "{0} {1} (vpn {2}): {3}".format(host, row["name"], row["vpn"], ", ".join(reasons)) if reasons else ""
        rows.append(row)
    return rows


def verify_table(rows):
    """Fixed-width lines: a header, one line per tunnel, and a closing verdict."""
    cells = [[label for _key, label in COLUMNS]]
    for row in sorted(rows, key=lambda r: (r["host"], r["name"])):
        values = dict(row, rtt="" if row.get("rtt_ms") is None else "{0:.3f}".format(row["rtt_ms"]))
        cells.append([str(values.get(key, "")) for key, _label in COLUMNS])
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in cells]
    bad = [r for r in rows if not r["ok"]]
    lines.append("all {0} tunnels UP, ping OK".format(len(rows)) if not bad and rows else
                 "{0} of {1} tunnels NOT OK".format(len(bad), len(rows)))
    return lines

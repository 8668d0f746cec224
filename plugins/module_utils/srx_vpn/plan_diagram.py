# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Human views of a plan: a per-device summary and a Mermaid topology diagram."""

from __future__ import annotations

import re


def _node_id(host):
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", host)


def mermaid(plan):
    """Mermaid flowchart: one node per device, one edge per IKE/IPsec path (backup paths dashed)."""
    devices = plan.get("devices", {})
    lans_of, hosts, best = {}, set(), {}
    for data in devices.values():
        for t in data["tunnels"]:
            lans_of.setdefault(t["peer"], set()).update(t["remote_lans"])
    for t in plan.get("tunnels", []):
        hosts.update((t["a"], t["b"]))
        if t.get("preference") is not None:
            best[t["tunnel"]] = min(best.get(t["tunnel"], t["preference"]), t["preference"])
    lines = ["flowchart LR"]
    for host in sorted(hosts):
        label = host + "".join("<br/>" + lan for lan in sorted(lans_of.get(host, ())))
        shape = '["{0}"]' if host in devices else '(["{0} (not managed)"])'
        lines.append("  {0}{1}".format(_node_id(host), shape.format(label)))
    for t in plan.get("tunnels", []):
        parts = [t["tunnel"] + ("/" + t["path"] if t["type"] == "redundant" else "")]
        if t["mode"] == "route":
            parts += ["st0.{0}:st0.{1}".format(t["a_unit"], t["b_unit"]), t["link"]]
        else:
            parts.append("policy-based")
        backup = t.get("preference") is not None and t["preference"] > best[t["tunnel"]]
        if t.get("preference") is not None:
            parts.append("pref {0}".format(t["preference"]))
        edge = "-.-" if backup else "---"
        lines.append('  {0} {1}|"{2}"| {3}'.format(_node_id(t["a"]), edge, " ".join(parts), _node_id(t["b"])))
    return "\n".join(lines) + "\n"


def summary(plan, host=None):
    """Readable lines per device: tunnels and planned object counts (host: one name, a list, or all)."""
    wanted = None if host is None else {host} if isinstance(host, str) else set(host)
    out = []
    for dev, data in sorted(plan.get("devices", {}).items()):
        if wanted is not None and dev not in wanted:
            continue
        counts = ", ".join("{0} {1}".format(n, k) for k, n in data["counts"].items() if n)
        out.append("{0}: {1}".format(dev, counts))
        for t in data["tunnels"]:
            where = t.get("st0") or "policy-based"
            out.append("  {0}{1} -> {2} vpn {3} gateway {4} via {5}{6}".format(
                t["tunnel"], "/" + t["path"] if t["path"] else "", t["peer"], t["vpn"], t["gateway"], where,
                " link " + t["local_link"] if t.get("local_link") else ""))
    return out

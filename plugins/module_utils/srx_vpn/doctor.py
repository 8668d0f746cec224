# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPN doctor: looks at both ends of every IKE gateway and predicts whether
the tunnel comes up, and if traffic can then use it.

Inputs are normalised to Junos XML <configuration> per device (saved files in
text/set/XML form, gathered XML, or the vpn_plan output rendered through the
schema), then one set of checks runs on that XML.

    diagnose({host: configuration}) -> {"tunnels": [...], "findings": [...], "summary": {...}}

Ends are paired the way Junos matches a peer: a gateway's address equals the
other device's local-address, or the address of its external-interface.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor_checks as C
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor_checks_traffic as T
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import junos_config
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.doctor_checks_device import Device

STATUSES = (C.ESTABLISHED, C.IKE_FAILED, C.KEY_MISMATCH, C.IPSEC_FAILED, C.MISSING_END_POINT)
SEVERITIES = ("error", "warning", "info")
DoctorInputError = junos_config.JunosConfigError


def _as_configuration(host, value):
    if isinstance(value, ET.Element):
        return junos_config.from_xml(value, host)
    if isinstance(value, str):
        return junos_config.parse_config(value, host)
    if hasattr(value, "tag"):  # an lxml element (gathered by the transaction layer)
        return junos_config.from_xml(_lxml_text(value), host)
    raise DoctorInputError("%s: a configuration must be Junos XML, text or set commands, not %s"
                           % (host, type(value).__name__))


def _lxml_text(element) -> str:
    from lxml import etree  # only reached with lxml elements, so lxml is there
    return etree.tostring(element, encoding="unicode")


def _pair_score(da, a, db, b) -> int:
    """2 when both gateways point at each other, 1 when one does, 0 when neither."""
    la, lb = da.local_endpoint(a), db.local_endpoint(b)
    return int(bool(lb) and lb in a.addresses) + int(bool(la) and (la in b.addresses))


def pair_ends(devices) -> tuple[list, list]:
    """([(device a, end a, device b, end b)], [(device, end) without a peer]); best matches first."""
    ends = [(dev, end) for dev in devices for end in dev.ike_ends()]
    candidates = []
    for i, (da, a) in enumerate(ends):
        for db, b in ends[i + 1:]:
            if da.host != db.host:
                score = _pair_score(da, a, db, b)
                if score:
                    candidates.append((-score, i, ends.index((db, b)), da, a, db, b))
    candidates.sort(key=lambda c: c[:3])
    used, pairs = set(), []
    for _score, i, j, da, a, db, b in candidates:
        if i not in used and j not in used:
            used.update((i, j))
            pairs.append((da, a, db, b))
    lonely = [(dev, end) for k, (dev, end) in enumerate(ends) if k not in used]
    return pairs, lonely


def _end_findings(dev, end, peer_dev=None, peer_end=None) -> list:
    found = C.end_checks(dev, end)
    for vpn in end.vpns:
        if vpn.bind_interface:
            found.extend(T.st0_checks(dev, vpn))
        if peer_dev is not None:
            found.extend(T.route_checks(dev, vpn, T.remote_networks(vpn, peer_dev, peer_end)))
        found.extend(T.policy_checks(dev, vpn))
    return found


def _tunnel(ends, findings) -> dict:
    ordered = sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), C.CHECKS[f.check][2], f.host))
    return {
        "name": " <-> ".join("%s:%s" % (dev.host, end.name) for dev, end in ends),
        "hosts": [dev.host for dev, end in ends],
        "gateways": {dev.host: end.name for dev, end in ends},
        "vpns": {dev.host: [v.name for v in end.vpns] for dev, end in ends},
        "addresses": {dev.host: dev.local_endpoint(end) for dev, end in ends},
        "status": C.status_of(findings),
        "findings": [f.as_dict() for f in ordered],
    }


def diagnose(configs: dict, lans: dict | None = None) -> dict:
    """Run every check on {host: configuration}; lans optionally gives {host: [LAN subnets]}
    (from the plan) instead of reading them from the interfaces."""
    devices = [Device(host, _as_configuration(host, value), (lans or {}).get(host))
               for host, value in sorted(configs.items())]
    pairs, lonely = pair_ends(devices)
    tunnels = []
    for da, a, db, b in pairs:
        findings = _end_findings(da, a, db, b) + _end_findings(db, b, da, a)
        findings += C.phase1_checks(da, a, db, b) + C.phase2_checks(da, a, db, b)
        tunnels.append(_tunnel([(da, a), (db, b)], findings))
    for dev, end in lonely:
        missing = C.Finding("missing-end-point", dev.host, C.gw_path(end, "address"),
                            "%s points at %s, which no device among the inputs owns (as local-address or "
                            "external-interface address)" % (end.label, ", ".join(end.addresses) or "a dynamic peer"),
                            "add the peer's configuration to the inputs (or fix the gateway address)")
        tunnels.append(_tunnel([(dev, end)], [missing] + _end_findings(dev, end)))
    device_findings = [f.as_dict() for dev in devices for f in T.device_checks(dev)]
    tunnels.sort(key=lambda t: t["name"])
    return {"tunnels": tunnels, "findings": device_findings, "summary": summarize(tunnels, device_findings),
            "hosts": [dev.host for dev in devices]}


def summarize(tunnels, device_findings) -> dict:
    every = [f for t in tunnels for f in t["findings"]] + list(device_findings)
    summary = {sev: sum(1 for f in every if f["severity"] == sev) for sev in SEVERITIES}
    summary["tunnels"] = {status: sum(1 for t in tunnels if t["status"] == status) for status in STATUSES}
    summary["ok"] = summary["error"] == 0
    return summary


PLAN_RESOURCES = ("ike", "ipsec", "tunnel_interfaces", "zones", "address_book", "policies", "routes")


def plan_configs(plan: dict) -> tuple[dict, dict]:
    """({host: <configuration>}, {host: [LAN subnets]}) from a vpn_plan result.

    The plan's objects are rendered through the schema (the same XML apply loads); the underlay
    facts the plan knows (each end's external address, each site's LANs) become interface
    addresses and LAN lists, so the checks read plan and device configurations alike."""
    from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml  # needs lxml

    devices = plan.get("devices") if isinstance(plan, dict) else None
    if not isinstance(devices, dict):
        raise DoctorInputError("plan: expected the vpn_plan result (a dict with 'devices')")
    configs, lans = {}, {}
    for host, device in sorted(devices.items()):
        root = ET.Element("configuration")
        for resource in PLAN_RESOURCES:
            if (device.get("config") or {}).get(resource):
                rendered = ET.fromstring(jxml.to_text(jxml.render(resource, device["config"][resource])))
                _merge(root, rendered)
        # zones the plan's policies name but do not manage (the site's trust zone) are underlay
        for pair in ((device.get("config") or {}).get("policies") or {}).get("policies") or []:
            for zone in (pair.get("from_zone"), pair.get("to_zone")):
                if zone and zone not in ("any", "junos-host"):
                    _merge(root, junos_config.from_set("set security zones security-zone %s" % zone, "plan"))
        gateways = {g["name"]: g for g in (device.get("config") or {}).get("ike", {}).get("gateways", [])}
        for tunnel in device.get("tunnels") or []:
            external = (gateways.get(tunnel.get("gateway")) or {}).get("external_interface")
            if external:  # a site without a fixed address gets it by DHCP
                _add_address(root, external, tunnel.get("local_address"))
            if tunnel.get("peer"):
                lans.setdefault(tunnel["peer"], set()).update(tunnel.get("remote_lans") or [])
        configs[host] = root
    return configs, {host: sorted(nets) for host, nets in lans.items()}


def _merge(target, source):
    """Merge source's children into target, joining list entries with the same <name>."""
    for child in source:
        key = child.findtext("name")
        same = [t for t in target.findall(child.tag) if len(child) and t.findtext("name") == key]
        containers = ("security", "ike", "ipsec", "zones", "policies", "interfaces", "routing-options", "static")
        if same and (key is not None or child.tag in containers):
            _merge(same[0], child)
        else:
            target.append(child)


def _add_address(root, external, address):
    name, unit = (external.split(".", 1) + ["0"])[:2]
    family = ("address " + (address if "/" in address else address + "/32")) if address else "dhcp"
    snippet = junos_config.from_set("set interfaces %s unit %s family inet %s" % (name, unit, family), "plan")
    _merge(root, snippet)


def diagnose_plan(plan: dict) -> dict:
    """diagnose() on the devices of a vpn_plan result."""
    configs, lans = plan_configs(plan)
    return diagnose(configs, lans)


def diagnose_files(sources) -> dict:
    """diagnose() on saved configuration files (a directory or a list of paths)."""
    return diagnose(junos_config.load_configs(sources))


def report(result: dict) -> str:
    """A readable report: one block per tunnel, errors first, then device-wide findings."""
    lines = []
    for tunnel in result["tunnels"]:
        lines.append("%s  %s" % (tunnel["status"], tunnel["name"]))
        vpns = "; ".join("%s: %s" % (h, ", ".join(v) or "-") for h, v in tunnel["vpns"].items())
        lines.append("    vpns  %s" % vpns)
        lines.extend(_finding_lines(tunnel["findings"]))
    if result["findings"]:
        lines.append("device-wide")
        lines.extend(_finding_lines(result["findings"]))
    summary = result["summary"]
    lines.append("%d tunnel(s): %s; %d error(s), %d warning(s), %d info" % (
        len(result["tunnels"]), ", ".join("%d %s" % (n, s) for s, n in summary["tunnels"].items() if n) or "none",
        summary["error"], summary["warning"], summary["info"]))
    return "\n".join(lines)


def _finding_lines(findings):
    for f in findings:
        yield "    %-7s %s [%s] %s" % (f["severity"].upper(), f["host"], f["path"], f["message"])
        yield "            fix: %s" % f["fix"]

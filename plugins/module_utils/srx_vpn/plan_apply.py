# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One device's plan -> one configuration edit, scoped by a ledger kept on the device.

The ledger is `security apply-macro netsec-srx-vpn`: one `data` entry per object the
collection manages there, written in the same commit as the objects and read back in
the same get-configuration. An object in the old ledger but not in the plan is deleted;
nothing else on the device is ever deleted.

Ledger entries ("atoms"):
  <resource>|<collection>|<group keys joined by ,>|<key>   a whole object (ike gateway, route, ...)
  zones|interface|<zone>|<interface>                        an interface we put in a zone
  zones|service|<zone>|<interface>|<service>                a host-inbound service we enabled there
  zones|zone|<zone>                                         a zone we created
Zones are shared with the underlay (untrust holds ge-0/0/0.0 before any VPN), so they are
managed at interface and service granularity, never replaced as a whole.
Pure: no device access; the apply module does the I/O.
"""

from __future__ import annotations

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import diff
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

LEDGER = "netsec-srx-vpn"
OBJECT_RESOURCES = ("ike", "ipsec", "tunnel_interfaces", "address_book", "policies", "routes")
SEP = "|"


def read_filter():
    """Subtree filter for everything apply reads: the managed subtrees plus the ledger."""
    root = jxml.read_filter(list(RESOURCES))
    security = root.find("security")
    if security is None:
        security = jxml.etree.SubElement(root, "security")
    macro = jxml.etree.SubElement(security, "apply-macro")
    jxml.etree.SubElement(macro, "name").text = LEDGER
    return root


def read_ledger(configuration):
    """The atoms recorded on the device (empty when the collection never ran there)."""
    for macro in configuration.findall("security/apply-macro"):
        if (macro.findtext("name") or "").strip() == LEDGER:
            return {(d.findtext("name") or "").strip() for d in macro.findall("data")} - {""}
    return set()


def ledger_edit(old, new):
    """Edit that turns ledger `old` into `new`, entry by entry; None when they are equal."""
    if old == new:
        return None
    root = jxml.etree.Element("configuration")
    macro = jxml.etree.SubElement(jxml.etree.SubElement(root, "security"), "apply-macro")
    jxml.etree.SubElement(macro, "name").text = LEDGER
    if not new:
        macro.set("delete", "delete")
        return root
    for atom in sorted(old - new):
        data = jxml.etree.SubElement(macro, "data", jxml.DELETE)
        jxml.etree.SubElement(data, "name").text = atom
    for atom in sorted(new - old):
        data = jxml.etree.SubElement(macro, "data")
        jxml.etree.SubElement(data, "name").text = atom
    return root


def _atom(resource, coll, group, key):
    return SEP.join((resource, coll.option, ",".join(str(g) for g in group), str(key)))


def _object_changes(name, want, have, ledger):
    """(changes, atoms, emptied groups) for one whole-object resource.

    A zone pair (policies) left without any policy is deleted as a whole: Junos keeps an empty
    `from-zone X to-zone Y` entry, which still names the zone and fails the commit once the zone goes.
    """
    resource = RESOURCES[name]
    out = diff.changes(resource, want, have, "replaced")
    atoms, emptied = set(), []
    for coll in resource.collections:
        wanted = diff.index(coll, want)
        present = diff.index(coll, have)
        for group, key in wanted:
            atoms.add(_atom(name, coll, group, key))
        for group, key in present:
            atom = _atom(name, coll, group, key)
            if atom in ledger and atom not in atoms:
                out.append(diff.Change("delete", coll, group, key))
        if coll.group is None:
            continue
        deleted = {(c.group, c.key) for c in out if c.coll is coll and c.op == "delete"}
        for group in {g for g, _k in present} - {g for g, _k in wanted}:
            if all((g, k) in deleted for g, k in present if g == group):
                emptied.append((coll, group))
    return out, atoms, emptied


def _group_delete(coll, group):
    root = jxml.etree.Element("configuration")
    entry = jxml.etree.SubElement(jxml.ensure_parent(root, coll), coll.group.tag, jxml.DELETE)
    for field, value in zip(coll.group.keys, group):
        jxml.render_field(entry, field, value)
    return root


def _zone_atoms(zones_config):
    atoms = set()
    for zone in zones_config.get("zones") or []:
        for iface in zone.get("interfaces") or []:
            atoms.add(SEP.join(("zones", "interface", zone["name"], iface["name"])))
            for svc in (iface.get("host_inbound_traffic") or {}).get("system_services") or []:
                atoms.add(SEP.join(("zones", "service", zone["name"], iface["name"], svc)))
    return atoms


def _zone_element(root, zone):
    security = root.find("security")
    if security is None:
        security = jxml.etree.SubElement(root, "security")
    zones = security.find("zones")
    if zones is None:
        zones = jxml.etree.SubElement(security, "zones")
    element = jxml.etree.SubElement(zones, "security-zone")
    jxml.etree.SubElement(element, "name").text = zone
    return element


def _zone_changes(want, have, ledger):
    """(edit or None, atoms to record, summary) for zone interfaces and their host-inbound services."""
    wanted = _zone_atoms(want)
    present = _zone_atoms(have)
    zone_names = {z["name"] for z in have.get("zones") or []}
    add = sorted(wanted - present)
    remove = sorted(a for a in (ledger - wanted) if a.startswith("zones|") and
                    (a in present or a.split(SEP)[1] == "zone"))
    # Record what we added or already own; never claim what the underlay had before us.
    atoms = {a for a in wanted if a in ledger or a not in present}
    for zone in {a.split(SEP)[2] for a in add} - zone_names:
        atoms.add(SEP.join(("zones", "zone", zone)))
    atoms |= {a for a in ledger if a.startswith("zones|zone|") and a.split(SEP)[2] in
              {w.split(SEP)[2] for w in wanted}}
    remove = [a for a in remove if a not in atoms]
    if not add and not remove:
        return None, atoms, {}
    root = jxml.etree.Element("configuration")
    removed_ifaces = {tuple(a.split(SEP)[2:4]) for a in remove if a.split(SEP)[1] == "interface"}
    for atom in remove:
        parts = atom.split(SEP)
        kind, zone = parts[1], parts[2]
        if kind == "zone":
            continue
        if kind == "service" and (zone, parts[3]) in removed_ifaces:
            continue
        iface = jxml.etree.SubElement(_zone_element(root, zone), "interfaces")
        jxml.etree.SubElement(iface, "name").text = parts[3]
        if kind == "interface":
            iface.set("delete", "delete")
        else:
            svc = jxml.etree.SubElement(jxml.etree.SubElement(iface, "host-inbound-traffic"), "system-services",
                                        jxml.DELETE)
            jxml.etree.SubElement(svc, "name").text = parts[4]
    for zone in sorted({a.split(SEP)[2] for a in remove if a.split(SEP)[1] == "zone"}):
        if _zone_left_empty(zone, have, removed_ifaces, wanted):
            _zone_element(root, zone).set("delete", "delete")
    add_config = {"zones": []}
    for atom in add:
        parts = atom.split(SEP)
        add_config["zones"].append({"name": parts[2], "interfaces": [
            {"name": parts[3], "host_inbound_traffic": {"system_services": [parts[4]]}} if parts[1] == "service"
            else {"name": parts[3]}]})
    for child in jxml.render("zones", add_config):
        root.append(child)
    summary = {"added": [_zone_text(a) for a in add], "removed": [_zone_text(a) for a in remove]}
    return root, atoms, summary


def _zone_text(atom):
    parts = atom.split(SEP)
    text = "security zone {0}".format(parts[2])
    if len(parts) > 3:
        text += " interface {0}".format(parts[3])
    if len(parts) > 4:
        text += " host-inbound {0}".format(parts[4])
    return text


def _zone_left_empty(zone, have, removed_ifaces, wanted):
    if any(w.split(SEP)[2] == zone for w in wanted):
        return False
    for z in have.get("zones") or []:
        if z["name"] == zone:
            others = [i for i in z.get("interfaces") or [] if (zone, i["name"]) not in removed_ifaces]
            return not others and not z.get("host_inbound_traffic") and not z.get("description")
    return False


ST0_ATOM = SEP.join(("tunnel_interfaces", "interface", "st0"))


def _st0_interface(want, have, ledger, atoms):
    """(edit or None, atoms): the st0 interface itself, when the collection created it.

    Junos keeps an interface entry whose last unit was deleted, so the `interfaces st0` the
    collection brought goes again with its last managed unit.
    """
    wanted = bool(want.get("units"))
    present = [u["unit"] for u in have.get("units") or []]
    if wanted:
        return None, {ST0_ATOM} if ST0_ATOM in ledger or not present else set()
    ours = {a.split(SEP)[-1] for a in ledger if a.startswith("tunnel_interfaces|units|")} - \
        {a.split(SEP)[-1] for a in atoms}
    if ST0_ATOM not in ledger or any(str(u) not in ours for u in present):
        return None, set()
    root = jxml.etree.Element("configuration")
    entry = jxml.etree.SubElement(jxml.etree.SubElement(root, "interfaces"), "interface", jxml.DELETE)
    jxml.etree.SubElement(entry, "name").text = "st0"
    return root, set()


def _describe(change):
    group = "{0} ".format(" ".join(str(g) for g in change.group)) if change.group else ""
    return "{0} {1}{2}".format(change.coll.kind, group, change.key)


def plan_edit(config, configuration):
    """(edit or None, summary, new ledger, old ledger) for one device's plan config vs its configuration."""
    ledger = read_ledger(configuration)
    edits, atoms = [], set()
    summary = {}
    for name in OBJECT_RESOURCES:
        have = jxml.parse(name, configuration)
        changes, res_atoms, emptied = _object_changes(name, config.get(name) or {}, have, ledger)
        atoms |= res_atoms
        gone = set(emptied)
        edits.append(diff.render_changes([c for c in changes if not (c.op == "delete" and (c.coll, c.group) in gone)]))
        edits.extend(_group_delete(coll, group) for coll, group in emptied)
        summary[name] = {
            "added": sorted(_describe(c) for c in changes if c.op == "create"),
            "changed": sorted(_describe(c) for c in changes if c.op in ("replace", "merge")),
            "removed": sorted(_describe(c) for c in changes if c.op == "delete"),
        }
    st0_edit, st0_atoms = _st0_interface(config.get("tunnel_interfaces") or {},
                                         jxml.parse("tunnel_interfaces", configuration), ledger, atoms)
    atoms |= st0_atoms
    edits.append(st0_edit)
    zone_edit, zone_atoms, zone_summary = _zone_changes(config.get("zones") or {}, jxml.parse("zones", configuration),
                                                        ledger)
    atoms |= zone_atoms
    edits.append(zone_edit)
    summary["zones"] = {"added": zone_summary.get("added", []), "changed": [],
                        "removed": zone_summary.get("removed", [])}
    edits.append(ledger_edit(ledger, atoms))
    edit = jxml.merge_edits([e for e in edits if e is not None])
    return edit, summary, atoms, ledger


def count_summary(summary):
    return {k: sum(len(v[k]) for v in summary.values()) for k in ("added", "changed", "removed")}


def change_lines(summary):
    return ["{0} {1}".format(op, obj) for res in summary.values() for op in ("added", "changed", "removed")
            for obj in res[op]]

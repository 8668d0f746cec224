# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generate DOCUMENTATION / RETURN of the resource modules and docs/objects.md from the schema.

`tools/gen_docs.py --write` rewrites the generated blocks in plugins/modules/*.py and docs/objects.md;
tests/unit/plugins/module_utils/test_docgen.py fails when any of them is out of date. Nothing here runs
inside a module.
"""
import re
from pathlib import Path

try:
    import yaml
except ImportError:  # only the generator needs PyYAML (it ships with ansible-core), never a module
    yaml = None

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

MODULE_DOC = {
    "ike": "Manage IKE proposals, policies and gateways on Juniper SRX",
    "ipsec": "Manage IPsec proposals, policies and VPNs on Juniper SRX",
    "tunnel_interfaces": "Manage st0 tunnel interface units on Juniper SRX",
    "zones": "Manage security zones on Juniper SRX",
    "address_book": "Manage the global address book on Juniper SRX",
    "policies": "Manage zone-pair security policies on Juniper SRX",
    "routes": "Manage static routes on Juniper SRX",
}

COMMON_DESCRIPTION = [
    "Objects are compared with the device's committed configuration, read in one get-configuration; "
    "when nothing differs the module does not lock, load or commit.",
    "A change is one candidate edit and one commit; C(changed) and the diff come from the device (show | compare).",
    "O(state=overridden) and O(state=deleted) touch only objects in O(scope) or named in O(config), never a whole hierarchy.",
]

RETURN = {
    "before": {"description": "The managed objects before the run (config shape; keys redacted).",
               "returned": "when state is merged, replaced, overridden or deleted", "type": "dict"},
    "after": {"description": "The managed objects after the run (config shape; keys redacted).",
              "returned": "when changed", "type": "dict"},
    "commands": {"description": "The Junos XML edit loaded in the candidate (keys redacted); empty when nothing changes.",
                 "returned": "when state is merged, replaced, overridden or deleted", "type": "list", "elements": "str"},
    "gathered": {"description": "The managed objects read from the device.", "returned": "when state is gathered",
                 "type": "dict"},
    "rendered": {"description": "The Junos XML that O(config) renders to, no device needed.",
                 "returned": "when state is rendered", "type": "str"},
    "parsed": {"description": "O(running_config) parsed into the config shape, no device needed.",
               "returned": "when state is parsed", "type": "dict"},
}


def _describe(field):
    text = field.doc
    if field.range and field.kind == "leaf":
        text += " Range %d-%d." % field.range
    if field.max_items:
        text += " At most %d." % field.max_items
    if field.kind == "flag":
        text += " Junos C(%s)." % field.xml_name
    return [text]


def field_doc(field):
    doc = {"description": _describe(field)}
    kind = field.kind
    if kind == "leaf":
        doc["type"] = "int" if field.type == "int" else "str"
    elif kind == "flag":
        doc["type"] = "bool"
    elif kind == "enumflag":
        doc["type"] = "str"
    elif kind in ("leaflist", "keylist"):
        doc.update(type="list", elements="str")
    elif kind == "container":
        doc.update(type="dict", suboptions=options_doc(field.children))
    elif kind == "list":
        doc.update(type="list", elements="dict", suboptions=options_doc(field.children))
    if field.choices:
        doc["choices"] = list(field.choices)
    if field.required:
        doc["required"] = True
    return doc


def options_doc(fields):
    return {f.name: field_doc(f) for f in fields}


def config_doc(resource):
    options = {}
    for coll in resource.collections:
        doc = field_doc(coll.item)
        doc["description"] = ["%s (Junos C(%s))." % (coll.item.doc.rstrip("."), junos_path(coll))]
        if coll.group is None:
            options[coll.option] = doc
            continue
        group = options_doc(coll.group.keys)
        group[coll.group.members] = doc
        options[coll.option] = {"description": ["One entry per %s, holding its %s." % (
            " and ".join(f.name for f in coll.group.keys), coll.group.members)],
            "type": "list", "elements": "dict", "suboptions": group}
    return {"description": [resource.doc], "type": "dict", "suboptions": options}


def junos_path(coll):
    words = []
    for seg in coll.path:
        words.append(seg.tag)
        words.extend(value for dummy, value in seg.fixed)
    if coll.group is not None:
        words.append(coll.group.tag)
        words.extend(coll.group.inner)
    words.append(coll.tag)
    return " ".join(words)


def _dump(data):
    return yaml.safe_dump(data, sort_keys=False, width=150, default_flow_style=False, allow_unicode=True)


def documentation(name):
    doc = {
        "module": name,
        "short_description": MODULE_DOC[name],
        "description": [RESOURCES[name].doc] + COMMON_DESCRIPTION,
        "version_added": "0.1.0",
        "author": ["srx_vpn developers (@netsec)"],
        "extends_documentation_fragment": ["netsec.srx_vpn.resource"],
        "options": {"config": config_doc(RESOURCES[name])},
    }
    return _dump(doc)


def return_doc():
    return _dump(RETURN)


# --- docs/objects.md -----------------------------------------------------------------------------

def _shape(field, indent):
    pad = "  " * indent
    lines = []
    for child in field.children:
        lines.extend(_shape_line(child, pad, indent))
    return lines


def _type_word(field):
    if field.choices:
        return " | ".join(field.choices)
    if field.kind == "flag":
        return "bool"
    if field.type == "int":
        return "int %d..%d" % field.range if field.range else "int"
    return "str" + (" (%s)" % field.fmt if field.fmt and field.fmt != "name" else "")


def _shape_line(field, pad, indent):
    notes = []
    if field.required:
        notes.append("required")
    if field.no_log:
        notes.append("no_log")
    if field.max_items:
        notes.append("max %d" % field.max_items)
    if field.choice:
        notes.append("choice '%s'" % field.choice)
    note = ("  # " + ", ".join(notes)) if notes else ""
    if field.kind in ("leaf", "flag", "enumflag"):
        return ["%s%s: %s%s" % (pad, field.name, _type_word(field), note)]
    if field.kind in ("leaflist", "keylist"):
        return ["%s%s: [%s, ...]%s" % (pad, field.name, _type_word(field), note)]
    if field.kind == "container":
        return ["%s%s:%s" % (pad, field.name, note)] + _shape(field, indent + 1)
    body = _shape(field, indent + 2)
    body[0] = "%s  - %s" % (pad, body[0].lstrip())
    return ["%s%s:  # list, key %s%s" % (pad, field.name, field.key, note.replace("  #", ","))] + body


def objects_markdown():
    out = [
        "# Module `config` shapes",
        "",
        "Generated from `plugins/module_utils/srx_vpn/schema.py` by `tools/gen_docs.py --write`; do not edit by hand.",
        "Each resource module's `config` option (and each value of the plan's per-device dict) has exactly",
        "this shape. Unset fields are left out (`None`, `false` and `[]` mean the same: not configured).",
        "Field names follow Junos (`proposal-set` -> `proposal_set`); nesting and ranges follow the Junos YANG.",
        "",
        "Python API (pure, no I/O): `schema.RESOURCES[name]`, `xml.render(name, config, operation=None)`,",
        "`xml.parse(name, configuration_element)`, `xml.read_filter(name_or_names)`,",
        "`diff.edit(name, want, have, state, scope)` -> `<configuration>` edit or `None`, `xml.merge_edits([...])`.",
        "Edits are loaded with `<load-configuration action=\"merge\" format=\"xml\">` and carry: `delete=\"delete\"`",
        "on an object to remove, `replace=\"replace\"` on an object given in full (replaced: old one removed, new",
        "one set, in one edit), `insert=\"before|after\" name=\"...\"` on a key-only entry to order policies.",
        "An unchanged pre-shared key is sent back as the device's own `$9$` string in a replace (merge leaves",
        "it out), so the device never gets a new key.",
        "",
        "`scope` (all modules): `{names: [...], prefix: str, all: bool}`. An object is in scope when its key",
        "(name; route destination; st0 unit number; policy name) is in `names`, starts with `prefix`, or",
        "`all` is true; grouped objects may be named with their group: `trust vpn allow-out` (from-zone,",
        "to-zone, policy), `vr1 10.0.0.0/8` (routing instance, destination). `overridden` requires a scope",
        "and deletes device objects in scope that are not in",
        "`config`; `deleted` deletes the objects named in `config`, else every object in scope.",
        "",
    ]
    for name, resource in RESOURCES.items():
        out += ["## %s" % name, "", resource.doc, "", "```yaml", "config:"]
        for coll in resource.collections:
            out.append("  # %s: Junos [%s]%s" % (coll.kind, junos_path(coll), ", ordered" if coll.ordered else ""))
            if coll.group is None:
                out.extend(_shape_line(coll.item, "  ", 1))
                continue
            out.append("  %s:  # list, key %s" % (coll.option, ", ".join(f.name for f in coll.group.keys)))
            first = True
            for key in coll.group.keys:
                out.append("    %s %s: %s  # required" % ("-" if first else " ", key.name, _type_word(key)))
                first = False
            out.extend(_shape_line(coll.item, "      ", 3))
        out += ["```", ""]
    return "\n".join(out)


# --- writing the generated blocks ----------------------------------------------------------------

REPO = Path(__file__).resolve().parents[3]
BLOCK = re.compile(r'^(?P<name>DOCUMENTATION|RETURN) = r"""\n.*?^"""$', re.S | re.M)


def module_text(name, text):
    def sub(match):
        body = documentation(name) if match.group("name") == "DOCUMENTATION" else return_doc()
        return '%s = r"""\n%s"""' % (match.group("name"), body)
    return BLOCK.sub(sub, text)


def outdated(write=False):
    stale = []
    targets = {REPO / "plugins" / "modules" / ("%s.py" % n): (lambda t, n=n: module_text(n, t)) for n in RESOURCES}
    targets[REPO / "docs" / "objects.md"] = lambda t: objects_markdown() + "\n"
    for path, make in targets.items():
        current = path.read_text() if path.exists() else ""
        wanted = make(current)
        if wanted != current:
            stale.append(str(path.relative_to(REPO)))
            if write:
                path.write_text(wanted)
    return stale

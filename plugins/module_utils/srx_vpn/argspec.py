# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument specs generated from the schema (the options every resource module shares, plus `config`)."""
import copy
import re

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

STATES = ("merged", "replaced", "overridden", "deleted", "gathered", "rendered", "parsed")
# validate-modules asks for an explicit no_log on option names that look secret.
_LOOKS_SECRET = re.compile(r"(?:pass(?!ive)|secret|token|key)", re.I)

REQUIRED_IF = [
    ("state", "merged", ("config",)),
    ("state", "replaced", ("config",)),
    ("state", "overridden", ("config",)),
    ("state", "rendered", ("config",)),
    ("state", "parsed", ("running_config",)),
]

COMMON = {
    "state": {"type": "str", "default": "merged", "choices": list(STATES)},
    "scope": {"type": "dict", "options": {
        "names": {"type": "list", "elements": "str"},
        "prefix": {"type": "str"},
        "all": {"type": "bool", "default": False},
    }},
    # Device XML carries $9$ keys, which decode trivially: keep it out of the logged invocation.
    "running_config": {"type": "str", "no_log": True},
    "comment": {"type": "str"},
    "confirmed": {"type": "int"},
}


def field_spec(field):
    spec = {}
    if field.kind == "leaf":
        spec["type"] = "int" if field.type == "int" else "str"
    elif field.kind == "flag":
        spec["type"] = "bool"
    elif field.kind == "enumflag":
        spec["type"] = "str"
    elif field.kind in ("leaflist", "keylist"):
        spec.update(type="list", elements="str")
    elif field.kind == "container":
        spec.update(type="dict", options=options_spec(field.children))
    elif field.kind == "list":
        spec.update(type="list", elements="dict", options=options_spec(field.children))
    if field.choices:
        spec["choices"] = list(field.choices)
    if field.required:
        spec["required"] = True
    if field.no_log:
        spec["no_log"] = True
    elif _LOOKS_SECRET.search(field.name):
        spec["no_log"] = False
    return spec


def options_spec(fields):
    return {f.name: field_spec(f) for f in fields}


def config_spec(resource):
    """The `config` option: one list per collection."""
    options = {}
    for coll in resource.collections:
        if coll.group is None:
            options[coll.option] = field_spec(coll.item)
            continue
        group = options_spec(coll.group.keys)
        group[coll.group.members] = field_spec(coll.item)
        options[coll.option] = {"type": "list", "elements": "dict", "options": group}
    return {"type": "dict", "options": options}


def argument_spec(resource_name):
    spec = {"config": config_spec(RESOURCES[resource_name])}
    spec.update(copy.deepcopy(COMMON))
    return spec

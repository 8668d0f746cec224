# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks the argspec cannot express, run before any device RPC.

Every message names the module, the object (by key) and the field:
  netsec.srx_vpn.ike: gateways[name=gw1].dead_peer_detection.interval: 70 is out of range 2..60
"""
import ipaddress
import re

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:@+/-]*$")
_INTERFACE = re.compile(r"^[a-z][a-z0-9]*(-[0-9]+/[0-9]+/[0-9]+(:[0-9]+)?)?(\.[0-9]+)?$")
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")


class ValidationError(ValueError):
    pass


def _is_addr(value, version=None):
    try:
        addr = ipaddress.ip_address(value)
    except ValueError:
        return False
    return version is None or addr.version == version


def _prefix_error(value, strict, version=None):
    if "/" not in value:
        return "must be address/prefix-length"
    try:
        net = ipaddress.ip_network(value, strict=strict) if strict else ipaddress.ip_interface(value)
    except ValueError as exc:
        if strict and "host bits set" in str(exc):
            return "has host bits set (the prefix is %s)" % ipaddress.ip_network(value, strict=False)
        return "is not a valid prefix"
    if version and net.version != version:
        return "must be an IPv%d prefix" % version
    return None


def _format_error(fmt, value):
    """Why value does not fit fmt, or None."""
    value = str(value)
    if fmt == "name":
        return None if _NAME.match(value) else "is not a valid Junos name (letters, digits and _.:@+/- only)"
    if fmt == "interface":
        return None if _INTERFACE.match(value) else "is not an interface name like st0.0 or ge-0/0/0.0"
    if fmt in ("ipv4addr", "ipv6addr", "ipaddr"):
        version = {"ipv4addr": 4, "ipv6addr": 6}.get(fmt)
        return None if _is_addr(value, version) else "is not a valid IPv%s address" % (version or "4/IPv6")
    if fmt == "ipprefix":
        return _prefix_error(value, strict=True)
    if fmt in ("ipv4host", "ipv6host"):
        return _prefix_error(value, strict=False, version=4 if fmt == "ipv4host" else 6)
    if fmt == "nexthop":
        return None if _is_addr(value) or _INTERFACE.match(value) else "is neither an IP address nor an interface"
    if fmt == "host":
        return None if _is_addr(value) or _HOSTNAME.match(value) else "is neither an IP address nor a hostname"
    return None


def _scalar_errors(field, value, where):
    errors = []
    if field.range and isinstance(value, int) and not field.range[0] <= value <= field.range[1]:
        errors.append("%s: %s is out of range %d..%d" % (where, value, field.range[0], field.range[1]))
    if field.length and isinstance(value, str) and not field.length[0] <= len(value) <= field.length[1] \
            and not field.secret:
        errors.append("%s: %r must be %d to %d characters long" % (where, value, field.length[0], field.length[1]))
    elif field.length and field.secret and not field.length[0] <= len(value) <= field.length[1]:
        errors.append("%s: the key must be %d to %d characters long" % (where, field.length[0], field.length[1]))
    if field.fmt and isinstance(value, str):
        why = _format_error(field.fmt, value)
        if why:
            errors.append("%s: %r %s" % (where, value, why))
    if field.secret and isinstance(value, str) and any(c in value for c in '"\n'):
        errors.append("%s: the key must not contain double quotes or newlines" % where)
    return errors


def field_errors(field, value, where):
    if value is None or value is False:
        return []
    if field.kind in ("leaf", "enumflag"):
        return _scalar_errors(field, value, where)
    if field.kind in ("leaflist", "keylist"):
        errors = []
        if field.max_items and len(value) > field.max_items:
            errors.append("%s: at most %d allowed, got %d" % (where, field.max_items, len(value)))
        if len(set(value)) != len(value):
            errors.append("%s: duplicate values" % where)
        for item in value:
            errors += _scalar_errors(field, item, where)
        return errors
    if field.kind == "container":
        return item_errors(field, value, where)
    if field.kind == "list":
        return list_errors(field, value, where)
    return []


def item_errors(item_field, value, where):
    errors = []
    chosen = {}
    for child in item_field.children:
        child_value = value.get(child.name)
        errors += field_errors(child, child_value, "%s.%s" % (where, child.name))
        if child.choice and child_value not in (None, False, [], {}):
            chosen.setdefault(child.choice, []).append(child.name)
    for names in chosen.values():
        if len(names) > 1:
            errors.append("%s: %s are mutually exclusive (set one)" % (where, " and ".join(names)))
    return errors


def list_errors(field, values, where, label=None):
    errors, seen = [], set()
    for value in values:
        key = value.get(field.key)
        here = "%s[%s=%s]" % (label or where, field.key, key)
        if key in seen:
            errors.append("%s: defined twice" % here)
        seen.add(key)
        errors += item_errors(field, value, here)
    return errors


def config_errors(resource, config):
    """All problems of a module config (already through the argspec)."""
    errors = []
    for coll in resource.collections:
        entries = config.get(coll.option) or []
        if coll.group is None:
            errors += list_errors(coll.item, entries, coll.option)
            continue
        seen = set()
        for entry in entries:
            key = tuple(entry.get(f.name) for f in coll.group.keys)
            label = "%s[%s]" % (coll.option, ",".join("%s=%s" % (f.name, v) for f, v in zip(coll.group.keys, key)))
            if key in seen:
                errors.append("%s: defined twice (merge its %s into one entry)" % (label, coll.group.members))
            seen.add(key)
            for f in coll.group.keys:
                errors += field_errors(f, entry.get(f.name), "%s.%s" % (label, f.name))
            errors += list_errors(coll.item, entry.get(coll.group.members) or [], None,
                                  "%s.%s" % (label, coll.group.members))
    errors += _rule_errors(resource, config)
    return ["netsec.srx_vpn.%s: %s" % (resource.name, e) for e in errors]


def _rule_errors(resource, config):
    """Cross-field rules from Junos documentation that the YANG does not carry."""
    errors = []
    if resource.name == "policies":
        for entry in config.get("policies") or []:
            for pol in entry.get("policies") or []:
                then = pol.get("then") or {}
                if then.get("tunnel") and then.get("action") != "permit":
                    errors.append("policies[from_zone=%s,to_zone=%s].policies[name=%s].then.tunnel: needs action permit"
                                  % (entry.get("from_zone"), entry.get("to_zone"), pol.get("name")))
    return errors


def validate(resource, config):
    errors = config_errors(resource, config or {})
    if errors:
        raise ValidationError("; ".join(errors))

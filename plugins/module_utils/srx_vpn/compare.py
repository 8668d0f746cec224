# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Value semantics of schema objects: normal form, equality (PSKs by decoded value) and Junos merge."""
import ipaddress

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import psk_equal


_IP_FORMATS = ("ipv4addr", "ipv6addr", "ipaddr", "ipprefix", "ipv4host", "ipv6host", "nexthop", "host")


def canonical_text(field, value):
    """Addresses and prefixes in the form Junos shows them (IPv6 compressed, lower case)."""
    text = str(value)
    if field.fmt not in _IP_FORMATS:
        return text
    try:
        if "/" in text:
            return str(ipaddress.ip_interface(text))
        return str(ipaddress.ip_address(text))
    except ValueError:  # interface names, hostnames
        return text


def normalize(field, value):
    """Drop unset values (None, False, [], empty non-presence dicts) so want and have compare alike."""
    if value is None or value is False:
        return None
    if field.kind == "leaf":
        return int(value) if field.type == "int" else canonical_text(field, value)
    if field.kind in ("leaflist", "keylist"):
        values = [canonical_text(field, v) for v in value]
        return values or None
    if field.kind == "list":
        values = [normalize_item(field, v) for v in value]
        return values or None
    if field.kind == "container":
        inner = normalize_item(field, value)
        return inner if inner or field.presence else None
    return value


def normalize_item(item_field, value):
    out = {}
    for child in item_field.children:
        norm = normalize(child, (value or {}).get(child.name))
        if norm is not None:
            out[child.name] = norm
    return out


def same(field, want, have):
    """Whether two normalized values of field configure the same thing on the device."""
    if field.secret:
        return psk_equal(want, have) if want is not None and have is not None else want is have
    if want is None or have is None:
        return want is None and have is None
    if field.kind in ("leaflist", "keylist"):
        return want == have if field.ordered else sorted(want) == sorted(have)
    if field.kind == "list":
        have_by_key = {h.get(field.key): h for h in have}
        return len(want) == len(have) and all(
            w.get(field.key) in have_by_key and same_item(field, w, have_by_key[w.get(field.key)]) for w in want)
    if field.kind == "container":
        return same_item(field, want, have)
    return want == have


def same_item(item_field, want, have):
    return all(same(child, want.get(child.name), have.get(child.name)) for child in item_field.children)


def merge(field, have, want):
    """The value Junos holds after loading `want` in merge mode onto `have` (both normalized)."""
    if want is None:
        return have
    if have is None:
        return want
    if field.secret:
        return have if psk_equal(want, have) else want
    if field.kind in ("leaflist", "keylist"):
        return have + [v for v in want if v not in have]
    if field.kind == "list":
        merged = list(have)
        index = {h.get(field.key): i for i, h in enumerate(have)}
        for w in want:
            pos = index.get(w.get(field.key))
            if pos is None:
                merged.append(w)
            else:
                merged[pos] = merge_item(field, have[pos], w)
        return merged
    if field.kind == "container":
        return merge_item(field, have, want)
    return want


def merge_item(item_field, have, want):
    out = dict(have)
    for child in item_field.children:
        if child.name not in want:
            continue
        if child.choice:
            # Setting one case of a Junos choice removes the other cases.
            for sibling in item_field.children:
                if sibling.choice == child.choice and sibling.name != child.name and sibling.name not in want:
                    out.pop(sibling.name, None)
        out[child.name] = merge(child, have.get(child.name), want[child.name])
    return {c.name: out[c.name] for c in item_field.children if c.name in out}


def secrets_resolved(item_field, want, have, keep_unchanged):
    """want with each secret equal to the device's handled: kept as the device's own $9$ value
    (keep_unchanged, for replace="replace") or left out (merge: the device keeps it, nothing is re-sent)."""
    out = {}
    for child in item_field.children:
        if child.name not in want:
            continue
        value, old = want[child.name], (have or {}).get(child.name)
        if child.secret and old is not None and psk_equal(value, old):
            if keep_unchanged:
                out[child.name] = old
            continue
        if child.kind == "container":
            value = secrets_resolved(child, value, old, keep_unchanged)
            if not value and not child.presence and want[child.name]:
                continue
        out[child.name] = value
    return out

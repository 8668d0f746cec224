"""Test data built from the schema: a config that sets every field of a resource (one case per choice)."""
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

SAMPLE_BY_FORMAT = {
    "name": "obj-1", "interface": "st0.7", "ipv4addr": "192.0.2.1", "ipv6addr": "2001:db8::1", "ipaddr": "192.0.2.9",
    "ipprefix": "10.1.0.0/16", "ipv4host": "10.255.0.1/30", "ipv6host": "2001:db8:ff::1/64", "nexthop": "198.51.100.1",
    "host": "203.0.113.5",
}


def sample_value(field, index=0):
    if field.kind == "leaf":
        if field.choices:
            return field.choices[index % len(field.choices)]
        if field.type == "int":
            return field.range[0] + index if field.range else index
        if field.secret:
            return "s3cret-key-%d" % index
        return SAMPLE_BY_FORMAT.get(field.fmt, "text-%s-%d" % (field.name, index))
    if field.kind == "flag":
        return True
    if field.kind == "enumflag":
        return field.choices[0]  # the first case carries the children (permit -> tunnel)
    if field.kind in ("leaflist", "keylist"):
        if field.choices:
            return list(field.choices[:2])
        if field.fmt in ("ipv4host", "ipprefix"):
            return ["10.255.%d.1/30" % i if field.fmt == "ipv4host" else "10.%d.0.0/16" % i for i in (index, index + 1)]
        base = SAMPLE_BY_FORMAT.get(field.fmt)
        return [base] if base else ["%s-a" % field.name, "%s-b" % field.name]
    if field.kind == "container":
        return sample_item(field, index)
    if field.kind == "list":
        return [sample_key_item(field, index), sample_key_item(field, index + 1)]
    raise AssertionError(field.kind)


def sample_item(item_field, index=0):
    value, chosen = {}, set()
    for child in item_field.children:
        if child.choice:
            if child.choice in chosen:
                continue
            chosen.add(child.choice)
        value[child.name] = sample_value(child, index)
    return value


def sample_key_item(item_field, index):
    value = sample_item(item_field, index)
    key = item_field.child(item_field.key)
    if key.type == "int":
        value[key.name] = index
    elif key.fmt in ("ipv4addr", "nexthop"):
        value[key.name] = "192.0.2.%d" % (index + 1)
    elif key.fmt == "ipprefix":
        value[key.name] = "10.%d.0.0/16" % index
    elif key.fmt == "interface":
        value[key.name] = "st0.%d" % index
    else:
        value[key.name] = "%s-%d" % (item_field.name, index)
    return value


def full_config(name):
    config = {}
    for coll in RESOURCES[name].collections:
        objs = sample_value(coll.item)
        if coll.group is None:
            config[coll.option] = objs
        else:
            entry = {f.name: "grp-%s" % f.name for f in coll.group.keys}
            entry[coll.group.members] = objs
            config[coll.option] = [entry]
    return config

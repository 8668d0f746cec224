"""The schema against the vendored Junos 24.4 YANG: every element exists, in YANG order, with its
enumeration and range. The YANG lives in lab/ (not shipped in the collection tarball)."""
import pytest

import yang_reader
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

if not yang_reader.YANG_DIR.is_dir():
    pytest.skip("needs the repository's lab/srxsim/data/yang (absent from the built collection; `make test` "
                "runs this in the unit stage)", allow_module_level=True)


# junos-es-conf-routing-instances is not vendored (2.1 MB); an instance's routing-options is the
# same grouping as the top-level one, so instance routes are checked against [routing-options].
INSTANCE = "routing-instances/instance/"


def object_paths(coll):
    base = [seg.tag for seg in coll.path]
    if coll.group is not None:
        base += [coll.group.tag] + list(coll.group.inner)
    path = "/".join(base + [coll.tag])
    return path[len(INSTANCE):] if path.startswith(INSTANCE) else path


def walk(field, path):
    """(xml path, field) for field and every descendant; enumflag choices are elements themselves."""
    head = field.xml_name.rsplit("/", 1)[0] if "/" in field.xml_name else ""
    if field.kind == "enumflag":
        for choice in field.choices:
            yield "/".join(filter(None, (path, head, choice))), field
        return
    here = "%s/%s" % (path, field.xml_name)
    yield here, field
    for child in field.children:
        yield from walk(child, here)


def all_fields():
    for name, resource in sorted(RESOURCES.items()):
        for coll in resource.collections:
            base = object_paths(coll)
            for child in coll.item.children:
                for path, field in walk(child, base):
                    yield pytest.param(path, field, id="%s:%s" % (name, path))
            if coll.group is not None and coll.group.tag != "instance":
                for key in coll.group.keys:
                    yield pytest.param("/".join([seg.tag for seg in coll.path] + [coll.group.tag, key.xml_name]),
                                       key, id="%s:group:%s" % (name, key.name))


@pytest.mark.parametrize("path,field", list(all_fields()))
def test_field_matches_yang(path, field):
    node, groupings = yang_reader.lookup(path)
    kind, detail = yang_reader.type_of(node, groupings)
    if field.kind == "leaf" and field.choices:
        assert kind == "enumeration" and list(field.choices) == detail
    elif field.kind in ("leaf",) and field.range and kind == "range":
        assert field.range == detail
    elif field.kind == "flag":
        assert kind in ("empty", "empty-container")
    elif field.kind == "keylist":
        assert node.keyword == "list"
        name_node = yang_reader.lookup(path + "/name")[0]
        name_kind, name_detail = yang_reader.type_of(name_node, groupings)
        if field.choices:
            assert name_kind == "enumeration" and list(field.choices) == name_detail
    elif field.kind == "leaflist":
        assert node.keyword == "leaf-list"
    elif field.kind == "list":
        assert node.keyword == "list"
    elif field.kind == "container":
        assert node.keyword == "container"
    if field.length and field.kind == "leaf":
        declared = node.first("type").first("length")
        assert declared is not None and declared.arg.replace(" ", "") == "%d..%d" % field.length


def element_order(path):
    node, groupings = yang_reader.lookup(path)
    return [c.arg for c in yang_reader._expand(node, groupings)
            if c.keyword in ("leaf", "leaf-list", "list", "container")]


def containers():
    for name, resource in sorted(RESOURCES.items()):
        for coll in resource.collections:
            stack = [(object_paths(coll), coll.item)]
            while stack:
                path, field = stack.pop()
                yield pytest.param(path, field, id="%s:%s" % (name, path))
                stack.extend(("%s/%s" % (path, c.xml_name), c) for c in field.children
                             if c.kind in ("container", "list") and "/" not in c.xml_name)


@pytest.mark.parametrize("path,field", list(containers()))
def test_children_in_yang_order(path, field):
    order = element_order(path)
    tags = []
    for child in field.children:
        first = child.xml_name.split("/")[0] if child.kind != "enumflag" else child.choices[0]
        if first not in tags:
            tags.append(first)
    positions = [order.index(tag) for tag in tags]
    assert positions == sorted(positions), "%s: schema order %s, YANG order %s" % (path, tags, order)


def test_dh_groups_are_what_the_yang_enumerates():
    node, groupings = yang_reader.lookup("security/ike/proposal/dh-group")
    assert yang_reader.type_of(node, groupings)[1] == list(
        RESOURCES["ike"].collection("proposals").item.child("dh_group").choices)

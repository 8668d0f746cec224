# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render and parse Junos configuration XML from the schema: one renderer, one parser.

Rendered children follow schema order (= YANG order). Parsing ignores namespaces (devices with
`netconf rfc-compliant` put YANG namespaces on replies) and unwraps Junos `<undocumented>` wrappers.
Edits carry the Junos XML protocol attributes <load-configuration action="replace"> honours:
delete="delete" on an object, replace="replace" on an object given in full (the old one goes,
position kept), and insert="before|after" name="..." to move an entry of an ordered list; elements
without an attribute are merged.
"""
import copy

try:
    from lxml import etree
    HAS_LXML = True
except ImportError:  # reported by the module through missing_required_lib
    etree = None
    HAS_LXML = False

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

DELETE = {"delete": "delete"}
REPLACE = {"replace": "replace"}


def _resource(resource):
    return RESOURCES[resource] if isinstance(resource, str) else resource


def localname(element):
    return etree.QName(element).localname


def strip(root):
    """A copy of root with local names only, comments dropped and <undocumented> wrappers unwrapped."""
    clean = etree.Element(localname(root))
    if root.text and root.text.strip():
        clean.text = root.text.strip()
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if localname(child) == "undocumented":
            for inner in strip(child):
                clean.append(inner)
        else:
            clean.append(strip(child))
    return clean


def configuration_of(element):
    """The <configuration> element of an rpc-reply, a <configuration> itself, or XML text of either."""
    if isinstance(element, (str, bytes)):
        try:
            element = etree.fromstring(element.encode() if isinstance(element, str) else element)
        except etree.XMLSyntaxError as exc:
            raise ValueError("running_config is not valid XML: %s" % exc)
    element = strip(element)
    if element.tag == "configuration":
        return element
    found = element.find(".//configuration")
    if found is None:
        raise ValueError("no <configuration> element in the given XML")
    return found


# --- values -> XML -------------------------------------------------------------------------------

def _path(parent, path):
    """The element at a relative path below parent, creating missing levels (siblings share levels)."""
    node = parent
    for tag in path.split("/"):
        found = node.find(tag)
        node = found if found is not None else etree.SubElement(node, tag)
    return node


def _split(path):
    head, dummy, tail = path.rpartition("/")
    return head, tail


def render_field(parent, field, value):
    if value is None or value is False or value == [] and field.kind != "container":
        return
    head, tag = _split(field.xml_name)
    if field.kind in ("leaflist", "keylist", "list"):
        base = _path(parent, head) if head else parent
        for item in value:
            if field.kind == "list":
                render_item(base, tag, field, item)
                continue
            element = etree.SubElement(base, tag)
            if field.kind == "keylist":
                element = etree.SubElement(element, "name")
            element.text = str(item)
        return
    if field.kind == "enumflag":
        _path(parent, "/".join(filter(None, (head, value))))
        return
    if field.kind == "container":
        # Children are rendered aside first so an empty non-presence container leaves no trace,
        # not even the levels of a path like permit/tunnel.
        holder = etree.Element("holder")
        for child in field.children:
            render_field(holder, child, value.get(child.name))
        if len(holder) or field.presence:
            _path(parent, field.xml_name).extend(list(holder))
    elif field.kind == "leaf":
        _path(parent, field.xml_name).text = str(value)
    elif field.kind == "flag":
        _path(parent, field.xml_name)


def render_item(parent, tag, item_field, value, attrib=None):
    """One keyed list entry (an object or a nested entry) with its key first."""
    element = etree.SubElement(parent, tag, attrib or {})
    for child in item_field.children:
        render_field(element, child, value.get(child.name))
    return element


def render_key(parent, tag, item_field, key_value, attrib=None):
    element = etree.SubElement(parent, tag, attrib or {})
    render_field(element, item_field.child(item_field.key), key_value)
    return element


# --- XML -> values -------------------------------------------------------------------------------

def parse_field(parent, field):
    """The value of field below parent, or None when absent (normal form: no empty values)."""
    head, tag = _split(field.xml_name)
    if field.kind in ("leaflist", "keylist", "list"):
        base = parent.find(head) if head else parent
        if base is None:
            return None
        found = base.findall(tag)
        if field.kind == "leaflist":
            values = [e.text or "" for e in found]
        elif field.kind == "keylist":
            values = [e.findtext("name") or "" for e in found]
        else:
            values = [parse_item(e, field) for e in found]
        return values or None
    if field.kind == "enumflag":
        base = parent.find(head) if head else parent
        if base is None:
            return None
        return next((c for c in field.choices if base.find(c) is not None), None)
    element = parent.find(field.xml_name)
    if element is None:
        return None
    if field.kind == "flag":
        return True
    if field.kind == "leaf":
        text = (element.text or "").strip()
        return int(text) if field.type == "int" and text.isdigit() else text
    value = parse_item(element, field)
    return value if value or field.presence else None


def parse_item(element, item_field):
    value = {}
    for child in item_field.children:
        parsed = parse_field(element, child)
        if parsed is not None:
            value[child.name] = parsed
    return value


# --- objects in a <configuration> ----------------------------------------------------------------

def _matches(element, fixed):
    return all(element.findtext(k) == v for k, v in fixed)


def find_parent(configuration, collection):
    """The element holding the collection's objects (or group entries), or None."""
    node = configuration
    for seg in collection.path:
        node = next((c for c in node.findall(seg.tag) if _matches(c, seg.fixed)), None)
        if node is None:
            return None
    return node


def ensure_parent(configuration, collection):
    node = configuration
    for seg in collection.path:
        found = next((c for c in node.findall(seg.tag) if _matches(c, seg.fixed)), None)
        if found is None:
            found = etree.SubElement(node, seg.tag)
            for key, value in seg.fixed:
                etree.SubElement(found, key).text = value
        node = found
    return node


def group_key(group, entry):
    return tuple(parse_field(entry, f) for f in group.keys)


def ensure_group(parent, group, key):
    """The member parent inside the group entry with this key, creating the entry if needed."""
    for entry in parent.findall(group.tag):
        if group_key(group, entry) == tuple(key):
            break
    else:
        entry = etree.SubElement(parent, group.tag)
        for field, value in zip(group.keys, key):
            render_field(entry, field, value)
    return _path(entry, "/".join(group.inner)) if group.inner else entry


def parse(resource, configuration_element):
    """Device XML (<configuration>, rpc-reply or text) -> the module's `config` shape."""
    resource = _resource(resource)
    configuration = configuration_of(configuration_element)
    config = {}
    for coll in resource.collections:
        parent = find_parent(configuration, coll)
        if parent is None:
            continue
        if coll.group is None:
            objs = [parse_item(e, coll.item) for e in parent.findall(coll.tag)]
            if objs:
                config[coll.option] = objs
            continue
        entries = []
        for entry in parent.findall(coll.group.tag):
            inner = entry.find("/".join(coll.group.inner)) if coll.group.inner else entry
            members = [parse_item(e, coll.item) for e in inner.findall(coll.tag)] if inner is not None else []
            value = {f.name: v for f, v in zip(coll.group.keys, group_key(coll.group, entry))}
            if members:
                value[coll.group.members] = members
                entries.append(value)
        if entries:
            config[coll.option] = entries
    return config


def render(resource, config, operation=None):
    """want -> <configuration> fragment; operation None (merge), "replace" or "delete" marks each object."""
    resource = _resource(resource)
    root = etree.Element("configuration")
    attrib = {"replace": REPLACE, "delete": DELETE}.get(operation) if operation else None
    for coll in resource.collections:
        for key, obj in iter_objects(coll, config or {}):
            parent = ensure_parent(root, coll)
            if coll.group is not None:
                parent = ensure_group(parent, coll.group, key)
            if operation == "delete":
                render_key(parent, coll.tag, coll.item, obj[coll.item.key], attrib)
            else:
                render_item(parent, coll.tag, coll.item, obj, attrib)
    return root


def iter_objects(coll, config):
    """(group key, object) for each object of a collection in config order; group key is () when ungrouped."""
    for entry in config.get(coll.option) or []:
        if coll.group is None:
            yield (), entry
        else:
            key = tuple(entry.get(f.name) for f in coll.group.keys)
            for member in entry.get(coll.group.members) or []:
                yield key, member


def read_filter(resource):
    """The subtree filter (<configuration>) that selects exactly the resource's managed subtrees."""
    resources = [resource] if isinstance(resource, str) or not isinstance(resource, (list, tuple)) else resource
    root = etree.Element("configuration")
    for res in resources:
        for coll in _resource(res).collections:
            parent = ensure_parent(root, coll)
            tag = coll.group.tag if coll.group is not None else coll.tag
            if parent.find(tag) is None:
                etree.SubElement(parent, tag)
    return root


_KEY_TAGS = ("name", "from-zone-name", "to-zone-name")


def _identity(element):
    return element.tag, tuple((c.tag, c.text) for c in element if c.tag in _KEY_TAGS)


def _graft(target, element):
    """Add element below target, sharing hierarchy levels (same tag and keys, no attributes)."""
    if not element.attrib and len(element):
        ident = _identity(element)
        for existing in target:
            if not existing.attrib and len(existing) and _identity(existing) == ident:
                for child in element:
                    if child.tag not in _KEY_TAGS:
                        _graft(existing, child)
                return
    target.append(copy.deepcopy(element))


def merge_edits(edits):
    """One <configuration> edit from several (e.g. one per resource), or None when all are None."""
    root = etree.Element("configuration")
    for edit in edits:
        if edit is not None:
            for child in edit:
                _graft(root, child)
    return root if len(root) else None


def to_text(element):
    return etree.tostring(element, pretty_print=True, encoding="unicode")

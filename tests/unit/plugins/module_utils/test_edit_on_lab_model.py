"""Contract between diff.edit and an independent model of Junos load-configuration: the lab's
config store (lab/srxsim, written from the YANG and Junos docs without using plugins/).

For each case: the device holds `have`; the edit computed by diff.edit is loaded (action replace, as the
transaction does); the device then holds exactly diff.after(...), and a second run has nothing to do.
"""
import copy

import pytest

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import compare, diff
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from samples import full_config

srxsim_config = pytest.importorskip("srxsim.config", reason="the lab package (lab/) is not installed")


def device_holding(name, config):
    return srxsim_config.Configuration.from_xml(jxml.render(name, config))


def load(device, edit):
    return srxsim_config.load_configuration(device, edit, action="replace", fmt="xml")


def assert_configs_equal(name, got, expected):
    """Same objects in the same order per collection; keys compared by decoded value."""
    for coll in RESOURCES[name].collections:
        got_index, expected_index = diff.index(coll, got), diff.index(coll, expected)
        assert list(got_index) == list(expected_index), coll.option
        for ident, obj in expected_index.items():
            assert compare.same_item(coll.item, got_index[ident], obj), (ident, got_index[ident], obj)


def policies(*names):
    return {"policies": [{"from_zone": "trust", "to_zone": "vpn", "policies": [
        {"name": n, "match": {"source_address": ["any"], "destination_address": ["any"], "application": ["any"]},
         "then": {"action": "deny" if n == "deny-all" else "permit"}} for n in names]}]}


def changed(config, path, value):
    """A deep copy of config with one value set; path like ("proposals", 0, "dh_group")."""
    out = copy.deepcopy(config)
    node = out
    for step in path[:-1]:
        node = node[step]
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


def cases():
    for name in sorted(RESOURCES):
        full = full_config(name)
        first = RESOURCES[name].collections[0]
        objs = full[first.option]
        yield pytest.param(name, full, full, "merged", None, id="%s-merged-same" % name)
        yield pytest.param(name, full, full, "replaced", None, id="%s-replaced-same" % name)
        yield pytest.param(name, {}, full, "merged", None, id="%s-merged-into-empty" % name)
        yield pytest.param(name, full, {first.option: objs[:1]}, "deleted", None, id="%s-deleted-one" % name)
        yield pytest.param(name, full, {}, "deleted", {"all": True}, id="%s-deleted-all-in-scope" % name)
        yield pytest.param(name, full, {first.option: objs[1:]}, "overridden", {"all": True},
                           id="%s-overridden-all" % name)
    ike = full_config("ike")
    yield pytest.param("ike", ike, changed(ike, ("proposals", 0, "dh_group"), "group20"), "merged", None,
                       id="ike-merged-leaf")
    yield pytest.param("ike", ike, {"proposals": [{"name": "proposals-0", "dh_group": "group19"}]}, "replaced", None,
                       id="ike-replaced-drops-fields")
    yield pytest.param("ike", ike, changed(ike, ("policies", 0, "description"), "psk kept"), "replaced", None,
                       id="ike-replaced-keeps-psk")
    yield pytest.param("ike", ike, changed(ike, ("policies", 0, "pre_shared_key"), {"ascii_text": "a-new-key"}),
                       "merged", None, id="ike-merged-new-psk")
    yield pytest.param("ike", ike, changed(ike, ("gateways", 0, "local_identity"), {"hostname": "h.example.net"}),
                       "merged", None, id="ike-merged-choice-case")
    zones = full_config("zones")
    yield pytest.param("zones", zones, changed(zones, ("zones", 0, "interfaces"), [{"name": "st0.9"}]), "replaced",
                       None, id="zones-replaced-interfaces")
    yield pytest.param("zones", zones, {"zones": [{"name": "zones-0", "host_inbound_traffic": {
        "system_services": ["ike"]}}]}, "merged", None, id="zones-merged-adds-service")
    yield pytest.param("policies", policies("p1", "deny-all"), policies("p0", "p1", "p2"), "merged", None,
                       id="policies-new-around-existing")
    yield pytest.param("policies", policies("p2", "p1", "deny-all"), policies("p1", "p2"), "merged", None,
                       id="policies-reorder")
    yield pytest.param("policies", policies("p1", "p2", "deny-all"), policies("p2"), "overridden", {"prefix": "p"},
                       id="policies-overridden-keeps-unmanaged")
    replaced = changed(policies("p1", "p2"), ("policies", 0, "policies", 0, "description"), "now described")
    yield pytest.param("policies", policies("p1", "p2", "deny-all"), replaced, "replaced", None,
                       id="policies-replaced-keeps-place")
    routes = full_config("routes")
    yield pytest.param("routes", routes, changed(routes, ("routes", 0, "next_hop"), ["st0.4"]), "replaced", None,
                       id="routes-replaced-next-hop")


@pytest.mark.parametrize("name,have,want,state,scope", list(cases()))
def test_edit_takes_the_device_to_after_and_a_second_run_is_a_no_op(name, have, want, state, scope):
    device = device_holding(name, have)
    have_read = jxml.parse(name, device.to_xml())
    change_list = diff.changes(RESOURCES[name], want, have_read, state, scope)
    edit = diff.render_changes(change_list)
    new_device = load(device, edit) if edit is not None else device
    got = jxml.parse(name, new_device.to_xml())
    assert_configs_equal(name, got, diff.after(name, have_read, change_list))
    assert diff.edit(name, want, got, state, scope) is None


def test_unchanged_psk_keeps_the_devices_exact_nine_string():
    ike = full_config("ike")
    device = device_holding("ike", ike)
    have = jxml.parse("ike", device.to_xml())
    before = have["policies"][0]["pre_shared_key"]["ascii_text"]
    want = changed(ike, ("policies", 0, "mode"), "aggressive")
    for state in ("merged", "replaced"):
        got = jxml.parse("ike", load(device, diff.edit("ike", want, have, state)).to_xml())
        policy = next(p for p in got["policies"] if p["name"] == "policies-0")
        assert policy["pre_shared_key"]["ascii_text"] == before
        assert policy["mode"] == "aggressive"

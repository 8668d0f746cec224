"""States, scope, PSK handling and policy order: pure functions of want and have."""
import pytest

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import diff
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import encode9

PROPOSAL = {"name": "vpn-p1", "authentication_method": "pre-shared-keys", "dh_group": "group14",
            "authentication_algorithm": "sha-256", "encryption_algorithm": "aes-256-cbc", "lifetime_seconds": 28800}


def ops(edit):
    """[(tag, key, operation)] of the objects in an edit, in document order."""
    found = []
    for element in edit.iter():
        name = element.findtext("name")
        if element.get("delete"):
            found.append((element.tag, name, "delete"))
        elif element.get("replace"):
            found.append((element.tag, name, "replace"))
        elif element.get("insert"):
            found.append((element.tag, name, "%s %s" % (element.get("insert"), element.get("name"))))
        elif element.tag in ("proposal", "policy", "gateway", "security-zone", "unit", "route", "address") \
                and name is not None and len(element) > 1:
            found.append((element.tag, name, "set"))
    return found


def ike_with_psk(device_psk):
    return {"policies": [{"name": "vpn-pol", "mode": "main", "proposals": ["vpn-p1"],
                          "pre_shared_key": {"ascii_text": device_psk}}]}


# --- merged --------------------------------------------------------------------------------------

def test_merged_nothing_to_do_when_device_already_has_it():
    have = {"proposals": [PROPOSAL, {"name": "other", "dh_group": "group2"}]}
    want = {"proposals": [{"name": "vpn-p1", "dh_group": "group14"}]}
    assert diff.edit("ike", want, have, "merged") is None


def test_merged_sends_the_object_with_only_the_given_fields():
    have = {"proposals": [PROPOSAL]}
    edit = diff.edit("ike", {"proposals": [{"name": "vpn-p1", "dh_group": "group19"}]}, have, "merged")
    proposal = edit.find("security/ike/proposal")
    assert [(c.tag, c.text) for c in proposal] == [("name", "vpn-p1"), ("dh-group", "group19")]
    assert proposal.get("delete") is None


def test_merged_unchanged_psk_is_not_sent_and_needs_no_edit():
    device = ike_with_psk(encode9("lab-secret-1"))
    want = ike_with_psk("lab-secret-1")
    assert diff.edit("ike", want, device, "merged") is None
    want["policies"][0]["mode"] = "aggressive"
    edit = diff.edit("ike", want, device, "merged")
    assert edit.find(".//pre-shared-key") is None
    assert edit.find(".//mode").text == "aggressive"


def test_merged_psk_given_as_the_devices_own_nine_string_is_unchanged():
    device_psk = encode9("lab-secret-1")
    assert diff.edit("ike", ike_with_psk(encode9("lab-secret-1")), ike_with_psk(device_psk), "merged") is None


def test_merged_changed_psk_is_sent():
    edit = diff.edit("ike", ike_with_psk("new-secret"), ike_with_psk(encode9("old-secret")), "merged")
    assert edit.find(".//pre-shared-key/ascii-text").text == "new-secret"


def test_merged_leaf_list_adds_values_and_ignores_device_order_of_unordered_lists():
    have = {"zones": [{"name": "untrust", "host_inbound_traffic": {"system_services": ["ping", "ike"]}}]}
    same = {"zones": [{"name": "untrust", "host_inbound_traffic": {"system_services": ["ike", "ping"]}}]}
    assert diff.edit("zones", same, have, "merged") is None
    assert diff.edit("zones", same, have, "replaced") is None
    more = {"zones": [{"name": "untrust", "host_inbound_traffic": {"system_services": ["ssh"]}}]}
    edit = diff.edit("zones", more, have, "merged")
    assert [e.findtext("name") for e in edit.iter("system-services")] == ["ssh"]
    after = diff.after("zones", have, diff.changes(RESOURCES["zones"], more, have, "merged"))
    assert after["zones"][0]["host_inbound_traffic"]["system_services"] == ["ping", "ike", "ssh"]


def test_merged_choice_case_replaces_the_other_case_in_after():
    have = {"gateways": [{"name": "gw", "local_identity": {"inet": "192.0.2.1"}}]}
    want = {"gateways": [{"name": "gw", "local_identity": {"hostname": "a.example.net"}}]}
    change_list = diff.changes(RESOURCES["ike"], want, have, "merged")
    assert diff.after("ike", have, change_list)["gateways"][0]["local_identity"] == {"hostname": "a.example.net"}


# --- replaced ------------------------------------------------------------------------------------

def test_replaced_sends_the_whole_object_with_operation_replace():
    have = {"proposals": [dict(PROPOSAL, description="old text")]}
    edit = diff.edit("ike", {"proposals": [PROPOSAL]}, have, "replaced")
    assert ops(edit) == [("proposal", "vpn-p1", "replace")]
    assert edit.find("security/ike/proposal/description") is None
    assert edit.find("security/ike/proposal/lifetime-seconds").text == "28800"


def test_replaced_identical_object_needs_no_edit():
    assert diff.edit("ike", {"proposals": [PROPOSAL]}, {"proposals": [PROPOSAL]}, "replaced") is None


def test_replaced_sends_back_the_devices_own_nine_string_for_an_unchanged_psk():
    device_psk = encode9("lab-secret-1")
    device = ike_with_psk(device_psk)
    want = ike_with_psk("lab-secret-1")
    assert diff.edit("ike", want, device, "replaced") is None
    want["policies"][0]["description"] = "seed 004"
    edit = diff.edit("ike", want, device, "replaced")
    assert edit.find("security/ike/policy/pre-shared-key/ascii-text").text == device_psk


def test_replaced_leaves_other_objects_alone():
    have = {"proposals": [PROPOSAL, {"name": "user-p", "dh_group": "group2"}]}
    edit = diff.edit("ike", {"proposals": [dict(PROPOSAL, dh_group="group19")]}, have, "replaced")
    assert all(op[1] == "vpn-p1" for op in ops(edit))


def test_replaced_ordered_leaf_list_compares_order():
    have = {"policies": [{"name": "pol", "proposals": ["a", "b"]}]}
    assert diff.edit("ike", {"policies": [{"name": "pol", "proposals": ["b", "a"]}]}, have, "replaced") is not None


# --- overridden / deleted and scope --------------------------------------------------------------

def test_overridden_needs_a_scope():
    with pytest.raises(diff.ScopeError, match="overridden needs scope"):
        diff.edit("ike", {"proposals": [PROPOSAL]}, {}, "overridden")


def test_overridden_deletes_only_objects_in_scope():
    have = {"proposals": [PROPOSAL, {"name": "vpn-old"}, {"name": "user-p"}],
            "gateways": [{"name": "vpn-gw-old"}, {"name": "corp-gw"}]}
    edit = diff.edit("ike", {"proposals": [PROPOSAL]}, have, "overridden", {"prefix": "vpn-"})
    assert ops(edit) == [("proposal", "vpn-old", "delete"), ("gateway", "vpn-gw-old", "delete")]


def test_overridden_with_scope_names_and_all():
    have = {"routes": [{"destination": "10.1.0.0/16", "next_hop": ["st0.0"]},
                       {"destination": "0.0.0.0/0", "next_hop": ["192.0.2.1"]}]}
    edit = diff.edit("routes", {}, have, "overridden", {"names": ["10.1.0.0/16"]})
    assert [e.findtext("name") for e in edit.iter("route")] == ["10.1.0.0/16"]
    every = diff.edit("routes", {}, have, "overridden", {"all": True})
    assert len(list(every.iter("route"))) == 2


def test_deleted_with_config_deletes_exactly_the_named_objects_present():
    have = {"zones": [{"name": "vpn"}, {"name": "trust"}]}
    edit = diff.edit("zones", {"zones": [{"name": "vpn"}, {"name": "absent"}]}, have, "deleted")
    assert ops(edit) == [("security-zone", "vpn", "delete")]
    assert diff.edit("zones", {"zones": [{"name": "absent"}]}, have, "deleted") is None


def test_deleted_without_config_needs_scope_and_uses_it():
    have = {"units": [{"unit": 0}, {"unit": 1}, {"unit": 10}]}
    with pytest.raises(diff.ScopeError, match="deleted needs config"):
        diff.edit("tunnel_interfaces", {}, have, "deleted")
    edit = diff.edit("tunnel_interfaces", {}, have, "deleted", {"names": ["1"]})
    assert [u.findtext("name") for u in edit.iter("unit")] == ["1"]
    assert edit.find("interfaces/interface/name").text == "st0"


def test_deleted_route_in_a_routing_instance_keeps_inet0():
    have = {"routes": [{"destination": "10.1.0.0/16", "discard": True}],
            "routing_instances": [{"name": "vr", "routes": [{"destination": "10.1.0.0/16", "discard": True}]}]}
    want = {"routing_instances": [{"name": "vr", "routes": [{"destination": "10.1.0.0/16"}]}]}
    edit = diff.edit("routes", want, have, "deleted")
    assert edit.find("routing-options") is None
    assert edit.find("routing-instances/instance/routing-options/static/route").get("delete") == "delete"


# --- ordered policies ----------------------------------------------------------------------------

def zone_pair(*names):
    return {"policies": [{"from_zone": "trust", "to_zone": "vpn", "policies": [
        {"name": n, "then": {"action": "deny" if n == "deny-all" else "permit"}} for n in names]}]}


def test_new_policy_goes_after_its_predecessor_not_after_an_unmanaged_deny_all():
    edit = diff.edit("policies", zone_pair("p1", "p2"), zone_pair("p1", "deny-all"), "merged")
    assert ops(edit) == [("policy", "p2", "set"), ("policy", "p2", "after p1")]
    change_list = diff.changes(RESOURCES["policies"], zone_pair("p1", "p2"), zone_pair("p1", "deny-all"), "merged")
    after = diff.after("policies", zone_pair("p1", "deny-all"), change_list)
    assert [p["name"] for p in after["policies"][0]["policies"]] == ["p1", "p2", "deny-all"]


def test_first_new_policy_goes_before_the_next_wanted_one():
    edit = diff.edit("policies", zone_pair("p0", "p1"), zone_pair("p1", "deny-all"), "merged")
    assert ops(edit)[-1] == ("policy", "p0", "before p1")


def test_wrong_order_is_fixed_with_a_move_only():
    edit = diff.edit("policies", zone_pair("p1", "p2"), zone_pair("p2", "p1"), "merged")
    assert ops(edit) == [("policy", "p2", "after p1")]
    assert edit.find(".//policy[@insert]/then") is None


def test_right_order_with_unmanaged_policies_between_needs_no_edit():
    assert diff.edit("policies", zone_pair("p1", "p3"), zone_pair("p1", "p2", "p3"), "merged") is None


def test_replaced_policy_keeps_its_place():
    have = zone_pair("p1", "p2", "deny-all")
    want = zone_pair("p1", "p2")
    want["policies"][0]["policies"][0]["description"] = "changed"
    edit = diff.edit("policies", want, have, "replaced")
    assert ops(edit) == [("policy", "p1", "replace"), ("policy", "p1", "before p2")]


def test_policies_of_one_zone_pair_do_not_touch_another():
    have = {"policies": [{"from_zone": "a", "to_zone": "b", "policies": [{"name": "vpn-x"}]},
                         {"from_zone": "b", "to_zone": "a", "policies": [{"name": "vpn-x"}]}]}
    want = {"policies": [{"from_zone": "a", "to_zone": "b", "policies": [{"name": "vpn-x"}]}]}
    edit = diff.edit("policies", want, have, "overridden", {"prefix": "vpn-"})
    pair = edit.find("security/policies/policy")
    assert (pair.findtext("from-zone-name"), pair.findtext("to-zone-name")) == ("b", "a")


# --- after ---------------------------------------------------------------------------------------

def test_after_of_overridden_is_want_plus_unmanaged():
    have = {"zones": [{"name": "vpn-a", "description": "old"}, {"name": "vpn-b"}, {"name": "trust"}]}
    want = {"zones": [{"name": "vpn-a"}, {"name": "vpn-c", "interfaces": [{"name": "st0.3"}]}]}
    change_list = diff.changes(RESOURCES["zones"], want, have, "overridden", {"prefix": "vpn-"})
    assert diff.after("zones", have, change_list) == {"zones": [{"name": "trust"}, {"name": "vpn-a"},
                                                                {"name": "vpn-c", "interfaces": [{"name": "st0.3"}]}]}


def test_render_changes_of_nothing_is_none():
    assert diff.render_changes([]) is None


def test_edit_is_a_configuration_element_ready_to_load():
    edit = diff.edit("address_book", {"addresses": [{"name": "net1", "ip_prefix": "10.1.0.0/16"}]}, {}, "merged")
    assert edit.tag == "configuration"
    assert edit.find("security/address-book/name").text == "global"
    assert jxml.parse("address_book", edit) == {"addresses": [{"name": "net1", "ip_prefix": "10.1.0.0/16"}]}


def test_ipv6_written_differently_from_the_device_is_the_same_address():
    have = {"units": [{"unit": 0, "family": {"inet6": {"addresses": ["2001:db8::1/64"]}}}]}
    want = {"units": [{"unit": 0, "family": {"inet6": {"addresses": ["2001:DB8:0:0::1/64"]}}}]}
    assert diff.edit("tunnel_interfaces", want, have, "replaced") is None
    routes = {"routes": [{"destination": "2001:db8:1::/48", "next_hop": ["2001:db8::ff"]}]}
    written = {"routes": [{"destination": "2001:DB8:1::/48", "next_hop": ["2001:0db8::00ff"]}]}
    assert diff.edit("routes", written, routes, "merged") is None


def test_scope_names_can_be_qualified_by_zone_pair_or_routing_instance():
    have = {"policies": [{"from_zone": "a", "to_zone": "b", "policies": [{"name": "x"}]},
                         {"from_zone": "b", "to_zone": "a", "policies": [{"name": "x"}]}]}
    edit = diff.edit("policies", {}, have, "deleted", {"names": ["b a x"]})
    pair = edit.find("security/policies/policy")
    assert len(edit.findall("security/policies/policy")) == 1
    assert (pair.findtext("from-zone-name"), pair.findtext("to-zone-name")) == ("b", "a")
    routes = {"routes": [{"destination": "10.0.0.0/8", "discard": True}],
              "routing_instances": [{"name": "vr1", "routes": [{"destination": "10.0.0.0/8", "discard": True}]},
                                    {"name": "vr2", "routes": [{"destination": "10.0.0.0/8", "discard": True}]}]}
    edit = diff.edit("routes", {}, routes, "overridden", {"names": ["vr2 10.0.0.0/8"]})
    assert [i.findtext("name") for i in edit.iter("instance")] == ["vr2"] and edit.find("routing-options") is None
    assert len(list(diff.edit("routes", {}, routes, "deleted", {"names": ["10.0.0.0/8"]}).iter("route"))) == 3


def test_deleted_with_config_ignores_the_scope_for_other_object_kinds():
    have = {"proposals": [{"name": "vpn-p1"}], "gateways": [{"name": "vpn-gw"}]}
    edit = diff.edit("ike", {"gateways": [{"name": "vpn-gw"}]}, have, "deleted", {"prefix": "vpn-"})
    assert ops(edit) == [("gateway", "vpn-gw", "delete")]

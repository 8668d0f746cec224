"""Bad intent fails in the plan with every issue naming host, tunnel and field, and never a secret."""
import pytest

from playbook_runner import import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import PlanError, build_plan  # noqa: E402

SITES = {
    "site-a": {"external_interface": "ge-0/0/0", "external_address": "198.51.100.10", "lan_subnets": ["192.168.1.0/24"]},
    "site-b": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.1", "lan_subnets": ["192.168.2.0/24"]},
}


def s2s(**extra):
    return dict({"name": "ab", "ends": ["site-a", "site-b"], "psk": "TopSecret99"}, **extra)


def issues(sites, tunnels, profiles=None, **kwargs):
    with pytest.raises(PlanError) as err:
        build_plan(sites, tunnels, profiles, **kwargs)
    assert "TopSecret99" not in str(err.value)
    return [str(i) for i in err.value.issues]


def test_unknown_profile():
    assert issues(SITES, [s2s(profile="gold")], {"silver": {}}) == [
        "host -, tunnel ab, field profile: unknown crypto profile 'gold' (known: silver)"]


def test_missing_psk():
    assert issues(SITES, [s2s(psk=None)]) == ["host -, tunnel ab, field psk: missing pre-shared key (set it from Ansible Vault)"]


def test_missing_psk_of_one_spoke_names_the_spoke():
    hub = {"name": "corp", "type": "hub_and_spoke", "hub": "site-a", "spokes": [{"host": "site-b"}]}
    assert issues(SITES, [hub]) == ["host site-b, tunnel corp, field spokes[0].psk: missing pre-shared key (set it from Ansible Vault)"]


def test_peer_not_in_inventory_without_address():
    assert issues(SITES, [s2s(ends=["site-a", "partner"])]) == [
        "host partner, tunnel ab, field ends[1].address: peer is not in the inventory (no vpn_site) and no address given"]


def test_peer_outside_inventory_with_address_is_planned_on_our_side_only():
    plan = build_plan(SITES, [s2s(ends=["site-a", {"host": "partner", "address": "192.0.2.7", "lan_subnets": ["172.16.0.0/24"]}])])
    assert sorted(plan["devices"]) == ["site-a"]
    assert plan["devices"]["site-a"]["config"]["ike"]["gateways"][0]["address"] == ["192.0.2.7"]


def test_overlapping_and_duplicate_lans():
    sites = dict(SITES, **{"site-c": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.3",
                                      "lan_subnets": ["192.168.0.0/16"]},
                           "site-d": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.4",
                                      "lan_subnets": ["192.168.2.0/24"]}})
    found = issues(sites, [s2s(), s2s(name="cd", ends=["site-c", "site-d"])])
    assert "host site-a, tunnel ab, field vpn_site.lan_subnets: 192.168.1.0/24 overlaps 192.168.0.0/16 of host site-c" in found
    assert any(i.startswith("host site-") and "192.168.2.0/24 overlaps" in i for i in found)


def test_link_overlapping_a_lan():
    assert issues(SITES, [s2s(link="192.168.1.0/30")]) == [
        "host -, tunnel ab, field link: tunnel link 192.168.1.0/30 overlaps 192.168.1.0/24 (lan site-a)"]


def test_exhausted_pool():
    sites = dict(SITES, **{"site-c": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.3",
                                      "lan_subnets": ["192.168.3.0/24"]}})
    found = issues(sites, [s2s(), s2s(name="ac", ends=["site-a", "site-c"]), s2s(name="bc", ends=["site-b", "site-c"])],
                   link_pool="10.255.0.0/29", link_prefix=30)
    assert len(found) == 1 and found[0].endswith("field vpn_link_pool: link pool 10.255.0.0/29 is exhausted (2 /30 links)")


def test_route_based_options_on_policy_based_tunnel():
    found = issues(SITES, [s2s(mode="policy", st0_unit=0, traffic_selectors=[{"local": "192.168.1.0/24", "remote": "192.168.2.0/24"}],
                               vpn_monitor=True)])
    assert found == ["host -, tunnel ab, field st0_unit: is a route-based option; tunnel mode is policy",
                     "host -, tunnel ab, field traffic_selectors: is a route-based option; tunnel mode is policy",
                     "host -, tunnel ab, field vpn_monitor: is a route-based option; tunnel mode is policy"]


def test_st0_unit_clash_on_one_device():
    sites = dict(SITES, **{"site-c": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.3",
                                      "lan_subnets": ["192.168.3.0/24"]}})
    found = issues(sites, [s2s(st0_unit=0), s2s(name="ac", ends=["site-a", "site-c"], st0_unit=0)])
    assert "host site-a, tunnel ac, field st0_unit: st0.0 is also used by ab" in found


def test_conflicting_shared_object_names():
    sites = dict(SITES, **{"site-c": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.3",
                                      "lan_subnets": ["192.168.3.0/24"]}})
    found = issues(sites, [s2s(names={"ike_policy": "ike-policy"}),
                           s2s(name="ac", ends=["site-a", "site-c"], psk="Other", names={"ike_policy": "ike-policy"})])
    assert "host site-a, tunnel ac, field names.ike_policy: ike policy 'ike-policy' is also defined differently by tunnel ab" in found


def test_many_problems_are_reported_together():
    found = issues({"site-a": {"lan_subnets": ["192.168.1.0/33"]}},
                   [s2s(type="mesh"), {"ends": []}, s2s(name="x", ends=["site-a"], mode="tunnel")])
    assert "host site-a, tunnel -, field vpn_site.external_interface: required" in found
    assert any("field vpn_site.lan_subnets[0]: not a valid subnet" in i for i in found)
    assert "host -, tunnel ab, field type: 'mesh' is not one of site_to_site, hub_and_spoke, redundant" in found
    assert "host -, tunnel vpn_tunnels[1], field name: required" in found
    assert "host -, tunnel x, field ends: a site_to_site tunnel needs exactly 2 ends, got 1" in found


def test_bad_profile_values():
    profiles = {"p": {"ike": {"proposal_set": "gold", "mode": "quick"},
                      "ipsec": {"proposal_set": "standard", "proposals": [{"name": "x"}]}}}
    found = issues(SITES, [s2s(profile="p")], profiles)
    assert "host -, tunnel ab, field vpn_crypto_profiles.p.ike.proposal_set: 'gold' is not one of " \
           "standard, compatible, basic, suiteb-gcm-128, suiteb-gcm-256, prime-128, prime-256" in found
    assert "host -, tunnel ab, field vpn_crypto_profiles.p.ike.mode: 'quick' is not one of main, aggressive" in found
    assert "host -, tunnel ab, field vpn_crypto_profiles.p.ipsec: proposal_set and proposals are mutually exclusive" in found

"""Allocation: adding or removing one spoke leaves every other tunnel's unit, address and names unchanged."""
import pytest

from playbook_runner import import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import PlanError, build_plan  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_alloc import Pool, home_slot  # noqa: E402


def sites(n):
    out = {"hub": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.100", "lan_subnets": ["10.10.0.0/24"]}}
    for i in range(n):
        out["spoke{0}".format(i)] = {"external_interface": "ge-0/0/0", "external_address": "198.18.{0}.{1}".format(i // 250, i % 250 + 1),
                                     "lan_subnets": ["10.{0}.{1}.0/24".format(20 + i // 256, i % 256)]}
    return out


def plan(spokes, pool="10.255.0.0/16", prefix=30, **extra):
    tunnel = dict({"name": "corp", "type": "hub_and_spoke", "hub": "hub", "psk": "k", "spoke_routes": ["10.16.0.0/12"],
                   "spokes": [s if isinstance(s, dict) else {"host": s} for s in spokes]}, **extra)
    return build_plan(sites(400), [tunnel], link_pool=pool, link_prefix=prefix)


def per_spoke(result):
    """spoke -> (hub-side tunnel facts, spoke device config) : everything that must stay put."""
    hub = {t["peer"]: t for t in result["devices"]["hub"]["tunnels"]}
    return {s: (hub[s], result["devices"][s]) for s in hub}


def test_adding_and_removing_a_spoke_moves_nothing_else():
    names = ["spoke{0}".format(i) for i in range(12)]
    before = per_spoke(plan(names))
    for extra in ("spoke100", "spoke101", "spoke102"):
        after = per_spoke(plan(names + [extra]))
        assert {s: v for s, v in after.items() if s != extra} == before
    for gone in names:
        after = per_spoke(plan([n for n in names if n != gone]))
        assert after == {s: v for s, v in before.items() if s != gone}


@pytest.mark.parametrize("pool,prefix", [("10.255.0.0/24", 31), ("10.255.0.0/26", 30)])
def test_in_a_crowded_pool_only_probed_tunnels_can_move(pool, prefix):
    """The documented limit: a tunnel that sits on its hashed home slot never moves."""
    names = ["spoke{0}".format(i) for i in range(12)]
    before = plan(names, pool, prefix)
    for extra in ("spoke100", "spoke101", "spoke102", "spoke103"):
        after = plan(names + [extra], pool, prefix)
        old = {a["key"]: a for a in before["allocation"]}
        for alloc in after["allocation"]:
            if not alloc["probed"] and alloc["key"] in old:
                assert old[alloc["key"]] == alloc
    for gone in names:
        after = {a["key"]: a for a in plan([n for n in names if n != gone], pool, prefix)["allocation"]}
        for alloc in before["allocation"]:
            if not alloc["probed"] and alloc["key"] != "corp/" + gone:
                assert after[alloc["key"]] == alloc


def test_hub_objects_of_other_spokes_are_unchanged_when_one_is_added():
    names = ["spoke{0}".format(i) for i in range(20)]
    hub_before = plan(names)["devices"]["hub"]["config"]
    hub_after = plan(names + ["spoke300"])["devices"]["hub"]["config"]
    for resource, collection in (("ike", "gateways"), ("ike", "policies"), ("ipsec", "vpns"),
                                 ("tunnel_interfaces", "units"), ("routes", "routes")):
        before = hub_before[resource][collection]
        after = hub_after[resource][collection]
        assert all(item in after for item in before), resource
        assert len(after) == len(before) + 1, resource


def test_unit_and_link_come_from_the_same_slot():
    result = plan(["spoke1"])
    slot = home_slot("corp/spoke1", Pool("10.255.0.0/16", 30).size)
    tunnel = result["devices"]["hub"]["tunnels"][0]
    assert tunnel["st0"] == "st0.{0}".format(slot)
    assert tunnel["local_link"] == "{0}/30".format(Pool("10.255.0.0/16", 30).subnet(slot)[1])
    assert result["devices"]["spoke1"]["tunnels"][0]["st0"] == "st0.{0}".format(slot)
    assert result["allocation"] == [{"key": "corp/spoke1", "slot": slot, "link": str(Pool("10.255.0.0/16", 30).subnet(slot)),
                                     "probed": False}]


def test_slash31_links_use_both_addresses():
    tunnel = plan([{"host": "spoke1", "id": 5}], "10.255.0.0/24", 31)["devices"]["hub"]["tunnels"][0]
    assert (tunnel["st0"], tunnel["local_link"], tunnel["remote_link"]) == ("st0.5", "10.255.0.10/31", "10.255.0.11/31")


def test_collisions_are_resolved_independently_of_order_and_reported():
    # A 4-slot pool forces collisions; every order gives the same answer.
    names = ["spoke{0}".format(i) for i in range(4)]
    results = [plan(order, "10.255.0.0/28", 30)["allocation"] for order in (names, names[::-1], names[1:] + names[:1])]
    assert results[0] == results[1] == results[2]
    assert sorted(a["slot"] for a in results[0]) == [0, 1, 2, 3]
    probed = plan(names, "10.255.0.0/28", 30)
    assert len(probed["warnings"]) == sum(a["probed"] for a in probed["allocation"]) > 0


def test_explicit_id_pins_the_slot_and_wins_over_a_hash():
    home = home_slot("corp/spoke1", Pool("10.255.0.0/16", 30).size)
    result = plan([{"host": "spoke2", "id": home}, "spoke1"])
    tunnels = {t["peer"]: t for t in result["devices"]["hub"]["tunnels"]}
    assert tunnels["spoke2"]["st0"] == "st0.{0}".format(home)
    assert tunnels["spoke1"]["st0"] != "st0.{0}".format(home)
    assert any("corp/spoke1" in w for w in result["warnings"])


def test_duplicate_explicit_ids_are_an_error():
    with pytest.raises(PlanError, match="tunnel corp, field id: slot 3 .* is also used by tunnel corp/spoke1"):
        plan([{"host": "spoke1", "id": 3}, {"host": "spoke2", "id": 3}])


def test_four_hundred_spokes_get_distinct_units():
    # Plan time against size is measured by the benchmarks (bench/harness.py --parts plan), not here.
    names = ["spoke{0}".format(i) for i in range(400)]
    result = plan(names)
    units = [u["unit"] for u in result["devices"]["hub"]["config"]["tunnel_interfaces"]["units"]]
    assert len(units) == len(set(units)) == 400


def test_planning_leaves_the_cyclic_collector_as_it_found_it():
    import gc
    plan(["spoke1"])
    assert gc.isenabled()
    gc.disable()
    try:
        plan(["spoke1"])
        assert not gc.isenabled()
    finally:
        gc.enable()

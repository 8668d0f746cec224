"""The doctor on vpn_plan results: every topology the plan builds is predicted up, and a broken
plan (an end edited by hand) is caught before any device is touched."""
import copy

from playbook_runner import import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import build_plan  # noqa: E402


def hub_sites(dynamic_spoke=None):
    sites = {"hub": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.100",
                     "lan_subnets": ["10.10.0.0/24"]}}
    for i in (1, 2):
        sites["spoke%d" % i] = {"external_interface": "ge-0/0/0", "external_address": "198.18.0.%d" % i,
                                "lan_subnets": ["10.20.%d.0/24" % i]}
    if dynamic_spoke:
        site = sites[dynamic_spoke]
        del site["external_address"]
        site.update(dynamic_address=True, identity={"hostname": dynamic_spoke + ".example.net"})
    return sites


HUB = {"name": "corp", "type": "hub_and_spoke", "hub": "hub", "psk": "k",
       "spokes": [{"host": "spoke1"}, {"host": "spoke2"}]}
AGGRESSIVE = {"dyn": {"ike": {"proposal_set": "standard", "mode": "aggressive"}}}


def statuses(result):
    return {t["name"]: t["status"] for t in result["tunnels"]}


def test_hub_and_spoke_plan_is_established():
    result = doctor.diagnose_plan(build_plan(hub_sites(), [HUB]))
    assert statuses(result) == {"hub:gw-corp-spoke1 <-> spoke1:gw-corp": "ESTABLISHED",
                                "hub:gw-corp-spoke2 <-> spoke2:gw-corp": "ESTABLISHED"}
    assert result["summary"]["error"] == 0


def test_dynamic_spoke_pairs_by_identity_and_a_wrong_identity_is_caught():
    plan = build_plan(hub_sites("spoke2"), [dict(HUB, profile="dyn")], AGGRESSIVE)
    assert set(statuses(doctor.diagnose_plan(plan)).values()) == {"ESTABLISHED"}
    broken = copy.deepcopy(plan)
    broken["devices"]["spoke2"]["config"]["ike"]["gateways"][0]["local_identity"] = {"hostname": "x.example.net"}
    result = doctor.diagnose_plan(broken)
    tunnel = next(t for t in result["tunnels"] if "spoke2" in t["hosts"])
    assert tunnel["status"] == "IKE_PHASE1_FAILED"
    assert [f["check"] for f in tunnel["findings"]] == ["identity"]


def test_plan_lans_drive_the_route_check():
    plan = build_plan(hub_sites(), [HUB])
    plan["devices"]["spoke1"]["config"]["routes"]["routes"] = []
    result = doctor.diagnose_plan(plan)
    tunnel = next(t for t in result["tunnels"] if "spoke1" in t["hosts"])
    assert tunnel["status"] == "ESTABLISHED"
    assert [(f["check"], f["path"]) for f in tunnel["findings"]] == [
        ("route-missing", "routing-options static route 10.10.0.0/24")]

"""The VPN plan: seed 004 and the other topologies become the exact per-device objects."""
import copy
import random

import pytest

from playbook_runner import import_collection_from_checkout

import_collection_from_checkout()
from ansible.errors import AnsibleFilterError  # noqa: E402

from ansible_collections.netsec.srx_vpn.plugins.filter.vpn_plan import FilterModule  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import PlanError, build_plan  # noqa: E402

SEED_NAMES = {"gateway": "remote-site", "vpn": "vpn-to-remote-site", "ike_policy": "ike-policy",
              "ipsec_policy": "ipsec-policy"}
SITES = {
    "site-a": {"external_interface": "ge-0/0/0", "external_address": "198.51.100.10",
               "lan_subnets": ["192.168.1.0/24"], "lan_address": "192.168.1.1"},
    "site-b": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.1",
               "lan_subnets": ["192.168.2.0/24"], "lan_address": "192.168.2.1", "probe_address": "192.168.2.10"},
}
SEED = [{"name": "seed004", "type": "site_to_site", "ends": ["site-a", "site-b"], "psk": "s3cret-psk",
         "link": "10.1.1.0/30", "st0_unit": 0, "names": SEED_NAMES}]


def items(config, resource, collection):
    return {i.get("name", i.get("unit", i.get("destination"))): i for i in config[resource][collection]}


def test_seed004_site_a_has_every_seed_statement():
    config = build_plan(SITES, SEED)["devices"]["site-a"]["config"]
    assert items(config, "ike", "policies")["ike-policy"] == {
        "name": "ike-policy", "mode": "main", "proposal_set": "standard", "pre_shared_key": {"ascii_text": "s3cret-psk"}}
    assert items(config, "ike", "gateways")["remote-site"] == {
        "name": "remote-site", "ike_policy": "ike-policy", "address": ["203.0.113.1"], "external_interface": "ge-0/0/0"}
    assert items(config, "ipsec", "policies")["ipsec-policy"] == {"name": "ipsec-policy", "proposal_set": "standard"}
    assert items(config, "ipsec", "vpns")["vpn-to-remote-site"] == {
        "name": "vpn-to-remote-site", "bind_interface": "st0.0", "establish_tunnels": "immediately",
        "ike": {"gateway": "remote-site", "ipsec_policy": "ipsec-policy"}}
    assert config["tunnel_interfaces"]["units"] == [{"unit": 0, "family": {"inet": {"addresses": ["10.1.1.1/30"]}}}]
    assert config["routes"]["routes"] == [{"destination": "192.168.2.0/24", "next_hop": ["10.1.1.2"]}]
    zones = items(config, "zones", "zones")
    assert zones["vpn"]["interfaces"] == [{"name": "st0.0"}]
    assert zones["untrust"]["interfaces"] == [
        {"name": "ge-0/0/0.0", "host_inbound_traffic": {"system_services": ["ike"]}}]
    pairs = {(p["from_zone"], p["to_zone"]): [x["name"] for x in p["policies"]] for p in config["policies"]["policies"]}
    assert pairs == {("trust", "vpn"): ["allow-vpn"], ("vpn", "trust"): ["allow-vpn-in"]}


def test_seed004_site_b_mirrors_site_a():
    dev = build_plan(SITES, SEED)["devices"]["site-b"]
    assert items(dev["config"], "ike", "gateways")["remote-site"]["address"] == ["198.51.100.10"]
    assert dev["config"]["routes"]["routes"] == [{"destination": "192.168.1.0/24", "next_hop": ["10.1.1.1"]}]
    assert dev["tunnels"][0]["local_link"] == "10.1.1.2/30"
    assert dev["tunnels"][0]["ping"] == {"source": "192.168.2.1", "destination": "192.168.1.1"}


REDUNDANT_SITES = {
    "site-a": {"uplinks": {"isp1": {"interface": "ge-0/0/0", "address": "203.0.113.2"},
                           "isp2": {"interface": "ge-0/0/1", "address": "198.51.100.2"}},
               "lan_subnets": ["192.168.1.0/24"]},
    "site-b": {"uplinks": {"isp1": {"interface": "ge-0/0/0", "address": "203.0.113.1"},
                           "isp2": {"interface": "ge-0/0/1", "address": "198.51.100.1"}},
               "lan_subnets": ["192.168.2.0/24"]},
}
REDUNDANT = [{"name": "ab", "type": "redundant", "ends": ["site-a", "site-b"], "psk": "k", "dpd": {"interval": 10, "threshold": 3},
              "vpn_monitor": True, "names": {"ike_policy": "ike-policy", "ipsec_policy": "ipsec-policy"},
              "paths": [{"name": "primary", "uplink": "isp1", "preference": 10, "st0_unit": 0, "link": "10.1.1.0/30",
                         "names": {"gateway": "primary-gateway", "vpn": "vpn-primary"}},
                        {"name": "secondary", "uplink": "isp2", "preference": 20, "st0_unit": 1, "link": "10.1.2.0/30",
                         "names": {"gateway": "secondary-gateway", "vpn": "vpn-secondary"}}]}]


def test_redundant_is_seed004_two_gateways_and_preference_routes():
    config = build_plan(REDUNDANT_SITES, REDUNDANT)["devices"]["site-a"]["config"]
    gws = items(config, "ike", "gateways")
    assert (gws["primary-gateway"]["address"], gws["primary-gateway"]["external_interface"]) == (["203.0.113.1"], "ge-0/0/0")
    assert (gws["secondary-gateway"]["address"], gws["secondary-gateway"]["external_interface"]) == (["198.51.100.1"], "ge-0/0/1")
    assert gws["primary-gateway"]["dead_peer_detection"] == {"interval": 10, "threshold": 3}
    vpns = items(config, "ipsec", "vpns")
    assert vpns["vpn-primary"]["ike"]["gateway"] == "primary-gateway"
    assert vpns["vpn-secondary"]["bind_interface"] == "st0.1"
    assert vpns["vpn-primary"]["vpn_monitor"] == {"destination_ip": "10.1.1.2", "source_interface": "st0.0"}
    assert config["routes"]["routes"] == [{"destination": "192.168.2.0/24", "next_hop": ["st0.0"], "preference": 10,
                                           "qualified_next_hops": [{"next_hop": "st0.1", "preference": 20}]}]
    untrust = items(config, "zones", "zones")["untrust"]["interfaces"]
    assert [i["name"] for i in untrust] == ["ge-0/0/0.0", "ge-0/0/1.0"]
    # VPN monitoring and the backup path's test ping need the st0 units to answer ping.
    assert items(config, "zones", "zones")["vpn"]["interfaces"] == [
        {"name": "st0.0", "host_inbound_traffic": {"system_services": ["ping"]}},
        {"name": "st0.1", "host_inbound_traffic": {"system_services": ["ping"]}}]
    tunnels = {t["path"]: t for t in build_plan(REDUNDANT_SITES, REDUNDANT)["devices"]["site-a"]["tunnels"]}
    assert tunnels["primary"]["ping"]["destination"] is None  # no probe_address in these sites
    assert tunnels["secondary"]["ping"] == {"source": "10.1.2.1", "destination": "10.1.2.2"}


def hub_sites(n, dynamic=()):
    sites = {"hub": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.100",
                     "lan_subnets": ["10.10.0.0/24"]}}
    for i in range(1, n + 1):
        host = "spoke{0}".format(i)
        sites[host] = {"external_interface": "ge-0/0/0", "external_address": "198.18.{0}.{1}".format(i // 250, i % 250 + 1),
                       "lan_subnets": ["10.{0}.{1}.0/24".format(20 + i // 256, i % 256)]}
        if host in dynamic:
            sites[host] = dict(sites[host], dynamic_address=True, identity={"hostname": host + ".example.net"})
            del sites[host]["external_address"]
    return sites


def hub_tunnel(spokes, **extra):
    return dict({"name": "corp", "type": "hub_and_spoke", "hub": "hub", "psk": "k",
                 "spokes": [{"host": s} for s in spokes], "spoke_routes": ["10.16.0.0/12"]}, **extra)


def test_hub_routes_and_spoke_to_spoke_via_hub():
    plan = build_plan(hub_sites(3), [hub_tunnel(["spoke1", "spoke2", "spoke3"])])
    hub = plan["devices"]["hub"]
    assert len(hub["config"]["tunnel_interfaces"]["units"]) == 3
    spoke_links = {t["peer"]: t["remote_link"].split("/")[0] for t in hub["tunnels"]}
    routes = {r["destination"]: r["next_hop"] for r in hub["config"]["routes"]["routes"]}
    assert routes["10.20.1.0/24"] == [spoke_links["spoke1"]]
    assert ("vpn", "vpn") in {(p["from_zone"], p["to_zone"]) for p in hub["config"]["policies"]["policies"]}
    spoke = plan["devices"]["spoke2"]
    hub_link = spoke["tunnels"][0]["remote_link"].split("/")[0]
    assert {r["destination"]: r["next_hop"] for r in spoke["config"]["routes"]["routes"]} == {
        "10.10.0.0/24": [hub_link], "10.16.0.0/12": [hub_link]}
    assert items(spoke["config"], "ike", "gateways")["gw-corp"]["address"] == ["203.0.113.100"]


def test_dynamic_spoke_by_ike_identity():
    # IKEv1 main mode with a PSK cannot identify a peer by hostname: the plan refuses it.
    with pytest.raises(PlanError, match="host hub, tunnel corp, field profile: IKEv1 with a dynamic-address peer"):
        build_plan(hub_sites(2, dynamic=("spoke2",)), [hub_tunnel(["spoke1", "spoke2"])])
    profiles = {"dyn": {"ike": {"proposal_set": "standard", "mode": "aggressive"}}}
    plan = build_plan(hub_sites(2, dynamic=("spoke2",)), [hub_tunnel(["spoke1", "spoke2"], profile="dyn")], profiles)
    hub_gw = items(plan["devices"]["hub"]["config"], "ike", "gateways")["gw-corp-spoke2"]
    assert hub_gw["dynamic"] == {"hostname": "spoke2.example.net"} and "address" not in hub_gw
    spoke_gw = items(plan["devices"]["spoke2"]["config"], "ike", "gateways")["gw-corp"]
    assert spoke_gw["local_identity"] == {"hostname": "spoke2.example.net"}


def test_policy_based_tunnel_uses_permit_tunnel_and_pair_policy():
    tun = dict(SEED[0], mode="policy")
    del tun["link"], tun["st0_unit"]
    config = build_plan(SITES, [tun])["devices"]["site-a"]["config"]
    vpn = items(config, "ipsec", "vpns")["vpn-to-remote-site"]
    assert "bind_interface" not in vpn and not config["tunnel_interfaces"]["units"] and not config["routes"]["routes"]
    pols = {(p["from_zone"], p["to_zone"]): p["policies"] for p in config["policies"]["policies"]}
    out = pols[("trust", "untrust")][0]
    assert out["then"] == {"action": "permit", "tunnel": {"ipsec_vpn": "vpn-to-remote-site", "pair_policy": "vpn-seed004-in"}}
    assert out["match"]["source_address"] == ["net-192.168.1.0/24"]
    assert pols[("untrust", "trust")][0]["match"]["source_address"] == ["net-192.168.2.0/24"]
    assert {a["ip_prefix"] for a in config["address_book"]["addresses"]} == {"192.168.1.0/24", "192.168.2.0/24"}
    # The SRX's own traffic skips security policies: no device ping can test a policy-based tunnel.
    assert build_plan(SITES, [tun])["devices"]["site-a"]["tunnels"][0]["ping"] is None


def test_custom_proposals_pfs_and_traffic_selectors():
    ike_proposal = {"name": "ike-aes256", "authentication_method": "pre-shared-keys", "dh_group": "group14",
                    "authentication_algorithm": "sha-256", "encryption_algorithm": "aes-256-cbc",
                    "lifetime_seconds": 28800}
    esp_proposal = {"name": "esp-aes256", "protocol": "esp", "encryption_algorithm": "aes-256-gcm"}
    profiles = {"strong": {"ike": {"version": "v2-only", "proposals": [ike_proposal]},
                           "ipsec": {"pfs": "group14", "proposals": [esp_proposal]}}}
    tun = dict(SEED[0], profile="strong", traffic_selectors=[{"local": "192.168.1.0/24", "remote": "192.168.2.0/24"}])
    plan = build_plan(SITES, [tun], profiles)
    a, b = (plan["devices"][h]["config"] for h in ("site-a", "site-b"))
    assert items(a, "ike", "policies")["ike-policy"]["proposals"] == ["ike-aes256"]
    assert items(a, "ike", "gateways")["remote-site"]["version"] == "v2-only"
    assert items(a, "ipsec", "policies")["ipsec-policy"] == {
        "name": "ipsec-policy", "proposals": ["esp-aes256"], "perfect_forward_secrecy": {"keys": "group14"}}
    assert items(a, "ipsec", "vpns")["vpn-to-remote-site"]["traffic_selectors"] == [
        {"name": "ts-1", "local_ip": "192.168.1.0/24", "remote_ip": "192.168.2.0/24"}]
    assert items(b, "ipsec", "vpns")["vpn-to-remote-site"]["traffic_selectors"] == [
        {"name": "ts-1", "local_ip": "192.168.2.0/24", "remote_ip": "192.168.1.0/24"}]


def test_plan_is_deterministic_and_independent_of_input_order():
    sites = hub_sites(30)
    tunnels = [hub_tunnel(["spoke{0}".format(i) for i in range(1, 31)]), copy.deepcopy(REDUNDANT[0])]
    sites.update({"site-a": REDUNDANT_SITES["site-a"], "site-b": REDUNDANT_SITES["site-b"]})
    first = build_plan(sites, tunnels)
    shuffled = copy.deepcopy(tunnels)
    random.Random(4).shuffle(shuffled[0]["spokes"])
    shuffled.reverse()
    again = build_plan(dict(reversed(list(sites.items()))), shuffled)
    assert first == again == build_plan(sites, tunnels)


def test_filter_reads_vpn_site_from_hostvars_and_reports_errors():
    filters = FilterModule().filters()
    hostvars = {h: {"inventory_hostname": h, "vpn_site": s} for h, s in SITES.items()}
    hostvars["unrelated"] = {"inventory_hostname": "unrelated"}
    plan = filters["vpn_plan"](SEED, hostvars)
    assert sorted(plan["devices"]) == ["site-a", "site-b"]
    with pytest.raises(AnsibleFilterError) as err:
        filters["vpn_plan"]([dict(SEED[0], profile="missing")], hostvars, {})
    assert "host -, tunnel seed004, field profile: unknown crypto profile 'missing'" in str(err.value)
    assert "s3cret-psk" not in str(err.value)


def test_diagram_and_summary():
    filters = FilterModule().filters()
    plan = build_plan(REDUNDANT_SITES, REDUNDANT)
    diagram = filters["vpn_diagram"](plan)
    assert diagram.splitlines()[0] == "flowchart LR"
    assert 'n_site_a ---|"ab/primary st0.0:st0.0 10.1.1.0/30 pref 10"| n_site_b' in diagram
    assert 'n_site_a -.-|"ab/secondary st0.1:st0.1 10.1.2.0/30 pref 20"| n_site_b' in diagram
    lines = filters["vpn_plan_summary"](plan, "site-a")
    assert lines[0] == "site-a: 3 ike, 3 ipsec, 2 tunnel_interfaces, 2 zones, 2 policies, 1 routes"
    assert "  ab/primary -> site-b vpn vpn-primary gateway primary-gateway via st0.0 link 10.1.1.1/30" in lines
    both = filters["vpn_plan_summary"](plan, ["site-a", "site-b"])
    assert [line.split(":")[0] for line in both if not line.startswith(" ")] == ["site-a", "site-b"]
    assert filters["vpn_plan_summary"](plan, ["site-b"]) == filters["vpn_plan_summary"](plan, "site-b")


def test_gateway_and_vpn_options():
    tun = dict(SEED[0], dpd={"interval": 10, "threshold": 5, "mode": "always-send"}, nat_traversal=False,
               nat_keepalive=20, df_bit="copy", establish_tunnels="on-traffic",
               vpn_monitor={"optimized": True})
    config = build_plan(SITES, [tun])["devices"]["site-a"]["config"]
    gateway = items(config, "ike", "gateways")["remote-site"]
    assert gateway["dead_peer_detection"] == {"interval": 10, "mode": "always-send", "threshold": 5}
    assert (gateway["no_nat_traversal"], gateway["nat_keepalive"]) == (True, 20)
    vpn = items(config, "ipsec", "vpns")["vpn-to-remote-site"]
    assert (vpn["df_bit"], vpn["establish_tunnels"]) == ("copy", "on-traffic")
    assert vpn["vpn_monitor"] == {"destination_ip": "10.1.1.2", "optimized": True, "source_interface": "st0.0"}


def test_spokes_without_a_summary_route_each_other_spoke_lan():
    tunnel = hub_tunnel(["spoke1", "spoke2", "spoke3"])
    del tunnel["spoke_routes"]
    plan = build_plan(hub_sites(3), [tunnel])
    routes = {r["destination"] for r in plan["devices"]["spoke1"]["config"]["routes"]["routes"]}
    assert routes == {"10.10.0.0/24", "10.20.2.0/24", "10.20.3.0/24"}
    tunnel["spoke_to_spoke"] = False
    plan = build_plan(hub_sites(3), [tunnel])
    assert {r["destination"] for r in plan["devices"]["spoke1"]["config"]["routes"]["routes"]} == {"10.10.0.0/24"}
    assert ("vpn", "vpn") not in {(p["from_zone"], p["to_zone"])
                                  for p in plan["devices"]["hub"]["config"]["policies"]["policies"]}

"""Hub and 3 spokes: every spoke's tunnel comes up and spoke-to-spoke traffic passes through the hub
(decrypted there, policy vpn->vpn, re-encrypted towards the other spoke)."""
import ipaddress

from srxsim.network.dataplane import DataPlane

from netcases import build, hub, hub_topology, spoke, spoke_lan


def test_spoke_to_spoke_through_the_hub():
    configs = {"hub": hub(3), **{f"spoke{n}": spoke(n) for n in (1, 2, 3)}}
    state = build(hub_topology(3), configs)
    for n in (1, 2, 3):
        sa = state.sa_for(f"spoke{n}", "to-hub")
        assert sa is not None and sa.responder == ("hub", f"vpn-spoke{n}")
    walk = DataPlane(state).ping_once(None, ipaddress.IPv4Address(f"{spoke_lan(1)}.10"),
                                      ipaddress.IPv4Address(f"{spoke_lan(3)}.10"), host="pc-1")
    assert walk.drop is None, walk.trace
    hops = [line.split(":")[0] for line in walk.trace]
    assert hops.index("hub") < hops.index("spoke3")
    assert any(line.startswith("hub: policy allow (vpn -> vpn)") for line in walk.trace)
    assert state.counters["hub"].decrypted_packets == 2 and state.counters["hub"].encrypted_packets == 2


def test_hub_without_intra_zone_policy_drops_spoke_to_spoke():
    text = "\n".join(l for l in hub(3).splitlines() if "from-zone vpn to-zone vpn" not in l)
    state = build(hub_topology(3), {"hub": text, **{f"spoke{n}": spoke(n) for n in (1, 2, 3)}})
    walk = DataPlane(state).ping_once(None, ipaddress.IPv4Address(f"{spoke_lan(1)}.10"),
                                      ipaddress.IPv4Address(f"{spoke_lan(2)}.10"), host="pc-1")
    assert walk.drop == "hub: denied by default policy (from-zone vpn to-zone vpn)"

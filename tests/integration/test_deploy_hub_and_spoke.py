"""Hub and spokes from inventory: adding a spoke changes only the hub and that spoke, removing one
removes exactly its objects, rotating one spoke's key changes only the two ends."""
import json

import pytest

from test_deploy_support import applied, changed_devices, deployment

pytest.importorskip("srxsim.testing", reason="the lab package (lab/) is not installed")

DEVICES = ("hub", "spoke1", "spoke2", "spoke3")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with deployment("hub_and_spoke", tmp_path_factory.mktemp("hub")) as dep:
        yield dep


def set_spokes(dep, names, psk_of=None):
    data = dep.vpn_vars()
    tunnel = data["vpn_tunnels"][0]
    tunnel["spokes"] = [{"host": n, "psk": (psk_of or {}).get(n, "{{ vault_psk_%s }}" % n)} for n in names]
    dep.write_vpn_vars(data)


def snapshot(dep):
    return {d: (dep.config_lines(d), dep.commit_count(d)) for d in DEVICES}


def vpn_lines(lines):
    """The statements the collection manages (everything but the lab's base configuration).

    A bare `set security policies` is the container left once its last zone pair is deleted.
    """
    return {line for line in lines if " ike " in line or " ipsec " in line or "st0" in line
            or "apply-macro" in line or "policies " in line or "route 10." in line}


def test_two_spokes_converge_and_verify(hub):
    set_spokes(hub, ["spoke1", "spoke2"])
    run = hub.deploy()
    assert run.rc == 0, run.stdout[-3000:]
    assert changed_devices(run) == ["hub", "spoke1", "spoke2"]
    assert applied(run)["spoke3"]["changed"] is False
    run, report = hub.verify()
    assert run.rc == 0 and report["all_ok"] and len(report["tunnels"]) == 4


def test_adding_a_spoke_changes_only_the_hub_and_that_spoke(hub):
    before = snapshot(hub)
    set_spokes(hub, ["spoke1", "spoke2", "spoke3"])
    run = hub.deploy()
    assert run.rc == 0, run.stdout[-3000:]
    assert changed_devices(run) == ["hub", "spoke3"]
    after = snapshot(hub)
    for quiet in ("spoke1", "spoke2"):
        assert after[quiet] == before[quiet]
    # Nothing of spoke1's or spoke2's tunnel moved on the hub: only statements were added.
    assert before["hub"][0] - after["hub"][0] == set()
    assert applied(run)["hub"]["counts"]["removed"] == 0


def test_removing_a_spoke_removes_exactly_its_objects(hub):
    with_spoke2 = snapshot(hub)
    allocation = json.loads((hub.reports / "vpn-allocation.json").read_text())["allocation"]
    slot = next(a["slot"] for a in allocation if a["key"] == "corp/spoke2")
    marks = ("spoke2", "10.1.2.0/24", "st0.%d" % slot, "unit %d " % slot, "||%d\"" % slot)
    set_spokes(hub, ["spoke1", "spoke3"])
    run = hub.deploy()
    assert run.rc == 0, run.stdout[-3000:]
    assert changed_devices(run) == ["hub", "spoke2"]
    after = snapshot(hub)
    assert vpn_lines(after["spoke2"][0]) == set()
    assert "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike" \
        in after["spoke2"][0]
    gone = with_spoke2["hub"][0] - after["hub"][0]
    assert gone and all(any(mark in line for mark in marks) for line in gone), gone
    assert after["hub"][0] - with_spoke2["hub"][0] == set()
    assert after["spoke1"] == with_spoke2["spoke1"] and after["spoke3"] == with_spoke2["spoke3"]


def test_rotating_one_spoke_key_changes_only_the_two_ends(hub):
    before = snapshot(hub)
    set_spokes(hub, ["spoke1", "spoke3"], psk_of={"spoke1": "rotated-spoke1-key-2027"})
    run = hub.deploy()
    assert run.rc == 0, run.stdout[-3000:]
    assert changed_devices(run) == ["hub", "spoke1"]
    assert applied(run)["hub"]["changes"] == ["changed IKE policy ike-corp-spoke1"]
    assert snapshot(hub)["spoke3"] == before["spoke3"]
    assert "rotated-spoke1-key-2027" not in run.stdout
    run, report = hub.verify()
    assert run.rc == 0 and report["all_ok"]

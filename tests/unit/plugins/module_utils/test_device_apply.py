"""The apply engine over a stand-in connection: which RPCs a device gets, and nothing before the intent is valid."""
import pytest

from fake_netconf import FakeJunos

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import device_apply
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NetconfChannel
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.validate import ValidationError

PSK = "s3cret-pre-shared"
CONFIG = {"ike": {"policies": [{"name": "pol", "mode": "main", "proposal_set": "standard",
                                "pre_shared_key": {"ascii_text": PSK}}]}}
DIFF = "[edit security ike]\n+   policy pol {\n+       pre-shared-key ascii-text \"%s\"; ## SECRET-DATA\n+   }" % PSK


def params(**overrides):
    base = {"config": CONFIG, "tunnels": [], "confirmed": 2, "comment": "unit", "health_gate": {}}
    return dict(base, **overrides)


def run(device, check_mode=False, diff_mode=False, **overrides):
    return device_apply.apply_device(NetconfChannel(device), params(**overrides), check_mode, diff_mode)


@pytest.mark.parametrize("config, message", [
    ({"vpn_stuff": [{"name": "x"}]}, "config has unknown resources: vpn_stuff"),
    ({"ike": {"proposals": [{"name": "p1", "lifetime_seconds": 10}]}},
     "proposals[name=p1].lifetime_seconds: 10 is out of range 180..86400"),
])
def test_bad_config_fails_before_any_rpc(config, message):
    device = FakeJunos()
    with pytest.raises(ValidationError, match=message.replace("[", r"\[")):
        run(device, config=config)
    assert device.calls == []


def test_nothing_planned_and_nothing_managed_is_one_read():
    device = FakeJunos()
    result, warnings = run(device, config={})
    assert device.calls == ["get-configuration"]
    assert (result["changed"], result["committed"], warnings) == (False, False, [])


def test_check_mode_proves_the_commit_and_hides_the_key_in_the_diff():
    device = FakeJunos(diff=DIFF)
    result, _warnings = run(device, check_mode=True, diff_mode=True)
    assert device.calls == ["get-configuration", "lock", "load-configuration", "compare", "commit-check",
                            "discard-changes", "unlock"]
    assert result["changed"] and not result["committed"] and not device.commits
    assert PSK not in result["diff"]["prepared"] and "policy pol" in result["diff"]["prepared"]
    assert "added IKE policy pol" in result["changes"]


def test_a_change_is_one_confirmed_commit_confirmed_by_commit_check():
    device = FakeJunos(diff=DIFF)
    result, _warnings = run(device, health_gate={"timeout": 150})
    assert device.calls == ["get-configuration", "lock", "load-configuration", "compare", "commit-configuration",
                            "get-commit-information", "unlock", "get-commit-information", "commit-check"]
    assert len(device.commits) == 1 and result["committed"] and "gate" not in result
    # The confirm timer outlasts the gate timeout by a minute: 150 s + 60 s -> 4 minutes, not the 2 asked.
    assert device.commits[0].findtext("confirm-timeout") == "4"


def test_unconfirmed_commit_when_confirmed_is_zero():
    device = FakeJunos(diff=DIFF)
    result, _warnings = run(device, confirmed=0)
    assert device.commits[0].find("confirmed") is None and result["committed"]
    assert "commit-check" not in device.calls


def test_psks_lists_every_key_of_the_planned_ike_policies():
    config = {"ike": {"policies": [{"name": "a", "pre_shared_key": {"ascii_text": "k1"}},
                                   {"name": "b", "pre_shared_key": {"hexadecimal": "abcd"}}, {"name": "c"}]}}
    assert device_apply.psks(config) == ["k1", "abcd"] and device_apply.psks({}) == []

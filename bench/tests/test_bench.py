"""The benchmark's pure parts: generated scenarios plan as intended, the intended-state check is strict.

    .venv/bin/python -m pytest -q bench/tests
"""
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests" / "lib"))
import report  # noqa: E402
import scenario  # noqa: E402
import seed004  # noqa: E402
import state  # noqa: E402
from srxsim import secret9  # noqa: E402  (state puts lab/ on sys.path)


def test_seed004_template_renders_the_seed_statements(tmp_path):
    scen = scenario.seed004(tmp_path / "s")
    plan = state.plan_of_inventory(scen.inventory, scenario.VAULT_PASSWORD_FILE, scen.active)
    lines = state.canonical(state.render_set(plan["devices"]["site-a"]["config"]))
    assert set(seed004.SITE_A) <= lines
    assert any(line.startswith("set security ike policy ike-policy pre-shared-key ascii-text ") for line in lines)


def test_hub_and_spoke_steps_edit_the_intent(tmp_path):
    scen = scenario.hub_and_spoke(tmp_path / "h", 3)
    hosts = list(scen.active)
    plan = state.plan_of_inventory(scen.inventory, scenario.VAULT_PASSWORD_FILE, hosts)
    assert sorted(plan["devices"]) == sorted(hosts) and len(hosts) == 4
    assert "$ANSIBLE_VAULT" in (scen.inventory / "group_vars" / "all" / "vault.yml").read_text()
    added = scen.add_spoke()
    scen.write_inventory()
    assert added == "spoke004" and added in (scen.inventory / "hosts.yml").read_text()
    old = scen.psks["spoke001"]
    assert scen.rotate_psk() == "spoke001" and scen.psks["spoke001"] != old
    scen.write_inventory()
    plan = state.plan_of_inventory(scen.inventory, scenario.VAULT_PASSWORD_FILE, scen.active)
    spoke1 = state.render_set(plan["devices"]["spoke001"]["config"])
    assert any(scen.psks["spoke001"] in line for line in spoke1)


def test_check_decodes_secrets_and_names_differences():
    intended = ['set security ike policy p pre-shared-key ascii-text "s3cret"', "set interfaces st0 unit 1 family inet address 10.0.0.1/30"]
    device = 'set security ike policy p pre-shared-key ascii-text "%s"\nset interfaces st0 unit 1 family inet address 10.0.0.1/30\n' % (
        secret9.encrypt("s3cret"))
    assert state.check("", device, intended) == []
    wrong = device.replace("10.0.0.1/30", "10.0.0.5/30") + "set system host-name outside-scope\n"
    assert state.check("", wrong, intended) == [
        "missing: set interfaces st0 unit 1 family inet address 10.0.0.1/30",
        "unexpected: set interfaces st0 unit 1 family inet address 10.0.0.5/30"]
    rotated = secret9.encrypt("other")
    problems = state.check("", device.replace(device.split('"')[1], rotated), intended)
    assert problems and all("s3cret" not in p and "other" not in p for p in problems)


@pytest.mark.parametrize("per_device, holds", [([1], True), ([2], False)])
def test_commit_claim_uses_measured_counts(per_device, holds):
    row = {"tool": "collection", "scenario": "s", "step": "first deploy", "commits": {"a": per_device[0]},
           "total_commits": per_device[0]}
    found = report.claims([row], [])
    assert found[0][:2] == ("one commit per changed device per deploy", holds)


def test_floor_line_sets_each_rerun_against_the_one_module_reference():
    rerun = {"collection": {"wall": 45.0}, "per_task": {"wall": 225.0}}
    line = report.floor_line({"wall": 30.0, "rc": 0}, rerun)
    assert "took **30.0 s** (rc 0)" in line
    assert "netsec.srx_vpn 45.0 s (1.5x the reference), per-task baseline 225.0 s (7.5x the reference)." in line

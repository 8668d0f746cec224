"""Seed 004 end to end: deploy from inventory, seed 004's statements on the device, verify,
idempotency without commit, a PSK broken outside Ansible fails the gate and rolls back, and bad
intent fails before any device is contacted."""
import pytest

import seed004
from test_deploy_support import applied, changed_devices, deployment, failure_text

pytest.importorskip("srxsim.testing", reason="the lab package (lab/) is not installed")

TRANSACTION_RPCS = {"lock-configuration", "lock", "load-configuration", "commit-configuration", "commit"}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    with deployment("seed004", tmp_path_factory.mktemp("seed004")) as dep:
        yield dep


def test_deploy_converges_with_seed004_statements_and_verifies(seed):
    run = seed.deploy()
    assert run.rc == 0, run.stdout[-3000:]
    assert changed_devices(run) == ["site-a", "site-b"]
    for host, result in applied(run).items():
        assert result["committed"] and result["gate"]["passed"], host
        assert result["counts"] == {"added": 9, "changed": 0, "removed": 0}
    lines = seed.config_lines("site-a")
    assert [s for s in seed004.SITE_A if s not in lines] == []
    assert any(line.startswith('set security ike policy ike-policy pre-shared-key ascii-text "$9$') for line in lines)
    assert "seed004-lab-psk" not in run.stdout
    run, report = seed.verify()
    assert run.rc == 0 and report["all_ok"]
    assert {(r["host"], r["phase1"], r["phase2"], r["ping"]) for r in report["tunnels"]} == {
        ("site-a", "UP", "UP", "OK"), ("site-b", "UP", "UP", "OK")}


def test_second_run_changes_nothing_and_sends_no_transaction(seed):
    commits = {h: seed.commit_count(h) for h in ("site-a", "site-b")}
    logged = {h: len(seed.lab.rpc_log(h)) for h in ("site-a", "site-b")}
    run = seed.deploy()
    assert run.rc == 0 and changed_devices(run) == []
    for host in ("site-a", "site-b"):
        assert seed.commit_count(host) == commits[host]
        rpcs = [e["rpc"] for e in seed.lab.rpc_log(host)[logged[host]:]]
        assert rpcs.count("get-configuration") == 1 and not TRANSACTION_RPCS & set(rpcs), rpcs


def test_check_mode_returns_the_device_diff_and_commits_nothing(seed):
    data = seed.vpn_vars()
    data["vpn_tunnels"][0]["df_bit"] = "clear"
    seed.write_vpn_vars(data)
    try:
        commits = seed.commit_count("site-a")
        run = seed.deploy(check=True, diff=True)
        assert run.rc == 0
        result = applied(run)["site-a"]
        assert result["changed"] and result["counts"]["changed"] == 1
        assert "df-bit clear" in result["diff"]["prepared"]
        assert seed.commit_count("site-a") == commits
    finally:
        data["vpn_tunnels"][0].pop("df_bit")
        seed.write_vpn_vars(data)


def test_psk_broken_outside_ansible_fails_the_gate_and_rolls_back(seed):
    with seed.lab.connect("site-b") as conn:
        conn.lock()
        conn.load_configuration(action="set", format="text", config=[
            'set security ike policy ike-policy pre-shared-key ascii-text "not-the-vaulted-key"'])
        conn.commit()
        conn.unlock()
    before = seed.config_lines("site-a")
    data = seed.vpn_vars()
    data["vpn_tunnels"][0]["df_bit"] = "clear"
    seed.write_vpn_vars(data)
    try:
        run = seed.deploy(limit="site-a", extra_vars={
            "vpn_health_gate": {"timeout": 6, "interval": 2, "ping": True, "ping_count": 1}})
        assert run.rc != 0
        result = applied(run)["site-a"]
        assert result["rolled_back"] and not result["gate"]["passed"]
        assert "health gate failed" in result["msg"] and "IKE SA with 203.0.113.1 not up" in result["msg"]
        assert seed.config_lines("site-a") == before
        assert seed.lab.commits("site-a")[0]["log"] == "netsec.srx_vpn: rollback after failed health gate"
        assert "not-the-vaulted-key" not in failure_text(run)
    finally:
        data["vpn_tunnels"][0].pop("df_bit")
        seed.write_vpn_vars(data)
    # Ansible puts the vaulted key back on site-b; the tunnel comes up again.
    run = seed.deploy()
    assert run.rc == 0 and changed_devices(run) == ["site-b"]


def test_bad_intent_fails_before_any_device_is_contacted(seed):
    logged = {h: len(seed.lab.rpc_log(h)) for h in ("site-a", "site-b")}
    data = seed.vpn_vars()
    broken = dict(data["vpn_tunnels"][0], psk=None, profile="gold")
    run = seed.deploy(extra_vars={"vpn_tunnels": [broken]})
    assert run.rc != 0
    text = failure_text(run)
    assert "host -, tunnel seed004, field profile: unknown crypto profile 'gold'" in text
    run = seed.deploy(extra_vars={"vpn_tunnels": [dict(data["vpn_tunnels"][0], psk="")]})
    assert run.rc != 0 and "host -, tunnel seed004, field psk: missing pre-shared key" in failure_text(run)
    assert {h: len(seed.lab.rpc_log(h)) for h in ("site-a", "site-b")} == logged

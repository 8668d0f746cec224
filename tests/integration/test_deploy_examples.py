"""The redundant (seed 004, two ISPs) and policy-based examples converge, verify, and stay put."""
import pytest

from test_deploy_support import applied, changed_devices, deployment

pytest.importorskip("srxsim.testing", reason="the lab package (lab/) is not installed")

REDUNDANT_SITE_A = [
    "set security ike gateway primary-gateway address 203.0.113.1",
    "set security ike gateway primary-gateway external-interface ge-0/0/0",
    "set security ike gateway secondary-gateway address 198.51.100.1",
    "set security ike gateway secondary-gateway external-interface ge-0/0/1",
    "set security ipsec vpn vpn-primary ike gateway primary-gateway",
    "set security ipsec vpn vpn-secondary ike gateway secondary-gateway",
    "set security ipsec vpn vpn-primary bind-interface st0.0",
    "set security ipsec vpn vpn-secondary bind-interface st0.1",
    "set routing-options static route 192.168.2.0/24 next-hop st0.0",
    "set routing-options static route 192.168.2.0/24 preference 10",
    "set routing-options static route 192.168.2.0/24 qualified-next-hop st0.1 preference 20",
    "set interfaces st0 unit 0 family inet address 10.1.1.1/30",
]
POLICY_SITE_A = [
    "set security policies from-zone trust to-zone untrust policy vpn-seed004-policy-out then permit tunnel "
    "ipsec-vpn vpn-to-remote-site",
    "set security policies from-zone trust to-zone untrust policy vpn-seed004-policy-out then permit tunnel "
    "pair-policy vpn-seed004-policy-in",
    "set security address-book global address net-192.168.2.0/24 192.168.2.0/24",
]


@pytest.mark.parametrize("name,statements", [("redundant", REDUNDANT_SITE_A), ("policy_based", POLICY_SITE_A)])
def test_example_converges_verifies_and_second_run_commits_nothing(name, statements, tmp_path):
    with deployment(name, tmp_path) as dep:
        run = dep.deploy()
        assert run.rc == 0, run.stdout[-3000:]
        assert changed_devices(run) == ["site-a", "site-b"]
        assert all(r["gate"]["passed"] for r in applied(run).values())
        lines = dep.config_lines("site-a")
        assert [s for s in statements if s not in lines] == []
        run, report = dep.verify()
        assert run.rc == 0 and report["all_ok"]
        assert {(r["phase1"], r["phase2"]) for r in report["tunnels"]} == {("UP", "UP")}
        commits = {h: dep.commit_count(h) for h in ("site-a", "site-b")}
        run = dep.deploy()
        assert run.rc == 0 and changed_devices(run) == []
        assert {h: dep.commit_count(h) for h in ("site-a", "site-b")} == commits

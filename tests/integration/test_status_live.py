"""status module and doctor.yml (live mode) against the lab over NETCONF: seed 004's two sites
with the VPN configured, then with different pre-shared keys on the two ends."""
import json
from pathlib import Path

import pytest
import yaml

from playbook_runner import REPO, run_playbook

srxsim_testing = pytest.importorskip("srxsim.testing", reason="the lab package (lab/) is not installed")

SEED_TOPOLOGY = Path(REPO) / "lab" / "topologies" / "seed004.yml"
PLAYBOOK = Path(REPO) / "playbooks" / "doctor.yml"


def vpn_lines(peer, st0, remote_lan, psk):
    policy = "set security policies from-zone {0} to-zone {1} policy {2} "
    lines = [
        "set interfaces st0 unit 0 family inet address %s" % st0,
        "set security ike policy ike-policy proposal-set standard",
        'set security ike policy ike-policy pre-shared-key ascii-text "%s"' % psk,
        "set security ike gateway remote-site ike-policy ike-policy",
        "set security ike gateway remote-site address %s" % peer,
        "set security ike gateway remote-site external-interface ge-0/0/0",
        "set security ipsec policy ipsec-policy proposal-set standard",
        "set security ipsec vpn vpn-to-remote-site bind-interface st0.0",
        "set security ipsec vpn vpn-to-remote-site ike gateway remote-site",
        "set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy",
        "set security ipsec vpn vpn-to-remote-site establish-tunnels immediately",
        "set security zones security-zone vpn interfaces st0.0",
        "set routing-options static route %s next-hop st0.0" % remote_lan,
    ]
    for src, dst, name in (("trust", "vpn", "allow-out"), ("vpn", "trust", "allow-in")):
        prefix = policy.format(src, dst, name)
        lines += [prefix + "match source-address any", prefix + "match destination-address any",
                  prefix + "match application any", prefix + "then permit"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("status")
    topology = yaml.safe_load(SEED_TOPOLOGY.read_text())
    topology["devices"]["site-a"]["config"] += vpn_lines("203.0.113.1", "10.1.1.1/30", "192.168.2.0/24", "lab-psk")
    topology["devices"]["site-b"]["config"] += vpn_lines("192.0.2.1", "10.1.1.2/30", "192.168.1.0/24", "lab-psk")
    path = tmp / "seed004-vpn.yml"
    path.write_text(yaml.safe_dump(topology, sort_keys=False))
    with srxsim_testing.running_lab(path, tmp / "lab") as running:
        running.tmp = tmp
        yield running


def status_playbook(tmp):
    path = tmp / "status.yml"
    path.write_text(yaml.safe_dump([{
        "name": "Read VPN state", "hosts": "srxsim", "gather_facts": False,
        "tasks": [{"name": "Read the tunnels' state", "netsec.srx_vpn.status": {}, "register": "vpn_state"}]}]))
    return path


def set_psk(lab, device, psk):
    from lxml import etree
    with lab.connect(device) as conn:
        conn.lock()
        conn.load_configuration(action="set", format="text",
                                config='set security ike policy ike-policy pre-shared-key ascii-text "%s"' % psk)
        conn.commit()
        conn.unlock()
    assert etree  # lxml is what ncclient's junos handler uses


def test_status_reads_both_phases_up_by_vpn_name(lab):
    run = run_playbook(status_playbook(lab.tmp), lab.inventory)
    assert run.rc == 0, run.stdout[-3000:]
    results = run.task_results("Read the tunnels' state")
    for host, peer in (("site-a", "203.0.113.1"), ("site-b", "192.0.2.1")):
        result = results[host]
        assert result["changed"] is False
        assert result["all_up"] is True
        tunnel = result["tunnels"]["vpn-to-remote-site"]
        assert (tunnel["peer"], tunnel["ike"], tunnel["ipsec"]) == (peer, "UP", "UP")
        assert tunnel["inbound_spi"] and tunnel["outbound_spi"]
        assert result["ike_sas"][0]["state"] == "UP" and result["ike_sas"][0]["gateway"] == "remote-site"
        assert result["ipsec_sas"]["tunnels"][0]["vpn_name"] == "vpn-to-remote-site"
    # each end's inbound SPI is the other's outbound SPI
    a, b = (results[h]["tunnels"]["vpn-to-remote-site"] for h in ("site-a", "site-b"))
    assert a["inbound_spi"] == b["outbound_spi"] and a["outbound_spi"] == b["inbound_spi"]
    assert "lab-psk" not in run.stdout


def test_doctor_playbook_live_predicts_what_the_devices_show(lab):
    report_dir = lab.tmp / "reports"
    run = run_playbook(PLAYBOOK, lab.inventory, extra_vars={"doctor_hosts": "srxsim", "vpn_report_dir": str(report_dir)})
    assert run.rc == 0, run.stdout[-3000:]
    data = json.loads((report_dir / "vpn-doctor.json").read_text())
    assert [(t["hosts"], t["status"]) for t in data["tunnels"]] == [(["site-a", "site-b"], "ESTABLISHED")]

    set_psk(lab, "site-b", "another-psk")
    run = run_playbook(PLAYBOOK, lab.inventory, extra_vars={"doctor_hosts": "srxsim", "vpn_report_dir": str(report_dir)})
    assert run.rc != 0
    data = json.loads((report_dir / "vpn-doctor.json").read_text())
    assert data["tunnels"][0]["status"] == "IKE_PHASE1_KEY_MISMATCH"
    assert "IKE_PHASE1_KEY_MISMATCH" in (report_dir / "vpn-doctor.txt").read_text()
    for text in (run.stdout, (report_dir / "vpn-doctor.json").read_text()):
        assert "another-psk" not in text and "lab-psk" not in text

    state = run_playbook(status_playbook(lab.tmp), lab.inventory).task_results("Read the tunnels' state")["site-a"]
    assert state["all_up"] is False
    assert state["tunnels"]["vpn-to-remote-site"]["ipsec"] == "DOWN"
    assert "Authentication failed" in state["inactive_tunnels"]["tunnels"][0]["reason"]

"""The doctor module and the vpn_doctor / SA filters, run the way Ansible runs them (no device)."""
import json
from pathlib import Path

import pytest

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible.errors import AnsibleFilterError  # noqa: E402
from ansible.module_utils.testing import patch_module_args  # noqa: E402

from ansible_collections.netsec.srx_vpn.plugins.filter import ike_sa, ipsec_sa, vpn_doctor  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import build_plan  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.modules import doctor  # noqa: E402

FIXTURES = Path(REPO) / "tests" / "fixtures"
SITES = {
    "site-a": {"external_interface": "ge-0/0/0", "external_address": "198.51.100.10",
               "lan_subnets": ["192.168.1.0/24"], "lan_address": "192.168.1.1"},
    "site-b": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.1",
               "lan_subnets": ["192.168.2.0/24"], "lan_address": "192.168.2.1"},
}
NAMES = {"gateway": "remote-site", "vpn": "vpn-to-remote-site", "ike_policy": "ike-policy",
         "ipsec_policy": "ipsec-policy"}
SEED = [{"name": "seed004", "type": "site_to_site", "ends": ["site-a", "site-b"], "psk": "s3cret-psk",
         "link": "10.1.1.0/30", "st0_unit": 0, "names": NAMES}]


def run(args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            doctor.main()
    return json.loads(capsys.readouterr().out)


def test_plan_of_seed004_is_established_and_keeps_the_key_secret(capsys):
    plan = build_plan(SITES, SEED, {})
    result = run({"plan": plan}, capsys)
    assert result["changed"] is False and "failed" not in result
    assert [t["status"] for t in result["tunnels"]] == ["ESTABLISHED"]
    assert "s3cret-psk" not in json.dumps(result)
    assert result["report"][-1].startswith("1 tunnel(s): 1 ESTABLISHED")


def test_plan_with_different_keys_per_end_fails_with_the_finding(capsys):
    plan = build_plan(SITES, SEED, {})
    plan["devices"]["site-b"]["config"]["ike"]["policies"][0]["pre_shared_key"]["ascii_text"] = "0ther-psk"
    result = run({"plan": plan}, capsys)
    assert result["failed"] is True and result["msg"] == "netsec.srx_vpn.doctor: 1 error(s) found; see report"
    assert result["tunnels"][0]["status"] == "IKE_PHASE1_KEY_MISMATCH"
    assert "s3cret-psk" not in json.dumps(result) and "0ther-psk" not in json.dumps(result)


def test_saved_configs_offline_without_failing(capsys):
    result = run({"configs": [str(FIXTURES / "configs" / "seed004")], "fail_on_error": False}, capsys)
    assert "failed" not in result
    assert {f["check"] for f in result["tunnels"][0]["findings"]} >= {"psk-missing", "missing-end-point"}


def test_bad_file_is_a_clear_failure_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "edge1.conf"
    bad.write_text("security {\n    ike {\n")
    result = run({"configs": [str(bad)]}, capsys)
    assert result["failed"] is True
    assert result["msg"].startswith("netsec.srx_vpn.doctor: %s: the file ends early" % bad)
    assert "Traceback" not in json.dumps(result)


def test_gathered_and_files_together_and_duplicates(capsys):
    site_a = (FIXTURES / "doctor" / "site-a.set").read_text()
    result = run({"configs": [str(FIXTURES / "doctor" / "site-b.set")], "gathered": {"site-a": site_a}}, capsys)
    assert [t["status"] for t in result["tunnels"]] == ["ESTABLISHED"]
    result = run({"configs": [str(FIXTURES / "doctor")], "gathered": {"site-a": site_a}}, capsys)
    assert result["failed"] is True and "host 'site-a' is given twice" in result["msg"]


def test_vpn_doctor_filter_inputs():
    flt = vpn_doctor.FilterModule().filters()
    by_files = flt["vpn_doctor"]([str(FIXTURES / "doctor")])
    assert by_files["summary"]["ok"] is True
    by_plan = flt["vpn_doctor"](build_plan(SITES, SEED, {}))
    assert by_plan["tunnels"][0]["hosts"] == ["site-a", "site-b"]
    assert "ESTABLISHED" in flt["vpn_doctor_report"](by_plan)
    with pytest.raises(AnsibleFilterError, match="vpn_doctor: .*nowhere: no such file or directory"):
        flt["vpn_doctor"](["nowhere"])
    with pytest.raises(AnsibleFilterError, match="expected a vpn_plan result"):
        flt["vpn_doctor"](42)


def test_sa_filters():
    ike = (FIXTURES / "junos-rpc-samples" / "get-ike-security-associations-information-vsrx.xml").read_text()
    ipsec = (FIXTURES / "junos-rpc-samples" / "get-security-associations-information-vsrx.xml").read_text()
    assert ike_sa.FilterModule().filters()["ike_sa"](ike)[0]["state"] == "UP"
    filters = ipsec_sa.FilterModule().filters()
    assert filters["ipsec_sa"](ipsec)["tunnels"][0]["outbound_spi"] == "70973f3d"
    states = filters["vpn_tunnel_states"](ipsec, ike, {"lab-ipsec-vpn": "192.168.1.161"})
    assert states["lab-ipsec-vpn"]["ipsec"] == "UP"
    error = (FIXTURES / "junos-rpc-samples" / "rpc-error-unknown-rpc-vsrx.xml").read_text()
    with pytest.raises(AnsibleFilterError, match="ipsec_sa: .*syntax error"):
        filters["ipsec_sa"](error)

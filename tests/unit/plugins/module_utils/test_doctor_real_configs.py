"""The doctor on saved real SRX configurations and on seed 004's listing."""
from pathlib import Path

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor  # noqa: E402

CONFIGS = Path(REPO) / "tests" / "fixtures" / "configs"
SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"


def checks(tunnel):
    return sorted(f["check"] for f in tunnel["findings"])


def test_seed004_reports_the_missing_pre_shared_key():
    result = doctor.diagnose_files(str(CONFIGS / "seed004"))
    (tunnel,) = result["tunnels"]
    assert tunnel["status"] == "MISSING_END_POINT"  # the remote site (203.0.113.1) is not given
    # the listing never configures ge-0/0/0 (so no zone check on it either) and only trust -> vpn
    assert checks(tunnel) == ["external-interface-missing", "missing-end-point", "policy-missing", "psk-missing"]
    # its policy names zone trust, which the listing never defines
    assert [(f["check"], f["message"]) for f in result["findings"]] == [
        ("policy-zone-missing", "policy allow-vpn (trust -> vpn) names security zone trust, which is not defined")]
    psk = next(f for f in tunnel["findings"] if f["check"] == "psk-missing")
    assert psk["path"] == "security ike policy ike-policy pre-shared-key"
    assert psk["severity"] == "error" and result["summary"]["ok"] is False


def test_genuine_vsrx_display_set_two_gcp_tunnels():
    result = doctor.diagnose_files([str(CONFIGS / "gcp-community" / "vsrx.set")])
    assert [t["gateways"] for t in result["tunnels"]] == [{"vsrx": "gw_onprem-2-gcp-vpn"},
                                                          {"vsrx": "gw_onprem-2-gcp-vpn-2"}]
    assert {t["status"] for t in result["tunnels"]} == {"MISSING_END_POINT"}
    # the excerpt holds [security] only: interfaces and zones are not in it
    assert checks(result["tunnels"][0]) == ["external-interface-missing", "missing-end-point", "st0-missing"]


def test_genuine_vsrx_xml_configuration_is_clean_apart_from_the_absent_peer():
    result = doctor.diagnose_files([str(SAMPLES / "get-configuration-vsrx-route-based-vpn.xml")])
    (tunnel,) = result["tunnels"]
    assert tunnel["hosts"] == ["vSRX-test10"] and tunnel["vpns"] == {"vSRX-test10": ["lab-ipsec-vpn"]}
    assert tunnel["addresses"] == {"vSRX-test10": "192.168.1.160"}
    assert checks(tunnel) == ["missing-end-point"]


def test_genuine_vsrx_paired_with_its_mirror_is_established():
    """The peer 192.168.1.161 mirrors test10 (addresses, identities swapped): the doctor pairs them."""
    text = (SAMPLES / "get-configuration-vsrx-route-based-vpn.xml").read_text()
    mirror = (text.replace("vSRX-test10", "vSRX-test11").replace("192.168.1.160", "@@")
              .replace("192.168.1.161", "192.168.1.160").replace("@@", "192.168.1.161"))
    result = doctor.diagnose({"vSRX-test10": text, "vSRX-test11": mirror})
    (tunnel,) = result["tunnels"]
    assert tunnel["status"] == "ESTABLISHED"
    assert tunnel["hosts"] == ["vSRX-test10", "vSRX-test11"]
    # each side routes only 192.168.251.0/24 into st0.0, and both LANs are lo0-only: nothing to add
    assert checks(tunnel) == []

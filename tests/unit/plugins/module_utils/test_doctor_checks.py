"""Table-driven doctor checks: each case changes one thing in a clean two-device
VPN (tests/fixtures/doctor, seed-004 style) and must raise exactly that finding."""
import re
from pathlib import Path

import pytest

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import encode9  # noqa: E402

BASE = Path(REPO) / "tests" / "fixtures" / "doctor"
B_IKE = "set security ike "
B_VPN = "set security ipsec vpn vpn-to-a "


def base(side):
    return (BASE / ("site-%s.set" % side)).read_text().splitlines()


def build(changes):
    """changes: {side: (patterns of lines to drop, lines to add)}."""
    configs = {}
    for side in "ab":
        drop, add = changes.get(side, ((), ()))
        lines = [line for line in base(side) if not any(re.search(p, line) for p in drop)]
        configs["site-" + side] = "\n".join(lines + list(add)) + "\n"
    return configs


def only_b(drop=(), add=()):
    return {"b": (drop, add)}


def both(drop=(), add_a=(), add_b=()):
    return {"a": (drop, add_a), "b": (drop, add_b)}


# (case id, changes, the one check expected, predicted tunnel status)
CASES = [
    ("ike-proposal", only_b(["ike-p encryption"], [B_IKE + "proposal ike-p encryption-algorithm aes-128-cbc"]),
     "ike-proposal", "IKE_PHASE1_FAILED"),
    ("ike-proposal-set", both(["ike-policy proposals"], [B_IKE + "policy ike-policy proposal-set standard"],
                              [B_IKE + "policy ike-policy proposal-set basic"]),
     "ike-proposal", "IKE_PHASE1_FAILED"),
    ("psk-mismatch", only_b(["pre-shared-key ascii"], [B_IKE + 'policy ike-policy pre-shared-key ascii-text "other"']),
     "psk-mismatch", "IKE_PHASE1_KEY_MISMATCH"),
    ("psk-missing", only_b(["pre-shared-key ascii"]), "psk-missing", "IKE_PHASE1_FAILED"),
    ("ike-version", only_b(["version v2-only"], [B_IKE + "gateway to-a version v1-only"]),
     "ike-version", "IKE_PHASE1_FAILED"),
    ("ike-mode", both(["version v2-only", "mode main"], [B_IKE + "policy ike-policy mode main"],
                      [B_IKE + "policy ike-policy mode aggressive"]), "ike-mode", "IKE_PHASE1_FAILED"),
    ("identity", only_b(add=[B_IKE + "gateway to-a local-identity hostname b.example.net"]),
     "identity", "IKE_PHASE1_FAILED"),
    ("peer-address", {"a": (["gateway to-b address"], [B_IKE + "gateway to-b address 198.51.100.9"])},
     "peer-address", "IKE_PHASE1_FAILED"),
    ("external-interface-no-address", only_b(["198.51.100.2/24"], ["set interfaces ge-0/0/0 unit 0 family inet"]),
     "external-interface-no-address", "IKE_PHASE1_FAILED"),
    ("external-interface-missing", only_b(["gateway to-a external-interface"],
                                          [B_IKE + "gateway to-a external-interface ge-0/0/5"]),
     "external-interface-missing", "IKE_PHASE1_FAILED"),
    ("host-inbound-ike", only_b(["system-services ike", "establish-tunnels"],
                                ["set security zones security-zone untrust interfaces ge-0/0/0.0"]),
     "host-inbound-ike", "IKE_PHASE1_FAILED"),
    ("host-inbound-ike-initiator-only", only_b(["system-services ike"],
                                               ["set security zones security-zone untrust interfaces ge-0/0/0.0"]),
     "host-inbound-ike-initiator-only", "ESTABLISHED"),
    ("ike-policy-missing", only_b(["gateway to-a ike-policy"], [B_IKE + "gateway to-a ike-policy nope"]),
     "ike-policy-missing", "IKE_PHASE1_FAILED"),
    ("ike-proposal-undefined", only_b(add=[B_IKE + "policy ike-policy proposals nope"]),
     "ike-proposal-undefined", "ESTABLISHED"),
    ("ipsec-proposal", only_b(["ipsec-p encryption"],
                              ["set security ipsec proposal ipsec-p encryption-algorithm aes-128-gcm"]),
     "ipsec-proposal", "IPSEC_PHASE2_FAILED"),
    ("pfs", only_b(["keys group14"], ["set security ipsec policy ipsec-policy perfect-forward-secrecy keys group19"]),
     "pfs", "IPSEC_PHASE2_FAILED"),
    ("pfs-one-side", only_b(["keys group14"]), "pfs", "IPSEC_PHASE2_FAILED"),
    ("traffic-selector", only_b(add=[B_VPN + "ike proxy-identity local 192.168.2.0/24",
                                     B_VPN + "ike proxy-identity remote 192.168.1.0/24"]),
     "traffic-selector", "IPSEC_PHASE2_FAILED"),
    ("ipsec-proposal-undefined", only_b(add=["set security ipsec policy ipsec-policy proposals nope"]),
     "ipsec-proposal-undefined", "ESTABLISHED"),
    ("vpn-missing", only_b(["ipsec vpn"]), "vpn-missing", "IPSEC_PHASE2_FAILED"),
    ("ipsec-policy-missing", only_b(["vpn-to-a ike ipsec-policy"], [B_VPN + "ike ipsec-policy nope"]),
     "ipsec-policy-missing", "IPSEC_PHASE2_FAILED"),
    ("st0-missing", only_b(["^set interfaces st0"]), "st0-missing", "ESTABLISHED"),
    ("st0-no-inet", only_b(["^set interfaces st0"], ["set interfaces st0 unit 0 description tunnel"]),
     "st0-no-inet", "ESTABLISHED"),
    ("st0-no-zone", only_b(["security-zone vpn interfaces st0.0"], ["set security zones security-zone vpn"]),
     "st0-no-zone", "ESTABLISHED"),
    ("policy-zone-missing", only_b(add=[
        "set security policies from-zone trust to-zone dmz policy web match source-address any",
        "set security policies from-zone trust to-zone dmz policy web match destination-address any",
        "set security policies from-zone trust to-zone dmz policy web match application any",
        "set security policies from-zone trust to-zone dmz policy web then permit"]),
     "policy-zone-missing", "ESTABLISHED"),
    ("route-missing", only_b(["route 192.168.1.0/24"]), "route-missing", "ESTABLISHED"),
    ("policy-missing", only_b(["policy allow-in"]), "policy-missing", "ESTABLISHED"),
    ("policy-vpn-missing", only_b(add=[
        "set security policies from-zone trust to-zone untrust policy pb match source-address any",
        "set security policies from-zone trust to-zone untrust policy pb match destination-address any",
        "set security policies from-zone trust to-zone untrust policy pb match application any",
        "set security policies from-zone trust to-zone untrust policy pb then permit tunnel ipsec-vpn nope"]),
     "policy-vpn-missing", "ESTABLISHED"),
    ("vpn-gateway-missing", only_b(add=["set security ipsec vpn extra ike gateway nope"]),
     "vpn-gateway-missing", "ESTABLISHED"),
    ("ike-lifetime", only_b(["ike-p lifetime"], [B_IKE + "proposal ike-p lifetime-seconds 86400"]),
     "ike-lifetime", "ESTABLISHED"),
    ("ipsec-lifetime", only_b(["ipsec-p lifetime"], ["set security ipsec proposal ipsec-p lifetime-seconds 7200"]),
     "ipsec-lifetime", "ESTABLISHED"),
    ("dpd-one-side", only_b(add=[B_IKE + "gateway to-a dead-peer-detection interval 10"]),
     "dpd-one-side", "ESTABLISHED"),
    ("establish-on-traffic", both(["establish-tunnels"]), "establish-on-traffic", "ESTABLISHED"),
]


def checks_of(result):
    return sorted({f["check"] for t in result["tunnels"] for f in t["findings"]} |
                  {f["check"] for f in result["findings"]})


def test_clean_pair_is_established_without_findings():
    result = doctor.diagnose(build({}))
    assert [t["status"] for t in result["tunnels"]] == ["ESTABLISHED"]
    assert checks_of(result) == []
    assert result["tunnels"][0]["vpns"] == {"site-a": ["vpn-to-b"], "site-b": ["vpn-to-a"]}
    assert result["summary"]["ok"] is True


@pytest.mark.parametrize("changes, check, status", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_change_one_finding(changes, check, status):
    result = doctor.diagnose(build(changes))
    assert checks_of(result) == [check]
    assert len(result["tunnels"]) == 1
    assert result["tunnels"][0]["status"] == status
    severity = {f["check"]: f["severity"] for t in result["tunnels"] for f in t["findings"]}
    severity.update({f["check"]: f["severity"] for f in result["findings"]})
    assert severity[check] == doctor.C.CHECKS[check][0]
    assert result["summary"]["ok"] is (severity[check] != "error")


def test_every_check_is_exercised_by_a_case():
    covered = {c[2] for c in CASES} | {"missing-end-point", "psk-unreadable"}
    assert covered == set(doctor.C.CHECKS)


def test_missing_end_point_when_the_peer_is_not_among_the_inputs():
    result = doctor.diagnose({"site-a": build({})["site-a"]})
    (tunnel,) = result["tunnels"]
    assert tunnel["status"] == "MISSING_END_POINT"
    assert tunnel["hosts"] == ["site-a"]
    assert [f["check"] for f in tunnel["findings"]] == ["missing-end-point"]
    assert "198.51.100.2" in tunnel["findings"][0]["message"]


def test_encoded_and_plain_keys_compare_by_value():
    same = build(only_b(["pre-shared-key ascii"],
                        [B_IKE + 'policy ike-policy pre-shared-key ascii-text "%s"' % encode9("lab-secret-1")]))
    assert checks_of(doctor.diagnose(same)) == []
    other = build(only_b(["pre-shared-key ascii"],
                         [B_IKE + 'policy ike-policy pre-shared-key ascii-text "%s"' % encode9("lab-secret-2")]))
    result = doctor.diagnose(other)
    assert checks_of(result) == ["psk-mismatch"]
    assert "lab-secret" not in repr(result) and "$9$" not in repr(result)


@pytest.mark.parametrize("set_a, set_b", [("standard", "compatible"), ("compatible", "basic")])
def test_predefined_sets_overlap_as_junos_expands_them(set_a, set_b):
    """standard and compatible share pre-g2-3des-sha; compatible and basic share nothing."""
    result = doctor.diagnose(build(both(["ike-policy proposals"], [B_IKE + "policy ike-policy proposal-set " + set_a],
                                        [B_IKE + "policy ike-policy proposal-set " + set_b])))
    assert checks_of(result) == ([] if set_b == "compatible" else ["ike-proposal"])


def test_ipsec_standard_set_implies_pfs_group2():
    changes = both(["ipsec-policy proposals", "keys group14"],
                   ["set security ipsec policy ipsec-policy proposal-set standard"],
                   ["set security ipsec policy ipsec-policy proposal-set standard"])
    assert checks_of(doctor.diagnose(build(changes))) == []
    changes["b"] = (changes["b"][0], changes["b"][1] + [
        "set security ipsec policy ipsec-policy perfect-forward-secrecy keys group14"])
    assert checks_of(doctor.diagnose(build(changes))) == ["pfs"]


def test_findings_name_host_path_and_fix():
    result = doctor.diagnose(build(only_b(["keys group14"], [
        "set security ipsec policy ipsec-policy perfect-forward-secrecy keys group19"])))
    (finding,) = result["tunnels"][0]["findings"]
    assert finding["path"].startswith("security ipsec policy ipsec-policy perfect-forward-secrecy")
    assert {finding["host"], finding["peer_host"]} == {"site-a", "site-b"}
    assert "group14" in finding["message"] and "group19" in finding["message"]
    assert finding["fix"]
    assert "IPSEC_PHASE2_FAILED" in doctor.report(result)

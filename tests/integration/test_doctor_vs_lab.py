"""The doctor's prediction and the lab's IKE/IPsec negotiation agree on every single-change case.

Each case of the doctor's table (tests/unit/plugins/module_utils/test_doctor_checks.py) is given to
both: the doctor reads the two set-format configurations; the lab (srxsim, which never imports the
collection) loads the same configurations through its own configuration loader and negotiates.
"""
import importlib.util
import ipaddress
from pathlib import Path

import pytest

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor, junos_config  # noqa: E402

srxsim_config = pytest.importorskip("srxsim.config", reason="the lab package (lab/) is not installed")
from srxsim.clock import Clock  # noqa: E402
from srxsim.network.dataplane import DataPlane  # noqa: E402
from srxsim.network.sa import NetworkState  # noqa: E402
from srxsim.network.underlay import Underlay  # noqa: E402
from srxsim.validate import validate  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "doctor_cases", Path(REPO) / "tests" / "unit" / "plugins" / "module_utils" / "test_doctor_checks.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)

TOPOLOGY = {
    "devices": {
        "site-a": {"interfaces": {"ge-0/0/0": {"network": "internet"}, "ge-0/0/1": {"network": "lan-a"}}},
        "site-b": {"interfaces": {"ge-0/0/0": {"network": "internet"}, "ge-0/0/1": {"network": "lan-b"}}},
    },
    "networks": {
        "internet": {"kind": "internet"},
        "lan-a": {"kind": "lan", "hosts": {"pc-a": "192.168.1.10"}},
        "lan-b": {"kind": "lan", "hosts": {"pc-b": "192.168.2.10"}},
    },
}
# the lab's failure codes (srxsim.network.negotiate.FAILURES) in the doctor's status words
PHASE2 = {"PHASE2_CONFIG", "PHASE2_PROPOSAL", "PFS", "TRAFFIC_SELECTOR"}


def lab(configs):
    """(status of site-a's VPN after the lab negotiated, in the doctor's words; lab's reason;
    whether the lab's commit check refuses a configuration)."""
    state = NetworkState(Underlay.from_topology(TOPOLOGY), Clock(realtime=False, start=1_780_000_000.0).now)
    refused = False
    for host, text in configs.items():
        xml = junos_config.ET.tostring(junos_config.parse_config(text, host), encoding="unicode")
        loaded = srxsim_config.load_configuration(srxsim_config.Configuration.empty(), xml, action="merge", fmt="xml")
        refused = refused or bool(validate(loaded))
        state.set_config(host, loaded.to_xml())
    if state.sa_for("site-a", "vpn-to-b") is None and state.inactive[("site-a", "vpn-to-b")].verdict.failure is None:
        # negotiable but on-traffic: traffic from site-a's LAN brings it up
        DataPlane(state).ping_once(None, ipaddress.IPv4Address("192.168.1.10"),
                                   ipaddress.IPv4Address("192.168.2.10"), host="pc-a")
    if state.sa_for("site-a", "vpn-to-b") is not None:
        return "ESTABLISHED", "", refused
    verdict = state.inactive[("site-a", "vpn-to-b")].verdict
    if verdict.failure == "AUTHENTICATION":
        return "IKE_PHASE1_KEY_MISMATCH", verdict.reason, refused
    return ("IPSEC_PHASE2_FAILED" if verdict.failure in PHASE2 else "IKE_PHASE1_FAILED"), verdict.reason, refused


@pytest.mark.parametrize("changes, check, status", [c[1:] for c in cases.CASES], ids=[c[0] for c in cases.CASES])
def test_doctor_and_lab_agree(changes, check, status):
    configs = cases.build(changes)
    result = doctor.diagnose(configs)
    predicted = result["tunnels"][0]["status"]
    negotiated, reason, refused = lab(configs)
    assert predicted == status
    assert negotiated == predicted, "lab: %s" % reason
    findings = result["tunnels"][0]["findings"] + result["findings"]
    assert refused == any(f.get("blocks_commit") for f in findings)


def test_clean_pair_is_up_in_both():
    configs = cases.build({})
    assert doctor.diagnose(configs)["tunnels"][0]["status"] == lab(configs)[0] == "ESTABLISHED"
    assert lab(configs)[2] is False

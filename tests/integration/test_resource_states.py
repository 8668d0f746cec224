"""Every resource module in every netcommon state, against the lab.

For each module, targets/<module>/main.yml runs once through ansible-playbook
and the ansible.netcommon.netconf connection, on its own lab device (the seven
runs go side by side); each test below checks one state from that run's task
results, the lab's RPC log and commit history, and the device's committed
configuration (data in targets/<module>/vars.yml).
"""
from concurrent.futures import ThreadPoolExecutor

import pytest

import resource_cases as cases
from resource_harness import TARGETS, PlaybookOutcome, load_target_vars

MODULES = ("ike", "ipsec", "tunnel_interfaces", "zones", "address_book", "policies", "routes")


def device_of(module):
    return "srx-" + module.replace("_", "-")


@pytest.fixture(scope="module")
def outcomes(lab):
    with ThreadPoolExecutor(max_workers=len(MODULES)) as pool:
        running = {module: pool.submit(PlaybookOutcome, lab, TARGETS / module / "main.yml", device=device_of(module),
                                       extra_vars={"device": device_of(module)})
                   for module in MODULES}
        return {module: future.result() for module, future in running.items()}


@pytest.fixture(params=MODULES)
def run(request, outcomes):
    return outcomes[request.param], load_target_vars(request.param)


def test_merged_then_no_change(run):
    outcome, data = run
    cases.merged(outcome, data["merged"])


def test_check_mode_commits_nothing(run):
    outcome, data = run
    cases.check_mode(outcome, data["check_mode"])


def test_replaced(run):
    outcome, data = run
    cases.replaced(outcome, data["replaced"])


def test_overridden_keeps_unmanaged_objects(run):
    outcome, data = run
    cases.overridden(outcome, data["overridden"], data["owns"])


def test_deleted_keeps_unmanaged_objects(run):
    outcome, data = run
    cases.deleted(outcome, data["deleted"], data["owns"])


def test_gathered(run):
    outcome, data = run
    cases.gathered(outcome, data["gathered"])


def test_rendered(run):
    outcome, data = run
    cases.rendered(outcome, data["rendered"])


def test_parsed(run):
    outcome, data = run
    cases.parsed(outcome, data["parsed"])

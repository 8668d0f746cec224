"""The transaction under faults the lab injects: a held lock, a failing commit; and commit options.

Each test is one ansible-playbook run of targets/address_book/faults.yml. After
a failure the device must be exactly as before: same committed configuration,
no new commit, a candidate equal to it, and no lock left behind.
"""
import pytest

from resource_harness import DEVICE, TARGETS, PlaybookOutcome

PLAYBOOK = TARGETS / "address_book" / "faults.yml"
STEP = "Fault: merged"


def merged(lab, address, prefix, **extra):
    outcome = PlaybookOutcome(lab, PLAYBOOK, extra_vars=dict(address=address, prefix=prefix, **extra))
    return outcome, outcome.step(STEP)


def assert_device_unchanged(lab, outcome, step):
    assert step.commits == [], step.explain()
    assert outcome.lines_after == outcome.lines_before
    assert lab.config(DEVICE, "set", database="candidate") == lab.config(DEVICE, "set"), "candidate left dirty"
    assert not outcome.status_after["rollback_pending"]


@pytest.fixture
def clear_faults(lab):
    yield
    lab.fault(DEVICE, "clear-faults")


def test_lock_held_by_another_session_fails_clearly_and_changes_nothing(lab, clear_faults):
    holder = lab.fault(DEVICE, "hold-lock", user="alice")
    outcome, step = merged(lab, "t-lock-net", "10.80.1.0/24")
    assert step.failed, step.explain()
    assert step.rpcs == ["get-configuration", "lock"], step.explain()   # no load, no discard of alice's work
    assert "lock candidate failed" in step.result["msg"] and "alice" in step.result["msg"], step.explain()
    assert step.result["rpc"] == "lock candidate"
    assert_device_unchanged(lab, outcome, step)
    assert outcome.status_after["lock_holder"] == holder["lock_holder"]   # still alice's
    lab.fault(DEVICE, "hold-lock", release=True)
    # Once the lock is free the same change goes through in one commit.
    retry = merged(lab, "t-lock-net", "10.80.1.0/24")[1]
    assert retry.changed and len(retry.commits) == 1, retry.explain()


def test_commit_error_leaves_running_config_and_candidate_clean(lab, clear_faults):
    lab.fault(DEVICE, "commit-fail", message="mgd: commit failed: disk full (injected)")
    outcome, step = merged(lab, "t-fail-net", "10.81.1.0/24")
    assert step.failed, step.explain()
    assert "disk full (injected)" in step.result["msg"], step.explain()
    assert step.result["error_message"], step.explain()
    assert step.rpcs[-2:] == ["discard-changes", "unlock"], step.explain()
    assert_device_unchanged(lab, outcome, step)
    assert outcome.status_after["lock_holder"] is None
    assert not any("t-fail-net" in line for line in outcome.lines_after)


def test_comment_and_confirmed_commit_are_confirmed(lab):
    outcome, step = merged(lab, "t-confirm-net", "10.82.1.0/24", comment="change 4711", confirmed=5)
    assert step.changed and not step.failed, step.explain()
    [confirmed] = step.commits  # commit check confirms it: no second commit
    assert confirmed["confirmed_minutes"] == 5 and confirmed["log"] == "change 4711", step.commits
    # The confirmation went through: nothing will roll back, and no lock is left behind.
    assert not outcome.status_after["rollback_pending"] and outcome.status_after["lock_holder"] is None
    assert "set security address-book global address t-confirm-net 10.82.1.0/24" in outcome.lines_after


def test_session_lost_mid_transaction_leaves_no_half_state(lab, clear_faults):
    # The SSH connection drops when the commit arrives: the edit is loaded, nothing committed.
    lab.fault(DEVICE, "drop-session", rpc="commit-configuration")
    outcome, step = merged(lab, "t-drop-net", "10.83.1.0/24")
    assert step.failed, step.explain()
    assert step.rpcs[:3] == ["get-configuration", "lock", "load-configuration"], step.explain()
    assert "commit-configuration failed: the NETCONF session to the device was lost" in step.result["msg"], \
        step.explain()
    assert_device_unchanged(lab, outcome, step)
    assert outcome.status_after["lock_holder"] is None

"""Pre-shared keys end to end: compared by value, never re-sent, never in -vvv output."""
import pytest

import resource_cases as cases
from playbook_runner import run_playbook
from resource_harness import TARGETS, PlaybookOutcome

SECRETS = ("t-s-Psk-Secret-2718", "t-s-Psk-Rotated-3141", "$9$")


@pytest.fixture(scope="module")
def outcome(lab):
    return PlaybookOutcome(lab, TARGETS / "ike" / "secrets.yml", verbosity=3)


def test_key_is_set_once_and_never_resent(outcome):
    cases.assert_committed_once(outcome.step("PSK: set"))
    cases.assert_no_change(outcome.step("PSK: same key again"))
    # The device holds its own salted $9$; the user's differently salted copy is the same key.
    cases.assert_no_change(outcome.step("PSK: same key in its salted Junos form, replaced"))


def test_rotated_key_is_one_commit(outcome):
    cases.assert_committed_once(outcome.step("PSK: rotated"))


def test_gathered_hides_the_key(outcome):
    step = outcome.step("PSK: gathered")
    policies = {p["name"]: p for p in step.result["gathered"]["policies"]}
    assert policies["t-s-pol"]["pre_shared_key"] == {"ascii_text": cases.REDACTED}


def test_bad_input_fails_before_the_device_and_names_the_field(outcome):
    step = outcome.step("PSK: bad input names the field")
    assert step.failed and step.rpcs == [], step.explain()
    assert "pre_shared_key" in step.result["msg"], step.explain()


def test_no_key_in_any_output_at_vvv(outcome):
    text = outcome.run.stdout + outcome.run.stderr
    assert "ESTABLISH" in text or "<srx1>" in text, "the run was not verbose"
    leaked = [secret for secret in SECRETS if secret in text]
    assert leaked == [], "secrets in -vvv output: %s" % leaked


def test_no_key_in_the_default_callback_at_vvv_with_diff(outcome):
    # The keys change again here (rotated -> plain -> rotated), so diffs with SECRET-DATA lines are shown.
    run = run_playbook(TARGETS / "ike" / "secrets.yml", outcome.lab.inventory, diff=True, verbosity=3,
                       env={"ANSIBLE_STDOUT_CALLBACK": "default"})
    text = run.stdout + run.stderr
    assert "pre-shared-key" in text and "SECRET-DATA" in text, "no key diff was shown: %s" % text[-3000:]
    leaked = [secret for secret in SECRETS if secret in text]
    assert leaked == [], "secrets in -vvv --diff output: %s" % leaked

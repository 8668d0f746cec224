"""netsec.srx_vpn.ike in every state against the lab (targets/ike/main.yml, one ansible-playbook run)."""
import pytest

import resource_cases as cases
from resource_harness import TARGETS, PlaybookOutcome, load_target_vars

DATA = load_target_vars("ike")


@pytest.fixture(scope="module")
def outcome(lab):
    return PlaybookOutcome(lab, TARGETS / "ike" / "main.yml")


def test_merged(outcome):
    cases.merged(outcome, DATA["merged"])


def test_check_mode(outcome):
    cases.check_mode(outcome, DATA["check_mode"])


def test_replaced(outcome):
    cases.replaced(outcome, DATA["replaced"])


def test_overridden(outcome):
    cases.overridden(outcome, DATA["overridden"], DATA["owns"])


def test_deleted(outcome):
    cases.deleted(outcome, DATA["deleted"], DATA["owns"])


def test_gathered(outcome):
    cases.gathered(outcome, DATA["gathered"])


def test_rendered(outcome):
    cases.rendered(outcome, DATA["rendered"])


def test_parsed(outcome):
    cases.parsed(outcome, DATA["parsed"])

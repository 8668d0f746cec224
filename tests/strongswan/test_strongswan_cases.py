"""strongSwan's own verdicts on the generated cases: each single mismatch is refused for the
reason it targets (this checks the harness: the Junos->swanctl rendering and the log reading),
and every random pair ends in a named outcome."""
from __future__ import annotations

import pytest

from cases import random_pairs, single_mismatches
from outcome import NO_RESPONSE

SINGLE = single_mismatches()


@pytest.mark.parametrize("case", SINGLE, ids=[c.name for c in SINGLE])
def test_single_mismatch_fails_for_its_reason(case, swan_results):
    outcome = swan_results[case.name].outcome
    assert outcome.verdict == case.intended, f"{case.name}: {outcome.evidence}"


def test_random_pairs_end_in_a_named_outcome(swan_results):
    """No random pair changes the peer address, so every one must be established or refused
    for a reason charon logged; NO_RESPONSE would mean the classifier missed a log line."""
    unexplained = [name for name, result in swan_results.items()
                   if name.startswith("r") and result.outcome.verdict == NO_RESPONSE]
    assert not unexplained, f"unclassified strongSwan outcomes: {unexplained}"
    assert len([n for n in swan_results if n.startswith("r")]) == len(random_pairs())

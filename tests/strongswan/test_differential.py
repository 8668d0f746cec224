"""The differential itself: for every generated case the lab (over NETCONF) and strongSwan must
reach the same outcome and failure class, or the disagreement must be a documented Junos
difference. The agreement rate and the case count are printed at the end of the run."""
from __future__ import annotations

from collections import Counter

import pytest

import summary
from cases import PSKS, all_cases
from known_differences import explain

CASES = all_cases()


@pytest.fixture(scope="module")
def comparison(swan_results, lab_results):
    rows = []
    for case in CASES:
        swan, lab = swan_results[case.name].outcome, lab_results[case.name]
        known = None if swan.verdict == lab.verdict else explain(case, swan.verdict, lab.verdict)
        rows.append((case, swan, lab, known))
    agree = sum(1 for row in rows if row[1].verdict == row[2].verdict)
    documented = Counter(row[3].key for row in rows if row[3] is not None)
    unexplained = len(rows) - agree - sum(documented.values())
    summary.record("agreement", (
        f"lab vs strongSwan: {agree}/{len(rows)} cases agree ({100.0 * agree / len(rows):.1f}%), "
        f"{sum(documented.values())} documented Junos differences "
        f"({', '.join(f'{k} {v}' for k, v in documented.items()) or 'none'}), {unexplained} unexplained; "
        f"agreement counting documented differences {100.0 * (agree + sum(documented.values())) / len(rows):.1f}%"))
    return {case.name: (swan, lab, known) for case, swan, lab, known in rows}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_lab_and_strongswan_agree(case, comparison):
    swan, lab, known = comparison[case.name]
    if swan.verdict == lab.verdict:
        return
    assert known is not None, (f"{case.name}: lab says {lab.verdict} ({lab.reason}), strongSwan says "
                               f"{swan.verdict} ({swan.evidence})")


def test_single_mismatches_are_classified_alike_without_exceptions(comparison):
    """The table-driven single mismatches need no documented difference at all."""
    singles = [c.name for c in CASES if c.kind == "single"]
    assert all(comparison[name][0].verdict == comparison[name][1].verdict for name in singles), [
        (n, comparison[n][0].verdict, comparison[n][1].verdict) for n in singles
        if comparison[n][0].verdict != comparison[n][1].verdict]


def test_no_pre_shared_key_in_any_verdict(comparison):
    """What both sides report (charon log lines, the lab's inactive-tunnel events) never carries
    the keys the cases configure."""
    for swan, lab, _known in comparison.values():
        for psk in PSKS:
            assert psk not in swan.evidence and psk not in lab.reason

"""Fixtures for the strongSwan differential harness.

Tests that need charon skip with the reason when this machine cannot run it (no strongSwan
packages, not root, no network namespaces or TUN); with STRONGSWAN_REQUIRED=1 (the `strongswan`
stage of tools/test.sh, after tools/install-strongswan.sh) they fail instead, so CI cannot pass
by skipping. The whole case set runs once per session on PAIRS namespace pairs in parallel.
"""
from __future__ import annotations

import os
from collections import Counter

import pytest

import summary
from cases import all_cases
from charon import environment_problem
from harness import Result, run_all, start_pairs, stop_pairs

PAIRS = 3


@pytest.fixture(scope="session")
def strongswan_ready() -> None:
    problem = environment_problem()
    if problem is None:
        return
    message = f"strongSwan harness cannot run here: {problem}"
    if os.environ.get("STRONGSWAN_REQUIRED") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def charon_pairs(strongswan_ready, tmp_path_factory):
    pairs = start_pairs(PAIRS, tmp_path_factory.mktemp("charon"))
    try:
        yield pairs
    finally:
        stop_pairs(pairs)


@pytest.fixture(scope="session")
def swan_results(charon_pairs) -> dict[str, Result]:
    """strongSwan's outcome for every generated case, by case name."""
    results = run_all(all_cases(), charon_pairs)
    counts = Counter(r.outcome.verdict for r in results)
    summary.record("strongswan", f"strongSwan: {len(results)} cases, "
                   + ", ".join(f"{verdict} {n}" for verdict, n in sorted(counts.items())))
    return {r.case.name: r for r in results}


def pytest_terminal_summary(terminalreporter) -> None:
    if summary.LINES:
        terminalreporter.section("strongSwan differential")
        for line in summary.LINES.values():
            terminalreporter.write_line(line)

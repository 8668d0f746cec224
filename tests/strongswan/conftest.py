"""Fixtures for the strongSwan differential harness.

Tests that need charon skip with the reason when this machine cannot run it (no strongSwan
packages, not root, no network namespaces or TUN); with STRONGSWAN_REQUIRED=1 (the `strongswan`
stage of tools/test.sh, after tools/install-strongswan.sh) they fail instead, so CI cannot pass
by skipping. The whole case set runs once per session, on PAIRS namespace pairs and on
LAB_INSTANCES labs, all in parallel.
"""
from __future__ import annotations

import contextlib
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from srxsim.testing import running_lab

import summary
from cases import all_cases
from charon import environment_problem
from harness import Result, run_parallel, run_strongswan, start_pairs, stop_pairs
from lab_side import LabPair, LabVerdict, write_topology

PAIRS = 3
LAB_INSTANCES = 2


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
def lab_pairs(strongswan_ready, tmp_path_factory):
    """LAB_INSTANCES labs started with the real `srxsim up`, two NETCONF sessions each."""
    root = tmp_path_factory.mktemp("srxsim")
    topology = write_topology(root / "topology.yml")
    with contextlib.ExitStack() as stack:
        pairs = []
        for index in range(LAB_INSTANCES):
            lab = stack.enter_context(running_lab(topology, root / f"lab{index}"))
            pair = LabPair(lab)
            stack.callback(pair.close)
            pairs.append(pair)
        yield pairs


@pytest.fixture(scope="session")
def differential(charon_pairs, lab_pairs) -> tuple[dict[str, Result], dict[str, LabVerdict]]:
    """Every generated case on strongSwan and on the lab (over NETCONF), both at once."""
    cases = all_cases()
    with ThreadPoolExecutor(max_workers=2) as pool:
        swan = pool.submit(run_strongswan, cases, charon_pairs)
        lab = pool.submit(run_parallel, cases, lab_pairs, lambda pair, case: pair.run(case.a, case.b))
        swan_results, lab_verdicts = swan.result(), lab.result()
    counts = Counter(r.outcome.verdict for r in swan_results)
    summary.record("strongswan", f"strongSwan: {len(swan_results)} cases "
                   f"({sum(r.seconds for r in swan_results):.0f} s of negotiation on {PAIRS} pairs): "
                   + ", ".join(f"{verdict} {n}" for verdict, n in sorted(counts.items())))
    return ({r.case.name: r for r in swan_results},
            {case.name: verdict for case, verdict in zip(cases, lab_verdicts)})


@pytest.fixture(scope="session")
def swan_results(differential) -> dict[str, Result]:
    return differential[0]


@pytest.fixture(scope="session")
def lab_results(differential) -> dict[str, LabVerdict]:
    return differential[1]


def pytest_terminal_summary(terminalreporter) -> None:
    if summary.LINES:
        terminalreporter.section("strongSwan differential")
        for line in summary.LINES.values():
            terminalreporter.write_line(line)

"""Side-by-side scenario runs: the collection and both baselines, interleaved step by step.

Each tool gets its own lab started from the same topology with the same latency and commit
duration; the intent (one inventory) is edited once per step and then every tool deploys it, the
tool order rotating from step to step so load on the shared machine falls on all of them alike.
"""
from __future__ import annotations

import contextlib
import dataclasses
import sys
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lab"))
from srxsim.testing import RunningLab, running_lab  # noqa: E402

import measure  # noqa: E402
from scenario import Scenario  # noqa: E402

TOOLS = ("collection", "per_task", "template")
STEPS = ("first deploy", "no-change rerun", "one spoke added", "one PSK rotated")


@dataclasses.dataclass(frozen=True)
class DeviceTiming:
    """What a modelled vSRX charges: per RPC, per commit, per commit check (or NETCONF validate)."""
    latency_ms: float = 50.0
    commit_seconds: float = 3.0
    check_seconds: float = 2.0


def shape_lab(lab: RunningLab, timing: DeviceTiming) -> None:
    """Every device of the lab gets the timing (srxsim faults `latency` and `commit-duration`)."""
    for device in lab.devices:
        lab.fault(device, "latency", ms=timing.latency_ms)
        lab.fault(device, "commit-duration", seconds=timing.commit_seconds, check_seconds=timing.check_seconds)


def _edit(scenario: Scenario, step: str) -> str | None:
    """Apply the step's edit to the intent; None when the step does not apply to this scenario."""
    if step == "one spoke added":
        if scenario.add_spoke() is None:
            return None
    elif step == "one PSK rotated":
        scenario.rotate_psk()
    scenario.write_inventory()
    return step


def floor(scenario: Scenario, forks: int, timing: DeviceTiming) -> measure.StepResult:
    """One NETCONF RPC per device of the scenario (bench/playbooks/floor.yml) on a fresh lab of its topology."""
    with running_lab(scenario.topology, scenario.root / "lab-floor", timeout=180) as lab:
        shape_lab(lab, timing)
        return measure.run_tool("floor", scenario, lab, "floor", forks)


def compare(scenario: Scenario, forks: int, timing: DeviceTiming,
            log: Callable[[str], None] = print, tools=TOOLS) -> list[measure.StepResult]:
    results = []
    with contextlib.ExitStack() as stack:
        labs = {tool: stack.enter_context(running_lab(scenario.topology, scenario.root / ("lab-" + tool), timeout=180))
                for tool in tools}
        for lab in labs.values():
            shape_lab(lab, timing)
        first_lab = next(iter(labs.values()))
        initial = measure.read_sets(first_lab, list(first_lab.devices))
        for index, step in enumerate(STEPS):
            if _edit(scenario, step) is None:
                log("  %s / %s: not applicable" % (scenario.name, step))
                continue
            order = tools[index % len(tools):] + tools[:index % len(tools)]
            for tool in order:
                result = measure.run_tool(tool, scenario, labs[tool], step, forks)
                measure.verify(result, scenario, labs[tool], initial)
                results.append(result)
                log("  %-8s %-16s %-10s %6.1fs rc=%d commits=%d rpcs=%d changed=%d intended=%s %s" % (
                    scenario.name, step, tool, result.wall, result.rc, result.total_commits, result.total_rpcs,
                    len(result.changed_hosts), result.intended, result.error or "; ".join(result.problems[:2])))
    return results

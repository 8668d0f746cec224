"""Run one tool (the collection or a baseline) against a lab and measure it from the lab's own records.

Commits come from each device's commit history, RPCs from its RPC log (both written by srxsim),
`changed`/failed hosts from ansible-playbook's json callback, wall time from the clock here.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lab"))
from srxsim.testing import RunningLab  # noqa: E402

import state  # noqa: E402
from scenario import VAULT_PASSWORD_FILE, Scenario  # noqa: E402

PLAYBOOKS = {
    "collection": REPO / "playbooks" / "deploy_vpn.yml",
    "per_task": REPO / "bench" / "playbooks" / "per_task.yml",
    "template": REPO / "bench" / "playbooks" / "template.yml",
    "floor": REPO / "bench" / "playbooks" / "floor.yml",
}
# Where a device's time goes, by RPC (the lab logs each RPC's duration, latency and commit included).
PHASES = {
    "read": {"get-configuration", "get-config", "get", "get-software-information", "command",
             "get-rollback-information", "get-commit-information"},
    "lock": {"lock", "unlock", "lock-configuration", "unlock-configuration", "open-configuration",
             "close-configuration", "discard-changes", "close-session"},
    "load": {"load-configuration", "edit-config"},
    "commit": {"commit-configuration", "commit", "validate"},
    "health gate": {"get-ike-security-associations-information", "get-security-associations-information",
                    "ping", "get-interface-information", "get-route-information", "get-inactive-tunnels",
                    "get-ipsec-statistics-information"},
}


def collections_path() -> str:
    if os.environ.get("ANSIBLE_COLLECTIONS_PATH"):
        return os.environ["ANSIBLE_COLLECTIONS_PATH"]
    state._plan_module()  # makes the dev tree
    return str(REPO / ".build" / "dev")


@dataclass
class StepResult:
    tool: str
    scenario: str
    step: str
    rc: int
    wall: float
    hosts: int
    changed_hosts: list[str]
    failed_hosts: list[str]
    commits: dict[str, int]           # device -> commits in the step (commit check not counted)
    rpcs: dict[str, int]              # device -> RPCs in the step
    phases: dict[str, float] = field(default_factory=dict)   # phase -> summed device seconds
    first_rpc: float = 0.0            # median seconds from start to a device's first RPC
    changed_tasks: list[str] = field(default_factory=list)   # "task" names that reported changed
    task_seconds: dict[str, float] = field(default_factory=dict)  # task name -> wall seconds (all hosts)
    intended: bool | None = None
    problems: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def total_commits(self) -> int:
        return sum(self.commits.values())

    @property
    def total_rpcs(self) -> int:
        return sum(self.rpcs.values())

    @property
    def committed_devices(self) -> int:
        return sum(1 for count in self.commits.values() if count)

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data.update(total_commits=self.total_commits, total_rpcs=self.total_rpcs,
                    committed_devices=self.committed_devices)
        return data


def _error_summary(data: dict, stderr: str) -> str:
    """First failure message of the run (results are no_log where they carry PSKs)."""
    for play in data.get("plays", []):
        for task in play.get("tasks", []):
            for host, result in task.get("hosts", {}).items():
                if result.get("failed") or result.get("unreachable"):
                    message = [line for line in str(result.get("msg", "")).splitlines() if line.strip()]
                    return "%s / %s: %s" % (host, task["task"]["name"], (message or [""])[-1][:300])
    return stderr.strip().splitlines()[-1][:300] if stderr.strip() else ""


def _changed_tasks(data: dict) -> list[str]:
    names = []
    for play in data.get("plays", []):
        for task in play.get("tasks", []):
            if any(result.get("changed") for result in task.get("hosts", {}).values()):
                names.append(task["task"]["name"])
    return sorted(set(names))


def _task_seconds(data: dict) -> dict[str, float]:
    """Wall time of each task over all its hosts, from the json callback's task durations."""
    spans: dict[str, float] = {}
    for play in data.get("plays", []):
        for task in play.get("tasks", []):
            duration = task["task"].get("duration", {})
            if duration.get("start") and duration.get("end"):
                seconds = (datetime.fromisoformat(duration["end"].replace("Z", "+00:00"))
                           - datetime.fromisoformat(duration["start"].replace("Z", "+00:00"))).total_seconds()
                spans[task["task"]["name"]] = spans.get(task["task"]["name"], 0.0) + seconds
    return spans


def run_tool(tool: str, scenario: Scenario, lab: RunningLab, step: str, forks: int,
             extra_vars: dict | None = None, timeout: float = 900) -> StepResult:
    """One ansible-playbook run of `tool` for the scenario's current intent, measured."""
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(lab.inventory),
           "-i", str(scenario.inventory), "--vault-password-file", str(VAULT_PASSWORD_FILE),
           "--forks", str(forks), str(PLAYBOOKS[tool])]
    if extra_vars:
        cmd += ["-e", json.dumps(extra_vars)]
    workdir = scenario.root / ("work-" + tool)
    workdir.mkdir(exist_ok=True)
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json", ANSIBLE_COLLECTIONS_PATH=collections_path(),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, PWD=str(workdir), ANSIBLE_RETRY_FILES_ENABLED="0",
               ANSIBLE_DEPRECATION_WARNINGS="0",
               # The shared machine can be loaded far past its 2 cores: give every tool the same generous
               # persistent-connection timeouts (default 30 s per command) so none fails on load alone.
               ANSIBLE_PERSISTENT_COMMAND_TIMEOUT="300", ANSIBLE_PERSISTENT_CONNECT_TIMEOUT="300")
    started_at, started = time.time(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    wall = time.perf_counter() - started
    ended_at = time.time()
    try:
        data = json.loads(proc.stdout[proc.stdout.index("{"):])
    except ValueError:
        data = {}
    stats = data.get("stats", {})
    devices = [host for host in scenario.active if host in lab.devices]
    commits, rpcs, phases, firsts = {}, {}, dict.fromkeys(PHASES, 0.0), []
    for device in devices:
        window = [e for e in lab.rpc_log(device) if started_at <= e["time"] <= ended_at]
        rpcs[device] = len(window)
        commits[device] = sum(1 for c in lab.commits(device) if started_at <= c["time"] <= ended_at)
        for entry in window:
            for phase, names in PHASES.items():
                if entry["rpc"] in names:
                    phases[phase] += entry["duration_ms"] / 1000.0
        if window:
            firsts.append(window[0]["time"] - started_at)
    firsts.sort()
    return StepResult(
        tool=tool, scenario=scenario.name, step=step, rc=proc.returncode, wall=wall, hosts=len(devices),
        changed_hosts=sorted(h for h, s in stats.items() if s.get("changed")),
        failed_hosts=sorted(h for h, s in stats.items() if s.get("failures") or s.get("unreachable")),
        changed_tasks=_changed_tasks(data), task_seconds=_task_seconds(data), commits=commits, rpcs=rpcs, phases=phases, first_rpc=firsts[len(firsts) // 2] if firsts else 0.0,
        error="" if proc.returncode == 0 else _error_summary(data, proc.stderr))


def read_sets(lab: RunningLab, devices: list[str], threads: int = 8) -> dict[str, str]:
    """Committed `display set` of each device, read over NETCONF (a few in parallel)."""
    with ThreadPoolExecutor(threads) as pool:
        return dict(zip(devices, pool.map(lambda device: lab.config(device, fmt="set"), devices)))


def verify(result: StepResult, scenario: Scenario, lab: RunningLab, initial: dict[str, str]) -> None:
    """Fill result.intended/problems: every active device against the plan of the current intent."""
    plan = state.plan_of_inventory(scenario.inventory, VAULT_PASSWORD_FILE, scenario.active)
    current = read_sets(lab, scenario.active)
    problems = []
    for device in scenario.active:
        intended = state.render_set(plan["devices"].get(device, {}).get("config", {}))
        problems += ["%s: %s" % (device, p) for p in state.check(initial[device], current[device], intended)]
    result.intended = not problems
    result.problems = problems[:20]

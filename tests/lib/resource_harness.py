"""Run a resource module's state playbook once against a srxsim lab and split what happened by task.

``tests/integration/targets/<module>/main.yml`` holds one task per step, named
``"<scenario>: <step>"``. It runs once, through the real ``ansible-playbook``
and ``ansible.netcommon.netconf`` connection. Each step gets its module result
(ansible.posix.json callback) and what the device saw while the task ran: the
lab's RPC log entries and commit records whose time falls inside the task's
start/end (all tasks share one NETCONF session, so time is what tells them apart).
"""
import dataclasses
import datetime
import json
from pathlib import Path

import yaml

from playbook_runner import REPO, PlaybookRun, run_playbook

TARGETS = Path(REPO) / "tests" / "integration" / "targets"
TOPOLOGY = Path(REPO) / "tests" / "integration" / "topologies" / "integration.yml"
DEVICE = "srx1"
# RPCs that open or close a NETCONF session rather than do the module's work.
SESSION_RPCS = frozenset(("close-session", "kill-session"))


@dataclasses.dataclass
class Step:
    name: str
    result: dict
    log: list           # the lab's RPC log entries while the task ran
    commits: list       # commit records made while the task ran

    @property
    def changed(self) -> bool:
        return bool(self.result.get("changed"))

    @property
    def failed(self) -> bool:
        return bool(self.result.get("failed"))

    @property
    def rpcs(self) -> list:
        """Names of the RPCs the module sent, in order, session open/close left out."""
        return [entry["rpc"] for entry in self.log if entry["rpc"] not in SESSION_RPCS]

    def explain(self) -> str:
        shown = {k: v for k, v in self.result.items() if k != "invocation"}
        return "step %r rpcs=%s commits=%d result=%s" % (
            self.name, self.rpcs, len(self.commits), json.dumps(shown, indent=1, default=str)[:4000])


def _epoch(stamp: str) -> float:
    # ansible.posix.json writes naive UTC times with a trailing Z.
    return datetime.datetime.fromisoformat(stamp.rstrip("Z")).replace(tzinfo=datetime.timezone.utc).timestamp()


def load_target_vars(module: str) -> dict:
    return yaml.safe_load((TARGETS / module / "vars.yml").read_text())


class PlaybookOutcome:
    """One run of a target playbook, with the device's state before and after."""

    def __init__(self, lab, playbook: Path, device: str = DEVICE, extra_vars=None, verbosity: int = 0, env=None):
        self.lab = lab
        self.device = device
        self.lines_before = config_lines(lab, device)
        log_start = len(lab.rpc_log(device))
        commits_start = len(lab.commits(device))
        self.run: PlaybookRun = run_playbook(playbook, lab.inventory, extra_vars=extra_vars, diff=True,
                                             verbosity=verbosity, env=env)
        log = lab.rpc_log(device)[log_start:]
        commits = lab.commits(device)                      # newest first
        new_commits = commits[:len(commits) - commits_start]
        self.lines_after = config_lines(lab, device)
        self.status_after = lab.control("status")["devices"][device]
        # The lab stamps its logs with its own clock, which tests may move forward.
        offset = lab.control("status")["clock_offset"]
        self.steps = {}
        for play in self.run.data.get("plays", []):
            for task in play.get("tasks", []):
                name, duration = task["task"]["name"], task["task"]["duration"]
                start = _epoch(duration["start"]) + offset
                end = _epoch(duration.get("end", duration["start"])) + offset
                self.steps[name] = Step(
                    name, task["hosts"].get(device, {}),
                    [e for e in log if start <= e["time"] <= end],
                    [c for c in new_commits if start <= c["time"] <= end])

    def step(self, name: str) -> Step:
        assert name in self.steps, "task %r did not run: rc=%s\n%s\n%s" % (
            name, self.run.rc, self.run.stdout[-2000:], self.run.stderr[-3000:])
        return self.steps[name]


def config_lines(lab, device: str = DEVICE) -> list:
    """The device's committed configuration as Junos set commands."""
    return [line.strip() for line in lab.config(device, "set").splitlines() if line.strip()]

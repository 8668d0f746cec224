"""Shared helpers of the test_deploy_* modules (no tests here): a lab per example and its inventory."""
import contextlib
import json
import shutil
from pathlib import Path

import yaml

from playbook_runner import REPO, run_playbook

APPLY_TASK = "netsec.srx_vpn.site_to_site : Apply this device's whole plan in one transaction (commit confirmed, health gate, confirm)"
VAULT_PASSWORD_FILE = Path(REPO) / "inventories" / "LAB-ONLY-vault-password.txt"


class Deployment:
    """One example inventory (copied, so a test may edit it) joined with a running lab's inventory."""

    def __init__(self, name, lab, workdir):
        self.name, self.lab, self.workdir = name, lab, Path(workdir)
        self.inventory = self.workdir / "inventory"
        shutil.copytree(Path(REPO) / "inventories" / name, self.inventory)
        shutil.copy(lab.inventory, self.inventory / "lab.yml")
        self.reports = self.workdir / "reports"

    @property
    def vpn_vars_file(self):
        return self.inventory / "group_vars" / "all" / "vpn.yml"

    def vpn_vars(self):
        return yaml.safe_load(self.vpn_vars_file.read_text())

    def write_vpn_vars(self, data):
        self.vpn_vars_file.write_text(yaml.safe_dump(data, sort_keys=False))

    def playbook(self, name, extra_vars=None, **kwargs):
        extra = {"vpn_report_dir": str(self.reports)}
        extra.update(extra_vars or {})
        return run_playbook(Path(REPO) / "playbooks" / name, self.inventory, extra_vars=extra,
                            env={"ANSIBLE_VAULT_PASSWORD_FILE": str(VAULT_PASSWORD_FILE)}, **kwargs)

    def deploy(self, **kwargs):
        return self.playbook("deploy_vpn.yml", **kwargs)

    def verify(self):
        run = self.playbook("verify_vpn.yml")
        report = self.reports / "vpn-verify.json"
        return run, json.loads(report.read_text()) if report.exists() else None

    def commit_count(self, device):
        return len(self.lab.commits(device))

    def config_lines(self, device):
        return set(self.lab.config(device, fmt="set").splitlines())


@contextlib.contextmanager
def deployment(name, tmp_path):
    from srxsim.testing import running_lab

    with running_lab(Path(REPO) / "lab" / "topologies" / (name + ".yml"), tmp_path / "lab") as lab:
        yield Deployment(name, lab, tmp_path)


def applied(run):
    """{host: apply result} of a deploy run."""
    return run.task_results(APPLY_TASK)


def changed_devices(run):
    return sorted(h for h, r in applied(run).items() if r.get("changed"))


def failure_text(run):
    return run.stdout + run.stderr

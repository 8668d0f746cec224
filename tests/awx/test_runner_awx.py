"""Deploy and verify seed 004 through ansible-runner, the way AWX runs a job template.

AWX checks the project out, writes a private data directory (inventory, env, vault password as a
credential), runs ansible-runner and stores job events and artifacts. This test builds the same
directory, runs deploy_vpn.yml then verify_vpn.yml against the lab, and reads the result only from
what AWX would read: status, rc, job events and the artifacts folder.
"""
import json
import os
import shutil
import sys
from pathlib import Path

import ansible_runner
import pytest
import yaml
from ansible.parsing.vault import VaultLib, VaultSecret
from srxsim.testing import running_lab

REPO = Path(__file__).resolve().parents[2]


def collections_path():
    configured = os.environ.get("ANSIBLE_COLLECTIONS_PATH")
    if configured:
        return configured
    tree = REPO / ".build" / "dev"
    link = tree / "ansible_collections" / "netsec" / "srx_vpn"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO)
    return str(tree)


def private_data_dir(root, lab_inventory):
    """project/ is the checked-out repository; inventory/ the lab's hosts plus the example intent."""
    project = root / "project"
    project.mkdir(parents=True)
    for part in ("playbooks", "inventories"):
        shutil.copytree(REPO / part, project / part)
    inventory = root / "inventory"
    inventory.mkdir()
    shutil.copy(lab_inventory, inventory / "lab.yml")
    for part in ("hosts.yml", "group_vars", "host_vars"):
        source = REPO / "inventories" / "seed004" / part
        target = inventory / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    env = root / "env"
    env.mkdir()
    # The vault credential: AWX hands ansible-playbook a password file it writes for the job.
    vault_password = root / "vault-password"
    shutil.copy(REPO / "inventories" / "LAB-ONLY-vault-password.txt", vault_password)
    (env / "cmdline").write_text(f"--vault-password-file {vault_password}")
    (env / "envvars").write_text(json.dumps({
        "ANSIBLE_COLLECTIONS_PATH": collections_path(),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_HOST_KEY_CHECKING": "False",
    }))
    (env / "settings").write_text(json.dumps({"job_timeout": 900, "suppress_ansible_output": True}))
    return root


def psk_of_seed004():
    """The plaintext key from the example's vault file, to look for leaks."""
    loader = yaml.SafeLoader
    loader.add_constructor("!vault", lambda _loader, node: node.value)
    vaulted = yaml.load((REPO / "inventories" / "seed004" / "group_vars" / "all" / "vault.yml").read_text(), loader)
    password = (REPO / "inventories" / "LAB-ONLY-vault-password.txt").read_bytes().strip()
    secret = VaultLib([("default", VaultSecret(password))]).decrypt(vaulted["vault_psk_seed004"]).decode()
    assert len(secret) >= 8
    return secret


def run_job(data_dir, playbook, ident):
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    return ansible_runner.run(private_data_dir=str(data_dir), playbook=playbook, ident=ident, quiet=True)


def stats_of(job):
    final = [e for e in job.events if e["event"] == "playbook_on_stats"]
    assert final, "no playbook_on_stats event"
    return final[-1]["event_data"]


@pytest.fixture(scope="module")
def awx_job_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("awx")
    with running_lab(REPO / "lab" / "topologies" / "seed004.yml", root / "lab") as lab:
        yield private_data_dir(root / "job", root / "lab" / "inventory.yml"), lab


def test_deploy_then_verify_as_awx_runs_them(awx_job_dir):
    data_dir, lab = awx_job_dir

    deploy = run_job(data_dir, "playbooks/deploy_vpn.yml", "deploy-1")
    assert (deploy.status, deploy.rc) == ("successful", 0), deploy.stdout.read()[-3000:]
    stats = stats_of(deploy)
    assert set(stats["changed"]) == {"site-a", "site-b"}
    assert not stats["failures"] and not stats["dark"]
    applied = [e for e in deploy.events
               if e["event"] == "runner_on_ok" and e["event_data"]["task_action"] == "netsec.srx_vpn.apply"]
    assert sorted(e["event_data"]["host"] for e in applied) == ["site-a", "site-b"]
    assert all(e["event_data"]["res"]["changed"] for e in applied)
    for device in ("site-a", "site-b"):
        assert len(lab.commits(device)) >= 2, "the deploy committed on " + device

    artifacts = Path(data_dir) / "artifacts" / "deploy-1"
    assert (artifacts / "status").read_text() == "successful"
    assert (artifacts / "rc").read_text() == "0"
    assert any((artifacts / "job_events").iterdir())
    secret = psk_of_seed004()
    for path in artifacts.rglob("*"):
        if path.is_file():
            assert secret not in path.read_text(errors="replace"), f"the pre-shared key leaked into {path}"

    verify = run_job(data_dir, "playbooks/verify_vpn.yml", "verify-1")
    assert (verify.status, verify.rc) == ("successful", 0), verify.stdout.read()[-3000:]
    assert "all 2 tunnels UP, ping OK" in (Path(data_dir) / "artifacts" / "verify-1" / "stdout").read_text()

    commits_before = {d: len(lab.commits(d)) for d in ("site-a", "site-b")}
    rerun = run_job(data_dir, "playbooks/deploy_vpn.yml", "deploy-2")
    assert (rerun.status, rerun.rc) == ("successful", 0)
    assert not stats_of(rerun)["changed"], "a rerun must report changed=0 on every host"
    assert {d: len(lab.commits(d)) for d in ("site-a", "site-b")} == commits_before

"""playbooks/doctor.yml offline, on folders of saved configurations (no device, no lab)."""
import json
from pathlib import Path

from playbook_runner import REPO, run_playbook

PLAYBOOK = Path(REPO) / "playbooks" / "doctor.yml"
FIXTURES = Path(REPO) / "tests" / "fixtures"


def test_offline_clean_pair_writes_both_reports(tmp_path):
    run = run_playbook(PLAYBOOK, "localhost,",
                       extra_vars={"doctor_configs": str(FIXTURES / "doctor"), "vpn_report_dir": str(tmp_path)})
    assert run.rc == 0, run.stdout[-2000:]
    data = json.loads((tmp_path / "vpn-doctor.json").read_text())
    assert data["summary"]["ok"] is True and data["hosts"] == ["site-a", "site-b"]
    assert (tmp_path / "vpn-doctor.txt").read_text().startswith("ESTABLISHED  site-a:to-b <-> site-b:to-a")


def test_offline_seed004_fails_naming_the_missing_key(tmp_path):
    run = run_playbook(PLAYBOOK, "localhost,", extra_vars={
        "doctor_configs": [str(FIXTURES / "configs" / "seed004" / "local-site.set")], "vpn_report_dir": str(tmp_path)})
    assert run.rc != 0
    assert run.task_results("Fail on errors")["localhost"]["msg"].startswith("The doctor found 4 error(s)")
    report = (tmp_path / "vpn-doctor.txt").read_text()
    assert "[security ike policy ike-policy pre-shared-key]" in report

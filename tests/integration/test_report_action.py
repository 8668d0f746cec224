"""netsec.srx_vpn.report through ansible-playbook: writes on the controller, honours check mode, refuses paths."""
import json
import textwrap

from playbook_runner import run_playbook

PLAY = textwrap.dedent("""\
    - hosts: localhost
      gather_facts: false
      tasks:
        - name: Write the report
          netsec.srx_vpn.report:
            dest: "{{ report_dir }}"
            files: "{{ report_files }}"
    """)


def run(tmp_path, files, check=False):
    playbook = tmp_path / "report.yml"
    playbook.write_text(PLAY)
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("localhost ansible_connection=local\n")
    result = run_playbook(playbook, inventory, check=check,
                          extra_vars={"report_dir": str(tmp_path / "reports" / "new"), "report_files": files})
    return result, result.task_results("Write the report").get("localhost", {})


def test_writes_creates_the_directory_and_is_idempotent(tmp_path):
    files = {"vpn-topology.mmd": "flowchart LR", "vpn-allocation.json": {"allocation": {"hub": {"st0": 1}}}}
    first, result = run(tmp_path, files)
    assert first.rc == 0 and result["changed"], first.stdout
    out = tmp_path / "reports" / "new"
    assert (out / "vpn-topology.mmd").read_text() == "flowchart LR\n"
    assert json.loads((out / "vpn-allocation.json").read_text()) == files["vpn-allocation.json"]
    again, result = run(tmp_path, files)
    assert again.rc == 0 and not result["changed"] and result["written"] == []


def test_check_mode_reports_and_writes_nothing(tmp_path):
    checked, result = run(tmp_path, {"vpn-verify.json": {"all_ok": True}}, check=True)
    assert checked.rc == 0 and result["changed"]
    assert result["written"] == [str(tmp_path / "reports" / "new" / "vpn-verify.json")]
    assert not (tmp_path / "reports").exists()


def test_a_file_name_with_a_directory_is_refused(tmp_path):
    bad, result = run(tmp_path, {"../escape.txt": "x"})
    assert bad.rc != 0 and result["msg"] == "files: '../escape.txt' is not a plain file name (no directory part)"
    assert not (tmp_path / "reports").exists()

"""Ansible's own Junos and NETCONF modules, unmodified, against a lab started with `srxsim up`."""
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "lib"))
from playbook_runner import run_playbook  # noqa: E402

PLAY = [{
    "hosts": "site-a",
    "gather_facts": False,
    "tasks": [
        {"name": "lines", "junipernetworks.junos.junos_config": {
            "lines": ["set system domain-name ansible.example"], "comment": "ansible lines"}},
        {"name": "lines again", "junipernetworks.junos.junos_config": {
            "lines": ["set system domain-name ansible.example"]}},
        {"name": "src", "junipernetworks.junos.junos_config": {"src": "{{ playbook_dir }}/site.set",
                                                                "src_format": "set"}},
        {"name": "confirmed", "junipernetworks.junos.junos_config": {
            "lines": ["set system domain-search lab.example"], "confirm": 2}},
        {"name": "confirm it", "junipernetworks.junos.junos_config": {"confirm_commit": True}},
        {"name": "commands", "junipernetworks.junos.junos_command": {
            "commands": ["show version", "show configuration system domain-name"], "display": "text"}},
        {"name": "commands set", "junipernetworks.junos.junos_command": {
            "commands": ["show configuration system"], "display": "set"}},
        {"name": "rpcs", "junipernetworks.junos.junos_command": {"rpcs": ["get-software-information"]}},
        {"name": "netconf_get", "ansible.netcommon.netconf_get": {
            "source": "running", "display": "xml",
            "filter": "<configuration><system><host-name/></system></configuration>"}},
        {"name": "netconf_config", "ansible.netcommon.netconf_config": {
            "content": "<config><configuration><system><login><message>managed by srxsim</message></login>"
                       "</system></configuration></config>"}},
        # netconf_rpc returns its stdout as bytes, which the json callback cannot serialise
        # (any device): keep it out of the callback and check it inside the play
        {"name": "netconf_rpc", "ansible.netcommon.netconf_rpc": {"rpc": "get-software-information",
                                                                  "display": "xml"},
         "no_log": True, "register": "rpc_reply"},
        {"name": "netconf_rpc output", "ansible.builtin.assert": {
            "that": ["'<host-name>site-a</host-name>' in rpc_reply.output"]}},
    ],
}]


def test_junos_and_netcommon_modules(seed004, tmp_path):
    (tmp_path / "site.set").write_text("set system time-zone UTC\n")
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump(PLAY, sort_keys=False))
    run = run_playbook(playbook, seed004.inventory, timeout=600)
    assert run.rc == 0, run.stdout[-3000:] + run.stderr[-3000:]

    def result(task):
        return run.task_results(task)["site-a"]

    assert result("lines")["changed"] is True
    assert result("lines again")["changed"] is False
    assert result("src")["changed"] is True
    assert result("confirmed")["changed"] is True
    stdout = result("commands")["stdout"]
    assert "Hostname: site-a" in stdout[0] and stdout[1] == "domain-name ansible.example;"
    assert "set system domain-name ansible.example" in result("commands set")["stdout"][0]
    assert "<host-name>site-a</host-name>" in result("rpcs")["stdout"][0]
    assert "site-a" in result("netconf_get")["stdout"]
    assert result("netconf_config")["changed"] is True
    assert result("netconf_rpc output")["msg"] == "All assertions passed"

    seed004.advance_clock(3 * 60)  # the confirmed commit was confirmed: no rollback
    committed = seed004.config("site-a")
    for line in ("set system domain-name ansible.example", "set system time-zone UTC",
                 "set system domain-search lab.example", 'set system login message "managed by srxsim"'):
        assert line in committed
    logs = [c["log"] for c in seed004.commits("site-a")]
    assert "ansible lines" in logs
    assert not any(log and log.startswith("automatic rollback") for log in logs)

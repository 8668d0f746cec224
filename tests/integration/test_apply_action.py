"""netsec.srx_vpn.apply through ansible-playbook without a NETCONF connection: a clear failure, no key shown."""
import textwrap

from playbook_runner import run_playbook

PSK = "not-a-real-key-7"
PLAY = textwrap.dedent("""\
    - hosts: localhost
      gather_facts: false
      tasks:
        - name: Apply
          netsec.srx_vpn.apply:
            config: {ike: {policies: [{name: pol, pre_shared_key: {ascii_text: "%s"}}]}}
    """ % PSK)


def run(tmp_path, play):
    playbook = tmp_path / "apply.yml"
    playbook.write_text(play)
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("localhost ansible_connection=local\n")
    result = run_playbook(playbook, inventory)
    return result, result.task_results("Apply").get("localhost", {})


def test_without_a_netconf_connection_it_fails_naming_the_connection(tmp_path):
    outcome, result = run(tmp_path, PLAY)
    assert outcome.rc != 0 and result["failed"]
    assert result["msg"] == ("netsec.srx_vpn.apply needs connection: ansible.netcommon.netconf "
                             "(with ansible_network_os: junipernetworks.junos.junos)")
    assert PSK not in outcome.stdout


def test_a_misspelt_option_fails_the_argument_check_naming_the_missing_one(tmp_path):
    outcome, result = run(tmp_path, PLAY.replace("config:", "confg:"))
    assert outcome.rc != 0 and result["failed"]
    assert result["msg"] == "missing required arguments: config" and PSK not in outcome.stdout

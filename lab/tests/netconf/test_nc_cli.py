"""The `srxsim` command line and the state dir: up, status, down, restore, inventory, keys."""
import json
import subprocess
import sys

import asyncssh
import yaml
from lxml import etree

from srxsim.testing import RawNetconf, running_lab, write_topology


def srxsim(*args):
    return subprocess.run([sys.executable, "-m", "srxsim", *args], capture_output=True, text=True, timeout=120)


def test_up_status_down_and_state_survives_a_restart(tmp_path):
    topology = write_topology(tmp_path / "t.yml", ["edge1", "edge2"])
    state = tmp_path / "state"
    with running_lab(topology, state) as lab:
        inventory = yaml.safe_load(lab.inventory.read_text())
        group = inventory["all"]["children"]["srxsim"]
        assert group["vars"] == {"ansible_connection": "ansible.netcommon.netconf",
                                 "ansible_network_os": "junipernetworks.junos.junos",
                                 "ansible_host_key_checking": False}
        host = group["hosts"]["edge1"]
        assert (host["ansible_host"], host["ansible_port"]) == (lab.devices["edge1"]["host"],
                                                              lab.devices["edge1"]["port"])
        assert host["ansible_user"] == "netconf" and host["ansible_password"]
        assert lab.devices["edge1"]["port"] != lab.devices["edge2"]["port"]
        again = srxsim("up", str(topology), "--state-dir", str(state))
        assert again.returncode == 1 and "already running" in again.stderr
        status = srxsim("status", "--state-dir", str(state), "--json")
        assert json.loads(status.stdout)["devices"]["edge2"]["hostname"] == "edge2"
        with lab.connect("edge1") as conn:
            conn.rpc(etree.fromstring('<load-configuration action="set" format="text"><configuration-set>'
                                      "set system domain-name persisted.example</configuration-set>"
                                      "</load-configuration>"))
            conn.rpc(etree.fromstring("<commit-configuration><log>before restart</log></commit-configuration>"))
    assert srxsim("status", "--state-dir", str(state)).returncode == 3
    with running_lab(topology, state) as lab:  # a new process restores the device
        assert "set system domain-name persisted.example" in lab.config("edge1")
        assert [c["log"] for c in lab.commits("edge1")] == ["before restart", None]


def test_bad_topology_is_reported_without_traceback(tmp_path):
    topology = tmp_path / "bad.yml"
    topology.write_text("devices:\n  r1:\n    interfaces: {ge-0/0/0: {network: nowhere}}\n")
    result = srxsim("up", str(topology), "--state-dir", str(tmp_path / "state"))
    assert result.returncode == 1
    assert "device r1: interface ge-0/0/0: network 'nowhere' is not defined" in result.stderr
    assert "Traceback" not in result.stderr


def test_public_key_auth_and_host_key_kept_in_state_dir(tmp_path):
    topology = write_topology(tmp_path / "t.yml", ["r1"])
    state = tmp_path / "state"
    state.mkdir()
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(str(tmp_path / "id_ed25519"))
    key.write_public_key(str(state / "authorized_keys"))
    with running_lab(topology, state) as lab:
        host_key = (state / "devices" / "r1" / "ssh_host_ed25519_key.pub").read_text()
        with lab.connect("r1", password=None, key_filename=str(tmp_path / "id_ed25519")) as conn:
            assert conn.rpc(etree.fromstring("<get-software-information/>")).findtext(".//host-name") == "r1"
    with running_lab(topology, state):
        assert (state / "devices" / "r1" / "ssh_host_ed25519_key.pub").read_text() == host_key


def test_base11_chunked_framing_when_configured(tmp_path):
    topology = write_topology(tmp_path / "t.yml", {"r1": "set system services netconf rfc-compliant\n"
                                                         "set system services netconf version-1.1\n"})
    with running_lab(topology, tmp_path / "state") as lab:
        raw = RawNetconf(lab.devices["r1"], capabilities=("urn:ietf:params:netconf:base:1.0",
                                                          "urn:ietf:params:netconf:base:1.1"))
        try:
            assert b"<nc:capability>urn:ietf:params:netconf:base:1.1</nc:capability>" in raw.hello_raw
            assert raw.chunked
            head = b'<rpc message-id="7" xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
            tail = b"<get-software-information/></rpc>"
            raw.send_raw(b"\n#%d\n%s\n#%d\n%s\n##\n" % (len(head), head, len(tail), tail))
            reply = raw.receive()
            configuration = raw.rpc('<get-configuration database="committed"/>')
        finally:
            raw.close()
    # rfc-compliant also qualifies configuration by YANG module, like the genuine vSRX capture
    assert b'<configuration xmlns="http://yang.juniper.net/junos-es/conf/root" junos:commit-seconds=' \
        in configuration
    assert b'<system xmlns="http://yang.juniper.net/junos-es/conf/system">' in configuration
    assert b"<version>24.4R1.9</version>" in configuration
    assert b'<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"' in reply  # unprefixed, like the request
    assert b'message-id="7"' in reply and b"<host-name>r1</host-name>" in reply

"""Every configuration-plane RPC through ncclient's junos device handler."""
import json

import pytest
from lxml import etree
from ncclient.operations import RPCError

from srxsim.testing import RawNetconf

from conftest import SAMPLES


def rpc(conn, xml):
    return conn.rpc(etree.fromstring(xml))


def load_set(conn, text):
    return rpc(conn, '<load-configuration action="set" format="text"><configuration-set>%s</configuration-set>'
                     '</load-configuration>' % text)


def test_hello_is_the_vsrx_hello(lab):
    raw = RawNetconf(lab.devices["r1"])
    try:
        hello = raw.hello_raw.decode()
    finally:
        raw.close()
    genuine = (SAMPLES / "netconf-session-vsrx-vpn.raw.xml").read_text()
    genuine_hello = genuine[:genuine.index("]]>]]>") + len("]]>]]>")]
    session_id = hello[hello.index("<nc:session-id>") + 15:hello.index("</nc:session-id>")]
    assert session_id.isdigit()
    assert hello == genuine_hello.replace("<nc:session-id>92471<", "<nc:session-id>%s<" % session_id)


def test_software_information_names_the_host(nc):
    info = rpc(nc, "<get-software-information/>")
    assert info.findtext(".//host-name") == "r1"
    assert info.findtext(".//product-model") == "vSRX"
    assert info.findtext(".//os-name") == "junos-es"
    assert info.findtext(".//junos-version") == "24.4R1.9"
    assert info.find(".//package-information/package-name") is not None


@pytest.mark.parametrize("fmt,tag", [("text", "configuration-text"), ("set", "configuration-set")])
def test_get_configuration_text_formats(nc, fmt, tag):
    reply = rpc(nc, '<get-configuration database="committed" format="%s"/>' % fmt)
    text = reply.findtext(".//" + tag)
    assert "host-name r1" in text
    if fmt == "text":
        assert text.startswith("## Last commit: ")
    else:
        assert "set system host-name r1\n" in text


def test_get_configuration_xml_and_subtree_filter(nc):
    full = rpc(nc, '<get-configuration database="committed"/>')
    configuration = full.find(".//configuration")
    assert configuration.findtext("system/host-name") == "r1"
    assert any(name.endswith("commit-seconds") for name in configuration.attrib)
    part = rpc(nc, "<get-configuration><configuration><system><host-name/></system></configuration>"
                   "</get-configuration>")
    system = part.find(".//configuration/system")
    assert [child.tag for child in system] == ["host-name"]


def test_get_configuration_json(nc):
    reply = rpc(nc, '<get-configuration database="committed" format="json"/>')
    data = json.loads(etree.fromstring(reply.tostring).text)
    assert data["configuration"]["system"]["host-name"] == "r1"


def test_load_json_and_commit_synchronize(nc):
    reply = rpc(nc, '<load-configuration format="json"><configuration-json>'
                    '{"configuration": {"system": {"domain-name": "json.example"}}}'
                    "</configuration-json></load-configuration>")
    assert reply.find(".//load-configuration-results/ok") is not None
    done = rpc(nc, "<commit-configuration><synchronize/><log>json</log></commit-configuration>")
    assert done.find(".//commit-success") is not None  # synchronize is accepted on a single RE
    assert "set system domain-name json.example" in rpc(
        nc, '<get-configuration database="committed" format="set"/>').findtext(".//configuration-set")


def test_candidate_versus_committed_and_compare(nc):
    load_set(nc, "set system domain-name example.net")
    candidate = rpc(nc, '<get-configuration database="candidate" format="set"/>').findtext(".//configuration-set")
    committed = rpc(nc, '<get-configuration database="committed" format="set"/>').findtext(".//configuration-set")
    assert "set system domain-name example.net" in candidate
    assert "domain-name" not in committed
    diff = rpc(nc, '<get-configuration compare="rollback" rollback="0" format="text"/>')
    assert diff.findtext(".//configuration-output") == "\n[edit system]\n+   domain-name example.net;\n"


@pytest.mark.parametrize("action", ["merge", "replace", "override", "update"])
def test_load_actions_in_xml(nc, action):
    config = ("<configuration><system><host-name>renamed</host-name><domain-name>lab.example</domain-name>"
              "</system></configuration>")
    if action in ("override", "update"):  # both take a complete configuration
        base = rpc(nc, '<get-configuration database="committed"/>').find(".//configuration/system")
        kept = "".join(etree.tostring(e, encoding="unicode") for e in base if e.tag not in ("host-name",))
        config = "<configuration><system><host-name>renamed</host-name>%s</system></configuration>" % kept
    reply = rpc(nc, '<load-configuration action="%s" format="xml">%s</load-configuration>' % (action, config))
    assert reply.find(".//load-configuration-results/ok") is not None
    candidate = rpc(nc, '<get-configuration format="set"/>').findtext(".//configuration-set")
    assert "set system host-name renamed" in candidate
    rpc(nc, "<commit-configuration/>")
    assert rpc(nc, "<get-software-information/>").findtext(".//host-name") == "renamed"


def test_load_text_and_commit_check(nc):
    reply = rpc(nc, '<load-configuration format="text" action="merge"><configuration-text>'
                    "system { domain-name text.example; }</configuration-text></load-configuration>")
    assert reply.find(".//ok") is not None
    check = rpc(nc, "<commit-configuration><check/></commit-configuration>")
    assert check.find(".//routing-engine/commit-check-success") is not None
    assert rpc(nc, "<validate><source><candidate/></source></validate>").find(".//ok") is not None


def test_commit_log_history_and_show_system_commit(lab, nc):
    load_set(nc, "set system domain-name one.example")
    reply = rpc(nc, "<commit-configuration><log>first change</log></commit-configuration>")
    assert reply.find(".//routing-engine/commit-success") is not None
    commits = lab.commits("r1")
    assert [c["rollback"] for c in commits] == [0, 1]
    assert commits[0]["user"] == "netconf" and commits[0]["client"] == "netconf"
    assert commits[0]["log"] == "first change"
    info = rpc(nc, "<get-commit-information/>")
    assert info.findtext(".//commit-history/log") == "first change"
    text = rpc(nc, '<command format="text">show system commit</command>').findtext(".//output")
    assert text.startswith("0   ") and "by netconf via netconf" in text and "first change" in text


def test_rollback_load_and_rollback_information(nc):
    load_set(nc, "set system domain-name two.example")
    rpc(nc, "<commit-configuration/>")
    info = rpc(nc, "<get-rollback-information><rollback>0</rollback><compare>1</compare>"
                   "</get-rollback-information>")
    assert "+   domain-name two.example;" in info.findtext(".//configuration-output")
    rpc(nc, '<load-configuration rollback="1"/>')
    diff = rpc(nc, '<get-configuration compare="rollback" rollback="0" format="text"/>')
    assert "-   domain-name two.example;" in diff.findtext(".//configuration-output")
    rpc(nc, "<commit-configuration/>")
    assert "domain-name" not in rpc(nc, '<get-configuration database="committed" format="set"/>') \
        .findtext(".//configuration-set")


def test_discard_changes(nc):
    load_set(nc, "set system domain-name discard.example")
    nc.discard_changes()
    diff = rpc(nc, '<get-configuration compare="rollback" rollback="0" format="text"/>')
    assert diff.findtext(".//configuration-output") == "\n"


def test_show_configuration_commands(nc):
    text = rpc(nc, '<command format="text">show configuration system host-name</command>')
    assert text.findtext(".//configuration-output") == "host-name r1;\n"
    sets = rpc(nc, '<command format="text">show configuration system | display set</command>')
    assert "set system host-name r1" in sets.findtext(".//configuration-output")
    xml = rpc(nc, "<command>show configuration system</command>")
    assert xml.findtext(".//configuration/system/host-name") == "r1"
    version = rpc(nc, '<command format="text">show version</command>')
    assert "Hostname: r1" in version.findtext(".//output")
    assert rpc(nc, "<command>show version</command>").findtext(".//host-name") == "r1"


def test_standard_operations(nc):
    nc.lock(target="candidate")
    nc.edit_config(target="candidate", config="<config><configuration><system><domain-name>std.example"
                                              "</domain-name></system></configuration></config>")
    nc.validate(source="candidate")
    nc.commit()
    nc.unlock(target="candidate")
    running = nc.get_config(source="running", filter=("subtree", "<configuration><system><domain-name/>"
                                                                "</system></configuration>"))
    assert running.findtext(".//domain-name") == "std.example"
    assert nc.get(filter=("subtree", "<configuration><system/></configuration>")).findtext(
        ".//host-name") == "r1"
    nc.edit_config(target="candidate", config='<config xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0">'
                   '<configuration><system><domain-name nc:operation="delete"/></system></configuration></config>')
    assert "-   domain-name std.example;" in rpc(
        nc, '<get-configuration compare="rollback" rollback="0" format="text"/>').findtext(".//configuration-output")


def test_kill_and_close_session(lab):
    first = lab.connect("r1")
    with lab.connect("r1") as second:
        rpc(first, "<lock-configuration/>")
        second.kill_session(str(first.session_id))
        rpc(second, "<lock-configuration/>")  # the lock died with the killed session
        rpc(second, "<unlock-configuration/>")
    assert not first.connected
    with pytest.raises(RPCError, match="does not exist"):
        with lab.connect("r1") as conn:
            conn.kill_session("999999")

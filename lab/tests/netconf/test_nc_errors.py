"""Every error path answers with a Junos-shaped rpc-error (raw bytes where the layout matters)."""
import pytest
from lxml import etree
from ncclient.operations import RPCError

from conftest import SAMPLES
from srxsim.testing import RawNetconf

NC = "{urn:ietf:params:xml:ns:netconf:base:1.0}"


def errors_of(reply: bytes) -> list[dict]:
    root = etree.fromstring(reply)
    return [{child.tag.replace(NC, ""): (child.text or "").strip() for child in error.iter() if child is not error
             and child.tag != NC + "error-info"} for error in root.iter(NC + "rpc-error")]


@pytest.fixture
def raw(lab):
    client = RawNetconf(lab.devices["r1"])
    yield client
    client.close()


def test_unknown_rpc_is_byte_identical_to_the_vsrx_reply(raw):
    genuine = (SAMPLES / "rpc-error-unknown-rpc-vsrx.xml").read_bytes().strip()
    assert raw.rpc("<get-ike-active-peer/>", message_id="2") == genuine


def test_malformed_xml_gets_an_error_and_the_session_survives(raw):
    raw.send_raw(b'<rpc message-id="9"><get-software-information></rpc>]]>]]>')
    (error,) = errors_of(raw.receive())
    assert error["error-tag"] == "malformed-message" and error["error-message"].startswith("syntax error")
    assert b"<host-name>r1</host-name>" in raw.rpc("<get-software-information/>")


def test_unknown_configuration_element(raw):
    reply = raw.rpc("<load-configuration><configuration><system><no-such-thing>x</no-such-thing></system>"
                    "</configuration></load-configuration>")
    assert b"<load-configuration-results>" in reply
    (error,) = errors_of(reply)
    assert error == {"error-type": "protocol", "error-tag": "operation-failed", "error-severity": "error",
                     "error-path": "[edit system]", "error-message": "syntax error", "bad-element": "no-such-thing"}


def test_type_error_names_path_and_value(raw):
    reply = raw.rpc('<load-configuration action="set" format="text"><configuration-set>'
                    "set security ike proposal p1 lifetime-seconds abc</configuration-set></load-configuration>")
    (error,) = errors_of(reply)
    assert error["error-path"] == "[edit security ike proposal p1 lifetime-seconds]"
    assert error["error-tag"] == "invalid-value" and error["bad-element"] == "abc"
    assert "number expected" in error["error-message"]


def test_broken_reference_fails_commit_with_checkout_failed(raw, lab):
    raw.rpc('<load-configuration action="set" format="text"><configuration-set>'
            "set security ike gateway gw1 ike-policy nope address 203.0.113.9 external-interface ge-0/0/0"
            "</configuration-set></load-configuration>")
    reply = raw.rpc("<commit-configuration/>")
    assert b"<commit-results>" in reply
    errors = errors_of(reply)
    reference = next(e for e in errors if e.get("bad-element") == "ike-policy")
    trailer = errors[-1]
    assert reference["error-path"] == "[edit security ike gateway gw1]"
    assert reference["bad-element"] == "ike-policy" and "'nope'" in reference["error-message"]
    assert trailer["error-message"] == "configuration check-out failed"
    assert len(lab.commits("r1")) == 1  # nothing was committed


def test_commit_failure_fault_and_lock_held_by_another_user(lab):
    lab.fault("r1", "commit-fail", message="mgd: commit failed: disk full")
    with lab.connect("r1") as conn:
        with pytest.raises(RPCError) as failed:
            conn.rpc(etree.fromstring("<commit-configuration/>"))
        assert failed.value.errors[0].message == "mgd: commit failed: disk full"
        conn.rpc(etree.fromstring("<commit-configuration/>"))  # the fault fires once
        held = lab.fault("r1", "hold-lock", user="admin")
        with pytest.raises(RPCError) as denied:
            conn.lock()
        assert denied.value.tag == "lock-denied"
        assert "admin terminal p0 (pid %d)" % held["lock_holder"] in denied.value.message
        lab.fault("r1", "hold-lock", release=True)
        conn.lock()
        conn.unlock()


@pytest.mark.parametrize("body,tag,element", [
    ('<get-configuration format="yaml"/>', "invalid-value", "format"),
    ('<get-configuration compare="rollback" rollback="50"/>', "invalid-value", "rollback"),
    ('<load-configuration action="squash"><configuration/></load-configuration>', "invalid-value", "action"),
    ('<load-configuration rollback="x"/>', "invalid-value", "rollback"),
    ("<load-configuration/>", "missing-element", "configuration"),
    ("<edit-config><target><running/></target><config/></edit-config>", "operation-not-supported", "running"),
    ("<commit-configuration><at-time>22:00</at-time></commit-configuration>", "operation-not-supported",
     "at-time"),
    ("<kill-session/>", "missing-element", "session-id"),
])
def test_bad_rpc_options(raw, body, tag, element):
    (error,) = errors_of(raw.rpc(body))
    assert (error["error-tag"], error["bad-element"]) == (tag, element)
    assert error["error-severity"] == "error" and error["error-message"]


def test_rollback_that_does_not_exist(raw):
    (error,) = errors_of(raw.rpc('<load-configuration rollback="7"/>'))
    assert error["error-message"] == "rollback 7 does not exist"


def test_deleting_a_missing_statement_warns_and_still_loads(raw):
    reply = raw.rpc('<load-configuration action="set" format="text"><configuration-set>'
                    "delete security ike gateway no-such-gateway\n"
                    "set system ntp server 192.0.2.123\n"
                    "</configuration-set></load-configuration>")
    root = etree.fromstring(reply)
    results = root.find("load-configuration-results")
    assert [e["error-severity"] for e in errors_of(reply)] == ["warning"]
    assert "statement not found" in errors_of(reply)[0]["error-message"]
    assert results[-1].tag.endswith("ok")
    candidate = raw.rpc('<get-configuration database="candidate" format="set"/>')
    assert b"set system ntp server 192.0.2.123" in candidate

"""Typed Junos errors parsed from genuine replies (tests/fixtures/junos-rpc-samples/)."""
from pathlib import Path

from ansible.module_utils.connection import ConnectionError as AnsibleConnectionError
from lxml import etree

from playbook_runner import REPO

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import (
    ConnectionFailure,
    JunosRpcError,
    LockDeniedError,
    error_from_exception,
    error_from_reply,
    parse_errors,
)
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import REDACTED

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"


def sample(name):
    return (SAMPLES / name).read_bytes()


def test_commit_error_with_error_path():
    err = error_from_reply(sample("commit-configuration-error-missing-mandatory.xml"), "commit-configuration", "srx1")
    assert isinstance(err, JunosRpcError) and not isinstance(err, LockDeniedError)
    assert err.error_path == "[edit]"
    assert err.error_message == "mgd: Missing mandatory statement: 'root-authentication'"
    assert str(err) == ("commit-configuration failed on srx1: [edit]: mgd: Missing mandatory statement: "
                        "'root-authentication' (bad element: system); "
                        "configuration check-out failed: (missing mandatory statements)")
    result = err.to_result()
    assert result["error_path"] == "[edit]" and result["rpc"] == "commit-configuration"
    assert [e["bad_element"] for e in result["rpc_errors"]] == ["system", None]


def test_rpc_errors_directly_under_rpc_reply():
    errors = parse_errors(sample("commit-configuration-error-rpc-error.xml"))
    assert [(e.severity, e.message, e.tag) for e in errors] == [
        ("error", "interface-range 'axp' is not defined", "operation-failed"),
        ("error", "interface-ranges expansion failed", "operation-failed"),
    ]


def test_xnm_error_edit_path_and_statement():
    err = error_from_reply(sample("commit-configuration-error-xnm-srx.xml"), "commit-configuration")
    first = err.errors[0]
    assert (first.path, first.statement, first.message) == (
        "[edit interfaces ge-0/0/1]", "unit 2", "Only unit 0 is valid for this encapsulation")
    assert err.error_path == "[edit interfaces ge-0/0/1]"


def test_xnm_error_after_ncclient_strips_namespaces():
    # ncclient's Junos handler hands the reply over with every namespace removed.
    root = etree.fromstring(sample("commit-configuration-error-xnm-srx.xml"))
    for node in root.iter():
        node.tag = etree.QName(node).localname
    etree.cleanup_namespaces(root)
    err = error_from_reply(etree.tostring(root), "commit-configuration")
    assert err.error_message == "Only unit 0 is valid for this encapsulation"


def test_load_syntax_error_with_bom_and_no_error_path():
    err = error_from_reply(sample("load-configuration-error-syntax.xml"), "load-configuration")
    assert err.error_path is None
    assert [(e.message, e.bad_element) for e in err.errors] == [
        ("syntax error", "system1"), ("error recovery ignores input until this point", "}")]


def test_prefixed_unknown_rpc_error():
    err = error_from_reply(sample("rpc-error-unknown-rpc-vsrx.xml"), "get-ike-active-peer")
    assert err.errors[0].bad_element == "get-ike-active-peer"
    assert err.errors[0].message == "syntax error"


def test_warnings_only_are_not_an_error():
    reply = sample("commit-configuration-check-warnings.xml")
    assert error_from_reply(reply, "commit-configuration check") is None
    assert [e.severity for e in parse_errors(reply)] == ["warning", "warning"]
    assert parse_errors(reply)[0].path == "[edit protocols]"


def test_clean_replies_have_no_errors():
    assert error_from_reply(sample("commit-configuration-empty-ok.xml"), "commit-configuration") is None
    assert error_from_reply(sample("get-configuration-vsrx-route-based-vpn.xml"), "get-configuration") is None


LOCK_DENIED = """<rpc-error xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
<error-type>protocol</error-type><error-tag>lock-denied</error-tag><error-severity>error</error-severity>
<error-message>configuration database locked by: netconf-user using netconf, pid 4242</error-message>
<error-info><session-id>17</session-id></error-info></rpc-error>"""


def test_lock_denied_from_connection_error():
    # netcommon re-raises ncclient's RPCError as its XML; the module sees a ConnectionError.
    err = error_from_exception(AnsibleConnectionError(LOCK_DENIED), "lock candidate", "srx2")
    assert isinstance(err, LockDeniedError)
    assert err.holder_session_id == "17"
    assert str(err).startswith("lock candidate failed on srx2: configuration database locked by")


def test_several_errors_arrive_as_a_whole_rpc_reply():
    err = error_from_exception(AnsibleConnectionError(sample("commit-configuration-error-rpc-error.xml").decode()),
                               "commit-configuration")
    assert len(err.errors) == 2


def test_warning_only_exception_means_success():
    warning = LOCK_DENIED.replace("<error-severity>error", "<error-severity>warning")
    assert error_from_exception(AnsibleConnectionError(warning), "commit-configuration") is None


def test_transport_failure_is_not_an_rpc_error():
    err = error_from_exception(AnsibleConnectionError("ncclient timed out while waiting for an rpc reply."), "lock")
    assert isinstance(err, ConnectionFailure)
    assert str(err) == "lock failed: ncclient timed out while waiting for an rpc reply."


def test_lost_session_is_named_as_such():
    err = error_from_exception(AnsibleConnectionError("Unexpected session close None"), "commit-configuration check")
    assert isinstance(err, ConnectionFailure)
    assert str(err) == ("commit-configuration check failed: the NETCONF session to the device was lost "
                        "(Unexpected session close None)")


def test_error_text_never_carries_a_secret():
    reply = ("<rpc-reply><load-configuration-results><rpc-error><error-severity>error</error-severity>"
             "<error-path>[edit security ike policy p1]</error-path>"
             "<error-message>invalid value $9$LbHX-wg4Z</error-message>"
             "<error-info><bad-element>$9$LbHX-wg4Z</bad-element></error-info>"
             "</rpc-error></load-configuration-results></rpc-reply>")
    err = error_from_reply(reply, "load-configuration")
    assert "$9$" not in str(err) and REDACTED in str(err)
    assert "$9$" not in repr(err.to_result())

"""Device operations decided from the NETCONF hello alone."""
from pathlib import Path

import pytest

from playbook_runner import REPO

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.capabilities import (
    Capability,
    device_operations,
    parse_hello,
)

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"


def genuine_vsrx_hello():
    raw = (SAMPLES / "netconf-session-vsrx-vpn.raw.xml").read_text()
    return raw[raw.index("<nc:hello"):raw.index("</nc:hello>") + len("</nc:hello>")]


def test_genuine_vsrx_hello():
    uris, session_id = parse_hello(genuine_vsrx_hello())
    assert session_id == "92471"
    ops = device_operations(uris)
    assert ops.as_dict() == {
        "supports_commit": True,
        "supports_confirm_commit": True,
        "supports_validate": True,
        "supports_lock": True,
        "lock_datastore": ["candidate"],
        "netconf_versions": ["1.0"],
        "is_junos": True,
    }
    assert ops.url_schemes == ("http", "ftp", "file")


def test_unprefixed_hello_with_base_1_1():
    hello = ("<hello xmlns='urn:ietf:params:xml:ns:netconf:base:1.0'><capabilities>"
             "<capability>urn:ietf:params:netconf:base:1.0</capability>"
             "<capability>urn:ietf:params:netconf:base:1.1</capability>"
             "<capability>urn:ietf:params:netconf:capability:writable-running:1.0</capability>"
             "<capability>urn:ietf:params:netconf:capability:startup:1.0</capability>"
             "</capabilities></hello>")
    uris, session_id = parse_hello(hello)
    ops = device_operations(uris)
    assert session_id is None
    assert ops.netconf_versions == ("1.0", "1.1")
    assert ops.lock_datastores == ("running", "startup")
    assert not ops.supports_commit and not ops.supports_confirm_commit and not ops.is_junos


def test_base_only_server_supports_nothing_we_need():
    ops = device_operations(["urn:ietf:params:netconf:base:1.0"])
    assert (ops.supports_commit, ops.supports_lock, ops.supports_validate) == (False, False, False)


def test_whole_names_only_no_substring_matches():
    # netcommon's substring test would take these for :candidate and :confirmed-commit.
    ops = device_operations([
        "http://example.com/yang/not-a-candidate?module=x:candidate",
        "urn:ietf:params:netconf:capability:confirmed-commit-extension:1.0",
        "urn:ietf:params:netconf:capability:candidate:1.0?module=whatever",
    ])
    assert ops.capabilities == frozenset({Capability.CANDIDATE})


def test_parse_hello_rejects_other_messages():
    with pytest.raises(ValueError):
        parse_hello("<rpc-reply><ok/></rpc-reply>")

"""The NETCONF transaction: which RPCs it sends, in which order, and what it returns."""
import pytest
from lxml import etree

from fake_netconf import FakeJunos

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NetconfChannel
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import TransactionError
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import REDACTED
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.transaction import (
    ApplyResult,
    Transaction,
)

EDIT = ("<configuration><security><ike><proposal replace='replace'><name>p1</name>"
        "<dh-group>group14</dh-group></proposal></ike></security></configuration>")
DIFF = "[edit security ike]\n+   proposal p1 {\n+       dh-group group14;\n+   }"
FILTER = "<configuration><security><ike/></security></configuration>"


def transaction(device, check_mode=False):
    return Transaction(NetconfChannel(device), check_mode=check_mode)


def test_nothing_to_change_sends_no_rpc():
    device = FakeJunos()
    assert transaction(device).apply(None) == ApplyResult(changed=False, diff="", committed=False)
    assert device.calls == []


def test_read_is_one_get_configuration_of_the_committed_database():
    device = FakeJunos(committed="<configuration><security><ike><proposal><name>p1</name></proposal>"
                                 "</ike></security></configuration>")
    have = transaction(device).read(etree.fromstring(FILTER))
    assert device.calls == ["get-configuration"]
    request = device.requests[0]
    assert (request.get("database"), request.get("format")) == ("committed", "xml")
    assert etree.tostring(request[0]) == etree.tostring(etree.fromstring(FILTER))
    assert have.tag == "configuration" and have.findtext("security/ike/proposal/name") == "p1"


def test_read_of_an_empty_subtree_gives_an_empty_configuration():
    device = FakeJunos(committed="")
    have = transaction(device).read(FILTER)
    assert have.tag == "configuration" and len(have) == 0


def test_change_is_one_load_and_one_commit():
    device = FakeJunos(diff=DIFF)
    result = transaction(device).apply(etree.fromstring(EDIT), comment="ticket 42")
    # No commit check first: the commit validates the candidate itself, a second checkout would only cost time.
    assert device.calls == ["lock", "load-configuration", "compare", "commit-configuration", "unlock"]
    assert result == ApplyResult(changed=True, diff=DIFF, committed=True)
    load = device.requests[1]
    assert (load.get("action"), load.get("format")) == ("replace", "xml")
    assert load.find("configuration/security/ike/proposal").get("replace") == "replace"
    commit = device.commits[0]
    assert commit.findtext("log") == "ticket 42" and commit.find("confirmed") is None
    assert not device.locked and not device.dirty


def test_device_reports_no_diff_so_nothing_is_committed():
    device = FakeJunos(diff="")
    result = transaction(device).apply(EDIT)
    assert device.calls == ["lock", "load-configuration", "compare", "discard-changes", "unlock"]
    assert result == ApplyResult(changed=False, diff="", committed=False)
    assert device.commits == []


def test_check_mode_returns_the_device_diff_and_discards():
    device = FakeJunos(diff=DIFF)
    result = transaction(device, check_mode=True).apply(EDIT)
    assert device.calls == ["lock", "load-configuration", "compare", "commit-check", "discard-changes", "unlock"]
    assert result == ApplyResult(changed=True, diff=DIFF, committed=False)
    assert device.commits == [] and not device.dirty and not device.locked


def test_diff_hides_secrets():
    device = FakeJunos(diff='[edit security ike policy p1]\n+    pre-shared-key ascii-text "$9$LbHX-wg4Z"; '
                            '## SECRET-DATA')
    result = transaction(device).apply(EDIT)
    assert "$9$" not in result.diff and REDACTED in result.diff


def test_confirmed_commit_then_confirm():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device)
    result = tx.apply(EDIT, confirmed=5)
    assert result.committed and tx.pending_confirm
    commit = device.commits[0]
    assert commit.find("confirmed") is not None and commit.findtext("confirm-timeout") == "5"
    device.calls.clear()
    tx.confirm()
    # Junos takes commit check as the confirmation: the change stays one commit-history entry.
    assert device.calls == ["get-commit-information", "commit-check"]
    assert len(device.commits) == 1
    assert not tx.pending_confirm and not device.locked


def test_confirmed_commit_then_rollback_at_once():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device)
    tx.apply(EDIT, confirmed=2)
    device.calls.clear()
    tx.rollback()
    assert device.calls == ["get-commit-information", "lock", "compare", "load-rollback", "commit-configuration",
                            "unlock"]
    assert device.requests[-3].get("rollback") == "1"
    assert not tx.pending_confirm and not device.dirty and not device.locked


def test_rollback_after_the_confirm_timer_fired_does_not_reapply_the_change():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device)
    tx.apply(EDIT, confirmed=2)
    device.expire_confirm_timer()
    device.calls.clear()
    warnings = tx.rollback()
    assert device.calls == ["get-commit-information"]
    assert "already been rolled back" in warnings[0]
    assert not tx.pending_confirm and len(device.commits) == 1


def test_confirm_after_the_confirm_timer_fired_fails_without_committing():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device)
    tx.apply(EDIT, confirmed=2)
    device.expire_confirm_timer()
    with pytest.raises(TransactionError, match="rolled it back"):
        tx.confirm()
    assert len(device.commits) == 1 and not device.locked


def test_check_mode_never_leaves_a_commit_to_confirm():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device, check_mode=True)
    tx.apply(EDIT, confirmed=5)
    assert device.commits == [] and not tx.pending_confirm

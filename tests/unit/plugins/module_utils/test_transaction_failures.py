"""Every failure path ends with a clean candidate, a released lock and a typed error."""
import pytest

from fake_netconf import LOCK_DENIED, FakeJunos, FakeModule, sample

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NetconfChannel
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import (
    CapabilityError,
    ConnectionFailure,
    JunosRpcError,
    LockDeniedError,
    TransactionError,
)
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.transaction import Transaction

EDIT = "<configuration><security><ike><proposal><name>p1</name></proposal></ike></security></configuration>"
DIFF = "[edit security ike]\n+   proposal p1;"


def transaction(device, check_mode=False):
    return Transaction(NetconfChannel(device), check_mode=check_mode)


def test_lock_held_by_another_session_changes_nothing():
    device = FakeJunos(diff=DIFF, fail={"lock": LOCK_DENIED})
    with pytest.raises(LockDeniedError) as caught:
        transaction(device).apply(EDIT)
    # No discard: the candidate belongs to the lock holder.
    assert device.calls == ["lock"]
    assert caught.value.holder_session_id == "99"
    assert "locked by: other-user" in str(caught.value)


@pytest.mark.parametrize("step, reply, path, check_mode", [
    ("load-configuration", "load-configuration-error-syntax.xml", None, False),
    ("commit-check", "commit-configuration-error-missing-mandatory.xml", "[edit]", True),
    ("commit-configuration", "commit-configuration-error-missing-mandatory.xml", "[edit]", False),
])
def test_junos_error_discards_and_unlocks(step, reply, path, check_mode):
    device = FakeJunos(diff=DIFF, fail={step: sample(reply)})
    with pytest.raises(JunosRpcError) as caught:
        transaction(device, check_mode=check_mode).apply(EDIT)
    assert device.calls[-2:] == ["discard-changes", "unlock"]
    assert device.commits == [] and not device.dirty and not device.locked
    assert caught.value.error_path == path
    assert caught.value.operation.startswith(step.split("-")[0])


def test_errors_returned_inside_an_ok_reply_are_raised():
    # xnm:error replies carry no <ok/> and ncclient does not raise on them; the channel must.
    device = FakeJunos(diff=DIFF)
    device._commit_configuration = lambda request: sample("commit-configuration-error-xnm-srx.xml")
    with pytest.raises(JunosRpcError) as caught:
        transaction(device).apply(EDIT)
    assert caught.value.error_path == "[edit interfaces ge-0/0/1]"
    assert device.calls[-2:] == ["discard-changes", "unlock"]


def test_transport_failure_mid_transaction_still_cleans_up():
    device = FakeJunos(diff=DIFF, fail={"compare": "ncclient timed out while waiting for an rpc reply."})
    with pytest.raises(ConnectionFailure):
        transaction(device).apply(EDIT)
    assert device.calls[-2:] == ["discard-changes", "unlock"] and not device.dirty


def test_unlock_failure_after_commit_is_a_warning_not_a_failure():
    device = FakeJunos(diff=DIFF, fail={"unlock": sample("rpc-error-unknown-rpc-vsrx.xml")})
    result = transaction(device).apply(EDIT)
    assert result.committed
    assert len(result.warnings) == 1 and "unlock candidate failed" in result.warnings[0]


def test_warnings_from_commit_check_do_not_fail_check_mode():
    device = FakeJunos(diff=DIFF)
    device._commit_check = lambda request: sample("commit-configuration-check-warnings.xml")
    assert transaction(device, check_mode=True).apply(EDIT).changed


@pytest.mark.parametrize("minutes", [0, -1, 65536, 1.5, "5", True])
def test_bad_confirmed_minutes_fail_before_any_rpc(minutes):
    device = FakeJunos(diff=DIFF)
    with pytest.raises(TransactionError, match="between 1 and 65535"):
        transaction(device).apply(EDIT, confirmed=minutes)
    assert device.calls == []


def test_confirmed_needs_the_capability():
    device = FakeJunos(diff=DIFF, capabilities=["urn:ietf:params:netconf:base:1.0",
                                                "urn:ietf:params:netconf:capability:candidate:1.0"])
    with pytest.raises(CapabilityError, match="confirmed-commit"):
        transaction(device).apply(EDIT, confirmed=5)
    assert device.calls == []


def test_confirm_never_commits_or_drops_foreign_changes():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device)
    tx.apply(EDIT, confirmed=5)
    device.foreign_changes = "[edit system]\n+  host-name other;"
    tx.confirm()
    assert len(device.commits) == 1 and not device.locked and not tx.pending_confirm
    assert "discard-changes" not in device.calls[-2:]  # the other session's edit is not ours to drop


def test_confirm_and_rollback_need_a_pending_confirmed_commit():
    tx = transaction(FakeJunos(diff=DIFF))
    with pytest.raises(TransactionError):
        tx.confirm()
    with pytest.raises(TransactionError):
        tx.rollback()


def test_failed_rollback_discards_and_unlocks():
    device = FakeJunos(diff=DIFF)
    tx = transaction(device)
    tx.apply(EDIT, confirmed=5)
    device.fail["commit-configuration"] = sample("commit-configuration-error-rpc-error.xml")
    with pytest.raises(JunosRpcError):
        tx.rollback()
    assert device.calls[-2:] == ["discard-changes", "unlock"] and not device.dirty


def test_module_without_a_netconf_connection_fails_with_a_clear_message():
    module = FakeModule(socket_path=None)
    with pytest.raises(SystemExit):
        Transaction.for_module(module)
    assert "connection: ansible.netcommon.netconf" in module.failed_with["msg"]

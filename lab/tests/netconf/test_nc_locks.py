"""Junos datastore rules across sessions: shared candidate, exclusive lock, private databases."""
import pytest
from lxml import etree
from ncclient.operations import RPCError
from ncclient.transport import TransportError


def rpc(conn, xml):
    return conn.rpc(etree.fromstring(xml))


def load_set(conn, text):
    return rpc(conn, '<load-configuration action="set" format="text"><configuration-set>%s</configuration-set>'
                     '</load-configuration>' % text)


def pending_diff(conn):
    return rpc(conn, '<get-configuration compare="rollback" rollback="0" format="text"/>') \
        .findtext(".//configuration-output")


def test_lock_denied_names_the_holder(lab):
    with lab.connect("r1") as holder, lab.connect("r1") as other:
        holder.lock()
        with pytest.raises(RPCError) as denied:
            other.lock()
        assert denied.value.tag == "lock-denied"
        assert denied.value.message.startswith("configuration database locked by:\n  netconf terminal  (pid %s)"
                                               % holder.session_id)
        assert "<nc:session-id>%s</nc:session-id>" % holder.session_id in denied.value.info
        with pytest.raises(RPCError, match="configuration database locked by"):
            load_set(other, "set system domain-name blocked.example")
        with pytest.raises(RPCError, match="configuration database locked by"):
            rpc(other, "<commit-configuration/>")
        holder.unlock()
        other.lock()
        other.unlock()


def test_candidate_is_shared_and_modified_database_refuses_lock(lab):
    with lab.connect("r1") as first, lab.connect("r1") as second:
        load_set(first, "set system domain-name shared.example")
        assert "domain-name shared.example" in pending_diff(second)
        with pytest.raises(RPCError) as modified:
            rpc(second, "<lock-configuration/>")
        assert modified.value.message == "configuration database modified"
        # unlock keeps uncommitted changes (Junos); only discard-changes drops them
        second.discard_changes()
        rpc(second, "<lock-configuration/>")
        rpc(second, "<unlock-configuration/>")


def test_unlock_keeps_changes_but_dropped_holder_loses_them(lab):
    with lab.connect("r1") as conn:
        conn.lock()
        load_set(conn, "set system domain-name kept.example")
        conn.unlock()
        assert "kept.example" in pending_diff(conn)
        conn.discard_changes()
    holder = lab.connect("r1")
    holder.lock()
    load_set(holder, "set system domain-name lost.example")
    lab.fault("r1", "drop-session", rpc="get-software-information")
    with pytest.raises(TransportError):
        rpc(holder, "<get-software-information/>")
    with lab.connect("r1") as after:
        assert pending_diff(after) == "\n"
        after.lock()  # the lock went with the dropped session
        after.unlock()


def test_private_candidate_is_per_session(lab):
    with lab.connect("r1") as private, lab.connect("r1") as shared:
        rpc(private, "<open-configuration><private/></open-configuration>")
        load_set(private, "set system domain-name private.example")
        assert pending_diff(shared) == "\n"
        assert "private.example" in pending_diff(private)
        rpc(private, "<commit-configuration/>")
        rpc(private, "<close-configuration/>")
        committed = rpc(shared, '<get-configuration database="committed" format="set"/>')
        assert "set system domain-name private.example" in committed.findtext(".//configuration-set")


def test_private_refused_while_shared_candidate_is_modified(lab):
    with lab.connect("r1") as editor, lab.connect("r1") as other:
        load_set(editor, "set system domain-name dirty.example")
        with pytest.raises(RPCError, match="shared configuration database modified"):
            rpc(other, "<open-configuration><private/></open-configuration>")


def test_exclusive_open_locks_and_close_discards(lab):
    with lab.connect("r1") as exclusive, lab.connect("r1") as other:
        rpc(exclusive, "<open-configuration><exclusive/></open-configuration>")
        with pytest.raises(RPCError, match="locked by"):
            other.lock()
        load_set(exclusive, "set system domain-name exclusive.example")
        rpc(exclusive, "<close-configuration/>")
        assert pending_diff(other) == "\n"
        other.lock()
        other.unlock()


def test_exclusive_lock_blocks_a_private_commit(lab):
    with lab.connect("r1") as private, lab.connect("r1") as locker:
        rpc(private, "<open-configuration><private/></open-configuration>")
        load_set(private, "set system domain-name private.example")
        locker.lock()
        with pytest.raises(RPCError) as denied:
            rpc(private, "<commit-configuration/>")
        assert denied.value.tag == "lock-denied"
        locker.unlock()
        rpc(private, "<commit-configuration/>")

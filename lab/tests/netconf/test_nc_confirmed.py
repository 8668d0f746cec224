"""commit confirmed: rolled back by the clock unless confirmed by commit or commit check."""
from lxml import etree


def rpc(conn, xml):
    return conn.rpc(etree.fromstring(xml))


def committed_set(conn):
    return rpc(conn, '<get-configuration database="committed" format="set"/>').findtext(".//configuration-set")


def load_set(conn, text):
    rpc(conn, '<load-configuration action="set" format="text"><configuration-set>%s</configuration-set>'
              '</load-configuration>' % text)


def test_unconfirmed_commit_rolls_back_when_the_timer_expires(lab):
    with lab.connect("r1") as conn:
        load_set(conn, "set system domain-name confirm.example")
        rpc(conn, "<commit-configuration><confirmed/><confirm-timeout>2</confirm-timeout></commit-configuration>")
        assert "domain-name confirm.example" in committed_set(conn)
        history = rpc(conn, '<command format="text">show system commit</command>').findtext(".//output")
        assert "commit confirmed, rollback in 2mins" in history
        assert lab.advance_clock(60)["timers_fired"] == 0
        assert lab.advance_clock(61)["timers_fired"] == 1
        assert "domain-name" not in committed_set(conn)
    commits = lab.commits("r1")
    assert [c["rollback"] for c in commits] == [0, 1, 2]
    assert commits[0]["log"] == "automatic rollback: commit confirmed timed out"
    assert commits[1]["confirmed_minutes"] == 2


def test_confirming_commit_keeps_the_change(lab):
    with lab.connect("r1") as conn:
        load_set(conn, "set system domain-name kept.example")
        conn.commit(confirmed=True, timeout="300")  # NETCONF <commit>: seconds
        rpc(conn, "<commit-configuration><check/></commit-configuration>")  # commit check confirms too
        lab.advance_clock(3600)
        assert "domain-name kept.example" in committed_set(conn)


def test_a_commit_confirmed_after_a_check_confirmed_one_rolls_back_to_its_own_predecessor(lab):
    """Junos rolls an unconfirmed commit back to rollback 1, not to the base of an earlier confirmed commit."""
    with lab.connect("r1") as conn:
        load_set(conn, "set system domain-name first.example")
        rpc(conn, "<commit-configuration><confirmed/></commit-configuration>")
        rpc(conn, "<commit-configuration><check/></commit-configuration>")
        load_set(conn, "set system domain-name second.example")
        rpc(conn, "<commit-configuration><confirmed/></commit-configuration>")
        lab.advance_clock(601)
        assert "domain-name first.example" in committed_set(conn)
    assert len(lab.commits("r1")) == 4  # initial, two confirmed commits, the rollback: check adds no entry

"""Seed 004 end to end over NETCONF: its set lines plus a PSK commit and read back as given."""
import re

import pytest
from lxml import etree
from ncclient.operations import RPCError

SEED004_VPN = """\
set security ike policy ike-policy proposal-set standard
set security ike policy ike-policy pre-shared-key ascii-text "seed004-Secret"
set security ike gateway remote-site ike-policy ike-policy
set security ike gateway remote-site address 203.0.113.1
set security ike gateway remote-site external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn vpn-to-remote-site bind-interface st0.0
set security ipsec vpn vpn-to-remote-site ike gateway remote-site
set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy
set interfaces st0 unit 0 family inet address 10.1.1.1/30
set routing-options static route 192.168.2.0/24 next-hop 10.1.1.2
set security zones security-zone vpn interfaces st0.0
"""


def load_set(conn, text):
    return conn.rpc(etree.fromstring(
        '<load-configuration action="set" format="text"><configuration-set>%s</configuration-set>'
        '</load-configuration>' % text))


def committed_set(conn):
    reply = conn.rpc(etree.fromstring('<get-configuration database="committed" format="set"/>'))
    return reply.findtext(".//configuration-set")


def diff(conn):
    reply = conn.rpc(etree.fromstring('<get-configuration compare="rollback" rollback="0" format="text"/>'))
    return reply.findtext(".//configuration-output")


def test_seed004_lines_and_psk_round_trip(seed004):
    with seed004.connect("site-a") as conn:
        conn.lock()
        load_set(conn, SEED004_VPN)
        conn.commit()
        conn.unlock()
        lines = committed_set(conn).splitlines()
    for line in SEED004_VPN.splitlines():
        if "pre-shared-key" in line:
            continue
        assert line in lines, line
    psk = [line for line in lines if "pre-shared-key" in line]
    assert len(psk) == 1
    assert re.fullmatch(r'set security ike policy ike-policy pre-shared-key ascii-text "\$9\$[^"]+"', psk[0])
    assert seed004.config("site-a", fmt="set").splitlines() == lines
    state_files = [p for p in (seed004.state_dir / "devices" / "site-a").iterdir() if p.is_file()]
    assert not any(b"seed004-Secret" in p.read_bytes() for p in state_files)  # stored only as $9$


def test_reloading_the_same_plaintext_psk_shows_a_change(seed004):
    psk_line = 'set security ike policy ike-policy pre-shared-key ascii-text "seed004-Secret"'
    with seed004.connect("site-a") as conn:
        load_set(conn, SEED004_VPN)
        conn.commit()
        assert diff(conn) == "\n"  # nothing pending: Junos sends a lone newline
        load_set(conn, psk_line)
        changed = diff(conn)
    removed = re.findall(r'^-\s+(?:pre-shared-key )?ascii-text "(\$9\$[^"]+)"; ## SECRET-DATA$', changed, re.M)
    added = re.findall(r'^\+\s+(?:pre-shared-key )?ascii-text "(\$9\$[^"]+)"; ## SECRET-DATA$', changed, re.M)
    assert changed.startswith("\n[edit security ike policy ike-policy")
    assert len(removed) == len(added) == 1 and removed != added  # a fresh salt on every load
    assert "seed004-Secret" not in changed


def test_show_configuration_paths_like_the_cli(seed004):
    def show(conn, command):
        return conn.rpc(etree.fromstring('<command format="text">%s</command>' % command)) \
            .findtext(".//configuration-output")

    with seed004.connect("site-a") as conn:
        assert show(conn, "show configuration interfaces ge-0/0/0") == \
            "unit 0 {\n    family {\n        inet {\n            address 192.0.2.1/24;\n        }\n    }\n}\n"
        assert show(conn, "show configuration interfaces ge-0/0/0 | display set") == \
            "set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n"
        assert show(conn, "show configuration security zones security-zone untrust interfaces").startswith(
            "ge-0/0/0.0 {\n    host-inbound-traffic {\n")
        assert show(conn, "show configuration system domain-name") == "\n"  # valid path, nothing there
        assert show(conn, "show configuration system services | match ssh") == "    ssh;\nssh;\n"
        with pytest.raises(RPCError) as bad:
            show(conn, "show configuration nonsense")
        assert bad.value.message == "syntax error"

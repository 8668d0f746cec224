"""The network model inside a running lab, driven over SSH/NETCONF with ncclient (junos handler):
commit seed 004's VPN on both sites, read the SAs, ping across, read `show` output and kmd log."""
from pathlib import Path

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from srxsim.testing import running_lab

from netcases import SITE_A, SITE_B

TOPOLOGY = Path(__file__).resolve().parents[2] / "topologies" / "seed004.yml"


def rpc(conn, xml: str) -> etree._Element:
    return etree.fromstring(conn.rpc(etree.fromstring(xml)).tostring)


def text_of(reply: etree._Element, tag: str) -> str:
    return (next(reply.iter(tag)).text or "").strip()


def command_text(conn, command: str) -> str:
    reply = etree.fromstring(conn.command(command, format="text").tostring)
    return etree.tostring(reply, encoding="unicode", method="text")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(TOPOLOGY, tmp_path_factory.mktemp("seed004") / "state") as running:
        for device, text in (("site-a", SITE_A), ("site-b", SITE_B)):
            with running.connect(device) as conn:
                conn.load_configuration(action="set", config=text.strip().splitlines())
                conn.commit()
        yield running


def test_sas_up_and_ping_over_netconf(lab):
    with lab.connect("site-a") as conn:
        ike = rpc(conn, "<get-ike-security-associations-information/>")
        assert text_of(ike, "ike-sa-state") == "UP" and text_of(ike, "ike-sa-remote-address") == "203.0.113.1"
        ipsec = rpc(conn, "<get-security-associations-information/>")
        assert text_of(ipsec, "total-active-tunnels") == "1"
        ping = rpc(conn, "<ping><host>192.168.2.10</host><source>192.168.1.1</source><count>3</count>"
                         "<rapid/></ping>")
        assert text_of(ping, "responses-received") == "3"
        stats = rpc(conn, "<get-ipsec-statistics-information/>")
        assert int(text_of(stats, "esp-encrypted-packets")) >= 3
        terse = rpc(conn, "<get-interface-information><terse/><interface-name>st0</interface-name>"
                          "</get-interface-information>")
        assert text_of(terse, "oper-status") == "up"
        with pytest.raises(RPCError, match="device ge-0/0/9 not found"):
            conn.rpc(etree.fromstring("<get-interface-information><interface-name>ge-0/0/9</interface-name>"
                                      "</get-interface-information>"))
    with lab.connect("site-b") as conn:
        detail = rpc(conn, "<get-ike-security-associations-information><detail/>"
                           "</get-ike-security-associations-information>")
        assert text_of(detail, "ike-sa-role") == "responder"


def test_show_commands_in_text(lab):
    with lab.connect("site-a") as conn:
        text = command_text(conn, "show security ipsec security-associations")
        assert "Total active tunnels: 1" in text and "203.0.113.1" in text
        ping = command_text(conn, "ping 192.168.2.10 count 2 interface ge-0/0/1.0 rapid")
        assert "2 packets transmitted, 2 packets received, 0% packet loss" in ping
        log = command_text(conn, "show log kmd")
        assert "KMD_VPN_UP_ALARM_USER" in log and "lab-secret-004" not in log


def test_control_api_reports_verdicts_and_pings_from_lan_hosts(lab):
    verdicts = lab.control("tunnels")
    assert verdicts["site-a"]["vpn-to-remote-site"]["established"] is True
    result = lab.control("ping", host="pc-a", destination="192.168.2.10", count=2)
    assert result["received"] == 2 and result["drop"] is None


def test_routes_for_a_destination_over_netconf(lab):
    with lab.connect("site-a") as conn:
        reply = rpc(conn, "<get-route-information><destination>192.168.2.0/24</destination>"
                          "</get-route-information>")
        shown = [(el.text or "").strip() for el in reply.iter("{*}rt-destination")]
        assert shown == ["192.168.2.0/24"]
        exact = rpc(conn, "<get-route-information><destination>192.168.0.0/16</destination><exact/>"
                          "</get-route-information>")
        assert not list(exact.iter("{*}rt-destination"))
        text = command_text(conn, "show route 192.168.2.10 table inet.0")
        assert "192.168.2.0/24" in text and "0.0.0.0/0" not in text
        with pytest.raises(RPCError, match="not an IPv4 address or prefix"):
            conn.rpc(etree.fromstring("<get-route-information><destination>192.168.2</destination>"
                                      "</get-route-information>"))


def test_round_trip_time_follows_the_path(lab):
    with lab.connect("site-a") as conn:
        def average_rtt(host):
            reply = rpc(conn, "<ping><host>%s</host><source>192.168.1.1</source><count>3</count><rapid/></ping>"
                        % host)
            assert text_of(reply, "responses-received") == "3"
            return int(text_of(reply, "rtt-average"))

        local, across = average_rtt("192.168.1.10"), average_rtt("192.168.2.10")
    assert across > local > 0, "a ping through the tunnel crosses the internet twice, a LAN ping does not"

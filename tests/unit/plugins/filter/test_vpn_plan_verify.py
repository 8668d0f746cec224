"""verify_vpn.yml's rows and table from a device's tunnels, the status module's result and ping replies."""
from playbook_runner import import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.filter.vpn_plan import FilterModule  # noqa: E402

FILTERS = FilterModule().filters()
PING_OK = ("<rpc-reply><ping-results><probe-results-summary><probes-sent>3</probes-sent>"
           "<responses-received>3</responses-received><rtt-average>1837</rtt-average></probe-results-summary>"
           "<ping-success/></ping-results></rpc-reply>")
PING_LOST = ("<rpc-reply><ping-results><probe-results-summary><probes-sent>3</probes-sent>"
             "<responses-received>0</responses-received></probe-results-summary><ping-failure/></ping-results></rpc-reply>")


def tunnel(name, vpn, gateway, path="", ttype="site_to_site", ping=True):
    return {"tunnel": name, "path": path, "type": ttype, "peer": "site-b", "vpn": vpn, "gateway": gateway,
            "remote_address": "203.0.113.1",
            "ping": {"source": "192.168.1.1", "destination": "192.168.2.10"} if ping else None}


def test_rows_join_status_and_pings():
    tunnels = [tunnel("ab", "vpn-primary", "primary-gateway", "primary", "redundant"),
               tunnel("ab", "vpn-secondary", "secondary-gateway", "secondary", "redundant")]
    status = {"tunnels": {"vpn-primary": {"ike": "UP", "ipsec": "UP"}, "vpn-secondary": {"ike": "UP", "ipsec": "DOWN"}}}
    pings = {"results": [{"item": tunnels[0], "stdout": PING_OK}, {"item": tunnels[1], "stdout": PING_LOST}]}
    rows = FILTERS["vpn_verify"](tunnels, status, pings, "site-a")
    assert [(r["name"], r["phase1"], r["phase2"], r["ping"], r["rtt_ms"], r["ok"]) for r in rows] == [
        ("ab/primary", "UP", "UP", "OK", 1.837, True),
        ("ab/secondary", "UP", "DOWN", "FAIL", None, False)]
    assert rows[1]["reason"] == ("site-a ab/secondary (vpn vpn-secondary): IPsec SA (phase 2) is down, "
                                 "ping 192.168.1.1 -> 192.168.2.10 failed")


def test_dynamic_peer_found_by_gateway_and_vpn_name():
    t = tunnel("corp", "vpn-corp-spoke3", "gw-corp-spoke3", ping=False)
    status = {"tunnels": {"vpn-corp-spoke3": {"ike": "DOWN", "ipsec": "DOWN"}},
              "ike_sas": [{"gateway": "gw-corp-spoke3", "remote_address": "198.51.100.203", "state": "UP"}],
              "ipsec_sas": {"tunnels": [{"vpn_name": None, "remote_gateway": "198.51.100.203", "state": "up"}]}}
    row = FILTERS["vpn_verify"]([t], status, {"results": []}, "hub")[0]
    assert (row["phase1"], row["phase2"], row["ping"], row["ok"]) == ("UP", "UP", "n/a", True)


def test_table():
    rows = FILTERS["vpn_verify"]([tunnel("ab", "vpn-ab", "gw-ab")], {"tunnels": {"vpn-ab": {"ike": "UP", "ipsec": "UP"}}},
                                 {"results": [{"item": tunnel("ab", "vpn-ab", "gw-ab"), "stdout": PING_OK}]}, "site-a")
    assert FILTERS["vpn_verify_table"](rows) == [
        "DEVICE  TUNNEL  PEER    VPN     PHASE 1  PHASE 2  PING  RTT ms",
        "site-a  ab      site-b  vpn-ab  UP       UP       OK    1.837",
        "all 1 tunnels UP, ping OK"]
    rows[0]["ok"] = False
    assert FILTERS["vpn_verify_table"](rows)[-1] == "1 of 1 tunnels NOT OK"

"""Seed 004 (two sites, route-based VPN) as set lines, plus a PSK, zones with host-inbound ike and
trust<->vpn policies; shared by the network tests."""

SITE_A = """
set system host-name site-a
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
set interfaces st0 unit 0 family inet address 10.1.1.1/30
set security ike policy ike-policy proposal-set standard
set security ike policy ike-policy pre-shared-key ascii-text "lab-secret-004"
set security ike gateway remote-site ike-policy ike-policy
set security ike gateway remote-site address 203.0.113.1
set security ike gateway remote-site external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn vpn-to-remote-site bind-interface st0.0
set security ipsec vpn vpn-to-remote-site ike gateway remote-site
set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy
set security ipsec vpn vpn-to-remote-site establish-tunnels immediately
set routing-options static route 192.168.2.0/24 next-hop 10.1.1.2
set routing-options static route 0.0.0.0/0 next-hop 192.0.2.254
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike
set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping
set security zones security-zone vpn interfaces st0.0
set security policies from-zone trust to-zone vpn policy allow-vpn match source-address any
set security policies from-zone trust to-zone vpn policy allow-vpn match destination-address any
set security policies from-zone trust to-zone vpn policy allow-vpn match application any
set security policies from-zone trust to-zone vpn policy allow-vpn then permit
set security policies from-zone vpn to-zone trust policy allow-vpn match source-address any
set security policies from-zone vpn to-zone trust policy allow-vpn match destination-address any
set security policies from-zone vpn to-zone trust policy allow-vpn match application any
set security policies from-zone vpn to-zone trust policy allow-vpn then permit
"""

SITE_B = (SITE_A.replace("site-a", "site-b").replace("192.0.2.1/24", "203.0.113.1/24")
          .replace("192.168.1.1/24", "192.168.2.1/24").replace("10.1.1.1/30", "10.1.1.2/30")
          .replace("address 203.0.113.1\n", "address 192.0.2.1\n")
          .replace("192.168.2.0/24 next-hop 10.1.1.2", "192.168.1.0/24 next-hop 10.1.1.1")
          .replace("192.0.2.254", "203.0.113.254"))

TOPOLOGY = {
    "devices": {
        "site-a": {"interfaces": {"ge-0/0/0": {"network": "isp-a"}, "ge-0/0/1": {"network": "lan-a"}}},
        "site-b": {"interfaces": {"ge-0/0/0": {"network": "isp-b"}, "ge-0/0/1": {"network": "lan-b"}}},
    },
    "networks": {
        "internet": {"kind": "internet"},
        "isp-a": {"kind": "access", "uplink": "internet"},
        "isp-b": {"kind": "access", "uplink": "internet"},
        "lan-a": {"kind": "lan", "hosts": {"pc-a": "192.168.1.10"}},
        "lan-b": {"kind": "lan", "hosts": {"pc-b": "192.168.2.10"}},
    },
}

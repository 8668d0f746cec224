"""Seed 004 (shared/seeds/004, the worked example) as `show configuration | display set` shows it on site A.

The seed types st0.0 and a one-line gateway; Junos displays st0 unit 0 and one statement per gateway
leaf. The last four statements are what a working tunnel needs besides (zones, policies, IKE on untrust).
"""

SITE_A = (
    "set security ike policy ike-policy mode main",
    "set security ike policy ike-policy proposal-set standard",
    "set security ike gateway remote-site ike-policy ike-policy",
    "set security ike gateway remote-site address 203.0.113.1",
    "set security ike gateway remote-site external-interface ge-0/0/0",
    "set security ipsec policy ipsec-policy proposal-set standard",
    "set security ipsec vpn vpn-to-remote-site bind-interface st0.0",
    "set security ipsec vpn vpn-to-remote-site ike gateway remote-site",
    "set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy",
    "set interfaces st0 unit 0 family inet address 10.1.1.1/30",
    "set routing-options static route 192.168.2.0/24 next-hop 10.1.1.2",
    "set security zones security-zone vpn interfaces st0.0",
    "set security policies from-zone trust to-zone vpn policy allow-vpn then permit",
    "set security policies from-zone vpn to-zone trust policy allow-vpn-in then permit",
    "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike",
)

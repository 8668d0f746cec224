"""Shared inputs for the configuration datastore tests (a uniquely named module: lab/tests
holds several conftest.py files, so tests must not import from `conftest`)."""

from pathlib import Path

from srxsim.config import Configuration, load_configuration

SAMPLES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "junos-rpc-samples"

# The configuration statements of seed 004 (Juniper's route-based VPN example), site A,
# as the seed writes them (st0.0 shorthand, several gateway statements on one line).
SEED_004 = """\
set security ike policy ike-policy proposal-set standard
set security ike gateway remote-site ike-policy ike-policy address 203.0.113.1 external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn vpn-to-remote-site bind-interface st0.0
set security ipsec vpn vpn-to-remote-site ike gateway remote-site
set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy
set interfaces st0.0 family inet address 10.1.1.1/30
set routing-options static route 192.168.2.0/24 next-hop 10.1.1.2
"""

# What a device needs besides the VPN to pass commit checks.
BASE = """\
set system host-name site-a
set system root-authentication encrypted-password "$6$abc$def"
set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/24
set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
set security zones security-zone trust interfaces ge-0/0/1.0
set security zones security-zone untrust interfaces ge-0/0/0.0
set security zones security-zone vpn interfaces st0.0
"""
PSK = 'set security ike policy ike-policy pre-shared-key ascii-text "lab secret 1"\n'


def load_set(text: str, base: Configuration | None = None) -> Configuration:
    return load_configuration(base or Configuration.empty(), text, action="set", fmt="set")


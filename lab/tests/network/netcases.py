"""Configurations and topologies for the network-model tests: seed 004 (two sites), its redundant
variant, hub and spokes. Configs are Junos set lines loaded by the configuration plane's own loader
(srxsim.config), so the model reads exactly what a commit would hold."""
from __future__ import annotations

from srxsim import config as cfgmod
from srxsim.clock import Clock
from srxsim.network.sa import NetworkState
from srxsim.network.underlay import Underlay

PSK = "lab-secret-004"

ZONES_AND_POLICIES = """
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike
set security zones security-zone trust interfaces {lan}.0 host-inbound-traffic system-services ping
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


def site(name: str, wan: str, lan: str, st0: str, peer: str, remote_lan: str, remote_st0: str, gw: str) -> str:
    """Seed 004's site configuration plus a PSK, zones with host-inbound ike, trust<->vpn policies."""
    return f"""
set system host-name {name}
set interfaces ge-0/0/0 unit 0 family inet address {wan}
set interfaces ge-0/0/1 unit 0 family inet address {lan}
set interfaces st0 unit 0 family inet address {st0}
set security ike policy ike-policy proposal-set standard
set security ike policy ike-policy pre-shared-key ascii-text "{PSK}"
set security ike gateway remote-site ike-policy ike-policy
set security ike gateway remote-site address {peer}
set security ike gateway remote-site external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn vpn-to-remote-site bind-interface st0.0
set security ipsec vpn vpn-to-remote-site ike gateway remote-site
set security ipsec vpn vpn-to-remote-site ike ipsec-policy ipsec-policy
set security ipsec vpn vpn-to-remote-site establish-tunnels immediately
set routing-options static route {remote_lan} next-hop {remote_st0}
set routing-options static route 0.0.0.0/0 next-hop {gw}
""" + ZONES_AND_POLICIES.format(lan="ge-0/0/1")


SITE_A = site("site-a", "192.0.2.1/24", "192.168.1.1/24", "10.1.1.1/30", "203.0.113.1", "192.168.2.0/24",
              "10.1.1.2", "192.0.2.254")
SITE_B = site("site-b", "203.0.113.1/24", "192.168.2.1/24", "10.1.1.2/30", "192.0.2.1", "192.168.1.0/24",
              "10.1.1.1", "203.0.113.254")

SEED004_TOPOLOGY = {
    "devices": {
        "site-a": {"interfaces": {"ge-0/0/0": {"network": "internet"}, "ge-0/0/1": {"network": "lan-a"}}},
        "site-b": {"interfaces": {"ge-0/0/0": {"network": "internet"}, "ge-0/0/1": {"network": "lan-b"}}},
    },
    "networks": {
        "internet": {"kind": "internet"},
        "lan-a": {"kind": "lan", "hosts": {"pc-a": "192.168.1.10"}},
        "lan-b": {"kind": "lan", "hosts": {"pc-b": "192.168.2.10"}},
    },
}


def variant(base: str, drop: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> str:
    """base without the lines starting with any of `drop`, plus `add`."""
    kept = [line for line in base.strip().splitlines() if not any(line.startswith(d) for d in drop)]
    return "\n".join(kept + list(add)) + "\n"


def xml(set_text: str):
    cfg = cfgmod.load_configuration(cfgmod.Configuration.empty(), set_text.strip(), action="set", fmt="set")
    return cfg.to_xml()


def build(topology: dict, configs: dict[str, str], clock: Clock | None = None) -> NetworkState:
    clock = clock or Clock(realtime=False, start=1_780_000_000.0)
    state = NetworkState(Underlay.from_topology(topology), clock.now)
    state.load({name: xml(text) for name, text in configs.items()})
    return state


# ------------------------------------------------------------------ redundant (seed 004, two ISPs per site)
def redundant_site(name: str, wan1: str, wan2: str, lan: str, st0: str, st1: str, peer1: str, peer2: str,
                   remote_lan: str) -> str:
    return f"""
set system host-name {name}
set interfaces ge-0/0/0 unit 0 family inet address {wan1}
set interfaces ge-0/0/1 unit 0 family inet address {wan2}
set interfaces ge-0/0/2 unit 0 family inet address {lan}
set interfaces st0 unit 0 family inet address {st0}
set interfaces st0 unit 1 family inet address {st1}
set security ike policy ike-policy proposal-set standard
set security ike policy ike-policy pre-shared-key ascii-text "{PSK}"
set security ike gateway primary-gateway ike-policy ike-policy
set security ike gateway primary-gateway address {peer1}
set security ike gateway primary-gateway external-interface ge-0/0/0
set security ike gateway primary-gateway dead-peer-detection interval 10
set security ike gateway primary-gateway dead-peer-detection threshold 3
set security ike gateway secondary-gateway ike-policy ike-policy
set security ike gateway secondary-gateway address {peer2}
set security ike gateway secondary-gateway external-interface ge-0/0/1
set security ike gateway secondary-gateway dead-peer-detection interval 10
set security ike gateway secondary-gateway dead-peer-detection threshold 3
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn vpn-primary bind-interface st0.0
set security ipsec vpn vpn-primary ike gateway primary-gateway
set security ipsec vpn vpn-primary ike ipsec-policy ipsec-policy
set security ipsec vpn vpn-primary establish-tunnels immediately
set security ipsec vpn vpn-secondary bind-interface st0.1
set security ipsec vpn vpn-secondary ike gateway secondary-gateway
set security ipsec vpn vpn-secondary ike ipsec-policy ipsec-policy
set security ipsec vpn vpn-secondary establish-tunnels immediately
set routing-options static route {remote_lan} next-hop st0.0
set routing-options static route {remote_lan} preference 10
set routing-options static route {remote_lan} qualified-next-hop st0.1 preference 20
set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike
set security zones security-zone untrust interfaces ge-0/0/1.0 host-inbound-traffic system-services ike
set security zones security-zone vpn interfaces st0.1
""" + ZONES_AND_POLICIES.format(lan="ge-0/0/2").replace(
        "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike\n", "")


REDUNDANT_A = redundant_site("site-a", "192.0.2.1/24", "198.18.0.1/24", "192.168.1.1/24", "10.1.1.1/30",
                             "10.1.2.1/30", "203.0.113.1", "198.51.100.1", "192.168.2.0/24")
REDUNDANT_B = redundant_site("site-b", "203.0.113.1/24", "198.51.100.1/24", "192.168.2.1/24", "10.1.1.2/30",
                             "10.1.2.2/30", "192.0.2.1", "198.18.0.1", "192.168.1.0/24")

REDUNDANT_TOPOLOGY = {
    "devices": {
        "site-a": {"interfaces": {"ge-0/0/0": {"network": "isp-a1"}, "ge-0/0/1": {"network": "isp-a2"},
                                  "ge-0/0/2": {"network": "lan-a"}}},
        "site-b": {"interfaces": {"ge-0/0/0": {"network": "isp-b1"}, "ge-0/0/1": {"network": "isp-b2"},
                                  "ge-0/0/2": {"network": "lan-b"}}},
    },
    "networks": {
        "internet": {"kind": "internet"},
        "isp-a1": {"kind": "access", "uplink": "internet"},
        "isp-a2": {"kind": "access", "uplink": "internet"},
        "isp-b1": {"kind": "access", "uplink": "internet"},
        "isp-b2": {"kind": "access", "uplink": "internet"},
        "lan-a": {"kind": "lan", "hosts": {"pc-a": "192.168.1.10"}},
        "lan-b": {"kind": "lan", "hosts": {"pc-b": "192.168.2.10"}},
    },
}


# ------------------------------------------------------------------ hub and spokes
def hub(spokes: int) -> str:
    lines = ["set system host-name hub",
             "set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.10/24",
             "set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/24",
             "set security ike policy ike-policy proposal-set standard",
             f'set security ike policy ike-policy pre-shared-key ascii-text "{PSK}"',
             "set security ipsec policy ipsec-policy proposal-set standard",
             "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike",
             "set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping"]
    for n in range(1, spokes + 1):
        lines += [f"set interfaces st0 unit {n} family inet address {spoke_tunnel(n, hub_side=True)}/30",
                  f"set security ike gateway gw-spoke{n} ike-policy ike-policy",
                  f"set security ike gateway gw-spoke{n} address {spoke_wan(n)}",
                  f"set security ike gateway gw-spoke{n} external-interface ge-0/0/0",
                  f"set security ipsec vpn vpn-spoke{n} bind-interface st0.{n}",
                  f"set security ipsec vpn vpn-spoke{n} ike gateway gw-spoke{n}",
                  f"set security ipsec vpn vpn-spoke{n} ike ipsec-policy ipsec-policy",
                  f"set routing-options static route {spoke_lan(n)}.0/24 next-hop st0.{n}",
                  f"set security zones security-zone vpn interfaces st0.{n}"]
    for fz, tz in (("trust", "vpn"), ("vpn", "trust"), ("vpn", "vpn")):
        lines += [f"set security policies from-zone {fz} to-zone {tz} policy allow match {m} any"
                  for m in ("source-address", "destination-address", "application")]
        lines.append(f"set security policies from-zone {fz} to-zone {tz} policy allow then permit")
    return "\n".join(lines) + "\n"


def spoke_wan(n: int) -> str:
    return f"203.0.{113 - n // 250}.{n % 250 + 1}"


def spoke_lan(n: int) -> str:
    return f"10.{1 + n // 250}.{n % 250}"


def spoke_tunnel(n: int, hub_side: bool) -> str:
    base = 4 * n
    return f"10.254.{base // 256}.{base % 256 + (1 if hub_side else 2)}"


def spoke(n: int) -> str:
    return f"""
set system host-name spoke{n}
set interfaces ge-0/0/0 unit 0 family inet address {spoke_wan(n)}/24
set interfaces ge-0/0/1 unit 0 family inet address {spoke_lan(n)}.1/24
set interfaces st0 unit 0 family inet address {spoke_tunnel(n, hub_side=False)}/30
set security ike policy ike-policy proposal-set standard
set security ike policy ike-policy pre-shared-key ascii-text "{PSK}"
set security ike gateway hub ike-policy ike-policy
set security ike gateway hub address 198.51.100.10
set security ike gateway hub external-interface ge-0/0/0
set security ipsec policy ipsec-policy proposal-set standard
set security ipsec vpn to-hub bind-interface st0.0
set security ipsec vpn to-hub ike gateway hub
set security ipsec vpn to-hub ike ipsec-policy ipsec-policy
set security ipsec vpn to-hub establish-tunnels immediately
set routing-options static route 10.0.0.0/8 next-hop st0.0
""" + ZONES_AND_POLICIES.format(lan="ge-0/0/1")


def hub_topology(spokes: int) -> dict:
    devices = {"hub": {"interfaces": {"ge-0/0/0": {"network": "internet"}, "ge-0/0/1": {"network": "lan-hub"}}}}
    networks = {"internet": {"kind": "internet"}, "lan-hub": {"kind": "lan", "hosts": {"pc-hub": "10.0.0.10"}}}
    for n in range(1, spokes + 1):
        devices[f"spoke{n}"] = {"interfaces": {"ge-0/0/0": {"network": "internet"},
                                               "ge-0/0/1": {"network": f"lan-{n}"}}}
        networks[f"lan-{n}"] = {"kind": "lan", "hosts": {f"pc-{n}": f"{spoke_lan(n)}.10"}}
    return {"devices": devices, "networks": networks}

"""The network topologies shipped in lab/topologies load, validate, and their initial configurations
would commit; the redundant one fails over and back in a running lab through the control API."""
import subprocess
import sys
from pathlib import Path

import pytest

from srxsim import config as cfgmod
from srxsim.network.underlay import TopologyError, Underlay
from srxsim.testing import running_lab
from srxsim.topology import load_topology

from netcases import REDUNDANT_A, REDUNDANT_B

TOPOLOGIES = Path(__file__).resolve().parents[2] / "topologies"


@pytest.mark.parametrize("name", ["seed004", "redundant", "hub_and_spoke", "policy_based"])
def test_topology_loads_and_initial_configs_commit(name):
    topology = load_topology(TOPOLOGIES / f"{name}.yml")
    underlay = Underlay.from_topology(topology.raw)
    assert underlay.networks
    for device in topology.devices.values():
        cfg = cfgmod.load_configuration(cfgmod.Configuration.empty(), device.initial_config, action="set",
                                        fmt="set")
        assert [e.message for e in cfgmod.validate(cfg) if e.severity == "error"] == []


@pytest.mark.parametrize("networks,field", [
    ({"x": {"kind": "cloud"}}, "networks.x.kind"),
    ({"x": {"kind": "access", "uplink": "nowhere"}}, "networks.x.uplink"),
    ({"internet": {}, "x": {"kind": "nat", "uplink": "internet"}}, "networks.x.public"),
    ({"x": {"kind": "lan", "hosts": {"pc": "not-an-ip"}}}, "networks.x.hosts.pc"),
])
def test_bad_networks_section_names_the_field(networks, field):
    with pytest.raises(TopologyError, match=field.replace(".", r"\.")):
        Underlay.from_topology({"networks": networks})


def test_redundant_lab_fails_over_and_back(tmp_path):
    with running_lab(TOPOLOGIES / "redundant.yml", tmp_path / "state") as lab:
        for device, text in (("site-a", REDUNDANT_A), ("site-b", REDUNDANT_B)):
            with lab.connect(device) as conn:
                conn.load_configuration(action="set", config=text.strip().splitlines())
                conn.commit()
        ping = lambda: lab.control("ping", host="pc-a", destination="192.168.2.10")  # noqa: E731
        assert any("vpn vpn-primary" in t for t in ping()["trace"])
        cli = subprocess.run([sys.executable, "-m", "srxsim", "fault", "--state-dir", str(lab.state_dir), "link",
                              "--network", "isp-a1", "--to", "down"], capture_output=True, text=True, timeout=60)
        assert cli.returncode == 0, cli.stderr  # the documented command line

        assert "underlay path broken" in ping()["drop"]
        lab.advance_clock(31)  # DPD 10 s x 3
        after = ping()
        assert after["drop"] is None and any("vpn vpn-secondary" in t for t in after["trace"])
        assert lab.control("tunnels", device="site-a")["site-a"]["vpn-primary"]["failure"] == "PEER_UNREACHABLE"
        lab.control("link", network="isp-a1", to="up")
        assert any("vpn vpn-primary" in t for t in ping()["trace"])


def _hub_and_spoke_vpn(spoke: int, wan_public: str) -> tuple[list[str], list[str]]:
    """(hub lines, spoke lines) of one route-based tunnel; spokes identify by hostname (spoke3 is NATed)."""
    hub = [f"set interfaces st0 unit {spoke} family inet address 10.254.{spoke}.1/30",
           f"set security ike gateway gw{spoke} ike-policy ike-policy",
           f"set security ike gateway gw{spoke} address {wan_public}",
           f"set security ike gateway gw{spoke} external-interface ge-0/0/0",
           f"set security ike gateway gw{spoke} version v2-only",
           f"set security ike gateway gw{spoke} remote-identity hostname identity-hostname spoke{spoke}.lab",
           f"set security ipsec vpn vpn{spoke} bind-interface st0.{spoke}",
           f"set security ipsec vpn vpn{spoke} ike gateway gw{spoke}",
           f"set security ipsec vpn vpn{spoke} ike ipsec-policy ipsec-policy",
           f"set routing-options static route 10.1.{spoke}.0/24 next-hop st0.{spoke}",
           f"set security zones security-zone vpn interfaces st0.{spoke}"]
    spoke_lines = [f"set interfaces st0 unit 0 family inet address 10.254.{spoke}.2/30",
                   "set security ike gateway hub ike-policy ike-policy",
                   "set security ike gateway hub address 198.51.100.10",
                   "set security ike gateway hub external-interface ge-0/0/0",
                   "set security ike gateway hub version v2-only",
                   f"set security ike gateway hub local-identity hostname identity-hostname spoke{spoke}.lab",
                   "set security ipsec vpn to-hub bind-interface st0.0",
                   "set security ipsec vpn to-hub ike gateway hub",
                   "set security ipsec vpn to-hub ike ipsec-policy ipsec-policy",
                   "set security ipsec vpn to-hub establish-tunnels immediately",
                   "set routing-options static route 10.0.0.0/8 next-hop st0.0",
                   "set security zones security-zone vpn interfaces st0.0"]
    return hub, spoke_lines


def test_shipped_hub_and_spoke_passes_traffic_to_and_from_the_natted_spoke():
    import ipaddress

    from srxsim.network.dataplane import DataPlane

    from netcases import PSK, build

    topology = load_topology(TOPOLOGIES / "hub_and_spoke.yml")
    common = ["set security ike policy ike-policy proposal-set standard",
              f'set security ike policy ike-policy pre-shared-key ascii-text "{PSK}"',
              "set security ipsec policy ipsec-policy proposal-set standard"]
    policies = [f"set security policies from-zone {f} to-zone {t} policy allow {rest}"
                for f, t in (("trust", "vpn"), ("vpn", "trust"), ("vpn", "vpn"))
                for rest in ("match source-address any", "match destination-address any",
                             "match application any", "then permit")]
    configs = {name: [*dev.initial_config.strip().splitlines(), *common, *policies]
               for name, dev in topology.devices.items()}
    for n, public in ((1, "203.0.113.2"), (2, "203.0.113.3"), (3, "198.51.100.203")):
        hub_lines, spoke_lines = _hub_and_spoke_vpn(n, public)
        configs["hub"] += hub_lines
        configs[f"spoke{n}"] += spoke_lines
    state = build(topology.raw, {name: "\n".join(lines) for name, lines in configs.items()})
    natted = state.sa_for("spoke3", "to-hub")
    assert natted is not None and natted.verdict.nat and natted.verdict.port == 4500
    assert state.inactive.get(("hub", "vpn3")) is None  # the hub cannot reach spoke3, spoke3 reaches it
    plane = DataPlane(state)
    walk = plane.ping_once(None, ipaddress.IPv4Address("10.1.1.10"), ipaddress.IPv4Address("10.1.3.10"), host="pc-1")
    assert walk.drop is None, walk.trace

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

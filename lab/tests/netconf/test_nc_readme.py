"""lab/README.md documents what exists: the example topology is the shipped one, every fault is real."""
import re
from pathlib import Path

import yaml

from srxsim import control
from srxsim.lab import load_plugins
from srxsim.topology import load_topology, parse_topology

LAB = Path(__file__).resolve().parents[2]
README = (LAB / "README.md").read_text()


def test_topology_example_is_seed004_and_loads():
    block = README.split("## Topology file", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert block == (LAB / "topologies" / "seed004.yml").read_text()
    example = parse_topology(yaml.safe_load(block))
    assert sorted(example.devices) == ["site-a", "site-b"]
    assert load_topology(LAB / "topologies" / "seed004.yml").devices["site-a"].interfaces["ge-0/0/0"] == \
        {"network": "internet"}


def test_every_documented_fault_is_a_registered_control():
    load_plugins()
    table = README.split("Faults and controls", 1)[1].split("## Topology file", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", table, re.M)
    assert len(documented) >= 8
    assert set(documented) <= set(control.names())

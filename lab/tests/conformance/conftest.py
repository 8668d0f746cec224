"""Fixtures: a lab started with the real `srxsim up` in tmp_path, and ncclient sessions to it."""
from pathlib import Path

import pytest

from srxsim.testing import inprocess_lab, running_lab, write_topology

TOPOLOGIES = Path(__file__).resolve().parents[2] / "topologies"
SAMPLES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "junos-rpc-samples"


@pytest.fixture
def lab(tmp_path):
    """Two devices r1, r2 with a minimal committed config and instant commits, in this process."""
    topology = write_topology(tmp_path / "topology.yml", ["r1", "r2"])
    with inprocess_lab(topology, tmp_path / "state") as running:
        yield running


@pytest.fixture
def seed004(tmp_path):
    """Seed 004's two sites started by the real `srxsim up` (what playbooks and Molecule use)."""
    with running_lab(TOPOLOGIES / "seed004.yml", tmp_path / "state") as running:
        yield running


@pytest.fixture
def nc(lab):
    with lab.connect("r1") as conn:
        yield conn

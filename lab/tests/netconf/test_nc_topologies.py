"""Every example topology starts: YAML valid, networks accepted, every initial config commits."""
from pathlib import Path

import pytest

from srxsim.testing import inprocess_lab

TOPOLOGIES = sorted((Path(__file__).resolve().parents[2] / "topologies").glob("*.yml"))


@pytest.mark.parametrize("topology", TOPOLOGIES, ids=[t.stem for t in TOPOLOGIES])
def test_example_topology_starts(topology, tmp_path):
    with inprocess_lab(topology, tmp_path / "state") as lab:
        for name in lab.devices:
            assert "set system host-name %s" % name in lab.config(name)

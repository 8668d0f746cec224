"""One srxsim lab per test module: `srxsim up` in a tmp dir, `srxsim down` afterwards."""
import pytest

from resource_harness import TOPOLOGY

srxsim_testing = pytest.importorskip("srxsim.testing", reason="the lab package (lab/) is not installed")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with srxsim_testing.running_lab(TOPOLOGY, tmp_path_factory.mktemp("lab")) as running:
        yield running

"""One srxsim lab per test module: `srxsim up` in a tmp dir, `srxsim down` afterwards."""
import pytest

from playbook_runner import import_collection_from_checkout
from resource_harness import TOPOLOGY

# test_transaction_lab.py drives the collection's Transaction in-process.
import_collection_from_checkout()

srxsim_testing = pytest.importorskip("srxsim.testing", reason="the lab package (lab/) is not installed")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with srxsim_testing.running_lab(TOPOLOGY, tmp_path_factory.mktemp("lab")) as running:
        yield running

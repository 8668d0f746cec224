"""Fixtures for the configuration datastore tests."""

import pytest

from cfgdata import BASE, PSK, SEED_004, load_set
from srxsim.config import Configuration


@pytest.fixture
def seed_config() -> Configuration:
    """Seed 004 site A plus base and PSK: a configuration that commits."""
    return load_set(BASE + SEED_004 + PSK)

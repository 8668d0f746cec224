"""The case generator: reproducible, big enough, and spread over the parameter space."""
from __future__ import annotations

from collections import Counter

from cases import RANDOM_PAIRS, all_cases, mirrored, random_pairs, single_mismatches
from mapping import ipsec_proposals, ike_proposals, swanctl_esp_proposals, swanctl_ike_proposals
from params import Identity, TrafficSelector, TunnelEnd


def test_same_seed_same_cases_other_seed_other_cases():
    assert random_pairs() == random_pairs()
    assert random_pairs(seed=1) != random_pairs()


def test_at_least_200_random_pairs_and_unique_names():
    cases = all_cases()
    assert len(random_pairs()) == RANDOM_PAIRS >= 200
    assert len({c.name for c in cases}) == len(cases)


def test_single_mismatches_cover_the_lab_table_parameters_for_both_versions():
    names = {c.name for c in single_mismatches()}
    for version in ("v1", "v2"):
        for param in ("psk", "ike-proposal", "dh-group", "ike-version", "remote-identity", "local-identity",
                      "peer-address", "external-interface", "host-inbound-ike", "pfs", "ipsec-proposal",
                      "traffic-selector"):
            assert f"{version}-{param}" in names
    assert "v1-mode" in names


def test_random_pairs_span_the_parameter_space():
    ends = [c.a for c in random_pairs()] + [c.b for c in random_pairs()]
    assert {e.version for e in ends} == {"v1-only", "v2-only"}
    assert {e.mode for e in ends if e.version == "v1-only"} == {"main", "aggressive"}
    assert {e.ike_proposal_set for e in ends} >= {None, "basic", "compatible", "standard"}
    assert {e.ipsec_proposal_set for e in ends} >= {None, "standard", "suiteb-gcm-128", "prime-256"}
    assert max(len(e.ike_proposals) for e in ends) == 4
    assert max(len(e.ipsec_proposals) for e in ends) == 4
    assert {e.pfs_group is None for e in ends} == {True, False}
    assert {len(e.traffic_selectors) for e in ends} == {0, 1, 2}
    changed = Counter(c.name.split("-", 2)[2] for c in random_pairs())
    assert changed["same"] > 20  # enough pairs that should come up


def test_every_generated_end_maps_to_strongswan():
    for case in all_cases():
        for end in (case.a, case.b):
            assert swanctl_ike_proposals(end) and swanctl_esp_proposals(end)


def test_aggressive_mode_ends_use_one_dh_group():
    for case in random_pairs():
        for end in (case.a, case.b):
            if end.version == "v1-only" and end.mode == "aggressive":
                assert len({p.dh_group for p in ike_proposals(end)}) == 1


def test_mirrored_swaps_identities_and_selectors():
    end = TunnelEnd(local_identity=Identity("hostname", "a.example.net"),
                    traffic_selectors=(TrafficSelector("192.168.1.0/24", "192.168.2.0/24"),))
    other = mirrored(end)
    assert other.remote_identity == Identity("hostname", "a.example.net") and other.local_identity is None
    assert other.traffic_selectors == (TrafficSelector("192.168.2.0/24", "192.168.1.0/24"),)
    assert ipsec_proposals(other) == ipsec_proposals(end)

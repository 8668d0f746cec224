"""Data plane on a few cases: a datagram from site a's LAN reaches site b's LAN through ESP
exactly when the negotiation established the tunnel, and exactly when the lab's ping from
site-a's LAN address to site-b's LAN host succeeds."""
from __future__ import annotations

import pytest

from cases import single_mismatches
from runner import connection_name, run_case
from udp_probe import esp_packets_out, udp_reaches_peer

# Established with the route-based default selectors and with LAN selectors, and refused in
# phase 1, in phase 2 and for traffic selectors. (IKEv2 PFS is left out: its first CHILD_SA is
# built without a key exchange and carries traffic until the refused rekey would replace it.)
DATAPLANE = ("v1-match-seed004", "v2-match-seed004", "v2-traffic-selector-match", "v1-psk",
             "v2-ipsec-proposal", "v1-traffic-selector", "v1-pfs")
CASES = [c for c in single_mismatches() if c.name in DATAPLANE]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_datagram_passes_exactly_when_established_and_the_lab_pings(case, charon_pairs, lab_pairs):
    pair = charon_pairs[0]
    name = f"dp-{case.name}"
    try:
        outcome = run_case(pair, name, case.a, case.b, keep_up=True)
        before = esp_packets_out(pair)
        delivered = udp_reaches_peer(pair)
        sent_through_esp = esp_packets_out(pair) - before
    finally:
        pair.reset(connection_name(name))
    assert outcome.verdict == case.intended, outcome.evidence
    assert delivered == outcome.established
    assert (sent_through_esp > 0) == outcome.established
    lab = lab_pairs[0]
    lab.run(case.a, case.b)
    assert lab.ping() == delivered

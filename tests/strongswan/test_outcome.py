"""Reading charon logs into failure classes, on lines charon 5.9 wrote in this harness."""
from __future__ import annotations

import pytest

from outcome import (AUTHENTICATION, ESTABLISHED, NO_RESPONSE, PFS, PHASE1_PROPOSAL, PHASE2_PROPOSAL,
                     TRAFFIC_SELECTOR, classify)

IKE_REFUSED = """\
16[CFG] received proposals: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024, IKE:3DES_CBC/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024
16[CFG] configured proposals: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
16[IKE] received proposals unacceptable
16[ENC] generating IKE_SA_INIT response 0 [ N(NO_PROP) ]
"""
ESP_PFS_ONLY = """\
12[CFG] received proposals: ESP:3DES_CBC/HMAC_SHA1_96/MODP_1024/NO_EXT_SEQ, ESP:AES_CBC_128/HMAC_SHA1_96/MODP_1024/NO_EXT_SEQ
12[CFG] configured proposals: ESP:3DES_CBC/HMAC_SHA1_96/NO_EXT_SEQ, ESP:3DES_CBC/HMAC_MD5_96/NO_EXT_SEQ
12[IKE] no matching proposal found, sending NO_PROPOSAL_CHOSEN
"""
ESP_ALGORITHMS = """\
10[CFG] received proposals: ESP:AES_CBC_128/HMAC_SHA1_96/NO_EXT_SEQ
10[CFG] configured proposals: ESP:AES_CBC_256/HMAC_SHA2_256_128/NO_EXT_SEQ
10[IKE] no acceptable proposal found
"""


ANSWERED = "05[NET] received packet: from 198.51.100.2[500] to 198.51.100.1[500] (36 bytes)\n"


@pytest.mark.parametrize("responder, initiator, expected", [
    (IKE_REFUSED, ANSWERED + "01[IKE] received NO_PROPOSAL_CHOSEN notify error", PHASE1_PROPOSAL),
    (ESP_PFS_ONLY, ANSWERED + "14[IKE] received NO_PROPOSAL_CHOSEN error notify", PFS),
    (ESP_ALGORITHMS, ANSWERED + "09[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built", PHASE2_PROPOSAL),
    ("14[IKE] tried 1 shared key for '198.51.100.2' - '198.51.100.1', but MAC mismatched",
     ANSWERED + "13[IKE] received AUTHENTICATION_FAILED notify error", AUTHENTICATION),
    ("11[ENC] invalid ID_V1 payload length, decryption failed?\n11[ENC] could not decrypt payloads", ANSWERED, AUTHENTICATION),
    ("14[IKE] calculated HASH does not match HASH payload", ANSWERED, AUTHENTICATION),
    ("", ANSWERED + "09[IKE] IDir 'vpn@site-b.example.net' does not match to '198.51.100.2'", AUTHENTICATION),
    ("16[IKE] found 1 matching config, but none allows pre-shared key authentication using Aggressive Mode",
     ANSWERED + "15[IKE] received AUTHENTICATION_FAILED error notify", PHASE1_PROPOSAL),
    ("15[IKE] no IKE config found for 198.51.100.2...198.51.100.1, sending NO_PROPOSAL_CHOSEN", ANSWERED, PHASE1_PROPOSAL),
    ("12[IKE] no matching CHILD_SA config found for 192.168.1.0/24 === 192.168.2.0/24", ANSWERED, TRAFFIC_SELECTOR),
    ("", ANSWERED + "11[IKE] received TS_UNACCEPTABLE notify, no CHILD_SA built", TRAFFIC_SELECTOR),
    ("", "12[IKE] sending retransmit 1 of request message ID 0, seq 1", NO_RESPONSE),
    # the responder refused, but its answer never reached the initiator (e.g. IKE sent from the
    # LAN interface, which the peer cannot route back to)
    ("15[IKE] no IKE config found for 198.51.100.2...192.168.1.1, sending NO_PROPOSAL_CHOSEN",
     "12[IKE] giving up after 1 retransmits", NO_RESPONSE),
])
def test_failure_class_from_logs(responder, initiator, expected):
    outcome = classify(initiator, responder, children_up=0, children_wanted=1, rekeyed=None)
    assert (outcome.established, outcome.verdict) == (False, expected)
    assert outcome.evidence


def test_established_needs_every_child_and_a_successful_rekey():
    assert classify("", "", 1, 1, None).verdict == ESTABLISHED
    assert classify("", "", 1, 1, True).verdict == ESTABLISHED
    assert classify("", "", 1, 2, None).verdict == NO_RESPONSE
    refused_rekey = classify(ANSWERED + "09[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built",
                             ESP_PFS_ONLY, 1, 1, False)
    assert refused_rekey.verdict == PFS


def test_proposal_evidence_lists_both_sides():
    evidence = classify(ANSWERED, ESP_ALGORITHMS, 0, 1, None).evidence
    assert "received AES_CBC_128/HMAC_SHA1_96/NO_EXT_SEQ" in evidence
    assert "configured AES_CBC_256/HMAC_SHA2_256_128/NO_EXT_SEQ" in evidence

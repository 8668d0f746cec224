"""Junos predefined proposal sets, expanded into the proposals they stand for.

Sources (recorded in lab/README.md, "Simulated network"): Juniper TechLibrary "proposal-set (Security
IKE)" and "proposal-set (Security IPsec)"; RFC 6379 (Suite B cryptographic suites for IPsec) for the
suiteb-gcm-* algorithms. Order is the order Junos offers them in.
"""
from __future__ import annotations

from .model import IPSEC_LIFETIME_DEFAULT, IKE_LIFETIME_DEFAULT, IkeProposal, IpsecProposal


def _ike(name: str, method: str, group: str, auth: str | None, enc: str) -> IkeProposal:
    return IkeProposal(name, method, group, auth, enc, IKE_LIFETIME_DEFAULT)


def _esp(name: str, auth: str | None, enc: str, pfs: str | None) -> IpsecProposal:
    return IpsecProposal(name, "esp", auth, enc, IPSEC_LIFETIME_DEFAULT, pfs)


IKE_SETS: dict[str, list[IkeProposal]] = {
    "basic": [_ike("pre-g1-des-sha", "pre-shared-keys", "group1", "sha1", "des-cbc"),
              _ike("pre-g1-des-md5", "pre-shared-keys", "group1", "md5", "des-cbc")],
    "compatible": [_ike("pre-g2-3des-sha", "pre-shared-keys", "group2", "sha1", "3des-cbc"),
                   _ike("pre-g2-3des-md5", "pre-shared-keys", "group2", "md5", "3des-cbc"),
                   _ike("pre-g2-des-sha", "pre-shared-keys", "group2", "sha1", "des-cbc"),
                   _ike("pre-g2-des-md5", "pre-shared-keys", "group2", "md5", "des-cbc")],
    "standard": [_ike("pre-g2-aes128-sha", "pre-shared-keys", "group2", "sha1", "aes-128-cbc"),
                 _ike("pre-g2-3des-sha", "pre-shared-keys", "group2", "sha1", "3des-cbc")],
    "suiteb-gcm-128": [_ike("suiteb-gcm-128", "ecdsa-signatures-256", "group19", "sha-256", "aes-128-cbc")],
    "suiteb-gcm-256": [_ike("suiteb-gcm-256", "ecdsa-signatures-384", "group20", "sha-384", "aes-256-cbc")],
    "prime-128": [_ike("prime-128", "ecdsa-signatures-256", "group19", None, "aes-128-gcm")],
    "prime-256": [_ike("prime-256", "ecdsa-signatures-384", "group20", None, "aes-256-gcm")],
}

IPSEC_SETS: dict[str, list[IpsecProposal]] = {
    "basic": [_esp("nopfs-esp-des-sha", "hmac-sha1-96", "des-cbc", None),
              _esp("nopfs-esp-des-md5", "hmac-md5-96", "des-cbc", None)],
    "compatible": [_esp("nopfs-esp-3des-sha", "hmac-sha1-96", "3des-cbc", None),
                   _esp("nopfs-esp-3des-md5", "hmac-md5-96", "3des-cbc", None),
                   _esp("nopfs-esp-des-sha", "hmac-sha1-96", "des-cbc", None),
                   _esp("nopfs-esp-des-md5", "hmac-md5-96", "des-cbc", None)],
    "standard": [_esp("g2-esp-3des-sha", "hmac-sha1-96", "3des-cbc", "group2"),
                 _esp("g2-esp-aes128-sha", "hmac-sha1-96", "aes-128-cbc", "group2")],
    "suiteb-gcm-128": [_esp("suiteb-gcm-128", None, "aes-128-gcm", "group19")],
    "suiteb-gcm-256": [_esp("suiteb-gcm-256", None, "aes-256-gcm", "group20")],
    "prime-128": [_esp("prime-128", None, "aes-128-gcm", "group19")],
    "prime-256": [_esp("prime-256", None, "aes-256-gcm", "group20")],
}


def ike_proposal_set(name: str) -> list[IkeProposal]:
    return list(IKE_SETS.get(name, []))


def ipsec_proposal_set(name: str) -> list[IpsecProposal]:
    return list(IPSEC_SETS.get(name, []))

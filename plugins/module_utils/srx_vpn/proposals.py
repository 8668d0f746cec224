# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos predefined IKE and IPsec proposal sets, expanded into plain proposals.

Sources (Juniper TechLibrary, statement reference):
- "proposal-set (Security IKE)": basic = pre-g1-des-sha, pre-g1-des-md5;
  compatible = pre-g2-3des-sha, pre-g2-3des-md5, pre-g2-des-sha, pre-g2-des-md5;
  standard = pre-g2-aes128-sha, pre-g2-3des-sha; suiteb-gcm-128 / suiteb-gcm-256
  (ECDSA 256/384, group19/20, sha-256/sha-384, aes-128-cbc/aes-256-cbc); prime-128 /
  prime-256 (ECDSA 256/384, group19/20, AES-GCM 128/256, IKEv2 only).
- "proposal-set (Security IPsec)": basic = nopfs-esp-des-sha, nopfs-esp-des-md5;
  compatible = nopfs-esp-3des-sha, nopfs-esp-3des-md5, nopfs-esp-des-sha,
  nopfs-esp-des-md5; standard = g2-esp-3des-sha, g2-esp-aes128-sha;
  suiteb-gcm-128 / suiteb-gcm-256 and prime-128 / prime-256 (ESP AES-GCM 128/256,
  PFS group19/20); RFC 6379 for the Suite B algorithms.
The "g2-" prefix of the IPsec standard set means PFS with DH group 2, so a
policy using it negotiates PFS group2 unless perfect-forward-secrecy is set.
"""
from __future__ import annotations

from typing import NamedTuple, Optional


class IkeProposal(NamedTuple):
    authentication_method: Optional[str]
    dh_group: Optional[str]
    authentication_algorithm: Optional[str]
    encryption_algorithm: Optional[str]


class IpsecProposal(NamedTuple):
    protocol: Optional[str]
    authentication_algorithm: Optional[str]
    encryption_algorithm: Optional[str]


PSK = "pre-shared-keys"

IKE_PROPOSAL_SETS = {
    "basic": (
        IkeProposal(PSK, "group1", "sha1", "des-cbc"),
        IkeProposal(PSK, "group1", "md5", "des-cbc"),
    ),
    "compatible": (
        IkeProposal(PSK, "group2", "sha1", "3des-cbc"),
        IkeProposal(PSK, "group2", "md5", "3des-cbc"),
        IkeProposal(PSK, "group2", "sha1", "des-cbc"),
        IkeProposal(PSK, "group2", "md5", "des-cbc"),
    ),
    "standard": (
        IkeProposal(PSK, "group2", "sha1", "aes-128-cbc"),
        IkeProposal(PSK, "group2", "sha1", "3des-cbc"),
    ),
    "suiteb-gcm-128": (
        IkeProposal("ecdsa-signatures-256", "group19", "sha-256", "aes-128-cbc"),
    ),
    "suiteb-gcm-256": (
        IkeProposal("ecdsa-signatures-384", "group20", "sha-384", "aes-256-cbc"),
    ),
    "prime-128": (IkeProposal("ecdsa-signatures-256", "group19", None, "aes-128-gcm"),),
    "prime-256": (IkeProposal("ecdsa-signatures-384", "group20", None, "aes-256-gcm"),),
}

# Each entry: (proposal, PFS group the set implies or None).
IPSEC_PROPOSAL_SETS = {
    "basic": (
        (IpsecProposal("esp", "hmac-sha1-96", "des-cbc"), None),
        (IpsecProposal("esp", "hmac-md5-96", "des-cbc"), None),
    ),
    "compatible": (
        (IpsecProposal("esp", "hmac-sha1-96", "3des-cbc"), None),
        (IpsecProposal("esp", "hmac-md5-96", "3des-cbc"), None),
        (IpsecProposal("esp", "hmac-sha1-96", "des-cbc"), None),
        (IpsecProposal("esp", "hmac-md5-96", "des-cbc"), None),
    ),
    "standard": (
        (IpsecProposal("esp", "hmac-sha1-96", "3des-cbc"), "group2"),
        (IpsecProposal("esp", "hmac-sha1-96", "aes-128-cbc"), "group2"),
    ),
    "suiteb-gcm-128": ((IpsecProposal("esp", None, "aes-128-gcm"), "group19"),),
    "suiteb-gcm-256": ((IpsecProposal("esp", None, "aes-256-gcm"), "group20"),),
    "prime-128": ((IpsecProposal("esp", None, "aes-128-gcm"), "group19"),),
    "prime-256": ((IpsecProposal("esp", None, "aes-256-gcm"), "group20"),),
}

# Junos defaults when the proposal leaves the lifetime out.
IKE_DEFAULT_LIFETIME = 28800
IPSEC_DEFAULT_LIFETIME = 3600


def ike_set(name: str) -> tuple[IkeProposal, ...]:
    """Proposals of a predefined IKE proposal set; KeyError for an unknown set."""
    return IKE_PROPOSAL_SETS[name]


def ipsec_set(name: str) -> tuple[tuple[IpsecProposal, Optional[str]], ...]:
    """(proposal, implied PFS group) pairs of a predefined IPsec proposal set."""
    return IPSEC_PROPOSAL_SETS[name]


def describe_ike(proposal: IkeProposal) -> str:
    return "/".join(v or "-" for v in proposal)


def describe_ipsec(proposal: IpsecProposal, pfs: Optional[str]) -> str:
    return "/".join(v or "-" for v in proposal) + " pfs " + (pfs or "none")

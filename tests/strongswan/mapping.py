"""Junos algorithm names -> strongSwan proposal keywords, written once.

Junos names are the enumerations of the vendored YANG (lab/srxsim/data/yang/junos-es/conf,
`security ike proposal` / `security ipsec proposal` / `perfect-forward-secrecy keys`); the
strongSwan keywords are those of docs.strongswan.org "Algorithm Proposals (Cipher Suites)".
Predefined proposal sets are expanded as Juniper's "proposal-set (Security IKE)" and
"proposal-set (Security IPsec)" statement pages define them (lab/README.md, "Checked against
strongSwan"). Only pre-shared-key sets are here: suiteb-gcm-*/prime-* IKE sets authenticate with
ECDSA certificates, which this harness does not configure.
"""
from __future__ import annotations

from params import IkeProposal, IpsecProposal, TunnelEnd

# IKE and IPsec DH groups (RFC 3526, 5114, 5903 numbering, as Junos names them).
DH_GROUPS = {
    "group1": "modp768",
    "group2": "modp1024",
    "group5": "modp1536",
    "group14": "modp2048",
    "group15": "modp3072",
    "group16": "modp4096",
    "group19": "ecp256",
    "group20": "ecp384",
    "group21": "ecp521",
    "group24": "modp2048s256",
}

IKE_ENCRYPTION = {
    "des-cbc": "des",
    "3des-cbc": "3des",
    "aes-128-cbc": "aes128",
    "aes-192-cbc": "aes192",
    "aes-256-cbc": "aes256",
}

# Junos IKE authentication-algorithm is both the IKEv1 hash and the IKEv2 integrity algorithm;
# the IKEv2 PRF is the same hash, which is also what strongSwan derives when no prf is given.
IKE_AUTHENTICATION = {
    "md5": "md5",
    "sha1": "sha1",
    "sha-256": "sha256",
    "sha-384": "sha384",
    "sha-512": "sha512",
}

IPSEC_ENCRYPTION = {
    "des-cbc": "des",
    "3des-cbc": "3des",
    "aes-128-cbc": "aes128",
    "aes-192-cbc": "aes192",
    "aes-256-cbc": "aes256",
    "aes-128-gcm": "aes128gcm16",  # RFC 4106, 16-octet ICV
    "aes-192-gcm": "aes192gcm16",
    "aes-256-gcm": "aes256gcm16",
}

# Junos hmac-sha-256-96 has no entry: strongSwan knows it only under a private-use transform ID
# (not in IKEv1 at all), so two charons cannot stand in for two Junos peers using it.
IPSEC_AUTHENTICATION = {
    "hmac-md5-96": "md5",
    "hmac-sha1-96": "sha1",
    "hmac-sha-256-128": "sha256",
    "hmac-sha-384": "sha384",        # HMAC-SHA-384-192
    "hmac-sha-512": "sha512",        # HMAC-SHA-512-256
}

GCM = ("aes-128-gcm", "aes-192-gcm", "aes-256-gcm")


def _ike(group: str, enc: str, auth: str) -> IkeProposal:
    return IkeProposal(dh_group=group, encryption=enc, authentication=auth)


# `security ike policy P proposal-set NAME`, in the order Junos offers them.
IKE_PROPOSAL_SETS: dict[str, tuple[IkeProposal, ...]] = {
    "basic": (_ike("group1", "des-cbc", "sha1"), _ike("group1", "des-cbc", "md5")),
    "compatible": (_ike("group2", "3des-cbc", "sha1"), _ike("group2", "3des-cbc", "md5"),
                   _ike("group2", "des-cbc", "sha1"), _ike("group2", "des-cbc", "md5")),
    "standard": (_ike("group2", "aes-128-cbc", "sha1"), _ike("group2", "3des-cbc", "sha1")),
}

# `security ipsec policy P proposal-set NAME`: (proposal, PFS group the set itself carries).
IPSEC_PROPOSAL_SETS: dict[str, tuple[tuple[IpsecProposal, str | None], ...]] = {
    "basic": ((IpsecProposal("des-cbc", "hmac-sha1-96"), None),
              (IpsecProposal("des-cbc", "hmac-md5-96"), None)),
    "compatible": ((IpsecProposal("3des-cbc", "hmac-sha1-96"), None),
                   (IpsecProposal("3des-cbc", "hmac-md5-96"), None),
                   (IpsecProposal("des-cbc", "hmac-sha1-96"), None),
                   (IpsecProposal("des-cbc", "hmac-md5-96"), None)),
    "standard": ((IpsecProposal("3des-cbc", "hmac-sha1-96"), "group2"),
                 (IpsecProposal("aes-128-cbc", "hmac-sha1-96"), "group2")),
    "suiteb-gcm-128": ((IpsecProposal("aes-128-gcm", None), "group19"),),
    "suiteb-gcm-256": ((IpsecProposal("aes-256-gcm", None), "group20"),),
    "prime-128": ((IpsecProposal("aes-128-gcm", None), "group19"),),
    "prime-256": ((IpsecProposal("aes-256-gcm", None), "group20"),),
}


class MappingError(ValueError):
    """A Junos value that has no strongSwan equivalent here (names the field and the value)."""


def _lookup(table: dict[str, str], field: str, value: str) -> str:
    try:
        return table[value]
    except KeyError:
        raise MappingError(f"{field} {value!r} has no strongSwan mapping") from None


def ike_proposals(end: TunnelEnd) -> tuple[IkeProposal, ...]:
    """The IKE proposals a Junos end offers, with a proposal set expanded."""
    if end.ike_proposal_set is not None:
        if end.ike_proposal_set not in IKE_PROPOSAL_SETS:
            raise MappingError(f"ike proposal-set {end.ike_proposal_set!r} is not a pre-shared-key set")
        return IKE_PROPOSAL_SETS[end.ike_proposal_set]
    return end.ike_proposals


def ipsec_proposals(end: TunnelEnd) -> tuple[tuple[IpsecProposal, str | None], ...]:
    """(proposal, PFS group) pairs a Junos end offers. The policy's perfect-forward-secrecy keys
    applies to every proposal; without it a set's own group applies (g2-esp-... in standard)."""
    if end.ipsec_proposal_set is not None:
        if end.ipsec_proposal_set not in IPSEC_PROPOSAL_SETS:
            raise MappingError(f"ipsec proposal-set {end.ipsec_proposal_set!r} is unknown")
        expanded = IPSEC_PROPOSAL_SETS[end.ipsec_proposal_set]
    else:
        expanded = tuple((p, None) for p in end.ipsec_proposals)
    return tuple((p, end.pfs_group or set_group) for p, set_group in expanded)


def ike_keyword(p: IkeProposal) -> str:
    """One swanctl IKE proposal, e.g. aes128-sha1-modp1024 (CBC ciphers only: the IKE GCM
    proposals of Junos come with the ECDSA suites, out of scope here)."""
    enc = _lookup(IKE_ENCRYPTION, "ike encryption-algorithm", p.encryption)
    group = _lookup(DH_GROUPS, "ike dh-group", p.dh_group)
    auth = _lookup(IKE_AUTHENTICATION, "ike authentication-algorithm", p.authentication)
    return f"{enc}-{auth}-{group}"


def esp_keyword(p: IpsecProposal, pfs_group: str | None) -> str:
    """One swanctl ESP proposal, e.g. aes128-sha1-modp1024 or aes256gcm16 (no PFS)."""
    parts = [_lookup(IPSEC_ENCRYPTION, "ipsec encryption-algorithm", p.encryption)]
    if p.encryption not in GCM:
        parts.append(_lookup(IPSEC_AUTHENTICATION, "ipsec authentication-algorithm",
                             p.authentication or ""))
    if pfs_group is not None:
        parts.append(_lookup(DH_GROUPS, "perfect-forward-secrecy keys", pfs_group))
    return "-".join(parts)


def swanctl_ike_proposals(end: TunnelEnd) -> str:
    return ", ".join(dict.fromkeys(ike_keyword(p) for p in ike_proposals(end)))


def swanctl_esp_proposals(end: TunnelEnd) -> str:
    return ", ".join(dict.fromkeys(esp_keyword(p, g) for p, g in ipsec_proposals(end)))

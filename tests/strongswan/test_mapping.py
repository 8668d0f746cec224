"""The Junos -> strongSwan algorithm mapping: complete against the vendored Junos YANG, right on
the values the seeds use, and in step with the lab's expansion of the predefined sets."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from srxsim.network import proposals

import mapping
from mapping import MappingError, esp_keyword, ike_keyword, ipsec_proposals, swanctl_esp_proposals
from mapping import swanctl_ike_proposals
from params import IkeProposal, IpsecProposal, TunnelEnd

YANG = (Path(__file__).resolve().parents[2] / "lab/srxsim/data/yang/junos-es/conf"
        / "junos-es-conf-security@2024-01-01.yang")

# Junos values the harness leaves out, and why (also in lab/README.md, "Checked against strongSwan").
OUT_OF_SCOPE = {
    "ike encryption-algorithm": {"aes-128-gcm", "aes-256-gcm", "chacha20-poly1305"},  # ECDSA suites / IKEv2 AEAD PRF
    "ipsec encryption-algorithm": {"chacha20-poly1305"},
    "ipsec authentication-algorithm": {"hmac-sha-256-96"},  # private-use transform ID in strongSwan
}


def _block(text: str, opener: str, after: int = 0) -> str:
    """The YANG statement that starts with `opener` (first one after `after`), braces matched."""
    start = text.index(opener, after)
    depth = 0
    for pos in range(text.index("{", start), len(text)):
        depth += {"{": 1, "}": -1}.get(text[pos], 0)
        if depth == 0:
            return text[start:pos + 1]
    raise ValueError(f"unbalanced braces after {opener!r}")


def _enums(block: str) -> set[str]:
    return set(re.findall(r'enum "?([\w-]+)"?\s*\{', block))


def _yang_enums(grouping: str, leaf: str) -> set[str]:
    """Enum values of `leaf` in a YANG grouping (`security ike proposal` uses grouping
    ike-proposal, `security ipsec proposal` uses ipsec-proposal)."""
    body = _block(YANG.read_text(), f"grouping {grouping} {{")
    return _enums(_block(body, f"leaf {leaf} {{"))


@pytest.mark.parametrize("grouping, leaf, table, field", [
    ("ike-proposal", "dh-group", mapping.DH_GROUPS, "ike dh-group"),
    ("ike-proposal", "encryption-algorithm", mapping.IKE_ENCRYPTION, "ike encryption-algorithm"),
    ("ike-proposal", "authentication-algorithm", mapping.IKE_AUTHENTICATION, "ike authentication-algorithm"),
    ("ipsec-proposal", "encryption-algorithm", mapping.IPSEC_ENCRYPTION, "ipsec encryption-algorithm"),
    ("ipsec-proposal", "authentication-algorithm", mapping.IPSEC_AUTHENTICATION, "ipsec authentication-algorithm"),
])
def test_every_junos_value_is_mapped_or_listed_out_of_scope(grouping, leaf, table, field):
    junos = _yang_enums(grouping, leaf)
    assert junos, f"no {leaf} enums found in {YANG.name}"
    missing = junos - set(table) - OUT_OF_SCOPE.get(field, set())
    assert not missing, f"{field}: {sorted(missing)} have no strongSwan mapping"
    assert set(table) <= junos, f"{field}: mapped values Junos does not have: {sorted(set(table) - junos)}"


def test_pfs_keys_enums_are_the_dh_groups():
    text = YANG.read_text()
    pfs = _block(text, "container perfect-forward-secrecy {", text.index("grouping ipsec-policy"))
    assert _enums(_block(pfs, "leaf keys {")) == set(mapping.DH_GROUPS)


def test_seed004_standard_sets():
    end = TunnelEnd(ike_proposal_set="standard", ipsec_proposal_set="standard")
    assert swanctl_ike_proposals(end) == "aes128-sha1-modp1024, 3des-sha1-modp1024"
    assert swanctl_esp_proposals(end) == "3des-sha1-modp1024, aes128-sha1-modp1024"


def test_seed004_pfs_keys_replace_the_set_group():
    end = TunnelEnd(ipsec_proposal_set="standard", pfs_group="group5")
    assert swanctl_esp_proposals(end) == "3des-sha1-modp1536, aes128-sha1-modp1536"


@pytest.mark.parametrize("proposal, expected", [
    (IkeProposal("group14", "aes-256-cbc", "sha-256"), "aes256-sha256-modp2048"),
    (IkeProposal("group1", "des-cbc", "md5"), "des-md5-modp768"),
    (IkeProposal("group24", "aes-192-cbc", "sha-512"), "aes192-sha512-modp2048s256"),
    (IkeProposal("group20", "3des-cbc", "sha-384"), "3des-sha384-ecp384"),
])
def test_ike_keywords(proposal, expected):
    assert ike_keyword(proposal) == expected


@pytest.mark.parametrize("proposal, pfs, expected", [
    (IpsecProposal("aes-128-gcm", None), None, "aes128gcm16"),
    (IpsecProposal("aes-256-gcm", None), "group20", "aes256gcm16-ecp384"),
    (IpsecProposal("3des-cbc", "hmac-md5-96"), None, "3des-md5"),
    (IpsecProposal("aes-256-cbc", "hmac-sha-512"), "group21", "aes256-sha512-ecp521"),
])
def test_esp_keywords(proposal, pfs, expected):
    assert esp_keyword(proposal, pfs) == expected


def test_unknown_value_names_the_field():
    with pytest.raises(MappingError, match="ipsec authentication-algorithm 'hmac-sha-256-96'"):
        esp_keyword(IpsecProposal("aes-128-cbc", "hmac-sha-256-96"), None)
    with pytest.raises(MappingError, match="ike proposal-set 'suiteb-gcm-128'"):
        swanctl_ike_proposals(TunnelEnd(ike_proposal_set="suiteb-gcm-128"))


def test_proposal_sets_agree_with_the_lab():
    """The lab expands the same Junos sets on its own (srxsim.network.proposals); both follow
    Juniper's proposal-set pages, so they must list the same algorithms in the same order."""
    for name, ours in mapping.IKE_PROPOSAL_SETS.items():
        lab = [(p.dh_group, p.enc_alg, p.auth_alg) for p in proposals.ike_proposal_set(name)]
        assert lab == [(p.dh_group, p.encryption, p.authentication) for p in ours], name
    for name, ours in mapping.IPSEC_PROPOSAL_SETS.items():
        lab = [(p.enc_alg, p.auth_alg, p.pfs) for p in proposals.ipsec_proposal_set(name)]
        assert lab == [(p.encryption, p.authentication, g) for p, g in ours], name
    assert ipsec_proposals(TunnelEnd(ipsec_proposal_set="prime-256"))[0][1] == "group20"


def test_readme_table_is_the_mapping():
    """lab/README.md, section "Checked against strongSwan", documents the mapping."""
    readme = (Path(__file__).resolve().parents[2] / "lab" / "README.md").read_text()
    section = readme.split("## Checked against strongSwan", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([a-z ,-]+) \| `([\w-]+)` \| `([\w-]+)` \|$", section, re.M)
    tables = {"dh-group, pfs keys": mapping.DH_GROUPS,
              "ike encryption-algorithm": mapping.IKE_ENCRYPTION,
              "ike authentication-algorithm": mapping.IKE_AUTHENTICATION,
              "ipsec encryption-algorithm": mapping.IPSEC_ENCRYPTION,
              "ipsec authentication-algorithm": mapping.IPSEC_AUTHENTICATION}
    documented: dict[str, dict[str, str]] = {name: {} for name in tables}
    for statement, junos, keyword in rows:
        documented[statement][junos] = keyword
    assert documented == tables

"""The generated case set: single-parameter mismatches plus seeded random pairs.

Single mismatches are the ones the lab's table-driven negotiation test covers at the IKE level
(PSK, IKE proposal, DH group, mode, IKE version, identity, wrong peer address, PFS, IPsec
proposal, traffic selectors), each for IKEv1 and IKEv2 where Junos allows it. Random pairs draw
one end from the parameter space the seeds describe and derive the other end from it with 0-3
parameters redrawn, so that established tunnels and every failure class all occur. The same seed
gives the same cases on every machine.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from params import OTHER_LAN, SITE_A, SITE_B, Identity, IkeProposal, IpsecProposal, TrafficSelector, TunnelEnd

SEED = 20261126
RANDOM_PAIRS = 200

DH_GROUPS = ("group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20",
             "group21", "group24")
IKE_ENCRYPTION = ("des-cbc", "3des-cbc", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc")
IKE_AUTHENTICATION = ("md5", "sha1", "sha-256", "sha-384", "sha-512")
IKE_SETS = ("basic", "compatible", "standard")
IPSEC_CBC = ("des-cbc", "3des-cbc", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc")
IPSEC_GCM = ("aes-128-gcm", "aes-192-gcm", "aes-256-gcm")
IPSEC_AUTHENTICATION = ("hmac-md5-96", "hmac-sha1-96", "hmac-sha-256-128", "hmac-sha-384", "hmac-sha-512")
IPSEC_SETS = ("basic", "compatible", "standard", "suiteb-gcm-128", "suiteb-gcm-256", "prime-128", "prime-256")
PSKS = ("lab-psk-1", "lab-psk-2", "Another key with spaces")
UNREACHABLE_PEER = "198.51.100.99"  # on the veth subnet, no host answers


@dataclass(frozen=True)
class Case:
    """A pair of Junos ends: a initiates, b responds. `intended` is the failure class a single
    mismatch targets (ESTABLISHED for the matching base), None for random pairs."""

    name: str
    a: TunnelEnd
    b: TunnelEnd
    intended: str | None = None

    @property
    def kind(self) -> str:
        return "random" if self.intended is None else "single"


def mirrored(end: TunnelEnd) -> TunnelEnd:
    """The other end's view: identities swapped, traffic selectors reversed."""
    return end.with_(
        local_identity=end.remote_identity, remote_identity=end.local_identity,
        traffic_selectors=tuple(TrafficSelector(ts.remote_ip, ts.local_ip) for ts in end.traffic_selectors))


def _single(version: str) -> list[Case]:
    v = version[:2]
    base = TunnelEnd(version=version)
    custom_ike = base.with_(ike_proposal_set=None,
                            ike_proposals=(IkeProposal("group14", "aes-256-cbc", "sha-256"),))
    custom_esp = base.with_(ipsec_proposal_set=None,
                            ipsec_proposals=(IpsecProposal("aes-256-cbc", "hmac-sha-256-128"),))
    lan_ts = (TrafficSelector(SITE_A.lan, SITE_B.lan),)
    cases = [
        Case(f"{v}-match-seed004", base, mirrored(base), "ESTABLISHED"),
        Case(f"{v}-psk", base, base.with_(psk="lab-psk-2"), "AUTHENTICATION"),
        Case(f"{v}-ike-proposal", base, custom_ike, "PHASE1_PROPOSAL"),
        Case(f"{v}-dh-group", custom_ike,
             custom_ike.with_(ike_proposals=(IkeProposal("group19", "aes-256-cbc", "sha-256"),)),
             "PHASE1_PROPOSAL"),
        Case(f"{v}-ike-version", base, base.with_(version="v2-only" if v == "v1" else "v1-only"),
             "PHASE1_PROPOSAL"),
        Case(f"{v}-remote-identity", base,
             base.with_(remote_identity=Identity("hostname", "site-a.example.net")), "AUTHENTICATION"),
        Case(f"{v}-local-identity", base.with_(local_identity=Identity("user-at-hostname", "vpn@site-a.example.net")),
             base, "AUTHENTICATION"),
        Case(f"{v}-peer-address", base.with_(peer_address=UNREACHABLE_PEER), base, "NO_RESPONSE"),
        Case(f"{v}-external-interface", base.with_(external_interface="ge-0/0/1"), base, "NO_RESPONSE"),
        Case(f"{v}-host-inbound-ike", base, base.with_(host_inbound_ike=False), "NO_RESPONSE"),
        Case(f"{v}-pfs", custom_esp, custom_esp.with_(pfs_group="group14"), "PFS"),
        Case(f"{v}-pfs-group", custom_esp.with_(pfs_group="group5"), custom_esp.with_(pfs_group="group14"), "PFS"),
        Case(f"{v}-ipsec-proposal", base, custom_esp, "PHASE2_PROPOSAL"),
        Case(f"{v}-traffic-selector", base.with_(traffic_selectors=lan_ts),
             base.with_(traffic_selectors=(TrafficSelector(SITE_B.lan, OTHER_LAN),)), "TRAFFIC_SELECTOR"),
        Case(f"{v}-traffic-selector-match", base.with_(traffic_selectors=lan_ts),
             mirrored(base.with_(traffic_selectors=lan_ts)), "ESTABLISHED"),
    ]
    if version == "v1-only":
        aggressive = base.with_(mode="aggressive")
        cases += [
            Case("v1-mode", base, aggressive, "PHASE1_PROPOSAL"),
            Case("v1-mode-aggressive-match", aggressive, aggressive, "ESTABLISHED"),
        ]
    return cases


def single_mismatches() -> list[Case]:
    return _single("v1-only") + _single("v2-only")


# --- random pairs ------------------------------------------------------------------------------

def _ike_side(rng: random.Random, mode: str) -> dict:
    if rng.random() < 0.35:
        return {"ike_proposal_set": rng.choice(IKE_SETS), "ike_proposals": ()}
    count = rng.randint(1, 4)
    # Aggressive mode cannot negotiate the DH group: Junos asks for one group in all proposals.
    shared_group = rng.choice(DH_GROUPS)
    proposals = tuple(IkeProposal(shared_group if mode == "aggressive" else rng.choice(DH_GROUPS),
                                  rng.choice(IKE_ENCRYPTION), rng.choice(IKE_AUTHENTICATION))
                      for _index in range(count))
    return {"ike_proposal_set": None, "ike_proposals": proposals}


def _ipsec_proposal(rng: random.Random) -> IpsecProposal:
    if rng.random() < 0.3:
        return IpsecProposal(rng.choice(IPSEC_GCM), None)
    return IpsecProposal(rng.choice(IPSEC_CBC), rng.choice(IPSEC_AUTHENTICATION))


def _ipsec_side(rng: random.Random) -> dict:
    if rng.random() < 0.35:
        return {"ipsec_proposal_set": rng.choice(IPSEC_SETS), "ipsec_proposals": ()}
    return {"ipsec_proposal_set": None,
            "ipsec_proposals": tuple(_ipsec_proposal(rng) for _index in range(rng.randint(1, 4)))}


def _identity(rng: random.Random, site: str) -> Identity | None:
    roll = rng.random()
    if roll < 0.6:
        return None
    if roll < 0.8:
        return Identity("hostname", f"{site}.example.net")
    return Identity("user-at-hostname", f"vpn@{site}.example.net")


def _selectors(rng: random.Random) -> tuple[TrafficSelector, ...]:
    """Route-based default, the LAN pair, or two pairs (one IPsec SA each on Junos)."""
    roll = rng.random()
    if roll < 0.55:
        return ()
    lans = TrafficSelector(SITE_A.lan, SITE_B.lan)
    return (lans,) if roll < 0.9 else (lans, TrafficSelector(SITE_A.lan, OTHER_LAN))


def _pfs(rng: random.Random) -> str | None:
    return None if rng.random() < 0.5 else rng.choice(DH_GROUPS)


def _random_end(rng: random.Random) -> TunnelEnd:
    version = rng.choice(("v1-only", "v2-only"))
    mode = "aggressive" if version == "v1-only" and rng.random() < 0.3 else "main"
    return TunnelEnd(version=version, mode=mode, psk=rng.choice(PSKS),
                     local_identity=_identity(rng, "site-a"), remote_identity=_identity(rng, "site-b"),
                     pfs_group=_pfs(rng), traffic_selectors=_selectors(rng),
                     **_ike_side(rng, mode), **_ipsec_side(rng))


def _redraw(rng: random.Random, end: TunnelEnd, field: str) -> TunnelEnd:
    """The responder's end with one parameter drawn afresh (it may come out compatible)."""
    if field == "version":
        return end.with_(version=rng.choice(("v1-only", "v2-only")), mode="main")
    if field == "mode":
        return end.with_(mode=rng.choice(("main", "aggressive")), **_ike_side(rng, "aggressive"))
    if field == "ike":
        return end.with_(**_ike_side(rng, end.mode))
    if field == "psk":
        return end.with_(psk=rng.choice(PSKS))
    if field == "identity":
        if rng.random() < 0.5:
            return end.with_(local_identity=_identity(rng, "site-b"))
        return end.with_(remote_identity=_identity(rng, "site-a"))
    if field == "ipsec":
        return end.with_(**_ipsec_side(rng))
    if field == "pfs":
        return end.with_(pfs_group=_pfs(rng))
    if field == "traffic_selectors":
        choice = rng.choice(("none", "mirror", "other"))
        if choice == "none":
            return end.with_(traffic_selectors=())
        remote = SITE_A.lan if choice == "mirror" else OTHER_LAN
        return end.with_(traffic_selectors=(TrafficSelector(SITE_B.lan, remote),))
    raise ValueError(f"unknown field {field}")


FIELDS = ("version", "mode", "ike", "psk", "identity", "ipsec", "pfs", "traffic_selectors")


def random_pairs(seed: int = SEED, count: int = RANDOM_PAIRS) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for index in range(count):
        a = _random_end(rng)
        b = mirrored(a)
        changed = rng.sample(FIELDS, rng.choices((0, 1, 2, 3), weights=(3, 5, 2, 1))[0])
        for field in changed:
            b = _redraw(rng, b, field)
        label = "+".join(changed) or "same"
        cases.append(Case(f"r{index:03d}-{a.version[:2]}-{label}", a, b))
    return cases


def all_cases() -> list[Case]:
    return single_mismatches() + random_pairs()

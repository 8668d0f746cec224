"""What happened in one strongSwan negotiation, read from the two daemons' logs.

The failure classes are the ones the harness compares with the lab: PHASE1_PROPOSAL,
AUTHENTICATION, PHASE2_PROPOSAL, PFS, TRAFFIC_SELECTOR (plus NO_RESPONSE when the initiator
never heard back and nothing on the responder names a cause). Where the wire carries the same
notify for two causes (NO_PROPOSAL_CHOSEN for an ESP algorithm or a PFS group), the responder's
"received proposals" / "configured proposals" lines decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ESTABLISHED = "ESTABLISHED"
PHASE1_PROPOSAL = "PHASE1_PROPOSAL"
AUTHENTICATION = "AUTHENTICATION"
PHASE2_PROPOSAL = "PHASE2_PROPOSAL"
PFS = "PFS"
TRAFFIC_SELECTOR = "TRAFFIC_SELECTOR"
NO_RESPONSE = "NO_RESPONSE"

# Responder (or initiator) log lines -> class, most specific first. Each pattern is a line
# charon 5.9 writes; the comment says when.
_SIGNATURES: list[tuple[str, str]] = [
    # IKEv2 IKE_AUTH / CREATE_CHILD_SA and IKEv1 quick mode: selectors do not fit the config.
    (r"received TS_UNACCEPTABLE notify", TRAFFIC_SELECTOR),
    (r"traffic selectors .* unacceptable", TRAFFIC_SELECTOR),
    (r"no matching CHILD_SA config found", TRAFFIC_SELECTOR),
    (r"received INVALID_ID_INFORMATION error notify", TRAFFIC_SELECTOR),
    # PSK mismatch: IKEv2 AUTH payload, IKEv1 main mode message 5 cannot be decrypted,
    # aggressive mode HASH_I/HASH_R mismatch.
    (r"MAC mismatched", AUTHENTICATION),
    # IKEv1 main vs aggressive mode: the responder names the mode it refuses (the wire says
    # AUTHENTICATION_FAILED, the cause is the Phase 1 exchange mode).
    (r"none allows pre-shared key authentication using (Main|Aggressive) Mode", PHASE1_PROPOSAL),
    (r"decryption failed\?", AUTHENTICATION),
    (r"calculated HASH does not match HASH payload", AUTHENTICATION),
    # Identities that no peer config accepts (Junos: IKE ID validation fails).
    (r"no matching peer config found", AUTHENTICATION),
    (r"no peer config found", AUTHENTICATION),
    (r"IDir '.*' does not match", AUTHENTICATION),
    (r"received AUTHENTICATION_FAILED (notify|error notify)", AUTHENTICATION),
    # IKE version or addresses without a config (sent as NO_PROPOSAL_CHOSEN in IKE_SA_INIT).
    (r"no IKE config found", PHASE1_PROPOSAL),
]

_PROPOSALS = re.compile(r"(received|configured) proposals: (.*)$")
_DH = re.compile(r"^(MODP|ECP|CURVE)_")


@dataclass(frozen=True)
class Outcome:
    established: bool
    failure: str | None  # None when established
    evidence: str        # the log line (or summary) that decided; never holds the PSK

    @property
    def verdict(self) -> str:
        return ESTABLISHED if self.established else str(self.failure)


def _parse_proposals(text: str) -> list[frozenset[str]]:
    """'IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024, IKE:...' -> transform sets."""
    return [frozenset(p.split(":", 1)[1].split("/")) for p in text.split(", ") if ":" in p]


def _render(proposals: list[frozenset[str]]) -> str:
    return ", ".join("/".join(sorted(p)) for p in proposals) or "none"


def _without_dh(proposals: list[frozenset[str]]) -> set[frozenset[str]]:
    return {frozenset(t for t in p if not _DH.match(t)) for p in proposals}


_NO_PROPOSAL = re.compile(r"no (acceptable |matching )?proposal found|received proposals unacceptable")


def _proposal_failure(log: str) -> tuple[str, str] | None:
    """The last proposal refusal in a log, classified from the proposal lines logged before it:
    an IKE refusal is PHASE1_PROPOSAL; an ESP refusal is PFS when the two sides would agree with
    the DH groups left out, PHASE2_PROPOSAL otherwise."""
    received: list[frozenset[str]] = []
    configured: list[frozenset[str]] = []
    kind = ""
    decision = None
    for line in log.splitlines():
        found = _PROPOSALS.search(line)
        if found:
            parsed = _parse_proposals(found.group(2))
            if found.group(1) == "received":
                received, kind = parsed, found.group(2).split(":", 1)[0]
            else:
                configured = parsed
        elif _NO_PROPOSAL.search(line):
            evidence = f"{line.strip()} (received {_render(received)}; configured {_render(configured)})"
            if kind == "IKE":
                decision = (PHASE1_PROPOSAL, evidence)
            elif _without_dh(received) & _without_dh(configured):
                decision = (PFS, evidence)
            else:
                decision = (PHASE2_PROPOSAL, evidence)
    return decision


def classify(initiator_log: str, responder_log: str, children_up: int, children_wanted: int,
             rekeyed: bool | None) -> Outcome:
    """Decide from both logs of one case; rekeyed is None when no rekey was tried (IKEv1)."""
    lines = responder_log.splitlines() + initiator_log.splitlines()
    if children_up == children_wanted and rekeyed in (None, True):
        return Outcome(True, None, f"{children_up} CHILD_SA(s) up" + (", rekeyed with PFS" if rekeyed else ""))
    if "received packet" not in initiator_log:
        # Whatever the responder logged never came back (IKE dropped, or sent from an address
        # the peer cannot answer): for the initiator the peer does not respond.
        return Outcome(False, NO_RESPONSE, _last_ike_line(initiator_log, "the initiator received nothing"))
    for pattern, failure in _SIGNATURES:
        for line in lines:
            if re.search(pattern, line):
                return Outcome(False, failure, line.strip())
    proposal = _proposal_failure(responder_log) or _proposal_failure(initiator_log)
    if proposal is not None:
        return Outcome(False, *proposal)
    return Outcome(False, NO_RESPONSE, _last_ike_line(initiator_log, "no cause in either log"))


def _last_ike_line(initiator_log: str, why: str) -> str:
    ike_lines = [line.strip() for line in initiator_log.splitlines()
                 if "[IKE]" in line and "state change" not in line]
    return f"{why}; initiator's last IKE line: {ike_lines[-1] if ike_lines else 'none'}"

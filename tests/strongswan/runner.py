"""Run one case on a namespace pair: load both configs, initiate from side a, rekey (IKEv2) so a
PFS group is actually negotiated, classify from the two daemon logs, tear the SAs down."""
from __future__ import annotations

import re
import time

from charon import NamespacePair
from outcome import Outcome, classify
from params import SITE_A, SITE_B, TunnelEnd
from swanctl import child_names, render

_CHILD_UP = re.compile(r"CHILD_SA (\S+)\{\d+\} established")
REKEY_WAIT = 8.0


def _children_up(log: str, names: list[str]) -> set[str]:
    return {m.group(1) for m in _CHILD_UP.finditer(log)} & set(names)


def _rekey(pair: NamespacePair, children: list[str], offset: int) -> bool:
    """IKEv2 builds the first CHILD_SA inside IKE_AUTH without a key exchange, so a PFS group is
    only negotiated by CREATE_CHILD_SA: rekey each child and wait for the new SA or a refusal."""
    for child in children:
        pair.a.swanctl("--rekey", "--child", child, timeout=10)
    deadline = time.monotonic() + REKEY_WAIT
    while time.monotonic() < deadline:
        log = pair.a.log_since(offset)
        if len(re.findall(r"CHILD_SA \S+\{\d+\} established", log)) >= 2 * len(children):
            return True
        if re.search(r"received (NO_PROPOSAL_CHOSEN|INVALID_KE_PAYLOAD|TS_UNACCEPTABLE)"
                     r"|no CHILD_SA built|CHILD_SA rekeying failed", log):
            return False
        time.sleep(0.05)
    return False


def connection_name(case_name: str) -> str:
    """swanctl section names take letters, digits, '-' and '_' only."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", case_name)


def run_case(pair: NamespacePair, case_name: str, a: TunnelEnd, b: TunnelEnd,
             keep_up: bool = False) -> Outcome:
    """keep_up leaves the SAs in place (data-plane checks); the caller then calls pair.reset."""
    name = connection_name(case_name)
    offsets = (pair.a.log_offset(), pair.b.log_offset())
    pair.a.load(render(name, a, SITE_A, SITE_B))
    pair.b.load(render(name, b, SITE_B, SITE_A))
    # Only the responder's zone matters: the initiator's own IKE replies come back in its session.
    pair.b.block_ike(not b.host_inbound_ike)
    children = child_names(name, a)
    try:
        for child in children:
            pair.a.swanctl("--initiate", "--child", child, "--timeout", "10", timeout=20)
        up = _children_up(pair.a.log_since(offsets[0]), children)
        rekeyed = None
        if a.version == "v2-only" and len(up) == len(children):
            rekeyed = _rekey(pair, children, offsets[0])
        return classify(pair.a.log_since(offsets[0]), pair.b.log_since(offsets[1]),
                        len(up), len(children), rekeyed)
    finally:
        if not keep_up:
            pair.reset(name)

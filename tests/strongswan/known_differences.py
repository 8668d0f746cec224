"""Where Junos and strongSwan legitimately decide differently, each with the documentation that
says so. The lab follows Junos; a disagreement counts as explained only when one of these rules
matches the case exactly, never as a blanket excuse."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Callable

from cases import Case
from outcome import ESTABLISHED, TRAFFIC_SELECTOR
from params import TrafficSelector, TunnelEnd
from swanctl import ROUTE_BASED_DEFAULT_TS


@dataclass(frozen=True)
class KnownDifference:
    key: str
    junos: str        # what Junos does, and where Juniper says so
    strongswan: str   # what strongSwan does, and why
    applies: Callable[[Case, str, str], bool]  # (case, strongSwan verdict, lab verdict)


def _selectors(end: TunnelEnd) -> list[TrafficSelector]:
    return list(end.traffic_selectors) or [TrafficSelector(ROUTE_BASED_DEFAULT_TS, ROUTE_BASED_DEFAULT_TS)]


def _overlap(x: str, y: str) -> bool:
    return ipaddress.ip_network(x).overlaps(ipaddress.ip_network(y))


def _narrowing_only(case: Case, swan: str, lab: str) -> bool:
    """The selectors do not mirror each other, yet every selector of the initiator overlaps one of
    the responder's in both directions, so RFC 7296 narrowing finds a common subset."""
    if (swan, lab) != (ESTABLISHED, TRAFFIC_SELECTOR):
        return False
    ours, theirs = _selectors(case.a), _selectors(case.b)
    mirrored = all(any(t.local_ip == o.remote_ip and t.remote_ip == o.local_ip for t in theirs) for o in ours)
    narrowable = all(any(_overlap(o.local_ip, t.remote_ip) and _overlap(o.remote_ip, t.local_ip) for t in theirs)
                     for o in ours)
    return not mirrored and narrowable


KNOWN_DIFFERENCES = [
    KnownDifference(
        key="traffic-selector-narrowing",
        junos=("Junos requires the proxy IDs / traffic selectors of the two peers to mirror each other "
               "exactly: 'The proxy ID for both peers must match, which means that the local IP address "
               "specified for one peer must be the same as the remote IP address specified for the other "
               "peer' (Juniper, IPsec VPN Overview, 'Proxy IDs'; seed 003). A route-based VPN without "
               "traffic-selector proposes 0.0.0.0/0 both ways (Juniper, 'Traffic Selectors in Route-Based "
               "VPNs')."),
        strongswan=("strongSwan's responder narrows the proposed selectors to the intersection with its "
                    "own (RFC 7296 section 2.9; IKEv1 quick mode likewise accepts a subset), so the "
                    "CHILD_SA comes up with the narrowed selectors."),
        applies=_narrowing_only,
    ),
]


def explain(case: Case, swan: str, lab: str) -> KnownDifference | None:
    return next((d for d in KNOWN_DIFFERENCES if d.applies(case, swan, lab)), None)

"""The documented-difference rule explains exactly the traffic-selector narrowing cases."""
from __future__ import annotations

from cases import Case
from known_differences import explain
from params import OTHER_LAN, SITE_A, SITE_B, TrafficSelector, TunnelEnd

LANS = TrafficSelector(SITE_A.lan, SITE_B.lan)
MIRROR = TrafficSelector(SITE_B.lan, SITE_A.lan)


def _case(a_ts, b_ts) -> Case:
    return Case("t", TunnelEnd(traffic_selectors=a_ts), TunnelEnd(traffic_selectors=b_ts))


def test_route_based_default_against_lan_selectors_is_narrowing():
    assert explain(_case((), (MIRROR,)), "ESTABLISHED", "TRAFFIC_SELECTOR").key == "traffic-selector-narrowing"
    assert explain(_case((LANS,), ()), "ESTABLISHED", "TRAFFIC_SELECTOR") is not None


def test_disjoint_or_mirrored_selectors_are_not_explained():
    assert explain(_case((LANS,), (TrafficSelector(SITE_B.lan, OTHER_LAN),)), "ESTABLISHED",
                   "TRAFFIC_SELECTOR") is None
    assert explain(_case((LANS,), (MIRROR,)), "ESTABLISHED", "TRAFFIC_SELECTOR") is None


def test_only_strongswan_up_and_lab_traffic_selector_is_explained():
    case = _case((), (MIRROR,))
    assert explain(case, "TRAFFIC_SELECTOR", "ESTABLISHED") is None
    assert explain(case, "ESTABLISHED", "PFS") is None

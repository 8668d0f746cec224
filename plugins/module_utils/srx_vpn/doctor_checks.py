# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IKE (phase 1) and IPsec (phase 2) checks: one end alone, then both ends together.

Every check id is listed in CHECKS with its severity, the tunnel status it
predicts and its place in Junos' negotiation order (the status of a tunnel
is the one of its earliest failing check, as the negotiation stops there).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import proposals as P
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import secrets
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.doctor_checks_device import Identity

ESTABLISHED = "ESTABLISHED"
IKE_FAILED = "IKE_PHASE1_FAILED"
KEY_MISMATCH = "IKE_PHASE1_KEY_MISMATCH"
IPSEC_FAILED = "IPSEC_PHASE2_FAILED"
MISSING_END_POINT = "MISSING_END_POINT"

# id: (severity, predicted status or None when the SAs still come up, negotiation order)
CHECKS = {
    "missing-end-point": ("warning", MISSING_END_POINT, 0),
    "ike-policy-missing": ("error", IKE_FAILED, 1),
    "ike-proposal-undefined": ("error", None, 1),
    "external-interface-missing": ("error", IKE_FAILED, 1),
    "external-interface-no-address": ("error", IKE_FAILED, 1),
    "peer-address": ("error", IKE_FAILED, 2),
    "host-inbound-ike": ("error", IKE_FAILED, 3),
    "host-inbound-ike-initiator-only": ("warning", None, 3),
    "ike-version": ("error", IKE_FAILED, 4),
    "ike-mode": ("error", IKE_FAILED, 5),
    "ike-proposal": ("error", IKE_FAILED, 6),
    "psk-missing": ("error", IKE_FAILED, 7),
    "psk-mismatch": ("error", KEY_MISMATCH, 7),
    "psk-unreadable": ("warning", None, 7),
    "identity": ("error", IKE_FAILED, 8),
    "vpn-missing": ("error", IPSEC_FAILED, 9),
    "ipsec-policy-missing": ("error", IPSEC_FAILED, 9),
    "ipsec-proposal-undefined": ("error", None, 9),
    "ipsec-proposal": ("error", IPSEC_FAILED, 10),
    "pfs": ("error", IPSEC_FAILED, 11),
    "traffic-selector": ("error", IPSEC_FAILED, 12),
    "st0-missing": ("error", None, 20),
    "st0-no-inet": ("error", None, 20),
    "st0-no-zone": ("error", None, 20),
    "route-missing": ("error", None, 21),
    "policy-missing": ("error", None, 22),
    "policy-vpn-missing": ("error", None, 22),
    "policy-zone-missing": ("error", None, 22),
    "vpn-gateway-missing": ("error", None, 22),
    "ike-lifetime": ("info", None, 30),
    "ipsec-lifetime": ("info", None, 30),
    "dpd-one-side": ("info", None, 30),
    "establish-on-traffic": ("info", None, 30),
}

# Junos refuses to commit a configuration with these (undefined references, a PSK policy without a
# key, a bind-interface that is not an st0 unit with family inet, an external interface that does
# not exist): the device keeps its old configuration.
BLOCKS_COMMIT = frozenset((
    "ike-policy-missing", "ike-proposal-undefined", "external-interface-missing", "psk-missing",
    "ipsec-policy-missing", "ipsec-proposal-undefined", "st0-missing", "st0-no-inet", "policy-vpn-missing",
    "policy-zone-missing", "vpn-gateway-missing",
))


@dataclass
class Finding:
    check: str
    host: str
    path: str
    message: str
    fix: str
    peer_host: Optional[str] = None
    peer_path: Optional[str] = None

    @property
    def severity(self) -> str:
        return CHECKS[self.check][0]

    def as_dict(self) -> dict:
        found = {"check": self.check, "severity": self.severity, "host": self.host, "path": self.path,
                 "message": self.message, "fix": self.fix}
        if self.peer_host:
            found.update(peer_host=self.peer_host, peer_path=self.peer_path)
        if self.check in BLOCKS_COMMIT:
            found["blocks_commit"] = True
        return found


def status_of(findings) -> str:
    """Status predicted by the earliest failing negotiation step."""
    failing = [f for f in findings if CHECKS[f.check][1] and CHECKS[f.check][0] == "error"
               or f.check == "missing-end-point"]
    if not failing:
        return ESTABLISHED
    return CHECKS[min(failing, key=lambda f: CHECKS[f.check][2]).check][1]


def gw_path(end, leaf=""):
    return ("security ike gateway %s %s" % (end.name, leaf)).strip()


def policy_path(end, leaf=""):
    return ("security ike policy %s %s" % (end.policy_name, leaf)).strip()


# one end -------------------------------------------------------------------
def end_checks(dev, end) -> list:
    found = []
    if end.policy is None:
        found.append(Finding("ike-policy-missing", dev.host, gw_path(end, "ike-policy"),
                             "%s uses ike-policy %s, which is not configured" % (end.label, end.policy_name),
                             "configure security ike policy %s" % end.policy_name))
    else:
        proposals, missing = dev.ike_proposals(end.policy)
        for name in missing:
            found.append(Finding("ike-proposal-undefined", dev.host, policy_path(end, "proposals"),
                                 "ike policy %s names %s, which is not defined" % (end.policy_name, name),
                                 "define security ike proposal %s or use a predefined proposal-set" % name))
        if not proposals and not missing:
            found.append(Finding("ike-proposal-undefined", dev.host, policy_path(end),
                                 "ike policy %s has neither proposals nor proposal-set" % end.policy_name,
                                 "set security ike policy %s proposal-set standard (or proposals ...)"
                                 % end.policy_name))
        uses_psk = any(p.authentication_method in (None, P.PSK) for p, lifetime in proposals)
        if uses_psk and dev.psk(end.policy) is None:
            found.append(Finding("psk-missing", dev.host, policy_path(end, "pre-shared-key"),
                                 "ike policy %s authenticates with pre-shared keys but has no pre-shared-key"
                                 % end.policy_name,
                                 "set security ike policy %s pre-shared-key ascii-text <key from the vault>"
                                 % end.policy_name))
    if end.external_interface and not dev.has_unit(end.external_interface):
        found.append(Finding("external-interface-missing", dev.host, gw_path(end, "external-interface"),
                             "external-interface %s of %s is not configured" % (end.external_interface, end.label),
                             "configure interfaces %s, or name the uplink the gateway really uses"
                             % end.external_interface.replace(".", " unit ", 1)))
    elif not end.local_address and end.external_interface and dev.primary_address(end.external_interface) is None \
            and not dev.uses_dhcp(end.external_interface):
        found.append(Finding("external-interface-no-address", dev.host, gw_path(end, "external-interface"),
                             "external-interface %s of %s has no IPv4 address" % (end.external_interface, end.label),
                             "set interfaces %s family inet address <address/len>"
                             % end.external_interface.replace(".", " unit ", 1)))
    ifl = end.external_interface
    if ifl and dev.has_unit(ifl) and not dev.admits(ifl, "ike"):
        zone = dev.zone_of(ifl)
        why = ("zone %s does not allow host-inbound-traffic system-services ike" % zone if zone
               else "%s is in no security zone" % ifl)
        # IKE replies to exchanges this end starts match its own session; only the peer's are dropped
        initiates = any(v.establish == "immediately" for v in end.vpns)
        found.append(Finding(
            "host-inbound-ike-initiator-only" if initiates else "host-inbound-ike", dev.host,
            "security zones security-zone %s host-inbound-traffic system-services ike" % (zone or "<zone>"),
            "%s: IKE arriving on %s is dropped (%s)%s" % (
                end.label, ifl, why, "; the tunnel comes up only because this end starts it (establish-tunnels "
                "immediately): the peer can neither start nor rekey it" if initiates else ""),
            "set security zones security-zone %s interfaces %s host-inbound-traffic system-services ike"
            % (zone or "untrust", ifl)))
    for vpn in end.vpns:
        policy = dev.ipsec_policy(vpn.ipsec_policy)
        path = "security ipsec vpn %s ike ipsec-policy" % vpn.name
        if policy is None:
            found.append(Finding("ipsec-policy-missing", dev.host, path,
                                 "vpn %s uses ipsec-policy %s, which is not configured" % (vpn.name, vpn.ipsec_policy),
                                 "configure security ipsec policy %s" % vpn.ipsec_policy))
            continue
        chosen, missing = dev.ipsec_proposals(policy)
        for name in missing or ([] if chosen else ["(none)"]):
            found.append(Finding("ipsec-proposal-undefined", dev.host, "security ipsec policy %s proposals"
                                 % vpn.ipsec_policy, "ipsec policy %s names proposal %s, which is not defined"
                                 % (vpn.ipsec_policy, name),
                                 "define security ipsec proposal or use a predefined proposal-set"))
    return found


# both ends -------------------------------------------------------------------
def _pair(check, a, b, path_a, path_b, message, fix):
    return Finding(check, a.host, path_a, message, fix, peer_host=b.host, peer_path=path_b)


def _expected_identity(end, peer_address) -> Optional[Identity]:
    if end.remote_identity:
        return end.remote_identity
    if end.dynamic_identity:
        return end.dynamic_identity
    return Identity("inet", peer_address) if peer_address else None


def _same(x: Identity, y: Identity) -> bool:
    return x.kind == y.kind and x.value.lower() == y.value.lower()


def _psk_bytes(fmt_value) -> bytes:
    fmt, value = fmt_value
    plain = secrets.psk_plaintext(value)
    return bytes.fromhex(plain) if fmt == "hexadecimal" else plain.encode("latin-1")


def phase1_checks(da, a, db, b) -> list:
    """Checks of one gateway pair (a on device da, b on db) in negotiation order."""
    found = []
    la, lb = da.local_endpoint(a), db.local_endpoint(b)
    for dx, x, lx, y, ly in ((da, a, la, b, lb), (db, b, lb, a, la)):
        if ly and not x.dynamic and ly not in x.addresses:
            found.append(_pair("peer-address", x, y, gw_path(x, "address"), gw_path(y, "external-interface"),
                               "%s points at %s, but %s speaks IKE from %s"
                               % (x.label, ", ".join(x.addresses) or "no address", y.label, ly),
                               "set security ike gateway %s address %s" % (x.name, ly)))
    if a.version != b.version:
        found.append(_pair("ike-version", a, b, gw_path(a, "version"), gw_path(b, "version"),
                           "IKE version differs: %s is %s, %s is %s" % (a.label, a.version, b.label, b.version),
                           "use the same 'version' (v1-only or v2-only) on both gateways"))
    elif a.version != "v2-only" and a.policy is not None and b.policy is not None \
            and da.mode(a) != db.mode(b):
        found.append(_pair("ike-mode", a, b, policy_path(a, "mode"), policy_path(b, "mode"),
                           "IKEv1 mode differs: %s is %s, %s is %s" % (a.label, da.mode(a), b.label, db.mode(b)),
                           "use the same 'mode' (main or aggressive) in both ike policies"))
    if a.policy is None or b.policy is None:
        return found
    pa, pb = da.ike_proposals(a.policy)[0], db.ike_proposals(b.policy)[0]
    common = {p for p, lifetime in pa} & {p for p, lifetime in pb}
    if pa and pb and not common:
        found.append(_pair("ike-proposal", a, b, policy_path(a, "proposals"), policy_path(b, "proposals"),
                           "no common IKE proposal: %s offers [%s], %s offers [%s]"
                           % (a.label, ", ".join(P.describe_ike(p) for p, lifetime in pa),
                              b.label, ", ".join(P.describe_ike(p) for p, lifetime in pb)),
                           "give both ike policies one proposal with the same method, DH group, "
                           "authentication and encryption"))
    found.extend(_psk_check(da, a, db, b))
    ida = a.local_identity or (Identity("inet", la) if la else None)
    idb = b.local_identity or (Identity("inet", lb) if lb else None)
    for x, y, sent, expected in ((a, b, idb, _expected_identity(a, lb)), (b, a, ida, _expected_identity(b, la))):
        # an end whose address is not known (DHCP, or none) and has no local-identity: nothing to compare
        if sent is not None and expected is not None and not _same(sent, expected):
            found.append(_pair("identity", x, y, gw_path(x, "remote-identity"), gw_path(y, "local-identity"),
                               "%s expects IKE identity %s, %s sends %s" % (x.label, expected, y.label, sent),
                               "make %s local-identity equal %s remote-identity" % (y.label, x.label)))
    lifetimes_a, lifetimes_b = {t for p, t in pa if p in common}, {t for p, t in pb if p in common}
    if common and lifetimes_a != lifetimes_b:
        found.append(_pair("ike-lifetime", a, b, "security ike proposal", "security ike proposal",
                           "IKE lifetimes differ (%s s vs %s s); the shorter one is used"
                           % ("/".join(map(str, sorted(lifetimes_a))), "/".join(map(str, sorted(lifetimes_b)))),
                           "align lifetime-seconds to avoid rekey surprises"))
    if a.dpd != b.dpd:
        x, y = (a, b) if a.dpd else (b, a)
        found.append(_pair("dpd-one-side", y, x, gw_path(y, "dead-peer-detection"), gw_path(x, "dead-peer-detection"),
                           "dead-peer-detection is configured on %s only" % x.label,
                           "configure dead-peer-detection on %s too" % y.label))
    return found


def _psk_check(da, a, db, b) -> list:
    ka, kb = da.psk(a.policy), db.psk(b.policy)
    if ka is None or kb is None:
        return []  # reported per end as psk-missing
    try:
        same = _psk_bytes(ka) == _psk_bytes(kb)
    except ValueError:
        return [_pair("psk-unreadable", a, b, policy_path(a, "pre-shared-key"), policy_path(b, "pre-shared-key"),
                      "a pre-shared key of %s or %s cannot be decoded, so it was not compared" % (a.label, b.label),
                      "re-enter the key from the vault")]
    if same:
        return []
    return [_pair("psk-mismatch", a, b, policy_path(a, "pre-shared-key"), policy_path(b, "pre-shared-key"),
                  "pre-shared keys of ike policy %s (%s) and %s (%s) differ (compared decoded)"
                  % (a.policy_name, a.host, b.policy_name, b.host),
                  "set the same pre-shared-key (from the vault) on both ike policies")]


def pair_vpns(a, b) -> tuple[list, list, list]:
    """([(vpn on a, vpn on b)], unmatched on a, unmatched on b): by mirrored selectors, then in order."""
    left, right, pairs = list(a.vpns), list(b.vpns), []
    for va in list(left):
        for vb in right:
            if _selectors_mirror(va, vb):
                pairs.append((va, vb))
                left.remove(va)
                right.remove(vb)
                break
    while left and right:
        pairs.append((left.pop(0), right.pop(0)))
    return pairs, left, right


def _selectors_mirror(va, vb) -> bool:
    return all(any(s.mirrors(o) for o in vb.selectors) for s in va.selectors) and \
        all(any(o.mirrors(s) for s in va.selectors) for o in vb.selectors)


def phase2_checks(da, a, db, b) -> list:
    found = []
    pairs, left, right = pair_vpns(a, b)
    for lone, end, other in [(v, a, b) for v in left] + [(v, b, a) for v in right]:
        found.append(_pair("vpn-missing", other, end, "security ipsec vpn", "security ipsec vpn %s" % lone.name,
                           "%s has vpn %s (%s) but %s has no IPsec VPN for it"
                           % (end.label, lone.name, "; ".join(map(str, lone.selectors)), other.label),
                           "configure security ipsec vpn ... ike gateway %s on %s" % (other.name, other.host)))
    if not a.vpns and not b.vpns:
        found.append(_pair("vpn-missing", a, b, "security ipsec vpn", "security ipsec vpn",
                           "no IPsec VPN uses %s or %s" % (a.label, b.label),
                           "configure security ipsec vpn <name> ike gateway %s on both ends" % a.name))
    for va, vb in pairs:
        found.extend(_vpn_pair_checks(da, a, va, db, b, vb))
    ons = [v for v in a.vpns + b.vpns if v.establish != "immediately"]
    if pairs and len(ons) == len(a.vpns + b.vpns):
        found.append(_pair("establish-on-traffic", a, b, "security ipsec vpn %s establish-tunnels" % pairs[0][0].name,
                           "security ipsec vpn %s establish-tunnels" % pairs[0][1].name,
                           "neither end sets establish-tunnels immediately: the tunnel comes up only when "
                           "traffic needs it", "set establish-tunnels immediately on one end"))
    return found


def _vpn_pair_checks(da, a, va, db, b, vb) -> list:
    pol_a, pol_b = da.ipsec_policy(va.ipsec_policy), db.ipsec_policy(vb.ipsec_policy)
    path_a, path_b = "security ipsec vpn %s" % va.name, "security ipsec vpn %s" % vb.name
    found = []
    if pol_a is not None and pol_b is not None:
        offers_a, offers_b = da.ipsec_proposals(pol_a)[0], db.ipsec_proposals(pol_b)[0]
        common = {p for p, pfs, life in offers_a} & {p for p, pfs, life in offers_b}
        if offers_a and offers_b and not common:
            found.append(_pair("ipsec-proposal", a, b, "security ipsec policy %s" % va.ipsec_policy,
                               "security ipsec policy %s" % vb.ipsec_policy,
                               "no common IPsec proposal for vpn %s/%s: %s offers [%s], %s offers [%s]"
                               % (va.name, vb.name, a.host, ", ".join(P.describe_ipsec(p, g) for p, g, life in offers_a),
                                  b.host, ", ".join(P.describe_ipsec(p, g) for p, g, life in offers_b)),
                               "give both ipsec policies one proposal with the same protocol, "
                               "authentication and encryption"))
        elif common:
            pfs_a = {g for p, g, life in offers_a if p in common}
            pfs_b = {g for p, g, life in offers_b if p in common}
            if not pfs_a & pfs_b:
                found.append(_pair("pfs", a, b, "security ipsec policy %s perfect-forward-secrecy keys"
                                   % va.ipsec_policy, "security ipsec policy %s perfect-forward-secrecy keys"
                                   % vb.ipsec_policy,
                                   "PFS differs for vpn %s/%s: %s uses %s, %s uses %s"
                                   % (va.name, vb.name, a.host, "/".join(sorted(g or "none" for g in pfs_a)),
                                      b.host, "/".join(sorted(g or "none" for g in pfs_b))),
                                   "set the same perfect-forward-secrecy keys (or none) in both ipsec policies"))
            life_a = {t for p, pfs, t in offers_a if p in common}
            life_b = {t for p, pfs, t in offers_b if p in common}
            if life_a != life_b:
                found.append(_pair("ipsec-lifetime", a, b, "security ipsec proposal", "security ipsec proposal",
                                   "IPsec lifetimes differ for vpn %s/%s (%s s vs %s s)"
                                   % (va.name, vb.name, "/".join(map(str, sorted(life_a))),
                                      "/".join(map(str, sorted(life_b)))),
                                   "align lifetime-seconds of the ipsec proposals"))
    if not _selectors_mirror(va, vb):
        found.append(_pair("traffic-selector", a, b, path_a + " " + va.selector_source,
                           path_b + " " + vb.selector_source,
                           "traffic selectors do not mirror: %s vpn %s has %s; %s vpn %s has %s"
                           % (a.host, va.name, "; ".join(map(str, va.selectors)),
                              b.host, vb.name, "; ".join(map(str, vb.selectors))),
                           "make each end's local the other end's remote (proxy-identity or traffic-selector)"))
    return found

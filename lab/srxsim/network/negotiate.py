"""IKE Phase 1 + Phase 2 negotiation between two committed configurations, as Junos would do it.

`negotiate(initiator, vpn_name, devices, underlay) -> Verdict` is pure: it reads DeviceConfig
objects and the underlay and says whether the tunnel comes up and, if not, why (failure code +
a Junos-like reason). Other parts of the project (doctor, strongSwan differential) compare against
these codes; they are listed in FAILURES and documented in lab/README.md ("Simulated network").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import DeviceConfig, Identity, IkeGateway, IkePolicy, IkeProposal, IpsecProposal, Selector, Vpn
from .underlay import Underlay

FAILURES = {
    "CONFIG": "the local configuration is incomplete (missing gateway/policy/address)",
    "PEER_UNREACHABLE": "no IKE reply: peer address not reachable over the underlay (peer not responding)",
    "HOST_INBOUND_IKE": "IKE dropped on the responder: its zone/interface does not admit host-inbound ike",
    "GATEWAY_NOT_FOUND": "the responder has no IKE gateway for the initiator's address or identity",
    "IKE_VERSION": "IKE version mismatch (v1-only vs v2-only)",
    "IKE_MODE": "IKEv1 exchange mode mismatch (main vs aggressive)",
    "PHASE1_PROPOSAL": "no common IKE proposal (encryption/authentication/DH group/method)",
    "AUTHENTICATION": "pre-shared key mismatch or no usable credentials",
    "IDENTITY": "IKE identity (local/remote identity) validation failed",
    "NAT_TRAVERSAL": "NAT in the path but NAT-T disabled on a peer",
    "PHASE2_CONFIG": "the responder has no IPsec VPN for the negotiated gateway",
    "PHASE2_PROPOSAL": "no common IPsec proposal (protocol/encryption/authentication)",
    "PFS": "perfect-forward-secrecy groups differ",
    "TRAFFIC_SELECTOR": "traffic selectors / proxy-identities do not mirror each other",
}


@dataclass(frozen=True)
class Endpoint:
    device: str
    gateway: str
    vpn: str | None
    address: str
    interface: str
    identity: Identity


@dataclass(frozen=True)
class Verdict:
    established: bool
    failure: str | None = None
    reason: str = ""
    phase: int = 0  # where it stopped (1 or 2); 0 when established
    version: str = "v1-only"
    mode: str = "main"
    local: Endpoint | None = None
    remote: Endpoint | None = None
    ike_proposal: IkeProposal | None = None
    ike_lifetime: int = 0
    ipsec_proposal: IpsecProposal | None = None
    ipsec_lifetime: int = 0
    pfs: str | None = None
    selectors: tuple[Selector, ...] = field(default_factory=tuple)
    nat: bool = False
    port: int = 500

    @property
    def peer_address(self) -> str | None:
        return self.remote.address if self.remote else None


def _fail(code: str, reason: str, phase: int, **kw) -> Verdict:
    return Verdict(False, code, reason, phase, **kw)


def local_endpoint(dev: DeviceConfig, gw: IkeGateway) -> tuple[str | None, str | None, str]:
    """(address, ifl, problem) the gateway speaks IKE from: local-address, else external-interface."""
    key = ("endpoint", gw.name)
    if key not in dev.memo:
        dev.memo[key] = _local_endpoint(dev, gw)
    return dev.memo[key]


def _local_endpoint(dev: DeviceConfig, gw: IkeGateway) -> tuple[str | None, str | None, str]:
    if gw.external_interface is None and gw.local_address is None:
        return None, None, f"gateway {gw.name} has no external-interface"
    if gw.local_address:
        ifl = dev.interface_owning(gw.local_address)
        if ifl is None:
            return None, None, f"gateway {gw.name} local-address {gw.local_address} is not configured on an interface"
        return gw.local_address, ifl, ""
    ifl = gw.external_interface if "." in gw.external_interface else f"{gw.external_interface}.0"
    addr = dev.primary_address(ifl)
    if addr is None:
        return None, ifl, f"external-interface {ifl} of gateway {gw.name} has no IPv4 address"
    if ifl in dev.disabled:
        return None, ifl, f"external-interface {ifl} of gateway {gw.name} is disabled"
    return str(addr.ip), ifl, ""


def default_identity(configured: Identity | None, address: str) -> Identity:
    """Junos: local-identity and remote-identity default to the IPv4 address of that end."""
    return configured if configured is not None else Identity("inet", address)


def _same_identity(a: Identity, b: Identity) -> bool:
    return a.kind == b.kind and a.value.lower() == b.value.lower()


def address_index(devices: dict[str, DeviceConfig]) -> dict[str, list[tuple[DeviceConfig, str]]]:
    """address -> [(device, ifl)] over all devices (build once per recompute, pass to negotiate)."""
    index: dict[str, list] = {}
    for dev in devices.values():
        for address, ifl in dev.owners.items():
            index.setdefault(address, []).append((dev, ifl))
    return index


def _find_owner(index: dict, underlay: Underlay, address: str):
    for dev, ifl in index.get(address, ()):
        if underlay.network_of(dev.name, ifl) is not None:
            return dev, ifl
    return None, None


def _responder_gateways(resp: DeviceConfig, target: str, source_seen: str, init_id: Identity,
                        version: str, mode: str):
    """Gateways on the responder that would accept this exchange, in Junos lookup order:
    a static gateway whose address is the packet's source, then dynamic ones by IKE identity."""
    static, dynamic = [], []
    key = ("gateways-by-local",)
    if key not in resp.memo:
        by_local: dict[str, list[IkeGateway]] = {}
        for gw in resp.gateways.values():
            addr, _, problem = local_endpoint(resp, gw)
            if not problem:
                by_local.setdefault(addr, []).append(gw)
        resp.memo[key] = by_local
    for gw in resp.memo[key].get(target, []):
        if source_seen in gw.addresses:
            static.append(gw)
        elif gw.dynamic is not None and (version == "v2-only" or mode == "aggressive"):
            # IKEv1 main mode sends the ID encrypted after the key is chosen: dynamic peers by
            # hostname/user-at-hostname need aggressive mode or IKEv2 (Junos).
            if gw.dynamic.kind == "general-ikeid" or _same_identity(gw.dynamic, init_id):
                dynamic.append(gw)
    return static + dynamic


def _choose(offers: list, accepts: list):
    """Responder picks the first initiator offer it also has (initiator order, at most 4)."""
    for offer in offers[:4]:
        for own in accepts:
            if offer.transform() == own.transform():
                return offer, own
    return None, None


def _describe(props: list) -> str:
    return ", ".join(p.name for p in props) or "none"


def _effective_pfs(policy_pfs: str | None, proposal: IpsecProposal) -> str | None:
    return policy_pfs if policy_pfs else proposal.pfs


def _mirrors(a: Selector, b: Selector) -> bool:
    return a.local == b.remote and a.remote == b.local


def resolve(dev: DeviceConfig, vpn_name: str):
    """(vpn, gateway, ike policy, ipsec policy, problem) for one VPN of a device."""
    vpn = dev.vpns.get(vpn_name)
    if vpn is None:
        return None, None, None, None, f"vpn {vpn_name} is not configured"
    gw = dev.gateways.get(vpn.gateway or "")
    if gw is None:
        return vpn, None, None, None, f"vpn {vpn_name}: ike gateway {vpn.gateway} is not configured"
    ike_pol = dev.ike_policies.get(gw.policy or "")
    if ike_pol is None:
        return vpn, gw, None, None, f"gateway {gw.name}: ike-policy {gw.policy} is not configured"
    ipsec_pol = dev.ipsec_policies.get(vpn.ipsec_policy or "")
    if ipsec_pol is None:
        return vpn, gw, ike_pol, None, f"vpn {vpn_name}: ipsec-policy {vpn.ipsec_policy} is not configured"
    return vpn, gw, ike_pol, ipsec_pol, ""


def _authenticate(method: str | None, init_pol: IkePolicy, resp_pol: IkePolicy, resp_name: str):
    if method in (None, "pre-shared-keys"):
        if not init_pol.psk_present or not resp_pol.psk_present:
            missing = init_pol.name if not init_pol.psk_present else f"{resp_name} {resp_pol.name}"
            return "CONFIG", f"ike policy {missing} has no pre-shared-key"
        if init_pol.psk != resp_pol.psk:
            return "AUTHENTICATION", "Authentication failed: pre-shared key mismatch"
        return None, ""
    if not init_pol.local_certificate or not resp_pol.local_certificate:
        return "AUTHENTICATION", f"Authentication failed: {method} needs a local-certificate on both peers"
    return None, ""


def negotiate(init: DeviceConfig, vpn_name: str, devices: dict[str, DeviceConfig],
              underlay: Underlay, index: dict | None = None) -> Verdict:
    """The verdict for `init` initiating `vpn_name` towards its peer (index: see address_index)."""
    index = address_index(devices) if index is None else index
    vpn, gw, ike_pol, ipsec_pol, problem = resolve(init, vpn_name)
    if problem:
        return _fail("CONFIG", problem, 1)
    if gw.dynamic is not None:  # not a failure: this end only responds
        return Verdict(False, None, f"waiting for dynamic peer of gateway {gw.name} to connect", 1)
    if not gw.addresses:
        return _fail("CONFIG", f"gateway {gw.name} has no peer address", 1)
    local_addr, local_ifl, problem = local_endpoint(init, gw)
    if problem:
        return _fail("CONFIG", problem, 1)
    init_id = default_identity(gw.local_identity, local_addr)
    last = None
    for peer in gw.addresses:  # Junos tries the next address when a peer does not answer
        last = _negotiate_with(init, vpn, gw, ike_pol, ipsec_pol, local_addr, local_ifl, init_id, peer,
                               index, underlay)
        if last.established or last.failure != "PEER_UNREACHABLE":
            return last
    return last


def _negotiate_with(init, vpn: Vpn, gw: IkeGateway, ike_pol: IkePolicy, ipsec_pol, local_addr: str,
                    local_ifl: str, init_id: Identity, peer: str, index: dict, underlay: Underlay) -> Verdict:
    local = Endpoint(init.name, gw.name, vpn.name, local_addr, local_ifl, init_id)
    base = dict(version=gw.version, mode=ike_pol.mode, local=local)
    resp, resp_ifl = _find_owner(index, underlay, peer)
    if resp is None or resp.name == init.name:
        return _fail("PEER_UNREACHABLE", f"Peer not responding: no lab device answers at {peer}", 1, **base)
    path = underlay.path(underlay.network_of(init.name, local_ifl), local_addr,
                         underlay.network_of(resp.name, resp_ifl), peer)
    if not path.reachable:
        return _fail("PEER_UNREACHABLE", f"Peer not responding: {peer} unreachable from {local_ifl} "
                                         f"({local_addr}): {path.reason}", 1, **base)
    zone = resp.zone_of(resp_ifl)
    if resp_ifl in resp.disabled:
        return _fail("PEER_UNREACHABLE", f"Peer not responding: {resp.name} {resp_ifl} is disabled", 1, **base)
    if zone is None or not zone.admits(resp_ifl, "ike"):
        where = f"zone {zone.name}" if zone else "no security zone"
        return _fail("HOST_INBOUND_IKE", f"Peer not responding: {resp.name} drops IKE on {resp_ifl} ({where} "
                                         "does not allow host-inbound-traffic system-services ike)", 1, **base)
    candidates = _responder_gateways(resp, peer, path.source_seen, init_id, gw.version, ike_pol.mode)
    if not candidates:
        return _fail("GATEWAY_NOT_FOUND", f"No gateway configuration on {resp.name} for peer "
                                          f"{path.source_seen} (IKE-ID {init_id.value})", 1, **base)
    rgw = candidates[0]
    rpol = resp.ike_policies.get(rgw.policy or "")
    if rpol is None:
        return _fail("GATEWAY_NOT_FOUND", f"{resp.name} gateway {rgw.name} has no usable ike-policy", 1, **base)
    resp_id = default_identity(rgw.local_identity, peer)
    # from here on both ends are known: failures are logged by the responder too
    base = dict(base, remote=Endpoint(resp.name, rgw.name, None, peer, resp_ifl, resp_id))
    if rgw.version != gw.version:
        return _fail("IKE_VERSION", f"IKE version mismatch: {init.name} {gw.name} is {gw.version}, "
                                    f"{resp.name} {rgw.name} is {rgw.version}", 1, **base)
    if gw.version == "v1-only" and rpol.mode != ike_pol.mode:
        return _fail("IKE_MODE", f"No proposal chosen: exchange mode mismatch ({ike_pol.mode} on {init.name}, "
                                 f"{rpol.mode} on {resp.name})", 1, **base)
    offer, accepted = _choose(ike_pol.proposals, rpol.proposals)
    if offer is None:
        return _fail("PHASE1_PROPOSAL", f"No proposal chosen: IKE proposals [{_describe(ike_pol.proposals)}] "
                                        f"match none of {resp.name} [{_describe(rpol.proposals)}]", 1, **base)
    code, why = _authenticate(offer.auth_method, ike_pol, rpol, resp.name)
    if code:
        return _fail(code, why, 1, **base)
    expect_peer = gw.remote_identity or Identity("inet", peer)
    expect_init = rgw.remote_identity or rgw.dynamic
    if expect_init is None or expect_init.kind == "general-ikeid":
        expect_init = Identity("inet", path.source_seen) if expect_init is None else init_id
    if not _same_identity(expect_init, init_id):
        return _fail("IDENTITY", f"Peer's IKE-ID validation failed: {resp.name} expects {expect_init.kind} "
                                 f"{expect_init.value}, {init.name} sends {init_id.kind} {init_id.value}", 1, **base)
    if not _same_identity(expect_peer, resp_id):
        return _fail("IDENTITY", f"Peer's IKE-ID validation failed: {init.name} expects {expect_peer.kind} "
                                 f"{expect_peer.value}, {resp.name} sends {resp_id.kind} {resp_id.value}", 1, **base)
    if path.nat and not (gw.nat_traversal and rgw.nat_traversal):
        return _fail("NAT_TRAVERSAL", "NAT detected between peers but no-nat-traversal is configured", 1, **base)
    ike_lifetime = min(offer.lifetime, accepted.lifetime)
    p1 = dict(base, ike_proposal=offer, ike_lifetime=ike_lifetime, nat=path.nat, port=4500 if path.nat else 500)

    if ("vpns-by-gateway",) not in resp.memo:
        by_gateway: dict[str, list[Vpn]] = {}
        for v in resp.vpns.values():
            by_gateway.setdefault(v.gateway, []).append(v)
        resp.memo[("vpns-by-gateway",)] = by_gateway
    rvpns = resp.memo[("vpns-by-gateway",)].get(rgw.name, [])
    if not rvpns:
        return _fail("PHASE2_CONFIG", f"IKE Phase-2: no IPsec VPN on {resp.name} for gateway {rgw.name}", 2, **p1)
    failures = []
    for rvpn in rvpns:
        verdict = _phase2(init, vpn, ipsec_pol, resp, rvpn, p1)
        if verdict.established:
            return verdict
        failures.append(verdict)
    order = ["PHASE2_PROPOSAL", "PFS", "TRAFFIC_SELECTOR", "PHASE2_CONFIG"]
    return min(failures, key=lambda v: order.index(v.failure) if v.failure in order else 0)


def _phase2(init, vpn: Vpn, ipsec_pol, resp, rvpn: Vpn, p1: dict) -> Verdict:
    r = p1["remote"]
    ctx = dict(p1, remote=Endpoint(r.device, r.gateway, rvpn.name, r.address, r.interface, r.identity))
    rpol = resp.ipsec_policies.get(rvpn.ipsec_policy or "")
    if rpol is None:
        return _fail("PHASE2_CONFIG", f"{resp.name} vpn {rvpn.name} has no usable ipsec-policy", 2, **ctx)
    offer, accepted = _choose(ipsec_pol.proposals, rpol.proposals)
    if offer is None:
        return _fail("PHASE2_PROPOSAL", f"No proposal chosen for phase 2: IPsec proposals "
                                        f"[{_describe(ipsec_pol.proposals)}] match none of {resp.name} "
                                        f"[{_describe(rpol.proposals)}]", 2, **ctx)
    mine, theirs = _effective_pfs(ipsec_pol.pfs, offer), _effective_pfs(rpol.pfs, accepted)
    if mine != theirs:
        return _fail("PFS", f"No proposal chosen for phase 2: PFS {mine or 'none'} on {init.name}, "
                            f"{theirs or 'none'} on {resp.name}", 2, **ctx)
    ours = init.vpn_selectors(vpn)
    peers = resp.vpn_selectors(rvpn)
    for sel in ours:
        if not any(_mirrors(sel, other) for other in peers):
            want = ", ".join(f"{s.remote}<->{s.local}" for s in peers)
            return _fail("TRAFFIC_SELECTOR", f"Traffic selectors/proxy-ids do not match: {init.name} proposes "
                                             f"local {sel.local} remote {sel.remote}, {resp.name} accepts {want}",
                         2, **ctx)
    return Verdict(True, None, "", 0, ipsec_proposal=offer, ipsec_lifetime=min(offer.lifetime, accepted.lifetime),
                   pfs=mine, selectors=tuple(ours), **ctx)

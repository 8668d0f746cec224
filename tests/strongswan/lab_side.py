"""The lab side of the differential: the same two Junos ends configured on two srxsim devices over
NETCONF (ncclient, junos handler), and the verdict read back the way an operator reads it:
`get-security-associations-information` for an active tunnel, `get-inactive-tunnels` for the
reason it is down, `<ping>` for the data plane.

Site a initiates (establish-tunnels immediately), site b only responds, as on the strongSwan side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import etree
from ncclient.operations.rpc import RPCError
from srxsim.testing import LAB_PASSWORD, ROOT_HASH

from outcome import (AUTHENTICATION, ESTABLISHED, NO_RESPONSE, PFS, PHASE1_PROPOSAL, PHASE2_PROPOSAL,
                     TRAFFIC_SELECTOR)
from params import SITE_A, SITE_B, Site, TunnelEnd

DEVICES = {"site-a": SITE_A, "site-b": SITE_B}
VPN = "vpn-diff"
LAN_PEER_HOST = {"site-a": "192.168.1.10", "site-b": "192.168.2.10"}
ST0 = {"site-a": "10.1.1.1/30", "site-b": "10.1.1.2/30"}

# The kmd reasons Junos prints (and the lab copies) -> the compared failure classes, most
# specific first. Identity and gateway-lookup failures are authentication failures on the wire.
REASONS = [
    ("Peer not responding", NO_RESPONSE),
    ("IKE version mismatch", PHASE1_PROPOSAL),
    ("exchange mode mismatch", PHASE1_PROPOSAL),
    ("No proposal chosen for phase 2: PFS", PFS),
    ("No proposal chosen for phase 2", PHASE2_PROPOSAL),
    ("No proposal chosen", PHASE1_PROPOSAL),
    ("Authentication failed", AUTHENTICATION),
    ("IKE-ID validation failed", AUTHENTICATION),
    ("No gateway configuration", AUTHENTICATION),
    ("Traffic selectors/proxy-ids do not match", TRAFFIC_SELECTOR),
]

_POLICY = ("set security policies from-zone {f} to-zone {t} policy allow-vpn match source-address any",
           "set security policies from-zone {f} to-zone {t} policy allow-vpn match destination-address any",
           "set security policies from-zone {f} to-zone {t} policy allow-vpn match application any",
           "set security policies from-zone {f} to-zone {t} policy allow-vpn then permit")

# What a case replaces on each device before it loads its own statements; the rest (st0, zones,
# policies, the route into the tunnel) is in the topology's base configuration.
_CASE_HIERARCHIES = ("security ike", "security ipsec",
                     "security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic")


class LabSideError(RuntimeError):
    """The lab refused a configuration or an RPC (message names the device and the step)."""


def write_topology(path: Path) -> Path:
    """Two devices on one internet segment with the namespaces' addresses, a LAN host each."""
    devices = {}
    for name, site in DEVICES.items():
        remote = SITE_B if site is SITE_A else SITE_A
        config = "\n".join([
            f"set system host-name {name}",
            f'set system root-authentication encrypted-password "{ROOT_HASH}"',
            "set system services netconf ssh",
            f"set interfaces ge-0/0/0 unit 0 family inet address {site.external_ip}/24",
            f"set interfaces ge-0/0/1 unit 0 family inet address {site.lan_host}/{site.lan.split('/')[1]}",
            f"set interfaces st0 unit 0 family inet address {ST0[name]}",
            "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike",
            "set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping",
            "set security zones security-zone vpn interfaces st0.0",
            # Junos adds a route per traffic selector by itself (auto route insertion); this static
            # route is there anyway so that the data-plane check never depends on it.
            f"set routing-options static route {remote.lan} next-hop st0.0",
            *[line.format(f=src, t=dst) for src, dst in (("trust", "vpn"), ("vpn", "trust")) for line in _POLICY],
        ]) + "\n"
        devices[name] = {"interfaces": {"ge-0/0/0": {"network": "internet"},
                                        "ge-0/0/1": {"network": f"lan-{site.name}"}, "fxp0": {}},
                         "config": config}
    data = {
        "name": "strongswan-diff",
        "defaults": {"username": "netconf", "password": LAB_PASSWORD, "commit_seconds": 0.0},
        "devices": devices,
        "networks": {"internet": {"kind": "internet"},
                     **{f"lan-{s.name}": {"kind": "lan", "hosts": {f"pc-{s.name}": LAN_PEER_HOST[d]}}
                        for d, s in DEVICES.items()}},
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def set_lines(end: TunnelEnd, remote: Site, initiator: bool) -> list[str]:
    """The Junos statements of one end: [security ike] and [security ipsec]."""
    ike, ipsec, gw = "set security ike", "set security ipsec", "set security ike gateway gw-diff"
    service = "ike" if end.host_inbound_ike else "ping"
    lines = [f"set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic "
             f"system-services {service}"]
    if end.ike_proposal_set is not None:
        lines.append(f"{ike} policy ike-diff proposal-set {end.ike_proposal_set}")
    for index, p in enumerate(end.ike_proposals):
        lines += [f"{ike} proposal ike-p{index} authentication-method pre-shared-keys",
                  f"{ike} proposal ike-p{index} dh-group {p.dh_group}",
                  f"{ike} proposal ike-p{index} authentication-algorithm {p.authentication}",
                  f"{ike} proposal ike-p{index} encryption-algorithm {p.encryption}",
                  f"{ike} policy ike-diff proposals ike-p{index}"]
    lines += [f"{ike} policy ike-diff mode {end.mode}",
              f'{ike} policy ike-diff pre-shared-key ascii-text "{end.psk}"',
              f"{gw} ike-policy ike-diff",
              f"{gw} address {end.peer_address or remote.external_ip}",
              f"{gw} external-interface {end.external_interface}",
              f"{gw} version {end.version}"]
    if end.local_identity is not None:
        lines.append(f"{gw} local-identity {end.local_identity.kind} {end.local_identity.value}")
    if end.remote_identity is not None:
        lines.append(f"{gw} remote-identity {end.remote_identity.kind} {end.remote_identity.value}")
    if end.ipsec_proposal_set is not None:
        lines.append(f"{ipsec} policy ipsec-diff proposal-set {end.ipsec_proposal_set}")
    for index, p in enumerate(end.ipsec_proposals):
        lines.append(f"{ipsec} proposal ipsec-p{index} protocol esp")
        if p.authentication is not None:
            lines.append(f"{ipsec} proposal ipsec-p{index} authentication-algorithm {p.authentication}")
        lines += [f"{ipsec} proposal ipsec-p{index} encryption-algorithm {p.encryption}",
                  f"{ipsec} policy ipsec-diff proposals ipsec-p{index}"]
    if end.pfs_group is not None:
        lines.append(f"{ipsec} policy ipsec-diff perfect-forward-secrecy keys {end.pfs_group}")
    lines += [f"{ipsec} vpn {VPN} bind-interface st0.0",
              f"{ipsec} vpn {VPN} ike gateway gw-diff",
              f"{ipsec} vpn {VPN} ike ipsec-policy ipsec-diff"]
    if initiator:
        lines.append(f"{ipsec} vpn {VPN} establish-tunnels immediately")
    for index, ts in enumerate(end.traffic_selectors):
        lines += [f"{ipsec} vpn {VPN} traffic-selector ts{index} local-ip {ts.local_ip}",
                  f"{ipsec} vpn {VPN} traffic-selector ts{index} remote-ip {ts.remote_ip}"]
    return lines


@dataclass(frozen=True)
class LabVerdict:
    verdict: str   # ESTABLISHED or a failure class
    reason: str    # the inactive-tunnel event text (empty when established)


def classify_reason(reason: str) -> str:
    for prefix, failure in REASONS:
        if prefix in reason:
            return failure
    raise LabSideError(f"site-a reports an inactive-tunnel reason the harness cannot class: {reason!r}")


class LabPair:
    """Two NETCONF sessions (one per device) kept open for all cases."""

    def __init__(self, running_lab):
        self.lab = running_lab
        self.sessions = {name: running_lab.connect(name) for name in DEVICES}

    def close(self) -> None:
        for session in self.sessions.values():
            session.close_session()

    def _rpc(self, device: str, xml: str) -> etree._Element:
        reply = self.sessions[device].rpc(etree.fromstring(xml))
        return etree.fromstring(reply.tostring)

    def configure(self, device: str, lines: list[str]) -> None:
        session = self.sessions[device]
        statements = [f"delete {h}" for h in _CASE_HIERARCHIES] + lines
        try:
            try:
                session.load_configuration(action="set", config=statements)
            except RPCError as exc:
                # Junos warns "statement not found" when a hierarchy to clear is absent; the load went in.
                if any(error.severity != "warning" for error in (getattr(exc, "errors", None) or [exc])):
                    raise
            session.commit()
        except Exception as exc:  # ncclient RPCError and transport errors alike
            session.discard_changes()
            detail = re.sub(r'ascii-text "[^"]*"', 'ascii-text "<redacted>"', str(exc))
            raise LabSideError(f"{device}: load/commit of the case configuration failed: {detail}") from None

    def verdict(self) -> LabVerdict:
        sas = self._rpc("site-a", "<get-security-associations-information/>")
        active = next(sas.iter("total-active-tunnels"), None)
        if active is not None and int((active.text or "0").strip()) > 0:  # the one VPN of the case
            return LabVerdict(ESTABLISHED, "")
        inactive = self._rpc("site-a", "<get-inactive-tunnels/>")
        events = [(el.text or "").strip() for el in inactive.iter("sa-tunnel-event")]
        if not events:
            raise LabSideError("site-a has neither an IPsec SA nor an inactive tunnel for " + VPN)
        return LabVerdict(classify_reason(events[0]), events[0])

    def run(self, a: TunnelEnd, b: TunnelEnd) -> LabVerdict:
        self.configure("site-b", set_lines(b, SITE_A, initiator=False))
        self.configure("site-a", set_lines(a, SITE_B, initiator=True))
        return self.verdict()

    def ping(self) -> bool:
        """site-a pings site-b's LAN host from its own LAN address (the Junos <ping> RPC)."""
        reply = self._rpc("site-a", f"<ping><host>{LAN_PEER_HOST['site-b']}</host>"
                                    f"<source>{SITE_A.lan_host}</source><count>2</count><rapid/></ping>")
        received = next(reply.iter("responses-received"), None)
        return received is not None and int(received.text or 0) > 0

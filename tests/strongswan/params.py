"""One side of a tunnel, described with Junos names and values (what `set security ike ...` and
`set security ipsec ...` would say). Both the lab side (set-lines over NETCONF) and the strongSwan
side (swanctl.conf via mapping.py) are rendered from this one description."""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class IkeProposal:
    """`security ike proposal NAME` (authentication-method pre-shared-keys)."""

    dh_group: str           # group1 ... group24
    encryption: str         # des-cbc, 3des-cbc, aes-128-cbc, aes-192-cbc, aes-256-cbc
    authentication: str     # md5, sha1, sha-256, sha-384, sha-512


@dataclass(frozen=True)
class IpsecProposal:
    """`security ipsec proposal NAME` (protocol esp)."""

    encryption: str              # des-cbc, 3des-cbc, aes-*-cbc, aes-*-gcm
    authentication: str | None   # hmac-md5-96, hmac-sha1-96, hmac-sha-256-128, ...; None with GCM


@dataclass(frozen=True)
class TrafficSelector:
    """`security ipsec vpn V traffic-selector NAME local-ip L remote-ip R`."""

    local_ip: str
    remote_ip: str


@dataclass(frozen=True)
class Identity:
    """`local-identity` / `remote-identity`: kind is inet, hostname or user-at-hostname."""

    kind: str
    value: str


@dataclass(frozen=True)
class TunnelEnd:
    """The Junos-side parameters of one device's end of a route-based tunnel.

    Exactly one of ike_proposal_set / ike_proposals is used (the set when it is not None), and
    likewise for IPsec. No traffic selectors means the route-based default (0.0.0.0/0 both ways).
    """

    version: str = "v2-only"                 # v1-only | v2-only
    mode: str = "main"                       # main | aggressive (IKEv1 only)
    ike_proposal_set: str | None = "standard"
    ike_proposals: tuple[IkeProposal, ...] = ()
    psk: str = "lab-psk-1"
    local_identity: Identity | None = None   # Junos default: the external interface address
    remote_identity: Identity | None = None  # Junos default: the peer's gateway address
    ipsec_proposal_set: str | None = "standard"
    ipsec_proposals: tuple[IpsecProposal, ...] = ()
    pfs_group: str | None = None             # perfect-forward-secrecy keys
    peer_address: str | None = None          # ike gateway address; None: the other site's
    external_interface: str = "ge-0/0/0"     # ike gateway external-interface (ge-0/0/1: the LAN)
    host_inbound_ike: bool = True            # its untrust zone admits system-services ike
    traffic_selectors: tuple[TrafficSelector, ...] = field(default=())

    def with_(self, **changes) -> "TunnelEnd":
        return replace(self, **changes)


@dataclass(frozen=True)
class Site:
    """Addresses of one side of the test topology (the same for the lab and the namespaces)."""

    name: str
    external_ip: str   # ge-0/0/0.0 address; IKE runs between the two
    lan: str           # the site's LAN prefix (traffic selectors and data-plane check)
    lan_host: str      # an address inside lan (ping source / destination)

    def address_of(self, interface: str) -> str:
        """ge-0/0/0 faces the other site, ge-0/0/1 the site's LAN (as in seed 004)."""
        return {"ge-0/0/0": self.external_ip, "ge-0/0/1": self.lan_host}[interface]


# A prefix neither site routes, used for traffic selectors that name the wrong network. Both
# namespaces hold an address in it: strongSwan narrows selectors (RFC 7296) and must then be
# able to install the route, or it would fail for a reason no Junos peer has.
OTHER_LAN = "10.99.0.0/24"
OTHER_LAN_HOST = "10.99.0.1"

SITE_A = Site("a", "198.51.100.1", "192.168.1.0/24", "192.168.1.1")
SITE_B = Site("b", "198.51.100.2", "192.168.2.0/24", "192.168.2.1")

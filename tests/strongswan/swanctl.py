"""Render one Junos tunnel end (params.TunnelEnd) as the equivalent swanctl.conf.

swanctl.conf takes one setting per line. Junos defaults are spelled out: the local identity is
the external interface address, the remote identity the peer's gateway address, and a
route-based VPN without traffic selectors proposes 0.0.0.0/0 both ways.
"""
from __future__ import annotations

from mapping import swanctl_esp_proposals, swanctl_ike_proposals
from params import Identity, Site, TunnelEnd

ROUTE_BASED_DEFAULT_TS = "0.0.0.0/0"


def identity(ident: Identity | None, default_ip: str) -> str:
    """A Junos IKE identity as a strongSwan identity string of the same ID type."""
    if ident is None:
        return default_ip
    if ident.kind == "inet":
        return ident.value  # a typed "ipv4:" prefix would take the text as raw address bytes
    prefix = {"hostname": "fqdn", "user-at-hostname": "userfqdn"}[ident.kind]
    return f"{prefix}:{ident.value}"


def child_names(name: str, end: TunnelEnd) -> list[str]:
    """One CHILD_SA per traffic-selector pair, as Junos negotiates one IPsec SA per selector."""
    count = max(1, len(end.traffic_selectors))
    return [f"{name}-ts{i}" for i in range(count)]


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(name: str, end: TunnelEnd, local: Site, remote: Site) -> str:
    """The complete swanctl.conf of one daemon for one case (connection `name`)."""
    version = {"v1-only": "1", "v2-only": "2"}[end.version]
    lines = [
        "connections {",
        f"  {name} {{",
        f"    version = {version}",
        f"    local_addrs = {local.address_of(end.external_interface)}",
        f"    remote_addrs = {end.peer_address or remote.external_ip}",
        f"    proposals = {swanctl_ike_proposals(end)}",
        # Junos gateways here have no NAT between them; keep ESP in plain IP (protocol 50).
        "    encap = no",
        "    mobike = no",
        "    dpd_delay = 0s",
        "    rekey_time = 0s",
    ]
    if end.version == "v1-only" and end.mode == "aggressive":
        lines.append("    aggressive = yes")
    lines += [
        "    local {",
        "      auth = psk",
        f"      id = {identity(end.local_identity, local.address_of(end.external_interface))}",
        "    }",
        "    remote {",
        "      auth = psk",
        f"      id = {identity(end.remote_identity, remote.external_ip)}",
        "    }",
        "    children {",
    ]
    selectors = end.traffic_selectors or ()
    for index, child in enumerate(child_names(name, end)):
        if selectors:
            local_ts, remote_ts = selectors[index].local_ip, selectors[index].remote_ip
        else:
            local_ts = remote_ts = ROUTE_BASED_DEFAULT_TS
        lines += [
            f"      {child} {{",
            f"        local_ts = {local_ts}",
            f"        remote_ts = {remote_ts}",
            f"        esp_proposals = {swanctl_esp_proposals(end)}",
            "        mode = tunnel",
            "        rekey_time = 0s",
            "        start_action = none",
            "      }",
        ]
    lines += [
        "    }",
        "  }",
        "}",
        "secrets {",
        "  ike-case {",
        f"    secret = {_quote(end.psk)}",
        "  }",
        "}",
        "",
    ]
    return "\n".join(lines)

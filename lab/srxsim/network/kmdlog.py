"""kmd-style syslog lines (what `show log kmd` prints on an SRX), built from negotiation verdicts.
Forms follow Junos' KMD_* messages; secrets never appear (verdict reasons carry none)."""
from __future__ import annotations

import time

from .negotiate import Verdict

_EVENT = {
    "PEER_UNREACHABLE": "Peer not responding",
    "HOST_INBOUND_IKE": "Peer not responding",
    "GATEWAY_NOT_FOUND": "No gateway configuration found",
    "IKE_VERSION": "No proposal chosen",
    "IKE_MODE": "No proposal chosen",
    "PHASE1_PROPOSAL": "No proposal chosen",
    "AUTHENTICATION": "Authentication failed",
    "IDENTITY": "Peer's IKE-ID validation failed",
    "NAT_TRAVERSAL": "NAT-T disabled",
    "PHASE2_CONFIG": "No policy configuration found",
    "PHASE2_PROPOSAL": "No proposal chosen",
    "PFS": "No proposal chosen",
    "TRAFFIC_SELECTOR": "TS unacceptable",
    "CONFIG": "Configuration incomplete",
}


def stamp(now: float, host: str) -> str:
    return f"{time.strftime('%b %d %H:%M:%S', time.gmtime(now))}  {host} kmd[1702]: "


def event_text(failure: str | None) -> str:
    return _EVENT.get(failure or "", "Negotiation failed")


def negotiation_failed(v: Verdict, vpn: str, gateway: str, local: str, remote: str, role: str) -> str:
    version = "2" if v.version == "v2-only" else "1"
    tag = "KMD_VPN_TS_MISMATCH" if v.failure == "TRAFFIC_SELECTOR" else (
        "KMD_PM_P2_POLICY_LOOKUP_FAILURE" if v.failure == "PHASE2_CONFIG" else "IKE_NEGOTIATION_FAILED")
    return (f"{tag}: IKE negotiation failed with error: {event_text(v.failure)}. IKE Version: {version}, "
            f"VPN: {vpn} Gateway: {gateway}, Local: {local}/500, Remote: {remote}/500, "
            f"Local IKE-ID: Not-Available, Remote IKE-ID: Not-Available, VR-ID: 0, Role: {role}, "
            f"Reason: {v.reason}")


def vpn_up(vpn: str, gateway: str, tunnel: int, bind: str | None, local: str, remote: str,
           local_id: str, remote_id: str) -> str:
    return (f"KMD_VPN_UP_ALARM_USER: VPN {vpn} from {remote} is up. Local-ip: {local}, gateway name: {gateway}, "
            f"vpn name: {vpn}, tunnel-id: {tunnel}, local tunnel-if: {bind or 'Not-Available'}, "
            f"remote tunnel-ip: Not-Available, Local IKE-ID: {local_id}, Remote IKE-ID: {remote_id}, "
            f"AAA assigned IP: 0.0.0.0, VR id: 0, Traffic-selector: , Traffic-selector local ID: , "
            f"Traffic-selector remote ID: , SA Type: Static")


def vpn_down(vpn: str, gateway: str, tunnel: int, bind: str | None, local: str, remote: str, reason: str) -> str:
    return (f"KMD_VPN_DOWN_ALARM_USER: VPN {vpn} from {remote} is down. Local-ip: {local}, gateway name: "
            f"{gateway}, vpn name: {vpn}, tunnel-id: {tunnel}, local tunnel-if: {bind or 'Not-Available'}, "
            f"remote tunnel-ip: Not-Available, Local IKE-ID: Not-Available, Remote IKE-ID: Not-Available, "
            f"AAA assigned IP: 0.0.0.0, VR id: 0, Reason: {reason}")


def sa_established(local: str, remote: str, spi: str, direction: str, selector) -> str:
    return (f"KMD_PM_SA_ESTABLISHED: Local gateway: {local}, Remote gateway: {remote}, "
            f"Local ID: ipv4_subnet(any:0,[0..7]={selector.local}), "
            f"Remote ID: ipv4_subnet(any:0,[0..7]={selector.remote}), "
            f"Direction: {direction}, SPI: 0x{spi}, AUX-SPI: 0, Mode: Tunnel, Type: dynamic")


def rekeyed(kind: str, local: str, remote: str) -> str:
    return f"KMD_{kind}_REKEY_SUCCESS: {kind} SA rekeyed. Local: {local}, Remote: {remote}"

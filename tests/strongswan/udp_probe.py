"""Data-plane probe: one UDP datagram from site a's LAN address to site b's LAN address, sent and
received inside the two namespaces. Neither namespace has a route between the LANs except the
one charon installs over its TUN device, so a datagram only arrives through ESP; the outbound
SA's packet counter confirms it."""
from __future__ import annotations

import re
import subprocess
import sys

from charon import NamespacePair

PORT = 40500
_RECEIVER = """
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], int(sys.argv[2])))
s.settimeout(float(sys.argv[3]))
print("ready", flush=True)
try:
    data, peer = s.recvfrom(2048)
    print(peer[0], data.decode(), flush=True)
except socket.timeout:
    print("timeout", flush=True)
"""
_SENDER = """
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 0))
s.sendto(sys.argv[4].encode(), (sys.argv[2], int(sys.argv[3])))
"""
_OUT_PACKETS = re.compile(r"out\s+[0-9a-f]+(?:\([0-9a-f]+\))?,\s+\d+ bytes,\s+(\d+) packets")


def esp_packets_out(pair: NamespacePair) -> int:
    listing = pair.a.swanctl("--list-sas").stdout
    return sum(int(n) for n in _OUT_PACKETS.findall(listing))


def udp_reaches_peer(pair: NamespacePair, payload: str = "srx-vpn-probe", wait: float = 2.0) -> bool:
    """True when b's LAN address receives a's datagram with a's LAN address as source."""
    receiver = subprocess.Popen(
        ["ip", "netns", "exec", pair.b.netns, sys.executable, "-c", _RECEIVER,
         pair.b.site.lan_host, str(PORT), str(wait)], stdout=subprocess.PIPE, text=True)
    try:
        assert receiver.stdout is not None
        if receiver.stdout.readline().strip() != "ready":
            raise RuntimeError(f"UDP receiver in netns {pair.b.netns} did not start")
        pair.a.netns_exec(sys.executable, "-c", _SENDER, pair.a.site.lan_host, pair.b.site.lan_host,
                          str(PORT), payload)
        line = receiver.stdout.readline().strip()
    finally:
        receiver.wait(timeout=wait + 5)
    return line == f"{pair.a.site.lan_host} {payload}"

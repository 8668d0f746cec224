"""`show ...` text output (the CLI form a user reads), laid out like Junos'."""
from __future__ import annotations

from .dataplane import interface_up
from .ops_sa import ENCRYPTION_BRIEF, HMAC_BRIEF, exchange_type, ipsec_remaining, monitoring, remote_gateway
from .ops_net import INET0, RouteQuery, _ifds, select_routes
from .sa import NetworkState


def ike_sas(state: NetworkState, device: str) -> str:
    state.sync()
    lines = ["Index   State  Initiator cookie  Responder cookie  Mode           Remote Address   "]
    for ike in state.ike_views(device):
        lines.append(f"{ike.index:<8d}UP     {ike.cookies[0]}  {ike.cookies[1]}  {exchange_type(ike.verdict):<15}"
                     f"{ike.remote.address:<17}")
    return "\n".join(lines) + "\n"


DH_TEXT = {f"group{n}": f"DH-group-{n}" for n in (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)}


def ike_sas_detail(state: NetworkState, device: str) -> str:
    state.sync()
    out = []
    for ike in state.ike_views(device):
        p = ike.verdict.ike_proposal
        out += [f"IKE peer {ike.remote.address}, Index {ike.index}, Gateway Name: {ike.local.gateway}",
                f"  Role: {ike.role.capitalize()}, State: UP",
                f"  Initiator cookie: {ike.cookies[0]}, Responder cookie: {ike.cookies[1]}",
                f"  Exchange type: {exchange_type(ike.verdict)}, Authentication method: "
                f"{(p.auth_method or 'pre-shared-keys').capitalize()}",
                f"  Local: {ike.local.address}:{ike.verdict.port}, Remote: {ike.remote.address}:{ike.verdict.port}",
                f"  Lifetime: Expires in {ike.expires_in} seconds",
                "  Reauth Lifetime: Disabled",
                "  Algorithms:",
                f"   Authentication        : {p.auth_alg or 'None'}",
                f"   Encryption            : {p.enc_alg}",
                f"   Diffie-Hellman group  : {DH_TEXT.get(p.dh_group, p.dh_group)}", ""]
    return "\n".join(out) + "\n"


def ipsec_sas_detail(state: NetworkState, device: str) -> str:
    state.sync()
    now = state.now()
    out = []
    for tunnel in state.device_tunnels(device):
        vpn, sa, sel = tunnel.vpn, tunnel.sa, tunnel.selector
        local, remote = sa.endpoints(device, vpn)
        prop = sa.verdict.ipsec_proposal
        left = ipsec_remaining(sa, now)
        bind = state.configs[device].vpns[vpn].bind_interface or "N/A"
        out += [f"  ID: {tunnel.index} Virtual-system: root, VPN Name: {vpn}",
                f"  Local Gateway: {local.address}, Remote Gateway: {remote.address}",
                f"  Local Identity: ipv4_subnet(any:0,[0..7]={sel.local})",
                f"  Remote Identity: ipv4_subnet(any:0,[0..7]={sel.remote})",
                f"  Version: {'IKEv2' if sa.verdict.version == 'v2-only' else 'IKEv1'}",
                f"  DF-bit: clear, Copy-Outer-DSCP Disabled, Bind-interface: {bind}",
                f"  Port: {sa.verdict.port}, Nego#: {sa.rekeys + 1}, Fail#: 0, Def-Del#: 0 Flag: 0x600a29"]
        for direction, spi in (("inbound", tunnel.spi_in), ("outbound", tunnel.spi_out)):
            out += [f"  Direction: {direction}, SPI: {spi}, AUX-SPI: 0",
                    f"                              , VPN Monitoring: {monitoring(state, device, vpn, sa)}",
                    f"    Hard lifetime: Expires in {left} seconds",
                    "    Lifesize Remaining:  Unlimited",
                    f"    Soft lifetime: Expires in {max(0, left - 60)} seconds",
                    "    Mode: Tunnel(0 0), Type: dynamic, State: installed",
                    f"    Protocol: {(prop.protocol or 'esp').upper()}, Authentication: {prop.auth_alg or 'None'}, "
                    f"Encryption: {prop.enc_alg}",
                    "    Anti-replay service: counter-based enabled, Replay window size: 64"]
        out.append("")
    return "\n".join(out) + "\n"


def ipsec_sas(state: NetworkState, device: str) -> str:
    state.sync()
    tunnels = state.device_tunnels(device)
    now = state.now()
    lines = [f"  Total active tunnels: {len(tunnels)}     Total Ipsec sas: {len(tunnels)}",
             "  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway   "]
    for tunnel in tunnels:
        vpn, sa = tunnel.vpn, tunnel.sa
        prop = sa.verdict.ipsec_proposal
        algo = f"ESP:{ENCRYPTION_BRIEF.get(prop.enc_alg, prop.enc_alg)}/{HMAC_BRIEF.get(prop.auth_alg, 'None')}"
        remote = sa.endpoints(device, vpn)[1].address
        for direction, spi in (("<", tunnel.spi_in), (">", tunnel.spi_out)):
            lines.append(f"  {direction}{tunnel.index} {algo:<15} {spi:<8} {ipsec_remaining(sa, now)}/ unlim  "
                         f"{monitoring(state, device, vpn, sa)}   root {sa.verdict.port:<5} {remote:<16}")
    return "\n".join(lines) + "\n"


def inactive(state: NetworkState, device: str) -> str:
    state.sync()
    rows = sorted((i for (dev, _), i in state.inactive.items() if dev == device),
                  key=lambda i: state.tunnel_index(device, i.vpn))
    dev = state.configs.get(device)
    immediate = sum(1 for i in rows if dev and dev.vpns[i.vpn].establish_immediately)
    lines = [f"  Total inactive tunnels: {len(rows)}",
             f"  Total inactive tunnels with establish immediately: {immediate}",
             "  ID       Port  Nego#  Fail#  Flag      Gateway          Tunnel Down Reason"]
    for i in rows:
        fails = i.times if i.verdict.failure else 0
        lines.append(f"  {state.tunnel_index(device, i.vpn):<8d} {i.verdict.port:<5} {i.times:<6d} {fails:<6d} "
                     f"600a29    {remote_gateway(state, device, i):<16} {i.verdict.reason}")
    return "\n".join(lines) + "\n"


def interfaces_terse(state: NetworkState, device: str) -> str:
    state.sync()
    dev = state.configs[device]
    lines = ["Interface               Admin Link Proto    Local                 Remote"]
    for ifd, ifls in _ifds(state, device).items():
        lines.append(f"{ifd:<24}up    up")
        for ifl in ifls:
            link = "up" if interface_up(state, dev, ifl) else "down"
            addrs = dev.addresses.get(ifl, [])
            first = addrs[0].with_prefixlen if addrs else ""
            lines.append(f"{ifl:<24}up    {link:<5}inet     {first}")
            lines.extend(f"{'':<44}{a.with_prefixlen}" for a in addrs[1:])
    return "\n".join(lines) + "\n"


def route(state: NetworkState, device: str, query: RouteQuery) -> str:
    selected = select_routes(state, device, query)
    if selected is None:
        return "\n"
    table, shown = selected
    active = len({r.prefix for r in table if r.active})
    lines = [f"{INET0}: {len({r.prefix for r in table})} destinations, {len(table)} routes ({active} active, "
             f"0 holddown, {sum(1 for r in table if not r.active)} hidden)",
             "+ = Active Route, - = Last Active, * = Both", ""]
    for prefix, entries in shown:
        for i, r in enumerate(entries):
            head = f"{prefix.with_prefixlen:<19}" if i == 0 else " " * 19
            lines.append(f"{head}{'*' if i == 0 else ' '}[{r.protocol}/{r.preference}] 00:00:00")
            if r.protocol == "Local":
                lines.append(f"{'':<20}   Local via {r.ifl}")
            elif r.next_hop and not r.next_hop.startswith("st0"):
                lines.append(f"{'':<20}{'>' if i == 0 else ' '}  to {r.next_hop} via {r.ifl}")
            else:
                lines.append(f"{'':<20}{'>' if i == 0 else ' '}  via {r.ifl}")
    return "\n".join(lines) + "\n"


def ipsec_statistics(state: NetworkState, device: str) -> str:
    c = state.counters.get(device)
    esp = [("Encrypted bytes", c.encrypted_bytes if c else 0), ("Decrypted bytes", c.decrypted_bytes if c else 0),
           ("Encrypted packets", c.encrypted_packets if c else 0),
           ("Decrypted packets", c.decrypted_packets if c else 0)]
    lines = ["ESP Statistics:"] + [f"  {name + ':':<28}{value:>10}" for name, value in esp]
    lines += ["AH Statistics:"] + [f"  {name + ':':<28}{0:>10}" for name in
                                   ("Input bytes", "Output bytes", "Input packets", "Output packets")]
    lines += ["Errors:", "  AH authentication failures: 0, Replay errors: 0",
              "  ESP authentication failures: 0, ESP decryption failures: 0", "  Bad headers: 0, Bad trailers: 0"]
    return "\n".join(lines) + "\n"


def kmd_log(state: NetworkState, device: str) -> str:
    state.sync()
    return "\n".join(state.kmd.get(device, [])) + "\n"


def flow_sessions(plane, device: str) -> str:
    lines = []
    for number, (dev, src, dst) in enumerate(sorted(s for s in plane.sessions if s[0] == device), 1):
        lines.append(f"Session ID: {number}, Policy name: N/A, Timeout: 60, Valid")
        lines.append(f"  In: {src}/0 --> {dst}/0;icmp, Conn Tag: 0x0, If: N/A, Pkts: 1, Bytes: 84,")
        lines.append(f"  Out: {dst}/0 --> {src}/0;icmp, Conn Tag: 0x0, If: N/A, Pkts: 1, Bytes: 84,")
    lines.append(f"Total sessions: {len([s for s in plane.sessions if s[0] == device])}")
    return "\n".join(lines) + "\n"


def ping(result, host: str, trace: list[str]) -> str:
    sent = int(result.findtext("probe-results-summary/probes-sent").strip())
    got = int(result.findtext("probe-results-summary/responses-received").strip())
    lines = [f"PING {host} ({host}): 56 data bytes"]
    for probe in result.findall("probe-result"):
        lines.append(f"64 bytes from {host}: icmp_seq={probe.findtext('sequence-number').strip()} ttl=63 "
                     f"time={int(probe.findtext('rtt').strip()) / 1000:.3f} ms")
    lines += ["", f"--- {host} ping statistics ---",
              f"{sent} packets transmitted, {got} packets received, {round(100 * (sent - got) / sent)}% packet loss"]
    if got:
        rtt = [int(result.findtext(f"probe-results-summary/rtt-{k}").strip()) / 1000
               for k in ("minimum", "average", "maximum", "stddev")]
        lines.append("round-trip min/avg/max/stddev = " + "/".join(f"{v:.3f}" for v in rtt) + " ms")
    if not got and trace:
        lines.append(f"(lab flow trace: {trace[-1]})")
    return "\n".join(lines) + "\n"

"""srxsim's simulated network: underlay, IKE/IPsec negotiation, SA state, data plane, failover.

The lab imports this package at start-up; importing it registers the operational RPCs, `show`
commands and controls, and `attach(lab)` wires the model to the lab's devices and clock.
Documented in lab/README.md, "Simulated network (srxsim.network)".
Pure entry points for other code: `negotiate.negotiate` (Verdict + failure codes in
`negotiate.FAILURES`), `model.parse_config`, `sa.NetworkState`, `dataplane.DataPlane`.
"""
from __future__ import annotations

import ipaddress

from lxml import etree

from srxsim import control, rpc

from . import ops_net, ops_sa, ops_text
from .dataplane import DataPlane
from .model import parse_config
from .negotiate import FAILURES, Verdict, address_index, negotiate
from .sa import NetworkState
from .underlay import TopologyError, Underlay

__all__ = ["FAILURES", "LabNetwork", "Verdict", "attach", "evaluate"]


def evaluate(configurations: dict[str, etree._Element], topology: dict | None = None) -> dict[tuple[str, str], Verdict]:
    """Pure verdict of every VPN of every device, as its initiator: {(device, vpn): Verdict}.

    configurations are committed <configuration> trees by device name; topology is the lab
    topology dict (devices/networks). Without one, every non-st0 interface sits on one internet,
    so only the configurations decide. Failure codes: FAILURES."""
    devices = {name: parse_config(name, xml) for name, xml in configurations.items()}
    if topology is None:
        underlay = Underlay.flat({name: sorted({ifl.split(".")[0] for ifl in dev.addresses if not ifl.startswith("st")})
                                  for name, dev in devices.items()})
    else:
        underlay = Underlay.from_topology(topology)
    index = address_index(devices)
    return {(name, vpn): negotiate(dev, vpn, devices, underlay, index)
            for name, dev in sorted(devices.items()) for vpn in sorted(dev.vpns)}


class LabNetwork:
    """The network of one running lab (lab.network)."""

    def __init__(self, lab):
        self.lab = lab
        self.state = NetworkState(Underlay.from_topology(lab.topology.raw), lab.clock.now)
        self.plane = DataPlane(self.state)
        self.last_trace: dict[str, list[str]] = {}
        self._timer = None

    def load_all(self) -> None:
        self.state.load({name: device.committed.effective().to_xml() for name, device in self.lab.devices.items()})
        self.schedule()

    def committed(self, device) -> None:
        self.state.set_config(device.name, device.committed.effective().to_xml())
        self.schedule()

    def schedule(self) -> None:
        """Wake up at the next DPD deadline or lifetime expiry so logs and state move on time."""
        if self._timer is not None:
            self._timer.cancel()
        due = self.state.next_event()
        if due is not None:
            self._timer = self.lab.clock.call_at(due, self._wake)

    def _wake(self) -> None:
        self._timer = None
        self.state.sync()
        self.schedule()


def attach(lab) -> None:
    try:
        lab.network = LabNetwork(lab)
    except TopologyError as exc:
        raise ValueError(f"topology {lab.topology.name}: {exc}") from None
    lab.network.load_all()
    lab.subscribe(lab.network.committed)


def _net(ctx) -> LabNetwork:
    network = getattr(ctx.lab, "network", None)
    if network is None:
        raise rpc.RpcError("network model not running in this lab")
    network.state.sync()
    return network


def _flag(request, name: str) -> bool:
    if request is None:
        return False
    for el in request.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local == name or (local == "level" and (el.text or "").strip() == name):
            return True
    return False


def _param(request, name: str) -> str | None:
    if request is None:
        return None
    for el in request.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname == name:
            return (el.text or "").strip()
    return None


@rpc.register("get-ike-security-associations-information")
def get_ike_sas(ctx, request):
    return ops_sa.ike_sas(_net(ctx).state, ctx.device.name, _flag(request, "detail"), _param(request, "peer-address"))


@rpc.register("get-security-associations-information")
def get_ipsec_sas(ctx, request):
    return ops_sa.ipsec_sas(_net(ctx).state, ctx.device.name, _flag(request, "detail"))


@rpc.register("get-inactive-tunnels")
def get_inactive(ctx, request):
    return ops_sa.inactive_tunnels(_net(ctx).state, ctx.device.name)


@rpc.register("get-ipsec-statistics-information")
def get_ipsec_statistics(ctx, request):
    return ops_sa.ipsec_statistics(_net(ctx).state, ctx.device.name)


@rpc.register("get-ike-active-peers-information")
def get_active_peers(ctx, request):
    return ops_sa.ike_active_peers(_net(ctx).state, ctx.device.name)


@rpc.register("get-interface-information")
def get_interfaces(ctx, request):
    name = _param(request, "interface-name")
    reply = ops_net.interfaces(_net(ctx).state, ctx.device.name, _flag(request, "terse"), name)
    if name and len(reply) == 0:
        raise rpc.RpcError(f"device {name} not found", error_type="application", bad_element=name)
    return reply


@rpc.register("get-route-information")
def get_routes(ctx, request):
    query = ops_net.RouteQuery(_param(request, "destination"), _flag(request, "exact"),
                               _flag(request, "active-path"), _param(request, "table"))
    _check_prefix(query.destination, "destination")
    return ops_net.route_information(_net(ctx).state, ctx.device.name, query)


def _check_prefix(value: str | None, field: str) -> None:
    if value is None:
        return
    try:
        ipaddress.IPv4Network(value, strict=False)
    except ValueError:
        raise rpc.RpcError(f"invalid value for {field}: {value!r} is not an IPv4 address or prefix",
                           error_type="application", bad_element=value) from None


def _ping(ctx, host, source, count, rapid):
    if not host:
        raise rpc.RpcError("ping: missing mandatory argument 'host'", bad_element="host")
    _check_prefix(host, "host")
    _check_prefix(source, "source")
    if source and ipaddress.IPv4Network(source, strict=False).prefixlen != 32:
        raise rpc.RpcError(f"ping: source {source} must be an address", bad_element=source)
    network = _net(ctx)
    if source and network.state.configs[ctx.device.name].interface_owning(source) is None:
        raise rpc.RpcError(f"ping: can't assign requested address {source}", error_type="application")
    try:
        count = int(count or 5)
    except ValueError:
        raise rpc.RpcError(f"ping: count {count!r} is not a number", bad_element=str(count)) from None
    result, trace = ops_net.ping(network.state, network.plane, ctx.device.name, host, source, count, rapid)
    network.last_trace[ctx.device.name] = trace
    return result, trace


@rpc.register("ping")
def ping_rpc(ctx, request):
    result, _ = _ping(ctx, _param(request, "host"), _param(request, "source"), _param(request, "count"),
                      _flag(request, "rapid"))
    return result


_SHOW_XML = {
    "show security ike security-associations": lambda n, d, t: ops_sa.ike_sas(n.state, d, "detail" in t),
    "show security ipsec security-associations": lambda n, d, t: ops_sa.ipsec_sas(n.state, d, "detail" in t),
    "show security ipsec inactive-tunnels": lambda n, d, t: ops_sa.inactive_tunnels(n.state, d),
    "show security ipsec statistics": lambda n, d, t: ops_sa.ipsec_statistics(n.state, d),
    "show security ike active-peer": lambda n, d, t: ops_sa.ike_active_peers(n.state, d),
    "show interfaces": lambda n, d, t: ops_net.interfaces(n.state, d, "terse" in t, _interface_word(t)),
    "show route": lambda n, d, t: ops_net.route_information(n.state, d, _route_query(t)),
}
_SHOW_TEXT = {
    "show security ike security-associations": lambda n, d, t: (
        ops_text.ike_sas_detail(n.state, d) if "detail" in t.split() else ops_text.ike_sas(n.state, d)),
    "show security ipsec security-associations": lambda n, d, t: (
        ops_text.ipsec_sas_detail(n.state, d) if "detail" in t.split() else ops_text.ipsec_sas(n.state, d)),
    "show security ipsec inactive-tunnels": lambda n, d, t: ops_text.inactive(n.state, d),
    "show security ipsec statistics": lambda n, d, t: ops_text.ipsec_statistics(n.state, d),
    "show interfaces": lambda n, d, t: ops_text.interfaces_terse(n.state, d),
    "show route": lambda n, d, t: ops_text.route(n.state, d, _route_query(t)),
    "show log kmd": lambda n, d, t: ops_text.kmd_log(n.state, d),
    "show security flow session": lambda n, d, t: ops_text.flow_sessions(n.plane, d),
    "show security flow trace": lambda n, d, t: "\n".join(n.last_trace.get(d, [])) + "\n",
}


def _interface_word(text: str) -> str | None:
    words = [w for w in text.split()[2:] if w not in ("terse", "detail", "extensive")]
    return words[0] if words else None


def _route_query(text: str) -> ops_net.RouteQuery:
    """`show route [DESTINATION] [exact] [active-path] [table NAME] [brief]` (brief is the default form;
    terse/detail/extensive are refused rather than answered in the brief form)."""
    words = text.split()[2:]
    for level in ("terse", "detail", "extensive"):
        if level in words:
            raise rpc.RpcError(f"show route {level}: only the brief form is simulated in this lab",
                               error_type="application", bad_element=level)
    table = words[words.index("table") + 1] if "table" in words[:-1] else None
    rest = [w for w in words if w not in ("table", table, "exact", "active-path", "brief")]
    if len(rest) > 1:
        raise rpc.RpcError(f"show route: unexpected {' '.join(rest[1:])!r}", error_type="application",
                           bad_element=rest[1])
    destination = rest[0] if rest else None
    _check_prefix(destination, "destination")
    return ops_net.RouteQuery(destination, "exact" in words, "active-path" in words, table)


def _show(prefix: str):
    def handler(ctx, text, fmt):
        network = _net(ctx)
        if fmt == "xml" and prefix in _SHOW_XML:
            return _SHOW_XML[prefix](network, ctx.device.name, text)
        if prefix in _SHOW_TEXT:
            return _SHOW_TEXT[prefix](network, ctx.device.name, text)
        raise rpc.RpcError(f"'{text}' has no {fmt} form in this lab", error_type="application")
    return handler


for _prefix in sorted(set(_SHOW_XML) | set(_SHOW_TEXT)):
    rpc.register_command(_prefix)(_show(_prefix))


@rpc.register_command("ping")
def ping_command(ctx, text, fmt):
    """`ping HOST [count N] [source IP | interface IFL] [rapid]` (ttl, size, interval... accepted)."""
    words = text.split()[1:]
    host = words[0] if words else None
    opts = dict(zip(words[1:], words[2:]))  # keyword -> the word after it
    source = opts.get("source")
    if source is None and "interface" in opts:
        addr = _net(ctx).state.configs[ctx.device.name].primary_address(opts["interface"])
        source = str(addr.ip) if addr else None
    result, trace = _ping(ctx, host, source, opts.get("count", 5), "rapid" in words)
    return result if fmt == "xml" else ops_text.ping(result, host, trace)


# ------------------------------------------------------------------ controls
def _lab_net(lab) -> LabNetwork:
    network = getattr(lab, "network", None)
    if network is None:
        raise control.ControlError("this lab runs without the network model")
    return network


@control.register("link")
def link(lab, network: str, to: str) -> dict:
    """Take an underlay network (ISP link) down or up: `srxsim fault ... link --network isp-a1 --to down`."""
    if to not in ("up", "down"):
        raise control.ControlError(f"link {network}: --to must be up or down, not {to!r}")
    model = _lab_net(lab)
    try:
        model.state.set_link(network, to == "up")
    except TopologyError as exc:
        raise control.ControlError(str(exc)) from None
    model.schedule()
    return {"link": network, "state": to}


@control.register("ping")
def ping_control(lab, destination: str, device: str | None = None, host: str | None = None,
                 source: str | None = None, count: int = 1) -> dict:
    """Ping from a device or a LAN host; returns received count and the flow trace of the last probe."""
    network = _lab_net(lab)
    network.state.sync()
    dst = ipaddress.IPv4Address(destination)
    if host is not None:
        lan = network.state.underlay.lan_hosts().get(host)
        if lan is None:
            raise control.ControlError(f"no LAN host {host!r} in the topology")
        walks = [network.plane.ping_once(None, lan[1], dst, host=host) for _ in range(int(count))]
    else:
        if device is None:
            raise control.ControlError("ping: give --device NAME (optionally --source IP) or --host LAN-HOST")
        lab.device(device)
        src = ipaddress.IPv4Address(source) if source else network.plane.source_for(device, dst)
        if src is None:
            return {"sent": int(count), "received": 0, "drop": f"{device}: no route to {dst}",
                    "trace": [f"{device}: packet dropped, no route to {dst}"]}
        walks = [network.plane.ping_once(device, src, dst) for _ in range(int(count))]
    network.schedule()
    received = sum(1 for w in walks if w.drop is None)
    return {"sent": len(walks), "received": received, "drop": walks[-1].drop, "trace": walks[-1].trace}


@control.register("tunnels")
def tunnels(lab, device: str | None = None) -> dict:
    """Every VPN's verdict: {device: {vpn: {established, failure, reason, peer}}}."""
    network = _lab_net(lab)
    network.state.sync()
    result: dict = {}
    for (dev, vpn), sa in network.state.sas.items():
        if device in (None, dev):
            result.setdefault(dev, {})[vpn] = {"established": True, "failure": None, "reason": "",
                                               "peer": sa.endpoints(dev, vpn)[1].address}
    for (dev, vpn), item in network.state.inactive.items():
        if device in (None, dev):
            result.setdefault(dev, {})[vpn] = {"established": False, "failure": item.verdict.failure,
                                               "reason": item.verdict.reason, "peer": item.verdict.peer_address}
    return result

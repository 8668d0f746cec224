# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One device's whole plan in one transaction: the engine behind netsec.srx_vpn.apply.

The apply action plugin runs it on the controller over the task's persistent
NETCONF connection, so a device costs one JSON-RPC round trip per RPC and no
module process (payload build, interpreter start, imports) per task.
"""
from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import time

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import plan_apply, plan_gate
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import SrxVpnError
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import redact_text
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.transaction import Transaction
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.validate import ValidationError, validate

GATE_MARGIN = 60  # seconds between the end of the gate and the confirm timer
GATE_SPEC = {
    "enabled": {"type": "bool", "default": True},
    "timeout": {"type": "int", "default": 90},
    "interval": {"type": "int", "default": 2},
    "ping": {"type": "bool", "default": True},
    "ping_count": {"type": "int", "default": 3},
}
ARGUMENT_SPEC = {
    "config": {"type": "dict", "required": True},
    "tunnels": {"type": "list", "elements": "dict", "default": []},
    "confirmed": {"type": "int", "default": 2},
    "comment": {"type": "str", "default": "netsec.srx_vpn apply"},
    "health_gate": {"type": "dict", "default": {}, "options": GATE_SPEC},
}


class GateFailure(SrxVpnError):
    """The health gate failed after the commit; carries the result so far (gate states, rolled_back)."""

    def __init__(self, message: str, result: dict):
        super().__init__(message)
        self.result = result

    def to_result(self) -> dict:
        return dict(self.result)


def psks(config) -> list:
    """Every pre-shared key in a device's planned config (to hide from anything shown)."""
    found = []
    for pol in ((config or {}).get("ike") or {}).get("policies") or []:
        found.extend(v for v in (pol.get("pre_shared_key") or {}).values() if isinstance(v, str) and v)
    return found


def _look(channel, tunnels, gate):
    states = plan_gate.tunnel_states(tunnels, plan_gate.parse_ike(channel.call(plan_gate.ike_rpc())),
                                     plan_gate.parse_ipsec(channel.call(plan_gate.ipsec_rpc())))
    if gate["ping"] and not plan_gate.failures(states):
        for state, tunnel in zip(states, tunnels):
            ping = tunnel.get("ping") or {}
            if ping.get("destination"):
                result = plan_gate.parse_ping(channel.call(
                    plan_gate.ping_rpc(ping["destination"], ping.get("source"), gate["ping_count"]), "ping"))
                state["ping"] = dict(result, source=ping.get("source"), destination=ping["destination"])
    return states


def health_gate(channel, tunnels, gate):
    """Wait until every tunnel passes, or the timeout. Returns (passed, states, reasons, seconds)."""
    started = time.monotonic()
    while True:
        states = _look(channel, tunnels, gate)
        reasons = plan_gate.failures(states)
        elapsed = time.monotonic() - started
        if not reasons or elapsed >= gate["timeout"]:
            return not reasons, states, reasons, round(elapsed, 3)
        time.sleep(max(1, gate["interval"]))


def apply_device(channel, params: dict, check_mode: bool = False, diff_mode: bool = False) -> tuple[dict, list]:
    """Make the device hold exactly params["config"]; returns (result, warnings).

    Raises ValidationError for a bad config (before any RPC) and SrxVpnError for a device failure; a failed
    health gate raises GateFailure after the rollback.
    """
    config = {k: v for k, v in (params["config"] or {}).items() if v}
    unknown = sorted(set(config) - set(RESOURCES))
    if unknown:
        raise ValidationError("config has unknown resources: {0}".format(", ".join(unknown)))
    for name in sorted(config):
        validate(RESOURCES[name], config[name])
    tx = Transaction(channel, check_mode)
    configuration = jxml.configuration_of(tx.read(plan_apply.read_filter()))
    edit, summary, _atoms, _old = plan_apply.plan_edit(config, configuration)
    result = {"changed": False, "summary": summary, "counts": plan_apply.count_summary(summary), "committed": False,
              "changes": plan_apply.change_lines(summary)}
    warnings: list = []
    if edit is None:
        return result, warnings
    gate = {k: v["default"] for k, v in GATE_SPEC.items()}
    gate.update({k: v for k, v in (params.get("health_gate") or {}).items() if v is not None})
    confirmed = params["confirmed"] if params["confirmed"] and params["confirmed"] > 0 else None
    if confirmed and gate["enabled"]:
        # The gate must end well before Junos's own rollback timer, or our rollback would undo that one.
        confirmed = max(confirmed, -(-(gate["timeout"] + GATE_MARGIN) // 60))
    outcome = tx.apply(edit, comment=params["comment"], confirmed=None if check_mode else confirmed)
    result["changed"] = outcome.changed
    warnings.extend(outcome.warnings)
    if diff_mode and outcome.changed:
        result["diff"] = {"prepared": redact_text(outcome.diff, psks(config))}
    if not outcome.committed:
        return result, warnings
    if confirmed and gate["enabled"] and params["tunnels"]:
        passed, states, reasons, seconds = health_gate(tx.channel, params["tunnels"], gate)
        result["gate"] = {"passed": passed, "tunnels": states, "seconds": seconds}
        if not passed:
            why = "; ".join(reasons)
            try:
                warnings.extend(tx.rollback())
            except SrxVpnError as exc:
                # Junos still rolls back by itself when the confirm timer runs out.
                raise GateFailure("health gate failed after {0} s ({1}) and the rollback failed: {2}; Junos rolls "
                                  "back when the {3}-minute confirm timer expires".format(seconds, why, exc, confirmed),
                                  dict(result, rolled_back=False, warnings=warnings)) from None
            raise GateFailure("health gate failed after {0} s, configuration rolled back: {1}".format(seconds, why),
                              dict(result, rolled_back=True, committed=False, warnings=warnings))
    if confirmed:
        tx.confirm()
    result["committed"] = True
    return result, warnings

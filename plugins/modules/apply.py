#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: apply
short_description: Apply one device's whole VPN plan in one NETCONF transaction
version_added: 0.1.0
author:
  - srx_vpn developers (@netsec)
description:
  - Takes the device's part of a plan made by the P(netsec.srx_vpn.vpn_plan#filter) filter and makes the
    device hold exactly it, for every object type at once (IKE, IPsec, st0 units, zones, address book, policies,
    static routes), with one C(get-configuration), one C(load-configuration) and one commit.
  - Objects this collection managed before but that are no longer planned are deleted. What the collection manages
    is recorded on the device itself, in C(security apply-macro netsec-srx-vpn), written in the same commit, so
    removing a tunnel from the inventory removes exactly its objects and never anything else.
  - Zones are shared with the underlay, so only the interfaces and host-inbound services the plan added are
    managed there.
  - Check mode loads the edit, runs C(commit check), returns the device's own diff and discards it.
  - A real run commits with C(commit confirmed), then waits for the health gate (IKE and IPsec SAs up for this
    device's tunnels, optionally a ping across each tunnel) and confirms it with C(commit check), which Junos
    accepts as the confirmation, so a change is one entry of the commit history. If the gate does not pass within
    its timeout the change is rolled back at once and the task fails with the reason.
  - With nothing to change, nothing is locked, loaded or committed.
options:
  config:
    description:
      - The device's desired objects, C(plan.devices[inventory_hostname].config) from the vpn_plan filter.
      - One key per resource module (ike, ipsec, tunnel_interfaces, zones, address_book, policies, routes), each in
        the shape of that module's O(netsec.srx_vpn.ike#module:config) option (docs/objects.md).
      - Pre-shared keys in it are hidden from results, diffs and logs.
    type: dict
    required: true
  tunnels:
    description:
      - The device's planned tunnels, C(plan.devices[inventory_hostname].tunnels), checked by the health gate.
    type: list
    elements: dict
    default: []
  confirmed:
    description:
      - Minutes Junos waits for the confirmation before it rolls back by itself (C(commit confirmed)).
      - Raised when needed so that the timer outlasts the health gate's timeout by at least a minute.
    type: int
    default: 2
  comment:
    description: Commit comment.
    type: str
    default: netsec.srx_vpn apply
  health_gate:
    description: What must be true after the commit before it is confirmed.
    type: dict
    default: {}
    suboptions:
      enabled:
        description: Run the gate. Without it the commit is confirmed as soon as the session survives it.
        type: bool
        default: true
      timeout:
        description:
          - Seconds to wait for every tunnel to be up. Both ends must be committed, so when devices are deployed
            in parallel the gate waits for the peer within this time.
        type: int
        default: 90
      interval:
        description: Seconds between two looks at the SAs.
        type: int
        default: 2
      ping:
        description: Also ping across each tunnel (from the local LAN address to the peer's probe address).
        type: bool
        default: true
      ping_count:
        description: Pings per tunnel.
        type: int
        default: 3
notes:
  - Uses the C(ansible.netcommon.netconf) connection with C(ansible_network_os=junipernetworks.junos.junos).
seealso:
  - name: Inventory model
    description: How intent is written and how st0 units and link addresses are allocated.
    link: https://github.com/netsec/srx_vpn/blob/main/docs/inventory.md
"""

EXAMPLES = r"""
- name: Plan once for all devices
  ansible.builtin.set_fact:
    vpn_plan_result: "{{ vpn_tunnels | netsec.srx_vpn.vpn_plan(hostvars, vpn_crypto_profiles) }}"
  run_once: true
  delegate_to: localhost
  no_log: true

- name: Apply this device's part
  netsec.srx_vpn.apply:
    config: "{{ vpn_plan_result.devices[inventory_hostname].config }}"
    tunnels: "{{ vpn_plan_result.devices[inventory_hostname].tunnels }}"
    confirmed: 2
    health_gate:
      timeout: 120
"""

RETURN = r"""
summary:
  description: Objects added, changed and removed, per resource.
  returned: always
  type: dict
  sample: {"ike": {"added": ["IKE gateway remote-site"], "changed": [], "removed": []}}
changes:
  description: One line per object added, changed or removed.
  returned: always
  type: list
  elements: str
  sample: ["added IKE gateway remote-site", "removed static route 192.168.9.0/24"]
counts:
  description: Totals of RV(summary).
  returned: always
  type: dict
  sample: {"added": 9, "changed": 0, "removed": 0}
committed:
  description: Whether a commit was made and confirmed.
  returned: always
  type: bool
gate:
  description: The health gate's view of each tunnel (phase 1, phase 2, ping) and how long it took.
  returned: when a commit was made and the gate is enabled
  type: dict
  sample: {"passed": true, "seconds": 2.1, "tunnels": [{"tunnel": "seed004", "phase1": "UP", "phase2": "UP"}]}
rolled_back:
  description: True when the gate failed and the commit was rolled back.
  returned: on gate failure
  type: bool
"""

import time

from ansible.module_utils.basic import AnsibleModule

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


def _psks(config):
    found = []
    for pol in (config.get("ike") or {}).get("policies") or []:
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


def run(module):
    params = module.params
    config = {k: v for k, v in (params["config"] or {}).items() if v}
    secrets = _psks(config)
    module.no_log_values.update(secrets)
    unknown = sorted(set(config) - set(RESOURCES))
    if unknown:
        module.fail_json(msg="netsec.srx_vpn.apply: config has unknown resources: {0}".format(", ".join(unknown)))
    for name in sorted(config):
        validate(RESOURCES[name], config[name])
    tx = Transaction(module)
    configuration = jxml.configuration_of(tx.read(plan_apply.read_filter()))
    edit, summary, _atoms, _old = plan_apply.plan_edit(config, configuration)
    result = {"changed": False, "summary": summary, "counts": plan_apply.count_summary(summary), "committed": False,
              "changes": plan_apply.change_lines(summary)}
    if edit is None:
        return result
    gate = {k: v["default"] for k, v in GATE_SPEC.items()}
    gate.update({k: v for k, v in (params["health_gate"] or {}).items() if v is not None})
    confirmed = params["confirmed"] if params["confirmed"] and params["confirmed"] > 0 else None
    if confirmed and gate["enabled"]:
        # The gate must end well before Junos's own rollback timer, or our rollback would undo that one.
        confirmed = max(confirmed, -(-(gate["timeout"] + GATE_MARGIN) // 60))
    outcome = tx.apply(edit, comment=params["comment"], confirmed=None if module.check_mode else confirmed)
    result["changed"] = outcome.changed
    for warning in outcome.warnings:
        module.warn(warning)
    if module._diff and outcome.changed:
        result["diff"] = {"prepared": redact_text(outcome.diff, secrets)}
    if not outcome.committed:
        return result
    if confirmed and gate["enabled"] and params["tunnels"]:
        passed, states, reasons, seconds = health_gate(tx.channel, params["tunnels"], gate)
        result["gate"] = {"passed": passed, "tunnels": states, "seconds": seconds}
        if not passed:
            why = "; ".join(reasons)
            try:
                for warning in tx.rollback():
                    module.warn(warning)
            except SrxVpnError as exc:
                # Junos still rolls back by itself when the confirm timer runs out.
                module.fail_json(msg="netsec.srx_vpn.apply: health gate failed after {0} s ({1}) and the rollback "
                                     "failed: {2}; Junos rolls back when the {3}-minute confirm timer expires".format(
                                         seconds, why, exc, confirmed), rolled_back=False, **result)
            result.update(rolled_back=True, committed=False)
            module.fail_json(msg="netsec.srx_vpn.apply: health gate failed after {0} s, configuration rolled back: "
                                 "{1}".format(seconds, why), **result)
    if confirmed:
        tx.confirm()
    result["committed"] = True
    return result


def main():
    module = AnsibleModule(
        argument_spec={
            "config": {"type": "dict", "required": True},
            "tunnels": {"type": "list", "elements": "dict", "default": []},
            "confirmed": {"type": "int", "default": 2},
            "comment": {"type": "str", "default": "netsec.srx_vpn apply"},
            "health_gate": {"type": "dict", "default": {}, "options": GATE_SPEC},
        },
        supports_check_mode=True,
    )
    if not jxml.HAS_LXML:
        module.fail_json(msg="netsec.srx_vpn.apply needs the python lxml library")
    try:
        result = run(module)
    except ValidationError as exc:
        module.fail_json(msg="netsec.srx_vpn.apply: {0}".format(exc))
    except SrxVpnError as exc:
        module.fail_json(msg="netsec.srx_vpn.apply: {0}".format(exc), **exc.to_result())
    module.exit_json(**result)


if __name__ == "__main__":
    main()

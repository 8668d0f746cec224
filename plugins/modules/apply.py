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
  - Runs in its action plugin, in the controller's worker process, over the task's persistent NETCONF connection;
    no module process is started for a device.
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

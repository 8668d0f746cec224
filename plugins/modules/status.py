#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: status
short_description: Read IKE and IPsec state of an SRX as data
version_added: 0.1.0
author:
  - srx_vpn developers (@netsec)
description:
  - Reads the device's IKE SAs, IPsec SAs, inactive tunnels and IPsec statistics over NETCONF and returns them
    as structured data, plus one entry per configured VPN saying whether phase 1 and phase 2 are up.
  - Read-only; never changes anything, so C(changed) is always false.
  - The same parsers are available as filters for replies collected otherwise
    (P(netsec.srx_vpn.ike_sa#filter), P(netsec.srx_vpn.ipsec_sa#filter),
    P(netsec.srx_vpn.ipsec_inactive_tunnels#filter), P(netsec.srx_vpn.ipsec_statistics#filter),
    P(netsec.srx_vpn.vpn_tunnel_states#filter)), and as the pure helper
    C(opstate.tunnel_states(ike_reply, ipsec_reply, vpn_peers)) in module_utils.
options:
  gather:
    description:
      - What to read. C(tunnels) also reads the configured VPNs and their gateways (C(get-configuration) of
        C(security ike gateway) and C(security ipsec vpn)) to name each tunnel by its VPN.
    type: list
    elements: str
    choices: [ike, ipsec, inactive, statistics, tunnels]
    default: [ike, ipsec, inactive, statistics, tunnels]
  detail:
    description: Ask for the C(detail) form of the SA replies (gateway and VPN names, traffic selectors).
    type: bool
    default: true
  vpns:
    description: Only these VPNs in RV(tunnels) and RV(all_up). Default is every configured VPN.
    type: list
    elements: str
notes:
  - Uses the C(ansible.netcommon.netconf) connection with C(ansible_network_os=junipernetworks.junos.junos).
  - Supports check mode.
  - A device that does not know C(get-inactive-tunnels) or C(get-ipsec-statistics-information) gives a warning,
    not a failure.
"""

EXAMPLES = r"""
- name: Read the tunnels' state
  netsec.srx_vpn.status:
  register: vpn_state

- name: Every VPN up in both phases
  ansible.builtin.assert:
    that: vpn_state.all_up
    fail_msg: "{{ vpn_state.tunnels | dict2items | rejectattr('value.ipsec', 'eq', 'UP') | map(attribute='key') }}"
"""

RETURN = r"""
tunnels:
  description: Per VPN (or per peer address when no VPN is configured for it), phase 1 and phase 2 state.
  returned: when O(gather) has C(tunnels)
  type: dict
  sample: {"vpn-to-remote-site": {"peer": "203.0.113.1", "ike": "UP", "ipsec": "UP", "tunnel_index": 131073,
           "inbound_spi": "9b27bae", "outbound_spi": "70973f3d", "remaining_lifetime": 747}}
all_up:
  description: Whether every VPN in RV(tunnels) is up in both phases (false when there is none).
  returned: when O(gather) has C(tunnels)
  type: bool
ike_sas:
  description: IKE SAs, as the P(netsec.srx_vpn.ike_sa#filter) filter returns them.
  returned: when O(gather) has C(ike) or C(tunnels)
  type: list
  elements: dict
ipsec_sas:
  description: IPsec SAs per tunnel, as the P(netsec.srx_vpn.ipsec_sa#filter) filter returns them.
  returned: when O(gather) has C(ipsec) or C(tunnels)
  type: dict
inactive_tunnels:
  description: Tunnels not up and Junos' reason, as P(netsec.srx_vpn.ipsec_inactive_tunnels#filter) returns them.
  returned: when O(gather) has C(inactive) and the device answers
  type: dict
statistics:
  description: IPsec counters, as P(netsec.srx_vpn.ipsec_statistics#filter) returns them.
  returned: when O(gather) has C(statistics) and the device answers
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import junos_config, opstate
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.doctor_checks_device import Device
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import JunosRpcError, SrxVpnError

try:
    from lxml import etree
except ImportError:  # pragma: no cover - the netconf connection needs lxml anyway
    etree = None

VPN_FILTER = "<configuration><security><ike><gateway/></ike><ipsec><vpn/></ipsec></security></configuration>"


def _rpc(name, detail=False):
    element = etree.Element(name)
    if detail:
        etree.SubElement(element, "detail")
    return element


def vpn_peers(channel):
    """{vpn name: first peer address of its gateway} from the committed configuration."""
    request = etree.Element("get-configuration", database="committed", format="xml")
    request.append(etree.fromstring(VPN_FILTER))
    reply = channel.call(request)
    configuration = junos_config.from_xml(etree.tostring(reply, encoding="unicode"), "get-configuration")
    device = Device("device", configuration)
    return {vpn.name: end.addresses[0] for end in device.ike_ends() for vpn in end.vpns if end.addresses}


def collect(channel, gather, detail=True, vpns=None):
    """The status result from a channel with call(rpc element) -> reply; (result, warnings)."""
    result, warnings = {}, []
    if {"ike", "tunnels"} & set(gather):
        result["ike_sas"] = opstate.ike_sas(channel.call(_rpc("get-ike-security-associations-information", detail)))
    if {"ipsec", "tunnels"} & set(gather):
        result["ipsec_sas"] = opstate.ipsec_sas(channel.call(_rpc("get-security-associations-information", detail)))
    for key, name, parser in (("inactive", "get-inactive-tunnels", opstate.inactive_tunnels),
                              ("statistics", "get-ipsec-statistics-information", opstate.ipsec_statistics)):
        if key in gather:
            try:
                result["inactive_tunnels" if key == "inactive" else key] = parser(channel.call(_rpc(name)))
            except JunosRpcError as exc:
                warnings.append("%s not read: %s" % (name, exc))
    if "tunnels" in gather:
        peers = vpn_peers(channel)
        if vpns:
            peers = {name: peer for name, peer in peers.items() if name in vpns}
            missing = sorted(set(vpns) - set(peers))
            if missing:
                warnings.append("VPNs not configured on the device: %s" % ", ".join(missing))
        states = opstate.tunnel_states(result["ike_sas"], result["ipsec_sas"], peers or None)
        result["tunnels"] = states
        result["all_up"] = bool(states) and all(s["ike"] == "UP" and s["ipsec"] == "UP" for s in states.values())
    return result, warnings


def main():
    module = AnsibleModule(
        argument_spec=dict(
            gather=dict(type="list", elements="str", choices=["ike", "ipsec", "inactive", "statistics", "tunnels"],
                        default=["ike", "ipsec", "inactive", "statistics", "tunnels"]),
            detail=dict(type="bool", default=True),
            vpns=dict(type="list", elements="str"),
        ),
        supports_check_mode=True,
    )
    from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NetconfChannel

    channel = NetconfChannel.for_module(module)
    try:
        result, warnings = collect(channel, module.params["gather"], module.params["detail"], module.params["vpns"])
    except (SrxVpnError, opstate.OpstateError, junos_config.JunosConfigError) as exc:
        module.fail_json(msg="netsec.srx_vpn.status: %s" % exc)
    for warning in warnings:
        module.warn(warning)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()

# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsec_sa, ipsec_inactive_tunnels, ipsec_statistics and vpn_tunnel_states filters."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import opstate


def _guard(name, parser, *args):
    try:
        return parser(*args)
    except opstate.OpstateError as exc:
        raise AnsibleFilterError("%s: %s" % (name, exc))


def ipsec_sa(reply):
    return _guard("ipsec_sa", opstate.ipsec_sas, reply)


def ipsec_inactive_tunnels(reply):
    return _guard("ipsec_inactive_tunnels", opstate.inactive_tunnels, reply)


def ipsec_statistics(reply):
    return _guard("ipsec_statistics", opstate.ipsec_statistics, reply)


def vpn_tunnel_states(ipsec_reply, ike_reply, vpn_peers=None):
    return _guard("vpn_tunnel_states", opstate.tunnel_states, ike_reply, ipsec_reply, vpn_peers)


class FilterModule:
    def filters(self):
        return {"ipsec_sa": ipsec_sa, "ipsec_inactive_tunnels": ipsec_inactive_tunnels,
                "ipsec_statistics": ipsec_statistics, "vpn_tunnel_states": vpn_tunnel_states}

# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ike_sa filter: IKE security associations from Junos XML or `show security ike security-associations`."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import opstate


def ike_sa(reply):
    try:
        return opstate.ike_sas(reply)
    except opstate.OpstateError as exc:
        raise AnsibleFilterError("ike_sa: %s" % exc)


class FilterModule:
    def filters(self):
        return {"ike_sa": ike_sa}

# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_doctor and vpn_doctor_report filters: predict, from both ends, why a tunnel will not come up."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor


def vpn_doctor(data, lans=None):
    """data: a vpn_plan result, {host: configuration (XML, text or set)}, or configuration file paths."""
    try:
        if isinstance(data, dict) and "devices" in data:
            return doctor.diagnose_plan(data)
        if isinstance(data, dict):
            return doctor.diagnose({str(h): v for h, v in data.items()}, lans)
        if isinstance(data, (str, list, tuple)):
            return doctor.diagnose_files(list(data) if not isinstance(data, str) else data)
    except doctor.DoctorInputError as exc:
        raise AnsibleFilterError("vpn_doctor: %s" % exc)
    raise AnsibleFilterError("vpn_doctor: expected a vpn_plan result, a dict host -> configuration "
                             "or configuration file paths, got %s" % type(data).__name__)


def vpn_doctor_report(result):
    """The readable report of a vpn_doctor result."""
    if not isinstance(result, dict) or "tunnels" not in result:
        raise AnsibleFilterError("vpn_doctor_report: expected the result of vpn_doctor")
    return doctor.report(result)


class FilterModule:
    def filters(self):
        return {"vpn_doctor": vpn_doctor, "vpn_doctor_report": vpn_doctor_report}

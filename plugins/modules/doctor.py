#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: doctor
short_description: Predict why SRX IPsec tunnels will not come up, from both ends at once
version_added: 0.1.0
author:
  - srx_vpn developers (@netsec)
description:
  - Reads the configurations of several SRX devices (saved files, configurations gathered from devices, or the
    plan made by P(netsec.srx_vpn.vpn_plan#filter)), pairs their IKE gateways the way Junos matches a peer, and
    predicts for each pair whether IKE phase 1 and IPsec phase 2 come up, and whether traffic can then use the
    tunnel.
  - Each finding names the host, the Junos configuration path, what is wrong and how to fix it. The checks are
    listed in docs/doctor.md.
  - Runs on the controller and never contacts a device. Pre-shared keys are compared decoded and never returned.
options:
  configs:
    description:
      - Saved configuration files, or directories holding them (one file per device). Each file is Junos text
        (C(show configuration)), C(display set) commands or Junos XML.
      - A device's name is its C(system host-name), else the file name up to the first dot.
      - Give absolute paths, for example C({{ playbook_dir }}/backups), because the module does not run in
        the directory C(ansible-playbook) was started from.
    type: list
    elements: path
  gathered:
    description:
      - Configurations read from devices, host -> Junos XML (a C(<configuration>) or the rpc-reply of
        C(get-configuration)), curly-brace text or set commands.
    type: dict
  plan:
    description:
      - The result of the P(netsec.srx_vpn.vpn_plan#filter) filter. Its pre-shared keys are hidden from the result.
    type: dict
  lans:
    description:
      - Host -> list of LAN subnets, used for the route checks instead of the subnets of the device's LAN
        interfaces.
    type: dict
  fail_on_error:
    description: Fail the task when a finding has severity error.
    type: bool
    default: true
notes:
  - Give at least one of O(configs), O(gathered) and O(plan); devices from all of them are checked together.
  - Supports check mode; it changes nothing in either mode.
seealso:
  - name: The doctor's checks
    description: Every check, its severity and the status it predicts.
    link: https://github.com/netsec/srx_vpn/blob/main/docs/doctor.md
"""

EXAMPLES = r"""
- name: Check a folder of saved configurations (offline)
  netsec.srx_vpn.doctor:
    configs:
      - "{{ playbook_dir }}/backups"
    fail_on_error: false
  delegate_to: localhost
  run_once: true
  register: doctor

- name: Check the plan before any device is touched
  netsec.srx_vpn.doctor:
    plan: "{{ srx_vpn_plan }}"
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
tunnels:
  description:
    - One entry per IKE gateway end pair (or lone end).
    - C(status) is one of ESTABLISHED, IKE_PHASE1_FAILED, IKE_PHASE1_KEY_MISMATCH, IPSEC_PHASE2_FAILED,
      MISSING_END_POINT.
  returned: always
  type: list
  elements: dict
  sample:
    - name: "site-a:remote-site <-> site-b:remote-site"
      hosts: [site-a, site-b]
      gateways: {site-a: remote-site, site-b: remote-site}
      vpns: {site-a: [vpn-to-remote-site], site-b: [vpn-to-remote-site]}
      addresses: {site-a: 198.51.100.10, site-b: 203.0.113.1}
      status: IKE_PHASE1_KEY_MISMATCH
      findings:
        - check: psk-mismatch
          severity: error
          host: site-a
          path: security ike policy ike-policy pre-shared-key
          message: pre-shared keys of ike policy ike-policy (site-a) and ike-policy (site-b) differ (compared decoded)
          fix: set the same pre-shared-key (from the vault) on both ike policies
          peer_host: site-b
          peer_path: security ike policy ike-policy pre-shared-key
findings:
  description: Findings not tied to one gateway pair (for example a policy that tunnels into a missing VPN).
  returned: always
  type: list
  elements: dict
summary:
  description: Number of findings per severity, tunnels per status, and C(ok) (no error).
  returned: always
  type: dict
  sample: {"error": 1, "warning": 0, "info": 0, "ok": false,
           "tunnels": {"ESTABLISHED": 0, "IKE_PHASE1_FAILED": 0, "IKE_PHASE1_KEY_MISMATCH": 1,
                       "IPSEC_PHASE2_FAILED": 0, "MISSING_END_POINT": 0}}
report:
  description: The readable report, one line per item.
  returned: always
  type: list
  elements: str
hosts:
  description: The devices that were checked.
  returned: always
  type: list
  elements: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import doctor, junos_config


def _plan_secrets(plan):
    """Pre-shared keys in a plan, so AnsibleModule hides them from everything it returns."""
    found = []
    for device in ((plan or {}).get("devices") or {}).values():
        for policy in (((device or {}).get("config") or {}).get("ike") or {}).get("policies") or []:
            found.extend(v for v in (policy.get("pre_shared_key") or {}).values() if isinstance(v, str) and v)
    return found


def collect(params):
    """{host: configuration} and LAN lists from every input; a host given twice is an error."""
    configs, lans, origin = {}, dict(params.get("lans") or {}), {}

    def add(host, configuration, source):
        if host in configs:
            raise doctor.DoctorInputError("host %r is given twice (%s and %s)" % (host, origin[host], source))
        configs[host], origin[host] = configuration, source

    if params.get("configs"):
        for path in junos_config.config_files(params["configs"]):
            host, configuration = junos_config.load_file(path)
            add(host, configuration, path)
    for host, value in (params.get("gathered") or {}).items():
        add(str(host), value, "gathered")
    if params.get("plan"):
        planned, planned_lans = doctor.plan_configs(params["plan"])
        for host, configuration in planned.items():
            add(host, configuration, "plan")
        for host, nets in planned_lans.items():
            lans.setdefault(host, nets)
    return configs, lans


def main():
    module = AnsibleModule(
        argument_spec=dict(
            configs=dict(type="list", elements="path"),
            gathered=dict(type="dict"),
            plan=dict(type="dict"),
            lans=dict(type="dict"),
            fail_on_error=dict(type="bool", default=True),
        ),
        required_one_of=[("configs", "gathered", "plan")],
        supports_check_mode=True,
    )
    module.no_log_values.update(_plan_secrets(module.params.get("plan")))
    try:
        configs, lans = collect(module.params)
        result = doctor.diagnose(configs, lans)
    except doctor.DoctorInputError as exc:
        module.fail_json(msg="netsec.srx_vpn.doctor: %s" % exc)
    result["report"] = doctor.report(result).splitlines()
    if module.params["fail_on_error"] and not result["summary"]["ok"]:
        module.fail_json(msg="netsec.srx_vpn.doctor: %d error(s) found; see report" % result["summary"]["error"],
                         changed=False, **result)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()

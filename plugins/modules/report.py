#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: report
short_description: Write VPN reports (diagram, allocation, verify and doctor results) on the controller
version_added: 0.1.0
author:
  - srx_vpn developers (@netsec)
description:
  - Writes each given file into one directory on the Ansible controller, creating the directory when needed.
    A file whose content is unchanged is not rewritten.
  - Runs entirely in its action plugin, in the controller's worker process; it starts no module and contacts no
    device, so writing the reports costs a deploy next to nothing, whatever the size of the play.
  - Give it what the filters render (P(netsec.srx_vpn.vpn_diagram#filter), the plan's allocation, verify rows),
    never the plan itself, which holds the pre-shared keys.
options:
  dest:
    description: Directory on the controller; created (mode 0755) when missing.
    type: path
    required: true
  files:
    description:
      - File name (no directory part) to content. A string is written as it is, with a final newline added when
        missing; a list or a dict is written as indented JSON.
    type: dict
    required: true
  mode:
    description: Permissions of the files written.
    type: str
    default: "0644"
notes:
  - Run it once per play (C(run_once=true)), as the reports describe the whole inventory.
  - Supports check mode (reports what would change, writes nothing; set C(check_mode=false) on the task to write
    the reports of a check-mode run). Writes on the controller whatever the connection of the host it runs for.
"""

EXAMPLES = r"""
- name: Write the plan's diagram and allocation
  netsec.srx_vpn.report:
    dest: "{{ vpn_report_dir }}"
    files:
      vpn-topology.mmd: "{{ plan | netsec.srx_vpn.vpn_diagram }}"
      vpn-allocation.json: "{{ {'link_pool': plan.link_pool, 'allocation': plan.allocation} }}"
  run_once: true
  check_mode: false
"""

RETURN = r"""
written:
  description: Paths of the files whose content changed (in check mode, that would change).
  returned: always
  type: list
  elements: str
  sample: ["/work/vpn-reports/vpn-topology.mmd"]
files:
  description: Paths of all the files of the report.
  returned: always
  type: list
  elements: str
"""

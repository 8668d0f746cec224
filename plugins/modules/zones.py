#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: zones
short_description: Manage security zones on Juniper SRX
description:
- Security zones under [security zones].
- Objects are compared with the device's committed configuration, read in one get-configuration; when nothing differs the module does not lock, load or
  commit.
- A change is one candidate edit and one commit; C(changed) and the diff come from the device (show | compare).
- O(state=overridden) and O(state=deleted) touch only objects in O(scope) or named in O(config), never a whole hierarchy.
version_added: 0.1.0
author:
- srx_vpn developers (@netsec)
extends_documentation_fragment:
- netsec.srx_vpn.resource
options:
  config:
    description:
    - Security zones under [security zones].
    type: dict
    suboptions:
      zones:
        description:
        - Security zones (Junos C(security zones security-zone)).
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - Name of the object.
            type: str
            required: true
          description:
            description:
            - Text description.
            type: str
          host_inbound_traffic:
            description:
            - Traffic allowed to reach the device itself.
            type: dict
            suboptions:
              system_services:
                description:
                - System services (ike, ping, ssh, ...).
                type: list
                elements: str
                choices:
                - all
                - bootp
                - dhcp
                - dhcpv6
                - dns
                - finger
                - ftp
                - ident-reset
                - http
                - https
                - ike
                - netconf
                - ping
                - rlogin
                - reverse-telnet
                - reverse-ssh
                - rpm
                - rsh
                - snmp
                - snmp-trap
                - ssh
                - telnet
                - traceroute
                - xnm-ssl
                - xnm-clear-text
                - tftp
                - lsping
                - lsselfping
                - ntp
                - sip
                - r2cp
                - webapi-clear-text
                - webapi-ssl
                - tcp-encap
                - appqoe
                - high-availability
                - any-service
              protocols:
                description:
                - Routing protocols (ospf, bgp, ...).
                type: list
                elements: str
                choices:
                - all
                - bfd
                - bgp
                - dvmrp
                - igmp
                - ldp
                - msdp
                - ndp
                - nhrp
                - ospf
                - ospf3
                - pgm
                - pim
                - rip
                - ripng
                - router-discovery
                - rsvp
                - sap
                - vrrp
          interfaces:
            description:
            - Interfaces in the zone.
            type: list
            elements: dict
            suboptions:
              name:
                description:
                - Logical interface name (e.g. st0.0).
                type: str
                required: true
              host_inbound_traffic:
                description:
                - Traffic allowed to reach the device itself.
                type: dict
                suboptions:
                  system_services:
                    description:
                    - System services (ike, ping, ssh, ...).
                    type: list
                    elements: str
                    choices:
                    - all
                    - bootp
                    - dhcp
                    - dhcpv6
                    - dns
                    - finger
                    - ftp
                    - ident-reset
                    - http
                    - https
                    - ike
                    - netconf
                    - ping
                    - rlogin
                    - reverse-telnet
                    - reverse-ssh
                    - rpm
                    - rsh
                    - snmp
                    - snmp-trap
                    - ssh
                    - telnet
                    - traceroute
                    - xnm-ssl
                    - xnm-clear-text
                    - tftp
                    - lsping
                    - lsselfping
                    - ntp
                    - sip
                    - r2cp
                    - webapi-clear-text
                    - webapi-ssl
                    - tcp-encap
                    - appqoe
                    - high-availability
                    - any-service
                  protocols:
                    description:
                    - Routing protocols (ospf, bgp, ...).
                    type: list
                    elements: str
                    choices:
                    - all
                    - bfd
                    - bgp
                    - dvmrp
                    - igmp
                    - ldp
                    - msdp
                    - ndp
                    - nhrp
                    - ospf
                    - ospf3
                    - pgm
                    - pim
                    - rip
                    - ripng
                    - router-discovery
                    - rsvp
                    - sap
                    - vrrp
"""

EXAMPLES = r"""
- name: The VPN zone with st0.0, and IKE allowed on the untrust interface
  netsec.srx_vpn.zones:
    config:
      zones:
        - name: vpn
          interfaces:
            - name: st0.0
        - name: untrust
          interfaces:
            - name: ge-0/0/0.0
              host_inbound_traffic:
                system_services: [ike, ping]

- name: Make the vpn zone exactly this (other zones untouched)
  netsec.srx_vpn.zones:
    state: replaced
    config:
      zones:
        - name: vpn
          host_inbound_traffic:
            system_services: [ping]
          interfaces:
            - name: st0.0
"""

RETURN = r"""
before:
  description: The managed objects before the run (config shape; keys redacted).
  returned: when state is merged, replaced, overridden or deleted
  type: dict
after:
  description: The managed objects after the run (config shape; keys redacted).
  returned: when changed
  type: dict
commands:
  description: The Junos XML edit loaded in the candidate (keys redacted); empty when nothing changes.
  returned: when state is merged, replaced, overridden or deleted
  type: list
  elements: str
gathered:
  description: The managed objects read from the device.
  returned: when state is gathered
  type: dict
rendered:
  description: The Junos XML that O(config) renders to, no device needed.
  returned: when state is rendered
  type: str
parsed:
  description: O(running_config) parsed into the config shape, no device needed.
  returned: when state is parsed
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.argspec import REQUIRED_IF, argument_spec
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.resource import run


def main():
    module = AnsibleModule(argument_spec=argument_spec("zones"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "zones")


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: tunnel_interfaces
short_description: Manage st0 tunnel interface units on Juniper SRX
description:
- Logical units of the secure tunnel interface st0.
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
    - Logical units of the secure tunnel interface st0.
    type: dict
    suboptions:
      units:
        description:
        - st0 logical units (Junos C(interfaces interface st0 unit)).
        type: list
        elements: dict
        suboptions:
          unit:
            description:
            - Unit number (st0.N). Range 0-1073741823.
            type: int
            required: true
          description:
            description:
            - Text description.
            type: str
          multipoint:
            description:
            - Point-to-multipoint tunnel interface (hub of an AutoVPN/hub-and-spoke). Junos C(multipoint).
            type: bool
          family:
            description:
            - Protocol families.
            type: dict
            suboptions:
              inet:
                description:
                - IPv4.
                type: dict
                suboptions:
                  mtu:
                    description:
                    - Protocol MTU. Range 0-4294967295.
                    type: int
                  next_hop_tunnels:
                    description:
                    - Next-hop tunnel bindings (multipoint st0).
                    type: list
                    elements: dict
                    suboptions:
                      address:
                        description:
                        - Peer tunnel address.
                        type: str
                        required: true
                      ipsec_vpn:
                        description:
                        - IPsec VPN name.
                        type: str
                  addresses:
                    description:
                    - Interface addresses (address/prefix-length).
                    type: list
                    elements: str
              inet6:
                description:
                - IPv6.
                type: dict
                suboptions:
                  addresses:
                    description:
                    - Interface addresses (address/prefix-length).
                    type: list
                    elements: str
"""

EXAMPLES = r"""
- name: st0.0 with a /30 link address
  netsec.srx_vpn.tunnel_interfaces:
    config:
      units:
        - unit: 0
          description: to site 2
          family:
            inet:
              addresses: [10.255.0.1/30]

- name: Render the XML of a multipoint hub unit, no device needed
  netsec.srx_vpn.tunnel_interfaces:
    state: rendered
    config:
      units:
        - unit: 1
          multipoint: true
          family:
            inet:
              addresses: [10.254.0.1/24]
              next_hop_tunnels:
                - address: 10.254.0.2
                  ipsec_vpn: vpn-spoke1
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
    module = AnsibleModule(argument_spec=argument_spec("tunnel_interfaces"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "tunnel_interfaces")


if __name__ == "__main__":
    main()

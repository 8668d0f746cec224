#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: routes
short_description: Manage static routes on Juniper SRX
description:
- Static routes in inet.0 and in routing instances.
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
    - Static routes in inet.0 and in routing instances.
    type: dict
    suboptions:
      routes:
        description:
        - Static routes (Junos C(routing-options static route)).
        type: list
        elements: dict
        suboptions:
          destination:
            description:
            - Destination prefix.
            type: str
            required: true
          next_hop:
            description:
            - 'Next hops: IP addresses or interfaces (st0.N).'
            type: list
            elements: str
          discard:
            description:
            - Drop matching packets silently. Junos C(discard).
            type: bool
          qualified_next_hops:
            description:
            - Next hops with their own preference and metric.
            type: list
            elements: dict
            suboptions:
              next_hop:
                description:
                - IP address or interface.
                type: str
                required: true
              preference:
                description:
                - Preference of this next hop. Range 0-4294967295.
                type: int
              metric:
                description:
                - Metric of this next hop. Range 0-4294967295.
                type: int
          metric:
            description:
            - Route metric. Range 0-4294967295.
            type: int
          preference:
            description:
            - Route preference. Range 0-4294967295.
            type: int
      routing_instances:
        description:
        - One entry per name, holding its routes.
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - Routing instance name.
            type: str
            required: true
          routes:
            description:
            - Static routes (Junos C(routing-instances instance routing-options static route)).
            type: list
            elements: dict
            suboptions:
              destination:
                description:
                - Destination prefix.
                type: str
                required: true
              next_hop:
                description:
                - 'Next hops: IP addresses or interfaces (st0.N).'
                type: list
                elements: str
              discard:
                description:
                - Drop matching packets silently. Junos C(discard).
                type: bool
              qualified_next_hops:
                description:
                - Next hops with their own preference and metric.
                type: list
                elements: dict
                suboptions:
                  next_hop:
                    description:
                    - IP address or interface.
                    type: str
                    required: true
                  preference:
                    description:
                    - Preference of this next hop. Range 0-4294967295.
                    type: int
                  metric:
                    description:
                    - Metric of this next hop. Range 0-4294967295.
                    type: int
              metric:
                description:
                - Route metric. Range 0-4294967295.
                type: int
              preference:
                description:
                - Route preference. Range 0-4294967295.
                type: int
"""

EXAMPLES = r"""
- name: Route the remote network into the tunnel, with a floating backup
  netsec.srx_vpn.routes:
    config:
      routes:
        - destination: 192.168.20.0/24
          next_hop: [st0.0]
          qualified_next_hops:
            - next_hop: st0.1
              preference: 10

- name: Remove the routes this task manages and nothing else
  netsec.srx_vpn.routes:
    state: deleted
    scope:
      names: [192.168.20.0/24]
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
    module = AnsibleModule(argument_spec=argument_spec("routes"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "routes")


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: policies
short_description: Manage zone-pair security policies on Juniper SRX
description:
- Zone-pair security policies under [security policies from-zone X to-zone Y].
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
    - Zone-pair security policies under [security policies from-zone X to-zone Y].
    type: dict
    suboptions:
      policies:
        description:
        - One entry per from_zone and to_zone, holding its policies.
        type: list
        elements: dict
        suboptions:
          from_zone:
            description:
            - Source zone.
            type: str
            required: true
          to_zone:
            description:
            - Destination zone.
            type: str
            required: true
          policies:
            description:
            - Policies of the zone pair, in evaluation order (Junos C(security policies policy policy)).
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
              match:
                description:
                - Match conditions.
                type: dict
                suboptions:
                  source_address:
                    description:
                    - Source addresses (address book names or any).
                    type: list
                    elements: str
                  destination_address:
                    description:
                    - Destination addresses (address book names or any).
                    type: list
                    elements: str
                  application:
                    description:
                    - Applications (junos-http, any, ...).
                    type: list
                    elements: str
              then:
                description:
                - Action.
                type: dict
                suboptions:
                  action:
                    description:
                    - Policy action.
                    type: str
                    choices:
                    - permit
                    - deny
                    - reject
                  tunnel:
                    description:
                    - Policy-based VPN (only with action permit).
                    type: dict
                    suboptions:
                      ipsec_vpn:
                        description:
                        - IPsec VPN name.
                        type: str
                      pair_policy:
                        description:
                        - Policy of the reverse direction.
                        type: str
                  log:
                    description:
                    - Session logging.
                    type: dict
                    suboptions:
                      session_init:
                        description:
                        - Log at session start. Junos C(session-init).
                        type: bool
                      session_close:
                        description:
                        - Log at session close. Junos C(session-close).
                        type: bool
"""

EXAMPLES = r"""
- name: Permit traffic between trust and the VPN zone, both directions
  netsec.srx_vpn.policies:
    config:
      policies:
        - from_zone: trust
          to_zone: vpn
          policies:
            - name: trust-to-vpn
              match:
                source_address: [net-site1]
                destination_address: [net-site2]
                application: [any]
              then:
                action: permit
        - from_zone: vpn
          to_zone: trust
          policies:
            - name: vpn-to-trust
              match:
                source_address: [net-site2]
                destination_address: [net-site1]
                application: [any]
              then:
                action: permit
                log:
                  session_close: true

- name: Policy-based VPN (permit tunnel ipsec-vpn)
  netsec.srx_vpn.policies:
    config:
      policies:
        - from_zone: trust
          to_zone: untrust
          policies:
            - name: pbvpn-out
              match:
                source_address: [any]
                destination_address: [any]
                application: [any]
              then:
                action: permit
                tunnel:
                  ipsec_vpn: vpn-policy-based
                  pair_policy: pbvpn-in
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
    module = AnsibleModule(argument_spec=argument_spec("policies"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "policies")


if __name__ == "__main__":
    main()

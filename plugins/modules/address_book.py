#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: address_book
short_description: Manage the global address book on Juniper SRX
description:
- The global address book under [security address-book global].
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
    - The global address book under [security address-book global].
    type: dict
    suboptions:
      addresses:
        description:
        - Addresses (Junos C(security address-book global address)).
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
          ip_prefix:
            description:
            - IP prefix (address/prefix-length).
            type: str
      address_sets:
        description:
        - Address sets (Junos C(security address-book global address-set)).
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
          addresses:
            description:
            - Member addresses.
            type: list
            elements: str
          address_sets:
            description:
            - Member address sets.
            type: list
            elements: str
"""

EXAMPLES = r"""
- name: Local and remote networks of a tunnel
  netsec.srx_vpn.address_book:
    config:
      addresses:
        - name: net-site1
          ip_prefix: 10.10.10.0/24
        - name: net-site2
          ip_prefix: 192.168.20.0/24
      address_sets:
        - name: vpn-remote-nets
          addresses: [net-site2]
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
    module = AnsibleModule(argument_spec=argument_spec("address_book"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "address_book")


if __name__ == "__main__":
    main()

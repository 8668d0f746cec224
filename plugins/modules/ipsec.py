#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: ipsec
short_description: Manage IPsec proposals, policies and VPNs on Juniper SRX
description:
- IPsec (phase 2) proposals, policies and VPNs under [security ipsec].
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
    - IPsec (phase 2) proposals, policies and VPNs under [security ipsec].
    type: dict
    suboptions:
      proposals:
        description:
        - IPsec proposals (Junos C(security ipsec proposal)).
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
          protocol:
            description:
            - IPsec protocol.
            type: str
            choices:
            - ah
            - esp
          authentication_algorithm:
            description:
            - Authentication algorithm.
            type: str
            choices:
            - hmac-md5-96
            - hmac-sha1-96
            - hmac-sha-256-128
            - hmac-sha-256-96
            - hmac-sha-384
            - hmac-sha-512
          encryption_algorithm:
            description:
            - Encryption algorithm.
            type: str
            choices:
            - des-cbc
            - 3des-cbc
            - aes-128-cbc
            - aes-192-cbc
            - aes-256-cbc
            - aes-128-gcm
            - aes-192-gcm
            - aes-256-gcm
            - chacha20-poly1305
          lifetime_seconds:
            description:
            - Lifetime of the IPsec SA in seconds. Range 180-86400.
            type: int
          lifetime_kilobytes:
            description:
            - Lifetime of the IPsec SA in kilobytes. Range 64000-4294967294.
            type: int
      policies:
        description:
        - IPsec policies (Junos C(security ipsec policy)).
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
          perfect_forward_secrecy:
            description:
            - Perfect forward secrecy.
            type: dict
            suboptions:
              keys:
                description:
                - Diffie-Hellman group for PFS.
                type: str
                choices:
                - group1
                - group2
                - group5
                - group14
                - group15
                - group16
                - group19
                - group20
                - group21
                - group24
          proposals:
            description:
            - IPsec proposal names, in order of preference (at most 4). At most 4.
            type: list
            elements: str
          proposal_set:
            description:
            - Predefined proposal set; mutually exclusive with proposals.
            type: str
            choices:
            - basic
            - compatible
            - standard
            - suiteb-gcm-128
            - suiteb-gcm-256
            - prime-128
            - prime-256
      vpns:
        description:
        - IPsec VPNs (Junos C(security ipsec vpn)).
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - Name of the object.
            type: str
            required: true
          bind_interface:
            description:
            - Tunnel interface the VPN is bound to (st0.N).
            type: str
          df_bit:
            description:
            - Don't-fragment bit handling.
            type: str
            choices:
            - clear
            - set
            - copy
          copy_outer_dscp:
            description:
            - Copy the outer DSCP to the inner header. Junos C(copy-outer-dscp).
            type: bool
          vpn_monitor:
            description:
            - VPN monitoring with ICMP probes.
            type: dict
            suboptions:
              optimized:
                description:
                - Send probes only without traffic. Junos C(optimized).
                type: bool
              source_interface:
                description:
                - Source interface of the probes.
                type: str
              destination_ip:
                description:
                - Destination of the probes.
                type: str
          ike:
            description:
            - IKE-negotiated VPN.
            type: dict
            suboptions:
              gateway:
                description:
                - IKE gateway name.
                type: str
              anti_replay_window_size:
                description:
                - Anti-replay window size. Range 64-8192.
                type: int
              no_anti_replay:
                description:
                - Disable anti-replay checking. Junos C(no-anti-replay).
                type: bool
              proxy_identity:
                description:
                - Proxy identity (policy-based or non-Junos peers).
                type: dict
                suboptions:
                  local:
                    description:
                    - Local prefix.
                    type: str
                  remote:
                    description:
                    - Remote prefix.
                    type: str
                  service:
                    description:
                    - Service (application) name.
                    type: str
              ipsec_policy:
                description:
                - IPsec policy name.
                type: str
          traffic_selectors:
            description:
            - Traffic selectors (IKEv2 route-based VPN).
            type: list
            elements: dict
            suboptions:
              name:
                description:
                - Traffic selector name.
                type: str
                required: true
              local_ip:
                description:
                - Local prefix.
                type: str
              remote_ip:
                description:
                - Remote prefix.
                type: str
          establish_tunnels:
            description:
            - When to bring the tunnel up.
            type: str
            choices:
            - immediately
            - on-traffic
            - responder-only
            - responder-only-no-rekey
"""

EXAMPLES = r"""
- name: IPsec proposal, policy and route-based VPN bound to st0.0
  netsec.srx_vpn.ipsec:
    config:
      proposals:
        - name: ipsec-phase2-proposal
          protocol: esp
          authentication_algorithm: hmac-sha-256-128
          encryption_algorithm: aes-256-cbc
          lifetime_seconds: 3600
      policies:
        - name: ipsec-phase2-policy
          proposals: [ipsec-phase2-proposal]
          perfect_forward_secrecy:
            keys: group14
      vpns:
        - name: vpn-site2
          bind_interface: st0.0
          ike:
            gateway: gw-site2
            ipsec_policy: ipsec-phase2-policy
          establish_tunnels: immediately

- name: Delete one VPN
  netsec.srx_vpn.ipsec:
    state: deleted
    config:
      vpns:
        - name: vpn-site2
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
    module = AnsibleModule(argument_spec=argument_spec("ipsec"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "ipsec")


if __name__ == "__main__":
    main()

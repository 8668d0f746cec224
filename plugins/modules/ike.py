#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# DOCUMENTATION and RETURN are generated from the schema: tools/gen_docs.py --write

DOCUMENTATION = r"""
module: ike
short_description: Manage IKE proposals, policies and gateways on Juniper SRX
description:
- IKE (phase 1) proposals, policies and gateways under [security ike].
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
    - IKE (phase 1) proposals, policies and gateways under [security ike].
    type: dict
    suboptions:
      proposals:
        description:
        - IKE proposals (Junos C(security ike proposal)).
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
          authentication_method:
            description:
            - Authentication method.
            type: str
            choices:
            - pre-shared-keys
            - rsa-signatures
            - dsa-signatures
            - ecdsa-signatures-256
            - ecdsa-signatures-384
            - ecdsa-signatures-521
            - certificates
            - digital-signature
          dh_group:
            description:
            - Diffie-Hellman group.
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
          authentication_algorithm:
            description:
            - Authentication algorithm.
            type: str
            choices:
            - md5
            - sha1
            - sha-256
            - sha-384
            - sha-512
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
            - aes-256-gcm
            - chacha20-poly1305
          lifetime_seconds:
            description:
            - Lifetime of the IKE SA in seconds. Range 180-86400.
            type: int
      policies:
        description:
        - IKE policies (Junos C(security ike policy)).
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - Name of the object.
            type: str
            required: true
          mode:
            description:
            - IKEv1 exchange mode.
            type: str
            choices:
            - main
            - aggressive
          description:
            description:
            - Text description.
            type: str
          proposals:
            description:
            - IKE proposal names, in order of preference (at most 4). At most 4.
            type: list
            elements: str
          certificate:
            description:
            - Certificate authentication.
            type: dict
            suboptions:
              local_certificate:
                description:
                - Local certificate identifier.
                type: str
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
          pre_shared_key:
            description:
            - 'Pre-shared key: plain text, hexadecimal or a Junos $9$ string. Compared by value, never re-sent when unchanged.'
            type: dict
            suboptions:
              ascii_text:
                description:
                - Key as text (or $9$ string).
                type: str
              hexadecimal:
                description:
                - Key as hexadecimal digits (or $9$ string).
                type: str
      gateways:
        description:
        - IKE gateways (Junos C(security ike gateway)).
        type: list
        elements: dict
        suboptions:
          name:
            description:
            - Name of the object.
            type: str
            required: true
          ike_policy:
            description:
            - IKE policy used with this peer.
            type: str
          address:
            description:
            - Peer IP address(es) or hostname(s); the first is primary.
            type: list
            elements: str
          dynamic:
            description:
            - Dynamic peer (remote identity instead of an address).
            type: dict
            suboptions:
              distinguished_name:
                description:
                - Peer identified by its certificate distinguished name.
                type: dict
                suboptions:
                  container:
                    description:
                    - Container string of the peer's distinguished name.
                    type: str
                  wildcard:
                    description:
                    - Wildcard string of the peer's distinguished name.
                    type: str
              general_ikeid:
                description:
                - Accept any IKE id of the peer. Junos C(general-ikeid).
                type: bool
              hostname:
                description:
                - Peer FQDN.
                type: str
              inet:
                description:
                - Peer IPv4 identity.
                type: str
              inet6:
                description:
                - Peer IPv6 identity.
                type: str
              user_at_hostname:
                description:
                - Peer e-mail identity.
                type: str
              connections_limit:
                description:
                - Maximum concurrent connections. Range 0-4294967295.
                type: int
              ike_user_type:
                description:
                - Group or shared IKE id.
                type: str
                choices:
                - group-ike-id
                - shared-ike-id
          dead_peer_detection:
            description:
            - Dead peer detection.
            type: dict
            suboptions:
              mode:
                description:
                - When to send DPD probes.
                type: str
                choices:
                - optimized
                - probe-idle-tunnel
                - always-send
              interval:
                description:
                - Seconds between DPD probes. Range 2-60.
                type: int
              threshold:
                description:
                - Missed probes before the peer is declared dead. Range 1-5.
                type: int
          no_nat_traversal:
            description:
            - Disable NAT traversal. Junos C(no-nat-traversal).
            type: bool
          nat_keepalive:
            description:
            - NAT keepalive interval in seconds. Range 1-300.
            type: int
          local_identity:
            description:
            - IKE identity (one of the choices).
            type: dict
            suboptions:
              inet:
                description:
                - IPv4 address identity.
                type: str
              inet6:
                description:
                - IPv6 address identity.
                type: str
              hostname:
                description:
                - Fully qualified domain name identity.
                type: str
              user_at_hostname:
                description:
                - E-mail address identity.
                type: str
              distinguished_name:
                description:
                - Use the local certificate's distinguished name. Junos C(distinguished-name).
                type: bool
          remote_identity:
            description:
            - IKE identity (one of the choices).
            type: dict
            suboptions:
              inet:
                description:
                - IPv4 address identity.
                type: str
              inet6:
                description:
                - IPv6 address identity.
                type: str
              hostname:
                description:
                - Fully qualified domain name identity.
                type: str
              user_at_hostname:
                description:
                - E-mail address identity.
                type: str
              distinguished_name:
                description:
                - Peer identified by its certificate distinguished name.
                type: dict
                suboptions:
                  container:
                    description:
                    - Container string of the peer's distinguished name.
                    type: str
                  wildcard:
                    description:
                    - Wildcard string of the peer's distinguished name.
                    type: str
          external_interface:
            description:
            - Interface IKE negotiates on (e.g. ge-0/0/0.0).
            type: str
          local_address:
            description:
            - Local IP address for IKE negotiations.
            type: str
          general_ikeid:
            description:
            - Accept any IKE id of the peer. Junos C(general-ikeid).
            type: bool
          version:
            description:
            - IKE version.
            type: str
            choices:
            - v1-only
            - v2-only
"""

EXAMPLES = r"""
- name: IKE proposal, policy and gateway of seed 004 (site 1 side)
  netsec.srx_vpn.ike:
    config:
      proposals:
        - name: ike-phase1-proposal
          authentication_method: pre-shared-keys
          dh_group: group14
          authentication_algorithm: sha-256
          encryption_algorithm: aes-256-cbc
          lifetime_seconds: 3600
      policies:
        - name: ike-phase1-policy
          mode: main
          proposals: [ike-phase1-proposal]
          pre_shared_key:
            ascii_text: "{{ vault_psk_site2 }}"
      gateways:
        - name: gw-site2
          ike_policy: ike-phase1-policy
          address: [198.51.100.2]
          external_interface: ge-0/0/0.0
          version: v2-only
          dead_peer_detection:
            mode: probe-idle-tunnel
            interval: 10
            threshold: 3

- name: Remove IKE objects named vpn-* that the task no longer lists
  netsec.srx_vpn.ike:
    state: overridden
    scope:
      prefix: vpn-
    config:
      policies:
        - name: vpn-pol1
          mode: main
          proposal_set: standard
          pre_shared_key:
            ascii_text: "{{ vault_psk_peer1 }}"

- name: Read the IKE configuration
  netsec.srx_vpn.ike:
    state: gathered
  register: ike_now
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
    module = AnsibleModule(argument_spec=argument_spec("ike"), required_if=REQUIRED_IF, supports_check_mode=True)
    run(module, "ike")


if __name__ == "__main__":
    main()

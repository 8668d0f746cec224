# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment(object):
    # Options shared by the resource modules (argspec.COMMON); their `config` is generated per module.
    DOCUMENTATION = r"""
options:
  state:
    description:
      - V(merged) adds and changes the objects in O(config); fields left out stay as they are, and list values
        (addresses, services, proposals) are added to those on the device (Junos load merge).
      - V(replaced) makes each object in O(config) exactly as given, with C(replace="replace") (delete and set in
        one edit); other objects stay.
      - V(overridden) is V(replaced) plus deleting every device object in O(scope) that is not in O(config).
      - V(deleted) deletes the objects named in O(config) (only their keys matter), else every object in O(scope).
      - V(gathered) returns the device's objects; V(rendered) returns the Junos XML of O(config) and V(parsed)
        reads O(running_config), both without a device.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
    default: merged
  scope:
    description:
      - The objects this task manages, for O(state=overridden) (required) and O(state=deleted) without O(config).
      - An object is in scope when its key (name; route destination; st0 unit number; policy name) is listed in
        O(scope.names), starts with O(scope.prefix), or O(scope.all=true).
      - A policy or a routing-instance route can also be listed with its group, as C(trust vpn allow-out)
        (from-zone, to-zone, policy) or C(vr1 10.0.0.0/8) (instance, destination).
      - Objects outside the scope are never deleted.
    type: dict
    suboptions:
      names:
        description: Keys of the managed objects (optionally qualified by their group, see above).
        type: list
        elements: str
      prefix:
        description: Name prefix of the managed objects (for example the plan's C(vpn-)).
        type: str
      all:
        description: Manage every object of this module's kinds on the device.
        type: bool
        default: false
  running_config:
    description:
      - Junos configuration XML (a C(<configuration>) element or an C(rpc-reply) holding one) for O(state=parsed).
      - Not logged, as it may hold C($9$) keys.
    type: str
  comment:
    description: Commit comment (C(commit comment)).
    type: str
  confirmed:
    description:
      - Commit with C(commit confirmed) for this many minutes, then confirm once the session still answers.
    type: int
notes:
  - Needs C(connection=ansible.netcommon.netconf) and C(ansible_network_os=junipernetworks.junos.junos).
  - Pre-shared keys are compared by their decoded value; an unchanged key is never sent again, and keys are
    redacted in results, diffs and errors.
attributes:
  check_mode:
    description: Loads the edit, runs C(commit check), returns the device diff and discards the candidate.
    support: full
  diff_mode:
    description: Returns the device's own C(show | compare) output, keys redacted.
    support: full
  platform:
    description: Juniper SRX / vSRX.
    support: full
    platforms: junos
"""

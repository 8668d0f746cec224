# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of netsec.srx_vpn.apply: the transaction runs here, over the persistent connection.

A module would cost every device a payload build, an interpreter and the engine's imports (about a second of CPU)
for what is one get-configuration on a no-change run; the worker already holds the connection's socket.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.connection import Connection
from ansible.plugins.action import ActionBase

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import device_apply
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NETCONF_CONNECTION, NetconfChannel
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import SrxVpnError
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.validate import ValidationError

NAME = "netsec.srx_vpn.apply"


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self.validate_argument_spec(argument_spec=device_apply.ARGUMENT_SPEC)[1]
        secrets = device_apply.psks(args["config"])
        socket_path = getattr(self._connection, "socket_path", None)
        if not socket_path:
            return dict(result, failed=True, msg="%s needs %s" % (NAME, NETCONF_CONNECTION))
        if not jxml.HAS_LXML:
            return dict(result, failed=True, msg="%s needs the python lxml library on the controller" % NAME)
        # As ActionBase does for a module: the strategy then closes this persistent connection at the end of the
        # play instead of leaving ansible-connection to idle out after ansible-playbook has exited.
        self._task.args["_ansible_socket"] = socket_path
        host = (task_vars or {}).get("inventory_hostname")
        try:
            outcome, warnings = device_apply.apply_device(
                NetconfChannel(Connection(socket_path), host=host), args,
                check_mode=bool(self._task.check_mode), diff_mode=bool(self._task.diff))
        except ValidationError as exc:
            outcome, warnings = dict(failed=True, msg="%s: %s" % (NAME, exc)), []
        except SrxVpnError as exc:
            outcome = dict(exc.to_result(), failed=True, msg="%s: %s" % (NAME, exc))
            warnings = outcome.pop("warnings", [])
        result.update(outcome)
        if warnings:
            result["warnings"] = list(warnings)
        # The module did this through AnsibleModule.no_log_values; keys must not reach any output.
        return remove_values(result, secrets)

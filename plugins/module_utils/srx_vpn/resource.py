# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every resource module does: validate, read once, diff, one transaction, report.

The modules only build their AnsibleModule from argspec.argument_spec(name) and call run().
"""

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import diff
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import SrxVpnError
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import redact, redact_text
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.transaction import Transaction
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.validate import ValidationError, validate


def prune(value):
    """Module params without the unset (None) options AnsibleModule fills in."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def _secrets_of(config):
    """Plaintext keys given by the user, so they are also hidden inside free text."""
    found = []
    if isinstance(config, dict):
        for key, value in config.items():
            if key in ("ascii_text", "hexadecimal") and isinstance(value, str):
                found.append(value)
            else:
                found += _secrets_of(value)
    elif isinstance(config, list):
        for item in config:
            found += _secrets_of(item)
    return found


def offline(resource, params):
    """Results of the states that need no device (rendered, parsed), or None."""
    state = params["state"]
    if state == "parsed":
        return {"changed": False, "parsed": redact(jxml.parse(resource, params["running_config"]))}
    if state == "rendered":
        want = prune(params["config"]) or {}
        text = jxml.to_text(jxml.render(resource, want))
        return {"changed": False, "rendered": redact_text(text, _secrets_of(want))}
    return None


def execute(resource, params, tx, diff_mode=False):
    """Run an online state against a Transaction; returns the module result (secrets redacted)."""
    state, scope = params["state"], prune(params.get("scope"))
    want = prune(params.get("config")) or {}
    have = jxml.parse(resource, tx.read(jxml.read_filter(resource)))
    if state == "gathered":
        return {"changed": False, "gathered": redact(have)}
    change_list = diff.changes(resource, want, have, state, scope)
    edit = diff.render_changes(change_list)
    outcome = tx.apply(edit, comment=params.get("comment"), confirmed=params.get("confirmed"))
    if outcome.committed and params.get("confirmed"):
        # The session surviving the commit is this module's health gate; a run that dies before this
        # point leaves Junos to roll back when the confirm timer expires.
        tx.confirm()
    secrets = _secrets_of(want)
    result = {
        "changed": outcome.changed,
        "before": redact(have),
        "commands": [redact_text(jxml.to_text(edit), secrets)] if edit is not None else [],
        "warnings": list(outcome.warnings),
    }
    if outcome.changed:
        result["after"] = redact(diff.after(resource, have, change_list))
        if diff_mode:
            result["diff"] = {"prepared": redact_text(outcome.diff, secrets)}
    return result


def run(module, name, transaction=Transaction.for_module):
    """Entry point of every resource module (transaction: the class that talks to the device)."""
    resource = RESOURCES[name]
    params = module.params
    try:
        validate(resource, prune(params.get("config")) or {})
        diff.check_scope(name, params["state"], prune(params.get("config")), prune(params.get("scope")))
        result = offline(resource, params)
        if result is None:
            if not jxml.HAS_LXML:
                module.fail_json(msg="netsec.srx_vpn.%s needs the python lxml library" % name)
            result = execute(resource, params, transaction(module), diff_mode=module._diff)
    except (ValidationError, diff.ScopeError) as exc:
        module.fail_json(msg=str(exc))
    except SrxVpnError as exc:
        module.fail_json(msg="netsec.srx_vpn.%s: %s" % (name, exc), **exc.to_result())
    except ValueError as exc:  # malformed running_config
        module.fail_json(msg="netsec.srx_vpn.%s: %s" % (name, exc))
    for warning in result.pop("warnings", []):
        module.warn(warning)
    module.exit_json(**result)

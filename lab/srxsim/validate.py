"""Commit-time checks (`commit check`): schema rules, then Junos's VPN semantics.

Inactive statements are ignored, as Junos ignores them at commit, and the checks
see the effective configuration (apply-groups inherited, srxsim.groups). Schema
errors carry error-tag invalid-value, as in
tests/fixtures/junos-rpc-samples/commit-configuration-error-missing-mandatory.xml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from srxsim.formats.render import node_words
from srxsim.groups import expand_groups
from srxsim.formats.tree import JunosError, Node, edit_path
from srxsim.semantics import active_tree, semantic_errors

if TYPE_CHECKING:
    from srxsim.config import Configuration

MANDATORY_SUMMARY = "configuration check-out failed: (missing mandatory statements)"


def validate(cfg: "Configuration") -> list[JunosError]:
    """Errors (severity "error") and warnings (severity "warning"); [] when the commit may go on."""
    tree = expand_groups(active_tree(cfg.root))
    errors: list[JunosError] = []
    _schema_checks(tree, [], errors)
    if tree.child("system") is None or tree.get("system", "root-authentication") is None:
        errors.append(JunosError(error_type="application", error_tag="invalid-value", path="[edit]",
                                 bad_element="system",
                                 message="mgd: Missing mandatory statement: 'root-authentication'"))
    if any(e.message.startswith("mgd: Missing mandatory") for e in errors):
        errors.append(JunosError(message=MANDATORY_SUMMARY))
        return errors
    errors.extend(semantic_errors(tree))
    return errors


def _schema_checks(node: Node, path: list[str], errors: list[JunosError]) -> None:
    present = {c.schema.name for c in node.children}
    for name, schema in node.schema.children.items():
        if schema.kind == "leaf" and schema.mandatory and not schema.choices and name not in present:
            errors.append(JunosError(error_type="application", error_tag="invalid-value",
                                     path=edit_path(path), bad_element=name,
                                     message=f"mgd: Missing mandatory statement: '{name}'"))
    for child in node.children:
        schema = child.schema
        if child.is_leaf:
            problem = schema.type.check(child.value or "")
            if problem is not None:
                errors.append(JunosError(
                    error_type="application", error_tag="invalid-value",
                    path=edit_path(path + [schema.cli_name]),
                    element=schema.name, bad_element=None if schema.secret else child.value,
                    message=f"{schema.name}: {problem}" if not schema.secret else f"{schema.name}: invalid value"))
        else:
            _schema_checks(child, path + node_words(child), errors)

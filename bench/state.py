"""Intended device state and its check: every tool must leave the same VPN statements.

The intended statements of a device are the set commands bench/playbooks/templates/vpn_set.j2
renders from the collection's plan of the scenario's intent. A device is in the intended state
when its committed `show configuration | display set` (read over NETCONF), restricted to the VPN
hierarchies, equals its initial statements there plus the intended ones; `$9$` pre-shared keys
are decoded before comparing (Junos re-salts them on every load).
"""
from __future__ import annotations

import shlex
import sys
from pathlib import Path

import jinja2
import yaml
from ansible.constants import DEFAULT_VAULT_ID_MATCH
from ansible.parsing.vault import VaultLib, VaultSecret

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lab"))
from srxsim import secret9  # noqa: E402  (the lab's own $9$ codec, independent of the collection)

TEMPLATE = REPO / "bench" / "playbooks" / "templates" / "vpn_set.j2"
VPN_SCOPE = ("set security ike ", "set security ipsec ", "set security policies ", "set security zones ",
             "set interfaces st0 ", "set routing-options static ")


def _plan_module():
    tree = REPO / ".build" / "dev"
    link = tree / "ansible_collections" / "netsec" / "srx_vpn"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO)
    if str(tree) not in sys.path:
        sys.path.insert(0, str(tree))
    from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import plan
    return plan


def build_plan(sites: dict, tunnels: list, profiles: dict, link_pool: str | None = None,
               link_prefix: int | None = None) -> dict:
    """The collection's pure vpn_plan function (what the vpn_plan filter calls)."""
    plan = _plan_module()
    return plan.build_plan(sites, tunnels, profiles, link_pool or plan.DEFAULT_LINK_POOL,
                           link_prefix or plan.DEFAULT_LINK_PREFIX)


def _vault_values(path: Path, password_file: Path) -> dict[str, str]:
    vault = VaultLib([(DEFAULT_VAULT_ID_MATCH, VaultSecret(password_file.read_text().strip().encode()))])

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_constructor("!vault", lambda loader, node: vault.decrypt(loader.construct_scalar(node)).decode())
    return yaml.load(path.read_text(), Loader=Loader) or {}


def _substitute(value, variables: dict[str, str]):
    if isinstance(value, dict):
        return {key: _substitute(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, variables) for item in value]
    if isinstance(value, str) and value.startswith("{{") and value.endswith("}}"):
        return variables[value.strip("{} ")]
    return value


def plan_of_inventory(inventory: Path, password_file: Path, hosts: list[str]) -> dict:
    """Plan the inventory's intent in-process (vault decrypted; `{{ var }}` PSK references resolved)."""
    group = inventory / "group_vars" / "all"
    intent = yaml.safe_load((group / "vpn.yml").read_text())
    secrets = _vault_values(group / "vault.yml", password_file)
    sites = {host: yaml.safe_load((inventory / "host_vars" / (host + ".yml")).read_text())["vpn_site"]
             for host in hosts}
    tunnels = _substitute(intent["vpn_tunnels"], secrets)
    return build_plan(sites, tunnels, intent.get("vpn_crypto_profiles", {}), intent.get("vpn_link_pool"),
                      intent.get("vpn_link_prefix"))


def render_set(config: dict) -> list[str]:
    """The device's intended VPN set commands (the baseline template, rendered here with plain Jinja)."""
    # trim_blocks as Ansible's template lookup has it
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True)
    template = env.from_string(TEMPLATE.read_text())
    return [line for line in template.render(config=config).splitlines() if line.strip()]


def canonical(lines) -> set[str]:
    """VPN-scope statements with quotes removed and $9$ secrets decoded."""
    found = set()
    for line in lines:
        line = line.strip()
        if not line.startswith(VPN_SCOPE):
            continue
        words = shlex.split(line)
        words = [secret9.decrypt(word) if secret9.is_secret9(word) else word for word in words]
        found.add(" ".join(words))
    return found


def check(initial_set: str, device_set: str, intended: list[str]) -> list[str]:
    """Differences between the device and its intended state ([] when equal); secrets masked."""
    want = canonical(initial_set.splitlines()) | canonical(intended)
    have = canonical(device_set.splitlines())
    problems = ["missing: " + _mask(line) for line in sorted(want - have)]
    problems += ["unexpected: " + _mask(line) for line in sorted(have - want)]
    return problems


def _mask(line: str) -> str:
    head, marker, _ = line.partition(" pre-shared-key ascii-text ")
    return head + marker + "<masked>" if marker else line

# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vpn_plan, vpn_plan_summary and vpn_diagram filters."""

from __future__ import annotations


from ansible.errors import AnsibleFilterError

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import (
    DEFAULT_LINK_POOL, DEFAULT_LINK_PREFIX, PlanError, build_plan,
)
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_diagram import mermaid, summary
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan_verify import verify_rows, verify_table


def _sites(source):
    """Accept hostvars (read vpn_site of each host) or a plain {host: vpn_site}."""
    sites = {}
    for host in source:
        value = source[host]
        if hasattr(value, "get") and ("vpn_site" in value or "inventory_hostname" in value):
            site = value.get("vpn_site")
            if site:
                sites[str(host)] = site
        elif value:
            sites[str(host)] = value
    return sites


def vpn_plan(tunnels, sites, profiles=None, link_pool=DEFAULT_LINK_POOL, link_prefix=DEFAULT_LINK_PREFIX):
    try:
        return build_plan(_sites(sites), tunnels, profiles or {}, link_pool or DEFAULT_LINK_POOL,
                          link_prefix or DEFAULT_LINK_PREFIX)
    except PlanError as exc:
        raise AnsibleFilterError("vpn_plan: bad VPN intent in inventory:\n{0}".format(exc))


def vpn_plan_issues(tunnels, sites, profiles=None, link_pool=DEFAULT_LINK_POOL, link_prefix=DEFAULT_LINK_PREFIX):
    """Every problem in the intent as 'host H, tunnel T, field F: message' lines; [] when the plan is good."""
    try:
        build_plan(_sites(sites), tunnels, profiles or {}, link_pool or DEFAULT_LINK_POOL,
                   link_prefix or DEFAULT_LINK_PREFIX)
    except PlanError as exc:
        return [str(issue) for issue in exc.issues]
    return []


def vpn_verify(tunnels, status, pings, host):
    return verify_rows(tunnels, status, pings, host)


def vpn_verify_table(rows):
    return verify_table(rows)


def vpn_plan_summary(plan, host=None):
    return summary(plan, host)


def vpn_diagram(plan):
    return mermaid(plan)


class FilterModule:
    def filters(self):
        return {"vpn_plan": vpn_plan, "vpn_plan_issues": vpn_plan_issues, "vpn_plan_summary": vpn_plan_summary, "vpn_diagram": vpn_diagram,
                "vpn_verify": vpn_verify, "vpn_verify_table": vpn_verify_table}

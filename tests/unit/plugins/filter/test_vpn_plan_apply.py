"""apply's edit: plan vs device configuration, scoped by the on-device ledger (pure, no device)."""
import copy

from lxml import etree

from playbook_runner import import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import plan_apply  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.plan import build_plan  # noqa: E402

SITES = {
    "site-a": {"external_interface": "ge-0/0/0", "external_address": "192.0.2.1", "lan_subnets": ["192.168.1.0/24"]},
    "site-b": {"external_interface": "ge-0/0/0", "external_address": "203.0.113.1", "lan_subnets": ["192.168.2.0/24"]},
}
TUNNEL = {"name": "seed004", "ends": ["site-a", "site-b"], "psk": "k", "st0_unit": 0, "link": "10.1.1.0/30",
          "names": {"gateway": "remote-site", "vpn": "vpn-to-remote-site", "ike_policy": "ike-policy",
                    "ipsec_policy": "ipsec-policy"}}
# The lab's base configuration: the underlay already admits IKE on ge-0/0/0.0, and the user has
# an unrelated route and IKE gateway the collection must never touch.
UNDERLAY = """<configuration><security>
  <ike><gateway><name>users-own</name><address>198.18.0.9</address></gateway></ike>
  <zones>
    <security-zone><name>untrust</name><interfaces><name>ge-0/0/0.0</name><host-inbound-traffic>
      <system-services><name>ike</name></system-services></host-inbound-traffic></interfaces></security-zone>
    <security-zone><name>trust</name><interfaces><name>ge-0/0/1.0</name></interfaces></security-zone>
  </zones></security>
  <routing-options><static><route><name>0.0.0.0/0</name><next-hop>192.0.2.254</next-hop></route></static></routing-options>
</configuration>"""


def site_a(tunnels=(TUNNEL,)):
    return build_plan(SITES, list(tunnels))["devices"].get("site-a", {}).get("config", {})


def commit(edit, configuration):
    """Apply an edit the way Junos merges XML (enough for these tests): delete attributes and merge by key."""
    def key(el):
        name = el.find("name")
        return (el.tag, name.text if name is not None else None,
                tuple(c.text for c in el if c.tag in ("from-zone-name", "to-zone-name")))

    def merge(target, source):
        for child in source:
            match = next((t for t in target if key(t) == key(child)), None)
            if child.get("delete") == "delete":
                if match is not None:
                    target.remove(match)
            elif match is None:
                target.append(copy.deepcopy(child))
            elif len(child):
                merge(match, child)
            else:
                match.text = child.text
    merge(configuration, edit)
    return configuration


def text(element):
    return etree.tostring(element, encoding="unicode")


def test_first_run_records_only_what_it_adds():
    configuration = etree.fromstring(UNDERLAY)
    edit, summary, atoms, old = plan_apply.plan_edit(site_a(), configuration)
    assert old == set()
    assert "ike|gateways||remote-site" in atoms and "zones|zone|vpn" in atoms
    # host-inbound ike was there before: not ours, never removed later
    assert not any(a.startswith("zones|service|untrust") for a in atoms)
    assert "users-own" not in text(edit) and "0.0.0.0/0" not in text(edit)
    assert plan_apply.count_summary(summary) == {"added": 9, "changed": 0, "removed": 0}
    assert "added IKE gateway remote-site" in plan_apply.change_lines(summary)


def test_converged_device_needs_no_edit():
    configuration = etree.fromstring(UNDERLAY)
    edit, _s, _a, _o = plan_apply.plan_edit(site_a(), configuration)
    commit(edit, configuration)
    again, summary, _atoms, _old = plan_apply.plan_edit(site_a(), configuration)
    assert again is None and plan_apply.count_summary(summary) == {"added": 0, "changed": 0, "removed": 0}


def test_removing_the_tunnel_removes_exactly_its_objects():
    configuration = etree.fromstring(UNDERLAY)
    commit(plan_apply.plan_edit(site_a(), configuration)[0], configuration)
    edit, summary, atoms, old = plan_apply.plan_edit({}, configuration)
    assert atoms == set() and old
    removed = plan_apply.change_lines(summary)
    assert "removed IKE gateway remote-site" in removed and "removed static route 192.168.2.0/24" in removed
    after = commit(edit, configuration)
    assert text(after).count("users-own") == 1 and "0.0.0.0/0" in text(after)
    assert after.find("security/apply-macro") is None
    assert after.find("interfaces/interface") is None          # the st0 it created goes too
    zones = {z.findtext("name") for z in after.findall("security/zones/security-zone")}
    assert zones == {"untrust", "trust"}                          # zone vpn was ours
    assert after.find("security/policies/policy") is None        # no empty trust->vpn pair left
    assert "<name>ike</name>" in text(after.find("security/zones"))  # the underlay's ike stays


def test_read_filter_asks_for_the_ledger_and_every_managed_subtree():
    flt = plan_apply.read_filter()
    assert flt.find("security/apply-macro/name").text == "netsec-srx-vpn"
    for path in ("security/ike/gateway", "security/ipsec/vpn", "security/zones/security-zone",
                 "security/policies/policy", "routing-options/static/route"):
        assert flt.find(path) is not None, path

"""Commit checks: schema rules and Junos's VPN semantics."""

import pytest
from lxml import etree

from srxsim.config import Configuration, validate

from cfgdata import BASE, PSK, SAMPLES, SEED_004, load_set


def errors_of(cfg):
    return [e for e in validate(cfg) if e.severity == "error"]


def test_seed_004_with_psk_commits(seed_config):
    assert validate(seed_config) == []


def test_genuine_vsrx_configuration_validates():
    reply = etree.parse(str(SAMPLES / "get-configuration-vsrx-route-based-vpn.xml")).getroot()
    assert validate(Configuration.from_xml(reply[0])) == []


def test_missing_root_authentication_like_the_genuine_sample():
    # tests/fixtures/junos-rpc-samples/commit-configuration-error-missing-mandatory.xml
    errors = validate(load_set("set system host-name r1\n"))
    assert errors[0].path == "[edit]" and errors[0].bad_element == "system"
    assert errors[0].message == "mgd: Missing mandatory statement: 'root-authentication'"
    assert errors[0].error_tag == "invalid-value" and errors[0].error_type == "application"
    assert errors[1].message == "configuration check-out failed: (missing mandatory statements)"


def test_inactive_statements_are_not_checked(seed_config):
    broken = load_set("set security ike gateway gw9 ike-policy nope\n"
                      "deactivate security ike gateway gw9\n", seed_config)
    assert validate(broken) == []


def single_error(cfg):
    errors = errors_of(cfg)
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize("lines, path, element, words", [
    ("set security ike gateway remote-site ike-policy missing-policy\n",
     "[edit security ike gateway remote-site]", "ike-policy", "IKE policy 'missing-policy' is not defined"),
    ("set security ike proposal custom-p1 dh-group group14\n"
     "set security ike policy ike-policy proposals custom-p1\n",
     "[edit security ike policy ike-policy]", "proposal-set", "mutually exclusive"),
    ("set security ipsec policy ipsec-policy proposals nope\n"
     "delete security ipsec policy ipsec-policy proposal-set\n",
     "[edit security ipsec policy ipsec-policy]", "proposals", "IPsec proposal 'nope' is not defined"),
    ("set security ipsec vpn vpn-to-remote-site ike gateway nogw\n",
     "[edit security ipsec vpn vpn-to-remote-site ike]", "gateway", "IKE gateway 'nogw' is not defined"),
    ("set security ipsec vpn vpn-to-remote-site ike ipsec-policy nopol\n",
     "[edit security ipsec vpn vpn-to-remote-site ike]", "ipsec-policy", "IPsec policy 'nopol' is not defined"),
    ("set security ipsec vpn vpn-to-remote-site bind-interface st0.5\n",
     "[edit security ipsec vpn vpn-to-remote-site]", "bind-interface", "configured st0 unit"),
    ("set security ike gateway remote-site external-interface ge-0/0/7\n",
     "[edit security ike gateway remote-site]", "external-interface", "'ge-0/0/7' is not configured"),
    ("delete security ike gateway remote-site address\n",
     "[edit security ike gateway remote-site]", "address", "address or dynamic"),
    ("delete security ike policy ike-policy pre-shared-key\n",
     "[edit security ike policy ike-policy]", "pre-shared-key", "Pre-shared key is required"),
    ("set security zones security-zone dmz interfaces ge-0/0/1.0\n",
     "[edit security zones security-zone dmz interfaces ge-0/0/1.0]", "interfaces", "only one zone"),
    ("set security zones security-zone dmz interfaces ge-0/0/9.0\n",
     "[edit security zones security-zone dmz]", "interfaces", "must be configured"),
    ("set security policies from-zone trust to-zone vpn policy p1 match source-address any\n"
     "set security policies from-zone trust to-zone vpn policy p1 match destination-address any\n"
     "set security policies from-zone trust to-zone vpn policy p1 match application any\n"
     "set security policies from-zone trust to-zone vpn policy p1 then permit tunnel ipsec-vpn ghost\n",
     "[edit security policies from-zone trust to-zone vpn policy p1 then permit tunnel]", "ipsec-vpn",
     "IPsec VPN 'ghost' is not defined"),
    ("set security ipsec vpn second bind-interface st0.0\n"
     "set security ipsec vpn second ike gateway remote-site\n",
     "[edit security ipsec vpn second]", "bind-interface", "more than one VPN"),
])
def test_semantic_errors(seed_config, lines, path, element, words):
    error = single_error(load_set(lines, seed_config))
    assert error.path == path
    assert error.element == element
    assert words in error.message
    assert error.severity == "error"


def test_more_than_four_proposals(seed_config):
    lines = "delete security ike policy ike-policy proposal-set\n"
    for n in range(5):
        lines += f"set security ike proposal p{n} authentication-method pre-shared-keys\n"
        lines += f"set security ike policy ike-policy proposals p{n}\n"
    error = single_error(load_set(lines, seed_config))
    assert error.element == "proposals" and "Maximum of 4 proposals" in error.message


def test_multipoint_st0_may_carry_several_vpns(seed_config):
    cfg = load_set("set interfaces st0 unit 0 multipoint\n"
                   "set security ipsec vpn second bind-interface st0.0\n"
                   "set security ipsec vpn second ike gateway remote-site\n", seed_config)
    assert errors_of(cfg) == []


def test_certificate_authentication_needs_no_psk():
    cfg = load_set(BASE + SEED_004 +
                   "delete security ike policy ike-policy proposal-set\n"
                   "set security ike proposal rsa authentication-method rsa-signatures\n"
                   "set security ike policy ike-policy proposals rsa\n")
    assert errors_of(cfg) == []


def test_psk_needed_with_default_proposal_set():
    errors = errors_of(load_set(BASE + SEED_004))
    assert [e.element for e in errors] == ["pre-shared-key"]
    assert "lab secret" not in PSK or all("lab secret" not in e.message for e in errors)


def test_yang_mandatory_leaf(seed_config):
    cfg = load_set("set jsrc partition p1 destination-realm r destination-host h\n", seed_config)
    errors = validate(cfg)
    assert errors[0].path == "[edit jsrc partition p1]"
    assert errors[0].bad_element == "diameter-instance"
    assert errors[0].message == "mgd: Missing mandatory statement: 'diameter-instance'"


POLICY = "set security policies from-zone trust to-zone untrust policy p1 "


@pytest.mark.parametrize("lines, element, words", [
    (POLICY + "match source-address web\n", "source-address", "Address 'web' is not defined"),
    (POLICY + "match destination-address web\n", "destination-address", "Address 'web' is not defined"),
    (POLICY + "match application my-app\n", "application", "Application 'my-app' is not defined"),
])
def test_policy_match_references(seed_config, lines, element, words):
    error = single_error(load_set(lines, seed_config))
    assert error.path == "[edit security policies from-zone trust to-zone untrust policy p1 match]"
    assert (error.element, words in error.message) == (element, True)


def test_policy_references_resolve_through_books_and_applications(seed_config):
    cfg = load_set("set security address-book global address web 192.0.2.0/24\n"
                   "set security zones security-zone untrust address-book address peer 198.51.100.0/24\n"
                   "set applications application my-app protocol tcp destination-port 8443\n"
                   + POLICY + "match source-address web\n"
                   + POLICY + "match destination-address peer\n"
                   + POLICY + "match application [ my-app junos-ssh ]\n"
                   + POLICY + "then permit\n", seed_config)
    assert errors_of(cfg) == []


def test_policy_zones_must_exist(seed_config):
    error = single_error(load_set("set security policies from-zone trust to-zone nowhere policy p "
                                  "match application any\n", seed_config))
    assert error.path == "[edit security policies from-zone trust to-zone nowhere]"
    assert error.element == "to-zone" and "'nowhere' is not defined" in error.message

"""`show | compare` output."""

from srxsim.config import Configuration, compare

from cfgdata import PSK, SEED_004, load_set


def test_equal_configurations_compare_empty():
    cfg = load_set(SEED_004)
    assert compare(cfg, cfg) == ""
    assert compare(cfg, load_set(cfg.to_set())) == ""


def test_added_interface_matches_the_genuine_sample_layout():
    # tests/fixtures/junos-rpc-samples/get-configuration-compare-rollback.xml
    old = load_set("set interfaces ge-0/0/0 unit 0 family inet\n")
    new = load_set("set interfaces ae11 unit 0 description Test\n", old)
    assert compare(old, new) == (
        "[edit interfaces]\n"
        "+   ae11 {\n"
        "+       unit 0 {\n"
        "+           description Test;\n"
        "+       }\n"
        "+   }\n")


def test_changes_are_grouped_under_their_hierarchy():
    old = load_set(SEED_004)
    new = load_set("set security ike gateway remote-site address 198.51.100.9\n"
                   "delete security ike gateway remote-site address 203.0.113.1\n"
                   "set security ike gateway gw2 ike-policy ike-policy\n"
                   "delete routing-options\n", old)
    assert compare(old, new) == (
        "[edit]\n"
        "-   routing-options {\n"
        "-       static {\n"
        "-           route 192.168.2.0/24 next-hop 10.1.1.2;\n"
        "-       }\n"
        "-   }\n"
        "[edit security ike]\n"
        "+   gateway gw2 {\n"
        "+       ike-policy ike-policy;\n"
        "+   }\n"
        "[edit security ike gateway remote-site]\n"
        "-   address 203.0.113.1;\n"
        "+   address 198.51.100.9;\n")


def test_changed_leaf_shows_old_and_new():
    old = load_set("set system host-name a\n")
    new = load_set("set system host-name b\n")
    assert compare(old, new) == "[edit system]\n-   host-name a;\n+   host-name b;\n"


def test_reloading_the_same_plaintext_psk_shows_a_change():
    first = load_set(SEED_004 + PSK)
    second = load_set(PSK, first)
    diff = compare(first, second)
    # pre-shared-key is a DDL oneliner: the whole line is removed and re-added
    assert diff.startswith("[edit security ike policy ike-policy]\n-   pre-shared-key ascii-text \"$9$")
    assert diff.count("## SECRET-DATA") == 2
    assert "lab secret 1" not in diff


def test_deactivation_and_activation_show_as_changed_statements():
    old = load_set(SEED_004)
    new = load_set("deactivate routing-options static route 192.168.2.0/24\n", old)
    assert compare(old, new) == "[edit routing-options static]\n!   inactive: route 192.168.2.0/24 { ... }\n"
    assert compare(new, old) == "[edit routing-options static]\n!   active: route 192.168.2.0/24 { ... }\n"


def test_grouped_list_entries_get_their_own_section():
    old = load_set("set security zones security-zone untrust interfaces ge-0/0/0.0\n")
    new = load_set("set security zones security-zone untrust interfaces ge-0/0/1.0\n"
                   "set security zones security-zone untrust host-inbound-traffic system-services ike\n", old)
    assert compare(old, new) == (
        "[edit security zones security-zone untrust]\n"
        "+   host-inbound-traffic {\n"
        "+       system-services {\n"
        "+           ike;\n"
        "+       }\n"
        "+   }\n"
        "[edit security zones security-zone untrust interfaces]\n"
        "+   ge-0/0/1.0;\n")


def test_compare_against_empty():
    new = load_set("set system host-name r1\n")
    assert compare(Configuration.empty(), new) == "[edit]\n+   system {\n+       host-name r1;\n+   }\n"
    assert compare(new, Configuration.empty()) == "[edit]\n-   system {\n-       host-name r1;\n-   }\n"


def test_reordered_policies_show_the_moved_entry():
    old = load_set("set security policies from-zone a to-zone b policy p1 then permit\n"
                   "set security policies from-zone a to-zone b policy p2 then deny\n"
                   "set security policies from-zone a to-zone b policy p3 then reject\n")
    new = load_set("insert security policies from-zone a to-zone b policy p3 before policy p1\n", old)
    assert compare(old, new) == (
        "[edit security policies from-zone a to-zone b]\n"
        "-   policy p3 {\n"
        "-       then {\n"
        "-           reject;\n"
        "-       }\n"
        "-   }\n"
        "+   policy p3 {\n"
        "+       then {\n"
        "+           reject;\n"
        "+       }\n"
        "+   }\n")
    assert compare(old, old) == ""

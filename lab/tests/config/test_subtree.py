"""Subtree filters of get-configuration."""

from cfgdata import SEED_004, load_set


def test_selection_node_returns_the_whole_hierarchy():
    cfg = load_set(SEED_004)
    part = cfg.subtree("<configuration><security><ike/></security></configuration>")
    assert part.to_set() == (
        "set security ike policy ike-policy proposal-set standard\n"
        "set security ike gateway remote-site ike-policy ike-policy\n"
        "set security ike gateway remote-site address 203.0.113.1\n"
        "set security ike gateway remote-site external-interface ge-0/0/0\n")


def test_content_match_selects_one_list_entry():
    cfg = load_set(SEED_004 + "set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/24\n")
    part = cfg.subtree("<configuration><interfaces><interface><name>st0</name></interface>"
                       "</interfaces></configuration>")
    assert part.to_set() == "set interfaces st0 unit 0 family inet address 10.1.1.1/30\n"


def test_content_match_with_selection_below_it():
    cfg = load_set(SEED_004 + "set security ike gateway gw2 address 192.0.2.1\n")
    part = cfg.subtree("<configuration><security><ike><gateway><name>gw2</name><address/></gateway>"
                       "</ike></security></configuration>")
    assert part.to_set() == "set security ike gateway gw2 address 192.0.2.1\n"


def test_filter_on_absent_hierarchy_is_empty():
    cfg = load_set(SEED_004)
    assert cfg.subtree("<configuration><system/></configuration>").is_empty()
    assert cfg.subtree("<configuration/>") == cfg


def test_namespaced_filter():
    cfg = load_set(SEED_004)
    part = cfg.subtree('<configuration xmlns="http://yang.juniper.net/junos-es/conf/root">'
                       '<routing-options/></configuration>')
    assert part.to_set() == "set routing-options static route 192.168.2.0/24 next-hop 10.1.1.2\n"

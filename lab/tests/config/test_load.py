"""load-configuration: actions, XML operation attributes, text tags, set commands, errors."""

import pytest

from srxsim import secret9
from srxsim.config import ConfigError, Configuration, load_configuration

from cfgdata import SEED_004, load_set


def load(base, payload, action="merge", fmt="xml"):
    return load_configuration(base, payload, action=action, fmt=fmt)


@pytest.fixture
def seed():
    return load_set(SEED_004)


def gateway_xml(name, address, attrs=""):
    return (f"<configuration><security><ike><gateway{attrs}><name>{name}</name>"
            f"<address>{address}</address></gateway></ike></security></configuration>")


def test_merge_adds_and_keeps_existing(seed):
    new = load(seed, gateway_xml("gw2", "198.51.100.1"))
    gateways = new.to_xml().findall("security/ike/gateway")
    assert [g.findtext("name") for g in gateways] == ["remote-site", "gw2"]
    assert seed.to_xml().findall("security/ike/gateway")[0].findtext("name") == "remote-site"
    assert len(seed.to_xml().findall("security/ike/gateway")) == 1     # base snapshot untouched


def test_merge_of_existing_leaf_list_entry_adds_address(seed):
    new = load(seed, gateway_xml("remote-site", "198.51.100.1"))
    addresses = [a.text for a in new.to_xml().findall("security/ike/gateway/address")]
    assert addresses == ["203.0.113.1", "198.51.100.1"]


def test_operation_replace_replaces_the_element(seed):
    new = load(seed, gateway_xml("remote-site", "198.51.100.1", ' operation="replace"'))
    gateway = new.to_xml().find("security/ike/gateway")
    assert [c.tag for c in gateway] == ["name", "address"]
    assert gateway.findtext("address") == "198.51.100.1"


def test_junos_replace_attribute_needs_action_replace(seed):
    payload = gateway_xml("remote-site", "198.51.100.1", ' replace="replace"')
    merged = load(seed, payload, action="merge")
    replaced = load(seed, payload, action="replace")
    assert merged.to_xml().find("security/ike/gateway/ike-policy") is not None
    assert replaced.to_xml().find("security/ike/gateway/ike-policy") is None


@pytest.mark.parametrize("attr", [' operation="delete"', ' delete="delete"'])
def test_delete_attributes(seed, attr):
    new = load(seed, f'<configuration><security><ike><gateway{attr}><name>remote-site</name>'
                     f'</gateway></ike></security></configuration>')
    assert new.to_xml().find("security/ike/gateway") is None
    assert new.to_xml().find("security/ike/policy") is not None


def test_delete_a_leaf_by_attribute(seed):
    new = load(seed, '<configuration><security><ike><gateway><name>remote-site</name>'
                     '<external-interface operation="delete"/></gateway></ike></security></configuration>')
    assert new.to_xml().find("security/ike/gateway/external-interface") is None


def test_operation_create_refuses_existing(seed):
    with pytest.raises(ConfigError) as info:
        load(seed, gateway_xml("remote-site", "1.1.1.1", ' operation="create"'))
    assert info.value.errors[0].error_tag == "data-exists"


def test_override_and_update_replace_everything(seed):
    payload = "<configuration><system><host-name>r2</host-name></system></configuration>"
    for action in ("override", "update"):
        new = load(seed, payload, action=action)
        assert new.to_set() == "set system host-name r2\n"


def test_text_replace_tag_and_override(seed):
    text = ("security { ike { replace: gateway remote-site { address 192.0.2.9; "
            "external-interface ge-0/0/1; } } }")
    new = load(seed, text, action="replace", fmt="text")
    assert "set security ike gateway remote-site address 192.0.2.9" in new.to_set()
    assert "ike-policy ike-policy" not in new.to_set().split("gateway remote-site", 1)[1]
    merged = load(seed, text, action="merge", fmt="text")
    assert "set security ike gateway remote-site ike-policy ike-policy" in merged.to_set()


def test_text_delete_and_inactive_tags(seed):
    new = load(seed, "security { ike { delete: gateway remote-site; inactive: policy ike-policy { mode main; } } }",
               fmt="text")
    assert "set security ike gateway" not in new.to_set()
    assert "deactivate security ike policy ike-policy" in new.to_set()


def test_text_shorthand_interface_unit():
    cfg = load(Configuration.empty(), "interfaces { st0.1 { family inet; } }", fmt="text")
    assert cfg.to_set() == "set interfaces st0 unit 1 family inet\n"


def test_set_delete_edit_top_up(seed):
    new = load_set("edit security ike gateway remote-site\n"
                   "set address 192.0.2.7\n"
                   "delete address 203.0.113.1\n"
                   "up\n"
                   "set policy p2 mode aggressive\n"
                   "top\n"
                   "delete routing-options\n", seed)
    text = new.to_set()
    assert "set security ike gateway remote-site address 192.0.2.7" in text
    assert "203.0.113.1" not in text
    assert "set security ike policy p2 mode aggressive" in text
    assert "routing-options" not in text


def test_choice_case_setting_one_removes_other():
    cfg = load_set("set routing-options static route 10.0.0.0/8 next-hop 192.0.2.1\n"
                   "set routing-options static route 10.0.0.0/8 discard\n")
    assert cfg.to_set() == "set routing-options static route 10.0.0.0/8 discard\n"
    cfg = load_set("set routing-options static route 10.0.0.0/8 next-hop 192.0.2.1\n", cfg)
    assert cfg.to_set() == "set routing-options static route 10.0.0.0/8 next-hop 192.0.2.1\n"


def test_qualified_next_hop_and_routing_instance():
    cfg = load_set("set routing-options static route 10.0.0.0/8 qualified-next-hop st0.1 preference 20\n"
                   "set routing-instances vr1 instance-type virtual-router\n"
                   "set routing-instances vr1 interface st0.2\n"
                   "set routing-instances vr1 routing-options static route 0.0.0.0/0 next-hop st0.2\n")
    xml = cfg.to_xml()
    assert xml.findtext("routing-options/static/route/qualified-next-hop/name") == "st0.1"
    assert xml.findtext("routing-options/static/route/qualified-next-hop/preference") == "20"
    assert xml.findtext("routing-instances/instance/interface/name") == "st0.2"
    assert load_set(cfg.to_set()) == cfg


def test_ordered_insert_in_set_and_xml():
    base = load_set("set security policies from-zone a to-zone b policy p1 then permit\n"
                    "set security policies from-zone a to-zone b policy p2 then deny\n")
    moved = load_set("insert security policies from-zone a to-zone b policy p2 before policy p1\n", base)
    names = [p.findtext("name") for p in moved.to_xml().findall("security/policies/policy/policy")]
    assert names == ["p2", "p1"]
    xml = ('<configuration><security><policies><policy><from-zone-name>a</from-zone-name>'
           '<to-zone-name>b</to-zone-name><policy insert="after" name="p1"><name>p3</name>'
           '<then><permit/></then></policy></policy></policies></security></configuration>')
    inserted = load(base, xml)
    names = [p.findtext("name") for p in inserted.to_xml().findall("security/policies/policy/policy")]
    assert names == ["p1", "p3", "p2"]


def test_plaintext_psk_is_stored_as_fresh_9_secret():
    line = 'set security ike policy p pre-shared-key ascii-text "my key"\n'
    first, second = load_set(line), load_set(line)
    stored = first.to_xml().findtext("security/ike/policy/pre-shared-key/ascii-text")
    other = second.to_xml().findtext("security/ike/policy/pre-shared-key/ascii-text")
    assert stored.startswith("$9$") and secret9.decrypt(stored) == "my key"
    assert stored != other or secret9.decrypt(other) == "my key"
    already = load_set(f'set security ike policy p pre-shared-key ascii-text "{stored}"\n')
    assert already.to_xml().findtext("security/ike/policy/pre-shared-key/ascii-text") == stored


def test_hexadecimal_psk_replaces_ascii_text_choice():
    cfg = load_set('set security ike policy p pre-shared-key ascii-text "k"\n'
                   "set security ike policy p pre-shared-key hexadecimal 0a0b\n")
    psk = cfg.to_xml().find("security/ike/policy/pre-shared-key")
    assert [c.tag for c in psk] == ["hexadecimal"]
    assert secret9.decrypt(psk.findtext("hexadecimal")) == "0a0b"


@pytest.mark.parametrize("payload, fmt, bad, message", [
    ("<configuration><security><ike><bogus/></ike></security></configuration>", "xml", "bogus", "syntax error"),
    ("set security ike bogus x", "set", "bogus", "syntax error"),
    ("security { ike { bogus; } }", "text", "bogus", "syntax error"),
    ("set security ike proposal p dh-group group99", "set", "group99", "invalid value"),
    ("set security ike proposal p lifetime-seconds 10", "set", "10", "not within range"),
    ("set security ike proposal p lifetime-seconds ten", "set", "ten", "number expected"),
    ("set system host-name", "set", "host-name", "missing argument"),
    ("<configuration><security><ike><gateway><address>1.1.1.1</address></gateway></ike></security>"
     "</configuration>", "xml", "name", "missing mandatory statement"),
    ("<configuration><security><ike>", "xml", None, "syntax error"),
    ("security { ike { policy p { mode main; }", "text", None, "missing"),
])
def test_refused_loads(payload, fmt, bad, message):
    action = "set" if fmt == "set" else "merge"
    with pytest.raises(ConfigError) as info:
        load(Configuration.empty(), payload, action=action, fmt=fmt)
    error = info.value.errors[0]
    assert message in error.message
    if bad is not None:
        assert error.bad_element == bad


def test_error_names_the_hierarchy():
    with pytest.raises(ConfigError) as info:
        load_set("set security ike gateway gw1 bogus-statement")
    assert info.value.errors[0].path == "[edit security ike gateway gw1]"


def test_secret_values_never_appear_in_errors():
    too_long = "x" * 300
    with pytest.raises(ConfigError) as info:
        load_set(f"set security ike policy p pre-shared-key ascii-text {too_long}")
    assert too_long not in str(info.value)
    assert all(too_long not in str(e) for e in info.value.errors)


def test_namespaces_and_undocumented_wrappers_are_tolerated():
    xml = ('<configuration xmlns="http://yang.juniper.net/junos-es/conf/root">'
           '<system xmlns="http://yang.juniper.net/junos-es/conf/system"><host-name>r1</host-name>'
           '<undocumented><not-in-yang/></undocumented></system></configuration>')
    assert Configuration.from_xml(xml).to_set() == "set system host-name r1\n"


@pytest.mark.parametrize("payload, bad", [
    ("<configuration><system><host-name><x/></host-name></system></configuration>", "x"),
    ("<configuration><system>text</system></configuration>", "system"),
    ("<configuration><security><ike><proposal><name>p</name><dh-group>group99</dh-group>"
     "</proposal></ike></security></configuration>", "group99"),
])
def test_malformed_xml_statements_are_refused(payload, bad):
    with pytest.raises(ConfigError) as info:
        Configuration.from_xml(payload)
    assert info.value.errors[0].bad_element == bad


def test_value_errors_name_the_statement_and_value():
    with pytest.raises(ConfigError) as info:
        load_set("set security ike proposal p lifetime-seconds 10")
    error = info.value.errors[0]
    assert (error.path, error.element) == ("[edit security ike proposal p lifetime-seconds]", "lifetime-seconds")
    assert error.bad_element == "10"
    assert error.message == "lifetime-seconds '10': Value 10 is not within range (180..86400)"


def test_text_comments_and_secret_markers_are_ignored():
    text = ('/* annotation */\nsecurity {\n    ike {\n        # a comment\n'
            '        policy p {\n'
            '            pre-shared-key ascii-text "$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz"; ## SECRET-DATA\n'
            '        }\n    }\n}\n')
    cfg = load(Configuration.empty(), text, fmt="text")
    assert cfg.to_text() == text.replace("/* annotation */\n", "").replace("        # a comment\n", "")


def test_up_counts_nodes_not_words(seed):
    new = load_set("edit security ike gateway remote-site dead-peer-detection\n"
                   "set interval 10\n"
                   "up 2\n"
                   "set proposal p1 dh-group group14\n", seed)
    assert "set security ike gateway remote-site dead-peer-detection interval 10" in new.to_set()
    assert "set security ike proposal p1 dh-group group14" in new.to_set()


@pytest.mark.parametrize("name", ["ge-0/0/0", "xe-1/2/3:1", "st0", "ae12", "fxp0", "lo0", "irb", "reth1"])
def test_interface_names_junos_accepts(name):
    assert f"set interfaces {name} " in load_set(f"set interfaces {name} description x\n").to_set()


@pytest.mark.parametrize("line, bad", [
    ("set interfaces bogus description x", "bogus"),
    ("set bogus-top-level x", "bogus-top-level"),
])
def test_bad_names_are_refused(line, bad):
    with pytest.raises(ConfigError) as info:
        load_set(line)
    assert info.value.errors[0].bad_element == bad


def test_groups_are_grouped_in_text_and_keyworded_in_set():
    cfg = load_set("set groups lab system host-name r1\nset apply-groups lab\n")
    assert cfg.to_set() == "set groups lab system host-name r1\nset apply-groups lab\n"
    assert cfg.to_text().startswith("groups {\n    lab {\n        system {\n")
    assert load(Configuration.empty(), cfg.to_text(), fmt="text") == cfg


def test_text_inactive_tag_with_semicolon_deactivates_an_existing_object(seed):
    # Junos XML management protocol guide: "(inactive | active): object identifier;"
    new = load(seed, "security { ike { inactive:\ngateway remote-site; } }", fmt="text")
    assert "inactive: gateway remote-site {" in new.to_text()
    assert "set security ike gateway remote-site address 203.0.113.1" in new.to_set()
    back = load(new, "security { ike { active: gateway remote-site; } }", fmt="text")
    assert back == seed


def test_xml_inactive_on_empty_container(seed):
    new = load(seed, '<configuration><routing-options inactive="inactive"/></configuration>')
    assert new.to_text().endswith("inactive: routing-options {\n    static {\n"
                                  "        route 192.168.2.0/24 next-hop 10.1.1.2;\n    }\n}\n")


def test_deleting_missing_statements_creates_nothing(seed):
    assert load_set("delete system syslog\ndelete security ike gateway gw9 address 192.0.2.1\n", seed) == seed
    xml = ('<configuration><system><login><user operation="delete"><name>nobody</name></user></login>'
           '</system></configuration>')
    assert load(seed, xml) == seed


def test_deleting_the_last_statement_removes_empty_hierarchies(seed):
    new = load_set("delete routing-options static route 192.168.2.0/24\n", seed)
    assert "routing-options" not in new.to_text()
    kept = load_set("delete security ike gateway remote-site address\n", seed)
    assert "set security ike gateway remote-site ike-policy ike-policy" in kept.to_set()
    entry_only = load_set("delete security ipsec policy ipsec-policy proposal-set\n", seed)
    assert "        policy ipsec-policy;\n" in entry_only.to_text()

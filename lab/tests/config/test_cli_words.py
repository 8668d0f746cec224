"""CLI keywords and display flags that differ from the YANG/XML names.

Set and text formats use the CLI words (`match` in NAT rules) and Junos's DDL display
flags (nokeyword, homogeneous, oneliner, oneliner-plus, from Juniper's
conf-with-extensions YANG); XML and JSON keep the YANG element names.
"""

from pathlib import Path

import pytest

from srxsim.config import ConfigError, Configuration, compare, load_configuration, schema
from srxsim.formats import cli_features

from cfgdata import load_set

DATA = Path(__file__).parent / "data"
SRX_BASE_SET = (DATA / "srx-base.set").read_text()
SRX_BASE_TEXT = (DATA / "srx-base.conf").read_text()


def load(text: str, fmt: str) -> Configuration:
    action = "set" if fmt == "set" else "merge"
    return load_configuration(Configuration.empty(), text, action=action, fmt=fmt)


def test_realistic_srx_base_config_round_trips_in_set_and_text():
    from_set = load(SRX_BASE_SET, "set")
    from_text = load(SRX_BASE_TEXT, "text")
    assert from_set == from_text
    assert from_set.to_set() == SRX_BASE_SET
    assert from_set.to_text() == SRX_BASE_TEXT
    assert from_text.to_set() == SRX_BASE_SET
    assert load_configuration(Configuration.empty(), from_set.to_xml(), action="merge", fmt="xml") == from_set


def test_realistic_srx_base_config_shows_junos_one_liners_and_groups():
    text = SRX_BASE_TEXT
    assert "        user * {\n            any emergency;\n        }\n" in text
    assert "        file messages {\n            any notice;\n            authorization info;\n" in text
    assert "                from zone trust;\n                to zone untrust;\n" in text
    assert "                address {\n                    203.0.113.10/32 to 203.0.113.12/32;\n" in text
    assert "                        destination-port {\n                            443;\n" in text
    assert "                        destination-nat {\n                            pool {\n" \
           "                                web-server;\n" in text
    assert "            address lan-net 192.168.1.0/24;\n" in text
    assert "        route 0.0.0.0/0 next-hop 203.0.113.1;\n" in text


def test_nat_rule_match_is_match_in_cli_and_src_nat_rule_match_in_xml():
    cfg = load(SRX_BASE_SET, "set")
    rule = cfg.to_xml().find("security/nat/source/rule-set/rule")
    assert rule.findtext("src-nat-rule-match/source-address") == "0.0.0.0/0"
    assert rule.find("match") is None
    assert rule.find("then/source-nat/interface") is not None
    dest_rule = cfg.to_xml().find("security/nat/destination/rule-set/rule")
    assert dest_rule.findtext("dest-nat-rule-match/destination-port/name") == "443"
    assert "set security nat source rule-set trust-to-untrust rule snat-all match source-address 0.0.0.0/0\n" \
        in cfg.to_set()


def test_static_nat_match_uses_the_cli_word():
    cfg = load_set("set security nat static rule-set s rule r match destination-address 203.0.113.10/32\n"
                   "set security nat static rule-set s rule r then static-nat prefix 10.0.0.10/32\n")
    assert cfg.to_xml().findtext("security/nat/static/rule-set/rule/static-nat-rule-match/"
                                 "destination-address/dst-addr") == "203.0.113.10/32"
    assert "match {\n                        destination-address 203.0.113.10/32;\n" in cfg.to_text()
    assert "set security nat static rule-set s rule r then static-nat prefix 10.0.0.10/32\n" in cfg.to_set()


def test_xml_names_are_not_cli_words():
    with pytest.raises(ConfigError) as refused:
        load_set("set security nat source rule-set r rule x src-nat-rule-match source-address 0.0.0.0/0\n")
    assert refused.value.errors[0].bad_element == "src-nat-rule-match"
    xml = ("<configuration><security><nat><source><rule-set><name>r</name><rule><name>x</name>"
           "<match><source-address>0.0.0.0/0</source-address></match>"
           "</rule></rule-set></source></nat></security></configuration>")
    with pytest.raises(ConfigError) as refused:
        load_configuration(Configuration.empty(), xml, action="merge", fmt="xml")
    assert refused.value.errors[0].bad_element == "match"


def test_error_paths_use_cli_words():
    with pytest.raises(ConfigError) as refused:
        load_set("set security nat source rule-set r rule x match source-port 70000\n")
    assert refused.value.errors[0].path == "[edit security nat source rule-set r rule x match]"
    assert "70000" in refused.value.errors[0].message


def test_port_range_and_address_range_take_to():
    cfg = load_set("set security nat source rule-set r rule x match source-port 1024 to 2048\n"
                   "set security nat source pool p address 10.1.1.1/32 to 10.1.1.10/32\n")
    assert cfg.to_xml().findtext("security/nat/source/rule-set/rule/src-nat-rule-match/source-port/to/high") \
        == "2048"
    assert cfg.to_xml().findtext("security/nat/source/pool/address/to/ipaddr") == "10.1.1.10/32"
    assert "source-port {\n                            1024 to 2048;\n" in cfg.to_text()
    assert load(cfg.to_text(), "text") == cfg


def test_oneliner_shows_leaf_lists_in_brackets():
    cfg = load_set("set security nat source rule-set r from zone trust\n"
                   "set security nat source rule-set r from zone dmz\n")
    assert "from zone [ trust dmz ];" in cfg.to_text()
    assert load(cfg.to_text(), "text") == cfg


def test_oneliner_plus_keeps_braces_for_several_statements():
    cfg = load_set("set routing-options static route 0.0.0.0/0 next-hop 192.0.2.1\n"
                   "set routing-options static route 0.0.0.0/0 preference 200\n")
    assert "route 0.0.0.0/0 {\n            next-hop 192.0.2.1;\n            preference 200;\n" in cfg.to_text()


def test_inactive_statement_breaks_a_oneliner():
    cfg = load_set("set security nat source rule-set r from zone trust\n"
                   "deactivate security nat source rule-set r from zone trust\n")
    assert "from {\n                    inactive: zone trust;\n" in cfg.to_text()
    assert load(cfg.to_text(), "text") == cfg


def test_changed_oneliner_compares_as_whole_lines():
    old = load_set("set security nat source rule-set r from zone trust\n")
    new = load_set("set security nat source rule-set r from zone dmz\n")
    assert compare(old, new) == ("[edit security nat source rule-set r]\n"
                                 "-   from zone trust;\n"
                                 "+   from zone dmz;\n")


def test_schema_exposes_cli_names_and_flags():
    rule = schema().root.find("security", "nat", "source", "rule-set", "rule")
    match = rule.child("src-nat-rule-match")
    assert match.cli_name == "match" and rule.cli_child("match") is match
    assert rule.cli_child("src-nat-rule-match") is None
    assert {"homogeneous", "oneliner"} <= match.child("source-port").cli_features
    contents = schema().root.find("system", "syslog", "file", "contents")
    assert "nokeyword" in contents.cli_features
    instance = schema().root.find("routing-instances", "instance")
    assert "nokeyword" in instance.cli_features      # srxsim's own module says it inline


def test_extract_keys_statements_by_module_anchor_and_data_path(tmp_path):
    (tmp_path / "m.yang").write_text("""
module m {
  prefix m;
  grouping g {
    junos:cli-feature "oneliner";
    container c {
      choice ch {
        case one {
          leaf v { junos:cli-feature "nokeyword"; type string; }
        }
      }
      list l { key name; junos:cli-feature "homogeneous"; leaf name { type string; } }
    }
  }
  augment /jc:configuration { container top { junos:cli-feature "oneliner-plus"; } }
}
""")
    assert cli_features.extract([tmp_path / "m.yang"]) == {
        "m:grouping g": ["oneliner"],
        "m:grouping g/c/v": ["nokeyword"],
        "m:grouping g/c/l": ["homogeneous"],
        "m:augment /jc:configuration/top": ["oneliner-plus"],
    }


def test_every_table_entry_names_a_vendored_statement():
    """The table was extracted from the same release as the vendored plain modules."""
    modules = schema().modules
    for key in cli_features.table():
        module, anchor = key.split(":", 1)
        keyword, rest = anchor.split(" ", 1)
        if keyword == "augment":        # the target path holds slashes itself
            assert any(s[0] == keyword and rest.startswith(s[1]) for s in modules[module][2]), key
        else:
            assert any(s[0] == keyword and s[1] == rest.split("/")[0] for s in modules[module][2]), key

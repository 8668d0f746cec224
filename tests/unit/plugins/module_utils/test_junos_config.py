"""Reading saved Junos configurations (text, display set, XML) into <configuration>."""
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import junos_config as jc  # noqa: E402

CONFIGS = Path(REPO) / "tests" / "fixtures" / "configs"
SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"


def canonical(element):
    """Order-free form of an element tree, for comparing two readers."""
    return (element.tag, (element.text or "").strip(), tuple(sorted(element.attrib.items())),
            tuple(sorted(canonical(c) for c in element)))


def test_text_and_display_set_read_to_the_same_xml():
    from_set = jc.load_file(str(CONFIGS / "gcp-community" / "vsrx.set"))[1]
    from_text = jc.load_file(str(CONFIGS / "text" / "gcp-vsrx.conf"))[1]
    assert canonical(from_set) == canonical(from_text)
    gateway = from_set.find("security/ike/gateway")
    assert gateway.findtext("local-identity/inet/identity-ipv4") == "76.104.213.79"
    assert gateway.find("dead-peer-detection/probe-idle-tunnel") is not None


def test_seed004_flat_set_lines_and_unit_shorthand():
    host, config = jc.load_file(str(CONFIGS / "seed004" / "local-site.set"))
    assert host == "local-site"  # no system host-name: the file name
    gateway = config.find("security/ike/gateway")
    assert [gateway.findtext(t) for t in ("ike-policy", "address", "external-interface")] == [
        "ike-policy", "203.0.113.1", "ge-0/0/0"]
    unit = config.find("interfaces/interface/unit")
    assert unit.findtext("name") == "0" and unit.findtext("family/inet/address/name") == "10.1.1.1/30"


def test_genuine_rfc_compliant_xml_reply():
    host, config = jc.load_file(str(SAMPLES / "get-configuration-vsrx-route-based-vpn.xml"))
    assert host == "vSRX-test10"
    assert config.find("security/ike/gateway/address").text == "192.168.1.161"
    assert not [el for el in config.iter() if "}" in el.tag or el.tag == "undocumented"]
    assert config.find("system/services/extension-service/request-response/grpc/clear-text/port") is not None


def test_text_details():
    config = jc.from_text("""
/* annotation */
system { host-name "r1"; }
interfaces {
    inactive: ge-0/0/2 { unit 0 { family inet { address 10.9.9.9/24; } } }
    ge-0/0/1 { unit 0 { family inet { address 10.0.0.1/24; } } }
}
security {
    policies {
        from-zone trust to-zone vpn { policy p { match { source-address [ a b ]; } then { permit; } } }
    }
    zones { security-zone untrust { host-inbound-traffic { system-services { ike; ping; } } } }
}
""", "r1.conf")
    assert jc.hostname(config, "x") == "r1"
    assert [i.findtext("name") for i in config.findall("interfaces/interface")] == ["ge-0/0/1"]
    pair = config.find("security/policies/policy")
    assert (pair.findtext("from-zone-name"), pair.findtext("to-zone-name")) == ("trust", "vpn")
    assert [e.text for e in pair.findall("policy/match/source-address")] == ["a", "b"]
    services = config.findall("security/zones/security-zone/host-inbound-traffic/system-services/name")
    assert [s.text for s in services] == ["ike", "ping"]


def test_deactivate_marks_inactive():
    config = jc.from_set("set routing-options static route 10.0.0.0/8 next-hop st0.0\n"
                         "deactivate routing-options static route 10.0.0.0/8\n", "r.set")
    assert config.find("routing-options/static/route").get("inactive") == "inactive"


@pytest.mark.parametrize("name, content, message", [
    ("empty.conf", "", "the file is empty"),
    ("blank.conf", "\n  \n## only a comment\n", "the file is empty"),
    ("cut.conf", "system {\n    host-name r1;\n}\nsecurity {\n    ike {\n        gateway gw {\n            address 1.1",
     "ends early .truncated.*'gateway gw' opened at line 6"),
    ("cut2.conf", "system { host-name r1; }\nsecurity { ike { proposal p { dh-group group14; } } }\nrouting-options {",
     "ends early"),
    ("cut.set", "set system host-name r1\nset security ike policy p pre-shared-key ascii-text \"abc",
     "line 2: unterminated quoted string"),
    ("cisco.cfg", "hostname R1\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n!\n",
     "line 1: 'hostname' is not a Junos configuration statement"),
    ("yaml.conf", "---\nvpn_tunnels:\n  - name: a\n", "is not a Junos configuration statement"),
    ("mixed.set", "set system host-name r1\nshow configuration\n", "line 2: expected a 'set' command"),
    ("brace.conf", "system { host-name r1; }}\n", "line 1: unexpected '}'"),
    ("nosemi.conf", "system { host-name r1 }\n", "missing ';'"),
    ("bad.xml", "<configuration><system></configuration>", "not well-formed XML"),
    ("other.xml", "<rpc-reply><software-information/></rpc-reply>", "no <configuration> element"),
])
def test_bad_files_give_a_clear_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(jc.JunosConfigError, match=message) as caught:
        jc.load_file(str(path))
    assert str(caught.value).startswith(str(path))


def test_binary_and_missing_files(tmp_path):
    blob = tmp_path / "dump.bin"
    blob.write_bytes(b"\x00\x01\x02junos")
    with pytest.raises(jc.JunosConfigError, match="dump.bin: binary data"):
        jc.load_file(str(blob))
    with pytest.raises(jc.JunosConfigError, match="nowhere: no such file or directory"):
        jc.load_configs([str(tmp_path / "nowhere")])
    with pytest.raises(jc.JunosConfigError, match="no configuration files found"):
        jc.load_configs(str(tmp_path / "empty-dir") if (tmp_path / "empty-dir").mkdir() is None else "")


def test_directory_loading_skips_docs_and_rejects_duplicate_hosts(tmp_path):
    (tmp_path / "README.md").write_text("# not a config")
    (tmp_path / "a.set").write_text("set system host-name r1\n")
    (tmp_path / "b.conf").write_text("system { host-name r2; }\n")
    assert sorted(jc.load_configs(str(tmp_path))) == ["r1", "r2"]
    (tmp_path / "c.conf").write_text("system { host-name r1; }\n")
    with pytest.raises(jc.JunosConfigError, match="a.set and .*c.conf both hold host 'r1'"):
        jc.load_configs(str(tmp_path))


def test_get_configuration_text_reply_is_read_as_text():
    reply = ("<rpc-reply><configuration-text>system { host-name r9; }\n"
             "security { ike { gateway g { address 192.0.2.1; } } }</configuration-text></rpc-reply>")
    config = jc.from_xml(reply, "r9")
    assert config.findtext("security/ike/gateway/address") == "192.0.2.1"
    assert isinstance(config, ET.Element)

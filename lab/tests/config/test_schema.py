"""The schema compiled from the vendored Junos YANG."""

import subprocess
import sys

from srxsim.schema import schema


def test_schema_loads_fast_in_a_fresh_process():
    code = ("import time; t = time.perf_counter(); from srxsim.schema import schema; "
            "s = schema(); s.root.find('security', 'ike', 'gateway').children; "
            "print(time.perf_counter() - t)")
    schema()        # make sure the parsed-YANG cache exists
    elapsed = float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                   text=True).stdout)
    assert elapsed < 2.0


def test_schema_is_shared():
    assert schema() is schema()


def test_lists_keys_and_order():
    root = schema().root
    gateway = root.find("security", "ike", "gateway")
    assert gateway.kind == "list" and gateway.keys == ("name",) and gateway.user_ordered
    policy = root.find("security", "policies", "policy")
    assert policy.keys == ("from-zone-name", "to-zone-name")
    names = list(gateway.children)
    assert names.index("ike-policy") < names.index("address") < names.index("external-interface")


def test_groupings_augments_and_prefixes_are_resolved():
    root = schema().root
    # `uses apply-advanced` from each module, augments of /jc:configuration from four modules
    assert {"system", "security", "interfaces", "routing-options", "routing-instances"} <= set(root.children)
    assert root.find("security", "ike", "gateway").child("apply-groups").kind == "leaf-list"
    assert root.find("routing-instances", "instance", "routing-options", "static", "route")


def test_types_enums_ranges_and_unions():
    ike = schema().root.find("security", "ike")
    dh_group = ike.find("proposal", "dh-group").type
    assert dh_group.base == "enumeration" and "group14" in dh_group.enums
    lifetime = ike.find("proposal", "lifetime-seconds").type
    assert lifetime.check("28800") is None and "not within range" in lifetime.check("10")
    assert ike.find("gateway", "name").type.check("x" * 33).startswith("Length 33")
    assert ike.find("gateway", "dead-peer-detection", "always-send").type.base == "empty"


def test_choice_cases_and_presence():
    root = schema().root
    ascii_text = root.find("security", "ike", "policy", "pre-shared-key", "ascii-text")
    hexadecimal = root.find("security", "ike", "policy", "pre-shared-key", "hexadecimal")
    assert ascii_text.choices[0][0] == hexadecimal.choices[0][0]
    assert ascii_text.choices[0][1] != hexadecimal.choices[0][1]
    assert ascii_text.encrypted and hexadecimal.encrypted
    assert root.find("security", "policies").presence
    assert not root.find("security", "ike").presence


def test_secret_flags():
    root = schema().root
    assert root.find("system", "root-authentication", "encrypted-password").secret
    assert not root.find("system", "root-authentication", "encrypted-password").encrypted
    assert not root.find("system", "host-name").secret

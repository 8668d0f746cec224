"""The Junos $9$ codec, PSK comparison and redaction (plugins/module_utils/srx_vpn/secrets.py)."""
from pathlib import Path

import pytest
from lxml import etree

from playbook_runner import REPO

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import (
    REDACTED,
    decode9,
    encode9,
    is_nine,
    psk_equal,
    redact,
    redact_text,
)

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"


def genuine_psk():
    """The pre-shared key as a real vSRX 24.4 stored it (see SOURCES.md)."""
    tree = etree.parse(str(SAMPLES / "get-configuration-vsrx-route-based-vpn.xml"))
    (text,) = tree.xpath("//*[local-name()='pre-shared-key']/*[local-name()='ascii-text']/text()")
    return text.strip()


def test_decode_crypt_juniper_reference_vector():
    # The example in Crypt::Juniper's documentation.
    assert decode9("$9$LbHX-wg4Z") == "lc"


def test_decode_genuine_device_value():
    assert decode9(genuine_psk()) == "Lab1PSK-xK9mQ2vR7nBp3wZt8dYcJ4sLfU6eA1hN"


def test_encode_with_the_device_salt_reproduces_the_device_string():
    device = genuine_psk()
    # Salt "1" is in the second letter family, so two filler characters follow it.
    assert encode9(decode9(device), salt=device[3:6]) == device


@pytest.mark.parametrize("plain", ["a", "lc", "s3cret key with spaces", "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
                                   "x" * 120, "caf\u00e9"])
def test_round_trip(plain):
    crypt = encode9(plain)
    assert is_nine(crypt)
    assert decode9(crypt) == plain


def test_encode_is_salted_like_junos():
    crypts = {encode9("same key") for _draw in range(5)}
    assert len(crypts) > 1  # 65 salts times fillers: five equal draws would be a broken RNG
    assert {decode9(crypt) for crypt in crypts} == {"same key"}


def test_full_salt_makes_encoding_deterministic():
    assert encode9("lc", salt="LbH") == encode9("lc", salt="LbH")
    assert decode9(encode9("lc", salt="LbH")) == "lc"


@pytest.mark.parametrize("bad", ["plain", "$9$", "$9$abc", "$9$Lb!X-wg4Z", "$9$LbHX-wg4"])
def test_decode_rejects_malformed(bad):
    with pytest.raises(ValueError):
        decode9(bad)


def test_encode_rejects_bad_salt_and_wide_characters():
    with pytest.raises(ValueError):
        encode9("k", salt="!")
    with pytest.raises(ValueError):
        encode9("k", salt="iXX")  # family 3 salt takes no filler
    with pytest.raises(ValueError):
        encode9("\u20ac")
    with pytest.raises(ValueError):
        encode9("")  # Junos has no empty secret


def test_psk_equal_across_forms():
    device = genuine_psk()
    plain = decode9(device)
    assert psk_equal(plain, device)
    assert psk_equal(encode9(plain), device)  # a re-salted copy is the same key
    assert not psk_equal(plain + "x", device)
    assert not psk_equal("secret", "$9$LbHX-wg4")  # undecodable device value: send again
    assert psk_equal(None, None) and not psk_equal("a", None)


def test_redact_nested_results():
    device = genuine_psk()
    result = {
        "before": {"policies": [{"name": "p1", "pre_shared_key": {"ascii_text": device}}]},
        "after": {"policies": [{"name": "p1", "pre_shared_key": {"hexadecimal": "0a0b"}}]},
        "commands": ["<ascii-text>%s</ascii-text>" % device],
        "psk": "plain-value",
        "note": "uses plain-value inside",
    }
    out = redact(result, secrets=["plain-value"])
    assert out["before"]["policies"][0] == {"name": "p1", "pre_shared_key": {"ascii_text": REDACTED}}
    assert out["after"]["policies"][0]["pre_shared_key"] == {"hexadecimal": REDACTED}
    assert device not in str(out) and "plain-value" not in str(out)
    assert out["note"] == "uses %s inside" % REDACTED
    assert result["psk"] == "plain-value"  # the input is not modified


def test_redact_device_diff():
    diff = ('[edit security ike policy p1]\n'
            '-    pre-shared-key ascii-text "$9$LbHX-wg4Z"; ## SECRET-DATA\n'
            '+    pre-shared-key ascii-text "not-nine-form"; ## SECRET-DATA\n'
            '+    mode main;')
    out = redact_text(diff)
    assert "$9$LbHX" not in out and "not-nine-form" not in out
    assert out.splitlines()[2] == '+    pre-shared-key ascii-text "%s"; ## SECRET-DATA' % REDACTED
    assert out.splitlines()[3] == "+    mode main;"

"""The Junos $9$ codec."""

import pytest

from srxsim import secret9

# Public test vector of github.com/jeremmfr/junosdecode (jdecode_test.go).
KNOWN = ("$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz", "testPassWord")


def test_known_pair_decrypts():
    assert secret9.decrypt(KNOWN[0]) == KNOWN[1]


@pytest.mark.parametrize("plain", ["a", "lab secret 1", "x" * 255, "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"])
def test_round_trip_with_random_salt(plain):
    encoded = secret9.encrypt(plain)
    assert encoded.startswith("$9$")
    assert len(plain) == 1 or plain not in encoded     # one letter may occur by chance
    assert secret9.decrypt(encoded) == plain


def test_every_salt_round_trips():
    for salt in "QzF3n6/9CAtpu0OB1IREhcSyrleKvMW8LXx7N-dVbwsY2g4oaJZGUDjiHkq.mPf5T":
        assert secret9.decrypt(secret9.encrypt("juniper123", salt=salt)) == "juniper123"


def test_fresh_salt_makes_different_strings():
    assert len({secret9.encrypt("same key") for _ in range(20)}) > 1


@pytest.mark.parametrize("bad", ["plain", "$9$", "$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikf", "$9$ab!c"])
def test_malformed_secrets_are_refused(bad):
    with pytest.raises(secret9.Secret9Error):
        secret9.decrypt(bad)

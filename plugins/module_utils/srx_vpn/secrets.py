# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos ``$9$`` secrets: codec, comparison and redaction.

This is the only place in the collection that encodes or decodes ``$9$``
strings (tests/unit/plugins/module_utils/test_secrets_guard.py enforces it),
the way terraform-provider-junos funnels every read through ``JunosDecode``.

The ``$9$`` format is Junos' reversible obfuscation for stored secrets
(pre-shared keys read back from ``get-configuration``). The algorithm follows
Crypt::Juniper (Kevin Brintnall, CPAN), whose test suite compared it with the
``op crypt`` output of real routers. Junos re-salts a secret every time it is
loaded, so two ``$9$`` strings of one key differ; only decoded values compare.
"""
from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import random
import re

MAGIC = "$9$"
REDACTED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"

# Four letter families; the family of the salt character says how many
# filler characters follow it.
_FAMILIES = ("QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T")
_ALPHABET = "".join(_FAMILIES)
_INDEX = {char: pos for pos, char in enumerate(_ALPHABET)}
_FILLER = {char: 3 - family for family, chars in enumerate(_FAMILIES) for char in chars}
# Moduli by plaintext position: each character becomes len(moduli) gaps.
_ENCODING = ((1, 4, 32), (1, 16, 32), (1, 8, 32), (1, 64), (1, 32), (1, 4, 16, 128), (1, 32, 64))

_NINE_RE = re.compile(r"\$9\$[%s]{4,}" % re.escape(_ALPHABET))
# Field names (Ansible and Junos spelling) whose values are secrets.
SECRET_KEYS = frozenset(("pre_shared_key", "pre-shared-key", "ascii_text", "ascii-text",
                         "hexadecimal", "psk", "secret", "password"))


def is_nine(value) -> bool:
    """True when value is a complete, well-formed ``$9$`` string."""
    return isinstance(value, str) and _NINE_RE.fullmatch(value) is not None


def decode9(crypt: str) -> str:
    """Decode a Junos ``$9$`` string to its plaintext; ValueError if malformed."""
    if not is_nine(crypt):
        raise ValueError("not a Junos $9$ secret")
    chars = crypt[len(MAGIC):]
    salt = chars[0]
    chars = chars[1 + _FILLER[salt]:]
    previous = salt
    plain = []
    while chars:
        moduli = _ENCODING[len(plain) % len(_ENCODING)]
        if len(chars) < len(moduli):
            raise ValueError("truncated Junos $9$ secret")
        nibble, chars = chars[:len(moduli)], chars[len(moduli):]
        value = 0
        for char, modulus in zip(nibble, moduli):
            gap = (_INDEX[char] - _INDEX[previous]) % len(_ALPHABET) - 1
            value += gap * modulus
            previous = char
        plain.append(chr(value % 256))
    return "".join(plain)


def encode9(plain: str, salt: str | None = None) -> str:
    """Encode plaintext the way Junos stores it.

    salt is the salt character, optionally followed by its filler characters;
    whatever is not given is random, so a full salt makes the result exact.
    """
    if not plain:
        raise ValueError("a Junos secret cannot be empty")
    if any(ord(char) > 255 for char in plain):
        raise ValueError("a Junos secret holds 8-bit characters only")
    rng = random.SystemRandom()
    salt = salt or rng.choice(_ALPHABET)
    if any(char not in _INDEX for char in salt):
        raise ValueError("salt characters must come from the $9$ alphabet")
    filler_len = _FILLER[salt[0]]
    if len(salt) > 1 + filler_len:
        raise ValueError("salt %r is longer than its family allows (%d)" % (salt, 1 + filler_len))
    prefix = salt + "".join(rng.choice(_ALPHABET) for _filler in range(1 + filler_len - len(salt)))
    crypt = [prefix]
    previous = salt[0]
    for pos, char in enumerate(plain):
        code = ord(char)
        gaps = []
        for modulus in reversed(_ENCODING[pos % len(_ENCODING)]):
            gaps.insert(0, code // modulus)
            code %= modulus
        for gap in gaps:
            previous = _ALPHABET[(_INDEX[previous] + gap + 1) % len(_ALPHABET)]
            crypt.append(previous)
    return MAGIC + "".join(crypt)


def psk_plaintext(value: str) -> str:
    """The key a user or device value stands for: ``$9$`` decoded, else as given."""
    return decode9(value) if is_nine(value) else value


def psk_equal(wanted: str | None, device_value: str | None) -> bool:
    """Whether the wanted PSK (plaintext or ``$9$``) equals the device's value.

    A device value that does not decode counts as different, so the key is
    sent again rather than silently kept.
    """
    if wanted is None or device_value is None:
        return wanted is device_value
    try:
        return psk_plaintext(wanted) == psk_plaintext(device_value)
    except ValueError:
        return False


def redact_text(text: str, secrets=()) -> str:
    """Hide ``$9$`` strings, quoted values on Junos ``## SECRET-DATA`` lines and known secrets."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _NINE_RE.sub(REDACTED, text)
    return "\n".join(_redact_secret_line(line) for line in text.split("\n"))


def _redact_secret_line(line: str) -> str:
    if "SECRET-DATA" not in line:
        return line
    # pre-shared-key ascii-text "xxx"; ## SECRET-DATA  ->  keep the statement, hide the value
    return re.sub(r'"(?:[^"\\]|\\.)*"', '"%s"' % REDACTED, line)


def redact(obj, secrets=()):
    """Copy of obj (dict/list/str) with every secret value replaced by REDACTED.

    Values under SECRET_KEYS are hidden whatever they hold; strings anywhere
    lose ``$9$`` strings and the given plaintext secrets.
    """
    if isinstance(obj, dict):
        return {key: _redact_value(key, value, secrets) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(redact(item, secrets) for item in obj)
    if isinstance(obj, str):
        return redact_text(obj, secrets)
    return obj


def _redact_value(key, value, secrets):
    if key in SECRET_KEYS and value is not None:
        if isinstance(value, (dict, list, tuple)):
            return redact(value, secrets) if _holds_only_secret_keys(value) else REDACTED
        return REDACTED
    return redact(value, secrets)


def _holds_only_secret_keys(value) -> bool:
    # pre_shared_key: {ascii_text: ...} keeps its shape so users see which form was set.
    return isinstance(value, dict) and all(key in SECRET_KEYS for key in value)

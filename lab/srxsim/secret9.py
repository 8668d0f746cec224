"""Junos `$9$` secret obfuscation (reversible; not encryption).

The scheme is public: Kevin Brintnall's Crypt::Juniper (CPAN) documents it, and
ports exist in many languages. A secret is `$9$`, one salt character, a number
of random filler characters fixed by the salt, then each plaintext character as
1-4 characters whose distances ("gaps") in a 65-letter alphabet encode it with a
position-dependent set of weights. Junos picks a fresh random salt on every
load, so the same plaintext gives a new string each time.
"""

from __future__ import annotations

import secrets

MAGIC = "$9$"
_FAMILIES = ("QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T")
_ALPHABET = "".join(_FAMILIES)
_INDEX = {char: i for i, char in enumerate(_ALPHABET)}
# How many filler characters follow the salt: 3 for the first family ... 0 for the last.
_FILLER = {char: 3 - family for family, chars in enumerate(_FAMILIES) for char in chars}
_WEIGHTS = ((1, 4, 32), (1, 16, 32), (1, 8, 32), (1, 64), (1, 32), (1, 4, 16, 128), (1, 32, 64))


class Secret9Error(ValueError):
    """The string is not a well-formed $9$ secret."""


def is_secret9(value: str) -> bool:
    return value.startswith(MAGIC)


def _gap(before: str, after: str) -> int:
    return (_INDEX[after] - _INDEX[before]) % len(_ALPHABET) - 1


def decrypt(value: str) -> str:
    if not is_secret9(value) or len(value) < len(MAGIC) + 1:
        raise Secret9Error("not a $9$ secret")
    body = value[len(MAGIC):]
    if any(c not in _INDEX for c in body):
        raise Secret9Error("invalid character in $9$ secret")
    salt = body[0]
    position = 1 + _FILLER[salt]
    previous = salt                 # gaps count from the salt; the filler is skipped
    plain = []
    while position < len(body):
        weights = _WEIGHTS[len(plain) % len(_WEIGHTS)]
        chunk = body[position:position + len(weights)]
        if len(chunk) != len(weights):
            raise Secret9Error("truncated $9$ secret")
        total = 0
        for char, weight in zip(chunk, weights):
            total += _gap(previous, char) * weight
            previous = char
        plain.append(chr(total % 256))
        position += len(weights)
    return "".join(plain)


def encrypt(plain: str, salt: str | None = None) -> str:
    """Obfuscate `plain`; a random salt unless one is given (tests pin it)."""
    if salt is None:
        salt = secrets.choice(_ALPHABET)
    if salt not in _INDEX:
        raise Secret9Error("salt must be a character of the $9$ alphabet")
    filler = "".join(secrets.choice(_ALPHABET) for _ in range(_FILLER[salt]))
    out = [MAGIC, salt, filler]
    previous = salt
    for position, char in enumerate(plain):
        code = ord(char)
        if code > 255:
            raise Secret9Error("$9$ secrets hold 8-bit characters only")
        weights = _WEIGHTS[position % len(_WEIGHTS)]
        gaps = []
        for weight in reversed(weights):
            gaps.append(code // weight)
            code %= weight
        for gap in reversed(gaps):
            previous = _ALPHABET[(_INDEX[previous] + gap + 1) % len(_ALPHABET)]
            out.append(previous)
    return "".join(out)

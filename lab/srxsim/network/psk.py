"""Pre-shared keys as the committed configuration holds them ($9$), decoded for comparison only.
The plaintext never leaves the negotiation model (no logs, replies or errors carry it)."""
from __future__ import annotations


def reveal(value: str | None) -> str | None:
    """Plaintext of a $9$ secret (the lab's own decoder, srxsim.secret9), or the value itself."""
    if value is None or not value.startswith("$9$"):
        return value
    from srxsim import secret9

    return secret9.decrypt(value)

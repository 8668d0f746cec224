"""Lines for the end-of-run summary of the strongSwan stage (printed by conftest.py)."""
from __future__ import annotations

LINES: dict[str, str] = {}


def record(key: str, line: str) -> None:
    LINES[key] = line

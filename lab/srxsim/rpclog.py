"""Per-device RPC log: one JSON object per line, appended as RPCs complete.

Entries carry no RPC content (configurations may hold pre-shared keys), only
what tests need to count round trips and prove idempotence.
"""
from __future__ import annotations

import json
from pathlib import Path


class RpcLog:
    def __init__(self, path: Path):
        self.path = path
        self._file = None  # opened on the first RPC: a 200-device lab starts without 200 opens

    def record(self, *, time: float, session: int, rpc: str, duration_ms: float, ok: bool,
               errors: list[dict] | None = None, detail: str | None = None) -> None:
        entry = {"time": round(time, 6), "session": session, "rpc": rpc,
                 "duration_ms": round(duration_ms, 3), "ok": ok}
        if errors:
            entry["errors"] = errors
        if detail:
            entry["detail"] = detail
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a", buffering=1, encoding="utf-8")
        self._file.write(json.dumps(entry) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def read_log(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in lines if line.strip()]

"""Commit history (rollback 0-49), persisted in the device's state directory.

Entry 0 is the active configuration, as in ``show system commit``. The file
holds the configurations themselves (as Junos keeps rollback files), so a new
``srxsim up`` or another process sees the same device.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import os
from pathlib import Path

MAX_ROLLBACK = 49


@dataclasses.dataclass
class CommitRecord:
    config_xml: str
    time: float
    user: str
    client: str
    log: str | None = None
    confirmed_minutes: int | None = None

    def summary(self, index: int) -> dict:
        """Metadata only (no configuration): what tests and benchmarks read."""
        return {
            "rollback": index,
            "time": self.time,
            "timestamp": format_time(self.time),
            "user": self.user,
            "client": self.client,
            "log": self.log,
            "confirmed_minutes": self.confirmed_minutes,
        }


def format_time(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


class CommitHistory:
    """Newest first; at most 50 entries (rollback 0 to 49)."""

    def __init__(self, path: Path):
        self.path = path
        self.records: list[CommitRecord] = []

    def load(self) -> bool:
        """Read the saved history; False when there is none yet."""
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            return False
        self.records = [CommitRecord(**item) for item in data["commits"]]
        return bool(self.records)

    def push(self, record: CommitRecord) -> None:
        self.records.insert(0, record)
        del self.records[MAX_ROLLBACK + 1:]
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"commits": [dataclasses.asdict(r) for r in self.records]}))
        os.replace(tmp, self.path)

    def get(self, index: int) -> CommitRecord | None:
        if 0 <= index < len(self.records):
            return self.records[index]
        return None

    def summaries(self) -> list[dict]:
        return [record.summary(i) for i, record in enumerate(self.records)]


def read_summaries(path: Path) -> list[dict]:
    """Commit metadata straight from a state directory (no running lab needed)."""
    history = CommitHistory(path)
    history.load()
    return history.summaries()

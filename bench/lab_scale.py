#!/usr/bin/env python3
"""Start N srxsim devices in one lab process and report start time and memory.

    .venv/bin/python bench/lab_scale.py [--devices 200] [--sessions 20] [--json-only] [--check]

Target (issue 4): 200 devices start in under 10 s and use under 1 GiB.
Start time is wall-clock `srxsim up` (process start, YANG schema, every device's
initial commit, every SSH listener answering). Memory is the lab process's
resident set (VmRSS) and peak (VmHWM), after NETCONF sessions on --sessions devices.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lab"))
from lxml import etree  # noqa: E402

from srxsim.testing import RunningLab, write_topology  # noqa: E402

LIMIT_SECONDS = 10.0
LIMIT_BYTES = 1 << 30


def proc_status(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path("/proc/%d/status" % pid).read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) * 1024
    return fields


def sessions(lab: RunningLab, count: int) -> float:
    """One NETCONF session (get-software-information) on `count` devices, serially; seconds taken."""
    started = time.perf_counter()
    for name in list(lab.devices)[:count]:
        with lab.connect(name) as conn:
            assert conn.rpc(etree.fromstring("<get-software-information/>")).findtext(".//host-name") == name
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=20, help="devices to open a NETCONF session on")
    parser.add_argument("--json-only", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="srxsim-scale-") as tmp:
        names = ["dev%03d" % i for i in range(args.devices)]
        topology = write_topology(Path(tmp) / "scale.yml", names, name="scale")
        state = Path(tmp) / "state"
        started = time.perf_counter()
        up = subprocess.run([sys.executable, "-m", "srxsim", "up", str(topology), "--state-dir", str(state),
                             "--timeout", "120"], capture_output=True, text=True)
        start_seconds = time.perf_counter() - started
        if up.returncode != 0:
            print("srxsim up failed: %s%s" % (up.stdout, up.stderr), file=sys.stderr)
            return 1
        try:
            lab = RunningLab(state)
            pid = json.loads((state / "lab.json").read_text())["pid"]
            after_start = proc_status(pid)
            sessions_seconds = sessions(lab, args.sessions)
            after_sessions = proc_status(pid)
        finally:
            subprocess.run([sys.executable, "-m", "srxsim", "down", "--state-dir", str(state)],
                           capture_output=True, text=True)
    result = {
        "devices": args.devices,
        "start_seconds": round(start_seconds, 2),
        "rss_bytes_after_start": after_start["VmRSS"],
        "rss_bytes_after_sessions": after_sessions["VmRSS"],
        "peak_rss_bytes": after_sessions["VmHWM"],
        "sessions": min(args.sessions, args.devices),
        "sessions_seconds": round(sessions_seconds, 2),
        "start_ok": start_seconds < LIMIT_SECONDS,
        "memory_ok": after_sessions["VmHWM"] < LIMIT_BYTES,
    }
    print(json.dumps(result))
    if not args.json_only:
        mib = 1024 * 1024
        print("%-34s %12s %12s" % ("measure", "value", "limit"))
        print("%-34s %12.2f %12.1f" % ("start (s), %d devices" % args.devices, start_seconds, LIMIT_SECONDS))
        print("%-34s %12.1f %12s" % ("RSS after start (MiB)", after_start["VmRSS"] / mib, ""))
        print("%-34s %12.1f %12s" % ("RSS after the sessions (MiB)", after_sessions["VmRSS"] / mib, ""))
        print("%-34s %12.1f %12.1f" % ("peak RSS (MiB)", after_sessions["VmHWM"] / mib, LIMIT_BYTES / mib))
        print("%-34s %12.2f %12s" % ("%d sessions, serial (s)" % result["sessions"], sessions_seconds, ""))
    if args.check and not (result["start_ok"] and result["memory_ok"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

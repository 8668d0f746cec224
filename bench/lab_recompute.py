"""Benchmark: recompute the simulated network of a 1-hub/200-spoke lab after one commit.

    .venv/bin/python bench/lab_recompute.py [--spokes 200] [--repeat 5]

Builds the hub and spoke configurations with the lab's own configuration loader, lets every
tunnel come up, then times `NetworkState.set_config` (parse + full renegotiation) for a commit on
the hub and one on a spoke. Prints the figures; exits 1 if the slowest exceeds 1 s.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lab" / "tests" / "network"))

from netcases import build, hub, hub_topology, spoke, xml  # noqa: E402

LIMIT_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    configs = {"hub": hub(args.spokes), **{f"spoke{n}": spoke(n) for n in range(1, args.spokes + 1)}}
    state = build(hub_topology(args.spokes), {})
    parsed = {name: xml(text) for name, text in configs.items()}
    state.load(parsed)
    setup = time.perf_counter() - started
    up = sum(1 for n in range(1, args.spokes + 1) if state.sa_for(f"spoke{n}", "to-hub"))
    timings = {}
    for name in ("hub", f"spoke{args.spokes // 2}"):
        runs = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            state.set_config(name, parsed[name])
            runs.append(time.perf_counter() - t0)
        timings[name] = runs
    print(f"lab: 1 hub + {args.spokes} spokes, {up}/{args.spokes} tunnels up (setup {setup:.1f} s)")
    worst = 0.0
    for name, runs in timings.items():
        worst = max(worst, max(runs))
        print(f"recompute after a commit on {name}: median {statistics.median(runs) * 1000:.0f} ms, "
              f"max {max(runs) * 1000:.0f} ms over {len(runs)} runs")
    print(f"limit {LIMIT_SECONDS * 1000:.0f} ms: {'OK' if worst < LIMIT_SECONDS else 'TOO SLOW'}")
    return 0 if worst < LIMIT_SECONDS and up == args.spokes else 1


if __name__ == "__main__":
    sys.exit(main())

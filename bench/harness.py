#!/usr/bin/env python3
"""Benchmark harness (issue 9): this collection against the per-task and template baselines, and scale.

    .venv/bin/python bench/harness.py [--quick] [--out FILE] [--results FILE] [--keep DIR]
    .venv/bin/python bench/harness.py --parts scenarios --results a.json   # parts can run side by side
    .venv/bin/python bench/harness.py --render a.json b.json               # document from saved results

Runs every scenario for the three tools interleaved on srxsim labs with vSRX-like latency and commit
duration, the scale series, and the lab's own benchmarks; writes docs/benchmarks.md and its plot under
docs/img/ (with --quick: .build/bench/). Exit 1 if a run failed or left a device off its intended state.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import compare  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402
import scenario  # noqa: E402

REPO = HERE.parent
FULL = {"spokes": 50, "plan": [100, 1000, 2000, 5000], "deploy": [10, 50, 100, 200], "forks": [10, 50],
        "lab_devices": 200, "recompute_spokes": 200}
QUICK = {"spokes": 2, "plan": [100, 1000], "deploy": [2, 4], "forks": [4], "lab_devices": 20,
         "recompute_spokes": 20}


PARTS = ("scenarios", "floor", "plan", "deploy", "lab")


def run_parts(args: argparse.Namespace, sizes: dict, work: Path) -> dict:
    """The measurements of the chosen parts, as plain data (what results.json holds)."""
    data: dict = {"quick": args.quick, "started": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
                  "cores": os.cpu_count(), "load": "%.1f" % os.getloadavg()[0], "latency_ms": args.latency_ms,
                  "commit_seconds": args.commit_seconds, "check_seconds": args.check_seconds, "forks": sizes["spokes"] + 2, "parts": args.parts}
    timing = compare.DeviceTiming(args.latency_ms, args.commit_seconds, args.check_seconds)
    started = time.perf_counter()
    say = lambda line: print(line, flush=True)  # noqa: E731
    if "scenarios" in args.parts:
        say("== scenarios (latency %g ms, commit %g s, commit check %g s)" % (
            args.latency_ms, args.commit_seconds, args.check_seconds))
        results = []
        for scen in (scenario.seed004(work / "seed004"), scenario.hub_and_spoke(work / "hub", sizes["spokes"])):
            results += compare.compare(scen, data["forks"], timing, log=say)
        data["scenarios"] = [r.as_dict() for r in results]
    if "floor" in args.parts:
        say("== floor: one netconf_rpc module per device (reference)")
        data["floor"] = []
        for scen in (scenario.seed004(work / "floor-seed004"), scenario.hub_and_spoke(work / "floor-hub", sizes["spokes"])):
            result = compare.floor(scen, data["forks"], timing)
            data["floor"].append(result.as_dict())
            say("  %-8s %6.1fs rc=%d rpcs=%d" % (scen.name, result.wall, result.rc, result.total_rpcs))
    if "plan" in args.parts:
        say("== plan time")
        data["plan"] = scale.plan_times(sizes["plan"])
        for row in data["plan"]:
            say("  %5d spokes: %.3f s" % (row["spokes"], row["best"]))
    if "deploy" in args.parts:
        say("== deploy time against size")
        data["deploy"] = scale.deploy_times(work / "scale", sizes["deploy"], sizes["forks"], timing, log=say)
    if "lab" in args.parts:
        say("== lab")
        data["lab"] = scale.lab_scale(sizes["lab_devices"])
        data["recompute"] = scale.lab_recompute(sizes["recompute_spokes"])
    data["seconds"] = time.perf_counter() - started
    return data


def merge(files: list[Path]) -> dict:
    """Results of parts run separately (side by side), as one run's data."""
    data: dict = {}
    for path in files:
        part = json.loads(path.read_text())
        lists = {key: data.get(key, []) + part.get(key, []) for key in ("scenarios", "deploy", "floor")}
        seconds = data.get("seconds", 0.0) + part["seconds"]
        first = {key: data[key] for key in ("started", "load") if key in data}  # the run began with the first file
        data.update(part)
        data.update(first)
        data.update({key: value for key, value in lists.items() if value}, seconds=seconds)
    data["rendered_from"] = [str(path) for path in files]
    return data


def failures(data: dict) -> list[str]:
    found = ["%s / %s / %s: %s" % (r["scenario"], r["step"], r["tool"], r["error"] or "; ".join(r["problems"][:3]))
             for r in data.get("scenarios", []) if r["rc"] != 0 or not r["intended"]]
    found += ["deploy %d devices forks %d: %s" % (d["devices"], d["forks"], d["error"])
              for d in data.get("deploy", []) if d["rc"]]
    found += ["floor %s: %s" % (f["scenario"], f["error"]) for f in data.get("floor", []) if f["rc"]]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--out", type=Path, help="default docs/benchmarks.md; .build/bench/benchmarks.md with --quick")
    parser.add_argument("--img", type=Path, help="plot path (default img/benchmarks-scale.png beside --out)")
    parser.add_argument("--latency-ms", type=float, default=compare.DeviceTiming.latency_ms)
    parser.add_argument("--commit-seconds", type=float, default=compare.DeviceTiming.commit_seconds)
    parser.add_argument("--check-seconds", type=float, default=compare.DeviceTiming.check_seconds,
                        help="duration of a commit check or NETCONF validate")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--deploy-sizes", type=int, nargs="+", help="devices for the deploy series")
    parser.add_argument("--spokes", type=int, help="spokes of the hub-and-spoke scenario")
    parser.add_argument("--results", type=Path, help="also write the raw results (JSON) here")
    parser.add_argument("--render", type=Path, nargs="+", metavar="RESULTS",
                        help="only write the document from results files of earlier runs (merged)")
    parser.add_argument("--keep", type=Path, help="work directory to keep (default: a temporary one)")
    args = parser.parse_args()
    sizes = dict(QUICK if args.quick else FULL)
    if args.deploy_sizes:
        sizes["deploy"] = args.deploy_sizes
    if args.spokes:
        sizes["spokes"] = args.spokes
    if args.out is None:  # a smoke test must not replace the published figures
        args.out = REPO / (".build/bench/benchmarks.md" if args.quick else "docs/benchmarks.md")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    img = args.img or args.out.parent / "img" / "benchmarks-scale.png"
    if args.render:
        data = merge(args.render)
    else:
        with tempfile.TemporaryDirectory(prefix="srx-vpn-bench-") as tmp:
            work = args.keep or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            data = run_parts(args, sizes, work)
        if args.results:
            args.results.write_text(json.dumps(data, indent=1))
    if all(key in data for key in ("scenarios", "plan", "deploy", "lab")):
        report.write_doc(args.out, img, data)
        print("== %.0f s; wrote %s and %s" % (data["seconds"], args.out, img))
    for line in failures(data):
        print("FAILED: " + line)
    return 1 if failures(data) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark harness (issue 9): this collection against the per-task and template baselines, and scale.

    .venv/bin/python bench/harness.py [--quick] [--out docs/benchmarks.md] [--keep DIR]

Runs every scenario for the three tools interleaved on srxsim labs with vSRX-like latency and commit
duration, the scale series, and the lab's own benchmarks; writes docs/benchmarks.md, its plot under
docs/img/ and the raw results (JSON) beside the work directory. Exit 1 if a run could not be measured.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
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
QUICK = {"spokes": 3, "plan": [100, 1000], "deploy": [2, 4], "forks": [2, 4], "lab_devices": 20,
         "recompute_spokes": 20}


def plan_series(sizes: list[int], workdir: Path) -> list[dict]:
    """bench/plan_scale.py (the plan engineer's) when present, else the pure function timed here."""
    script = HERE / "plan_scale.py"
    if script.exists():
        out = workdir / "plan_scale.json"
        proc = subprocess.run([sys.executable, str(script), "--spokes", *map(str, sizes), "--repeat", "3",
                               "--json", str(out)], capture_output=True, text=True, timeout=900, check=False)
        if out.exists():
            return [{"spokes": row["spokes"], "devices": row["devices"], "best": row["seconds"], "median": None,
                     "runs": [None] * 3, "source": "bench/plan_scale.py"} for row in json.loads(out.read_text())]
        print("plan_scale.py gave no results (rc %d): %s" % (proc.returncode, proc.stderr.strip()[-300:]))
    return [dict(row, source="bench/harness.py") for row in scale.plan_times(sizes)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a 1-2 minute smoke test")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--img", type=Path, help="plot path (default docs/img/benchmarks-scale.png beside --out)")
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--commit-seconds", type=float, default=1.0)
    parser.add_argument("--keep", type=Path, help="work directory to keep (default: a temporary one)")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    img = args.img or args.out.parent / "img" / "benchmarks-scale.png"
    started = time.perf_counter()
    data = {"quick": args.quick, "started": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
            "cores": os.cpu_count(), "load": "%.1f" % os.getloadavg()[0], "latency_ms": args.latency_ms,
            "commit_seconds": args.commit_seconds, "forks": sizes["spokes"] + 2}
    with tempfile.TemporaryDirectory(prefix="srx-vpn-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print("== scenarios (latency %g ms, commit %g s)" % (args.latency_ms, args.commit_seconds), flush=True)
        results = []
        for scen in (scenario.seed004(work / "seed004"), scenario.hub_and_spoke(work / "hub", sizes["spokes"])):
            results += compare.compare(scen, data["forks"], args.latency_ms, args.commit_seconds,
                                       log=lambda line: print(line, flush=True))
        data["scenarios"] = [r.as_dict() for r in results]
        print("== plan time", flush=True)
        data["plan"] = plan_series(sizes["plan"], work)
        for row in data["plan"]:
            print("  %5d spokes: %.3f s" % (row["spokes"], row["best"]), flush=True)
        print("== deploy time against size", flush=True)
        data["deploy"] = scale.deploy_times(work / "scale", sizes["deploy"], sizes["forks"], args.latency_ms,
                                            args.commit_seconds, log=lambda line: print(line, flush=True))
        print("== lab", flush=True)
        data["lab"] = scale.lab_scale(sizes["lab_devices"])
        data["recompute"] = scale.lab_recompute(sizes["recompute_spokes"])
        data["seconds"] = time.perf_counter() - started
        (work / "results.json").write_text(json.dumps(data, indent=1))
    report.write_doc(args.out, img, data)
    print("== %.0f s; wrote %s and %s" % (data["seconds"], args.out, img))
    unmeasured = [r for r in results if r.rc != 0 or not r.intended]
    for r in unmeasured:
        print("FAILED: %s / %s / %s: %s" % (r.scenario, r.step, r.tool, r.error or "; ".join(r.problems[:3])))
    return 1 if unmeasured or any(d["rc"] for d in data["deploy"]) else 0


if __name__ == "__main__":
    sys.exit(main())

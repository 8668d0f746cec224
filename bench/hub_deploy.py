#!/usr/bin/env python3
"""Deploy time of 1 hub + N spokes by the collection against the lab (issue 6), and its rerun.

    python bench/hub_deploy.py [--spokes 100] [--forks 50] [--latency-ms 50] [--commit-seconds 3] [--json FILE]

Uses the harness's scenario generator and lab settings (bench/harness.py explains the vSRX-like
latency and commit duration), runs `playbooks/deploy_vpn.yml` twice (first deploy, no-change
rerun) and prints wall time, commits, RPCs, changed and failed hosts, and whether every device
ended in the intended state (its `display set` read back over NETCONF).
"""
import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402
import scenario  # noqa: E402
from compare import DeviceTiming, shape_lab  # noqa: E402
from srxsim.testing import running_lab  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, default=100)
    parser.add_argument("--forks", type=int, default=50)
    parser.add_argument("--latency-ms", type=float, default=DeviceTiming.latency_ms)
    parser.add_argument("--commit-seconds", type=float, default=DeviceTiming.commit_seconds)
    parser.add_argument("--check-seconds", type=float, default=DeviceTiming.check_seconds)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="hub-deploy-") as tmp:
        scen = scenario.hub_and_spoke(Path(tmp), args.spokes)
        with running_lab(scen.topology, scen.root / "lab", timeout=600) as lab:
            shape_lab(lab, DeviceTiming(args.latency_ms, args.commit_seconds, args.check_seconds))
            initial = measure.read_sets(lab, scen.active)
            for step in ("first deploy", "no-change rerun"):
                result = measure.run_tool("collection", scen, lab, step, args.forks, timeout=3600)
                measure.verify(result, scen, lab, initial)
                rows.append({"step": step, "devices": result.hosts, "wall": round(result.wall, 1),
                             "commits": result.total_commits, "rpcs": result.total_rpcs,
                             "changed": len(result.changed_hosts), "failed": len(result.failed_hosts),
                             "intended_state": bool(result.intended), "rc": result.rc, "error": result.error})
    print("| 1 hub + %d spokes, forks %d | wall (s) | commits | NETCONF RPCs | changed hosts | failed | intended state |"
          % (args.spokes, args.forks))
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print("| %s | %.1f | %d | %d | %d | %d | %s |" % (row["step"], row["wall"], row["commits"], row["rpcs"],
                                                        row["changed"], row["failed"],
                                                        "yes" if row["intended_state"] else "NO"))
    if args.json:
        Path(args.json).write_text(json.dumps({"spokes": args.spokes, "forks": args.forks, "rows": rows}, indent=2))
    return 0 if all(row["rc"] == 0 and row["intended_state"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

"""How cost grows: plan time against spokes, deploy time against devices and forks, the lab itself."""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lab"))
from srxsim.testing import running_lab  # noqa: E402

import measure  # noqa: E402
import scenario  # noqa: E402
import state  # noqa: E402
from compare import DeviceTiming, shape_lab  # noqa: E402


def plan_times(sizes: list[int], repeat: int = 5) -> list[dict]:
    """vpn_plan (the pure function) for 1 hub + N spokes; sizes interleaved in each round, best and median kept.

    Interleaving puts every size under the same machine conditions, so the growth (a ratio) is not skewed by
    whatever else ran while one size was timed.
    """
    inputs = {size: scenario.plan_inputs(size) for size in sizes}
    runs: dict[int, list[float]] = {size: [] for size in sizes}
    devices = {}
    for _ in range(repeat):
        for size in sizes:
            sites, tunnels, profiles = inputs[size]
            started = time.perf_counter()
            plan = state.build_plan(sites, tunnels, profiles)
            runs[size].append(time.perf_counter() - started)
            devices[size] = len(plan["devices"])
            del plan  # freeing it belongs to no size's time
    return [{"spokes": size, "devices": devices[size], "best": min(runs[size]),
             "median": statistics.median(runs[size]), "runs": runs[size], "source": "bench/scale.py"}
            for size in sizes]


def deploy_times(root: Path, sizes: list[int], forks: list[int], timing: DeviceTiming, log=print) -> list[dict]:
    """First deploy of N devices (site-to-site pairs) by the collection, per forks value, fresh lab each."""
    rows = []
    for size in sizes:
        for fork in forks:
            scen = scenario.pairs(root / ("pairs%d-f%d" % (size, fork)), size)
            started = time.perf_counter()
            with running_lab(scen.topology, scen.root / "lab", timeout=300) as lab:
                lab_start = time.perf_counter() - started
                shape_lab(lab, timing)
                result = measure.run_tool("collection", scen, lab, "first deploy", fork)
            rows.append({"devices": size, "forks": fork, "wall": result.wall, "rc": result.rc,
                         "commits": result.total_commits, "committed_devices": result.committed_devices,
                         "rpcs": result.total_rpcs, "failed": len(result.failed_hosts), "lab_start": lab_start,
                         "error": result.error})
            log("  deploy %3d devices forks %2d: %6.1fs rc=%d commits=%d failed=%d %s" % (
                size, fork, result.wall, result.rc, result.total_commits, len(result.failed_hosts), result.error))
    return rows


def lab_scale(devices: int) -> dict:
    """bench/lab_scale.py (the lab engineer's): start time and memory of a `devices`-device lab."""
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "lab_scale.py"), "--devices", str(devices),
                           "--json-only"], capture_output=True, text=True, timeout=600, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"devices": devices, "error": (proc.stderr or proc.stdout).strip()[-300:]}
    return json.loads(lines[-1])


def lab_recompute(spokes: int) -> str:
    """bench/lab_recompute.py (the network engineer's): its own text report."""
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "lab_recompute.py"), "--spokes", str(spokes),
                           "--repeat", "3"], capture_output=True, text=True, timeout=600, check=False)
    return (proc.stdout + (proc.stderr if proc.returncode else "")).strip()

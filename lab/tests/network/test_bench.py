"""The documented benchmark command runs (small lab here; the full 200-spoke run is `make bench`)."""
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "lab_recompute.py"


def test_lab_recompute_benchmark_runs_and_reports():
    run = subprocess.run([sys.executable, str(BENCH), "--spokes", "5", "--repeat", "1"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "5/5 tunnels up" in run.stdout and "limit 1000 ms: OK" in run.stdout

"""bench/lab_scale.py runs and reports its figures (here on 3 devices; the benchmark itself uses 200)."""
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "lab_scale.py"


def test_lab_scale_reports_start_time_and_memory():
    run = subprocess.run([sys.executable, str(BENCH), "--devices", "3", "--sessions", "2", "--json-only"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["devices"] == 3 and result["sessions"] == 2
    assert result["start_seconds"] > 0  # the 10 s target is for the real run, not a busy CI box
    assert 0 < result["rss_bytes_after_start"] <= result["peak_rss_bytes"] < 1 << 30
    assert result["memory_ok"] is True

"""Fault injection and observability through the Python API and the CLI."""
import subprocess
import sys
import time

import pytest
from lxml import etree
from ncclient.transport import TransportError


def test_drop_session_mid_rpc_and_rpc_log(lab):
    conn = lab.connect("r1")
    conn.rpc(etree.fromstring("<get-software-information/>"))
    lab.fault("r1", "drop-session", rpc="get-configuration")
    with pytest.raises(TransportError):
        conn.rpc(etree.fromstring("<get-configuration/>"))
    log = lab.rpc_log("r1")
    assert [e["rpc"] for e in log][-2:] == ["get-software-information", "get-configuration"]
    assert log[-1]["ok"] is False and log[-1]["detail"] == "session dropped by fault"
    assert set(log[-2]) >= {"time", "session", "rpc", "duration_ms", "ok"}
    with lab.connect("r1") as fresh:  # the device itself is fine
        fresh.rpc(etree.fromstring("<get-software-information/>"))


def test_latency_and_commit_duration(lab):
    lab.fault("r1", "latency", ms=300)
    lab.fault("r1", "commit-duration", seconds=0.5)
    with lab.connect("r1") as conn:
        started = time.monotonic()
        conn.rpc(etree.fromstring("<commit-configuration/>"))
        assert time.monotonic() - started >= 0.8
    commit = [e for e in lab.rpc_log("r1") if e["rpc"] == "commit-configuration"][-1]
    assert commit["duration_ms"] >= 800
    lab.fault("r1", "clear-faults")
    assert lab.control("status")["devices"]["r1"]["faults"]["rpc_latency_ms"] == 0


def test_commit_check_and_validate_take_the_check_duration(lab):
    lab.fault("r1", "commit-duration", seconds=0, check_seconds=0.4)
    with lab.connect("r1") as conn:
        conn.rpc(etree.fromstring("<commit-configuration><check/></commit-configuration>"))
        conn.validate(source="candidate")
    checks = [e for e in lab.rpc_log("r1") if e["rpc"] in ("commit-configuration", "validate")][-2:]
    assert [e["rpc"] for e in checks] == ["commit-configuration", "validate"]
    assert all(e["duration_ms"] >= 400 for e in checks)
    lab.fault("r1", "clear-faults")


def test_fault_cli_reports_errors_clearly(lab):
    def srxsim(*args):
        return subprocess.run([sys.executable, "-m", "srxsim", *args], capture_output=True, text=True, timeout=60)

    ok = srxsim("fault", "--state-dir", str(lab.state_dir), "commit-fail", "--device", "r2",
                "--message", "no space left")
    assert ok.returncode == 0 and "no space left" in ok.stdout
    bad = srxsim("fault", "--state-dir", str(lab.state_dir), "latency", "--device", "nope", "--ms", "5")
    assert bad.returncode == 1 and "no device 'nope'" in bad.stderr and "Traceback" not in bad.stderr
    unknown = srxsim("fault", "--state-dir", str(lab.state_dir), "meltdown", "--device", "r1")
    assert unknown.returncode == 1 and "unknown control 'meltdown'" in unknown.stderr


def test_fault_parameters_are_checked(lab):
    from srxsim.control import ControlError

    with pytest.raises(ControlError, match=r"missing a required argument: 'ms' \(parameters: --device, --ms\)"):
        lab.control("latency", device="r1")
    with pytest.raises(ControlError, match="--ms must be a number, got 'abc'"):
        lab.fault("r1", "latency", ms="abc")
    with pytest.raises(ControlError, match="--seconds must be >= 0"):
        lab.fault("r1", "commit-duration", seconds=-1)

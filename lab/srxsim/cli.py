"""`srxsim` command line: up, down, status, fault (and serve, the lab process itself)."""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from srxsim import control
from srxsim.lab import LAB_FILE

LOG_FILE = "srxsim.log"


def _alive(pid: int) -> bool:
    """True while the process runs; an exited child not yet reaped (a zombie) counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path("/proc/%d/stat" % pid).read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _lab_info(state_dir: Path) -> dict | None:
    """The running lab's lab.json, or None when no live lab owns the state dir."""
    try:
        info = json.loads((state_dir / LAB_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return None
    return info if _alive(info["pid"]) else None


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0) as sock:
            sock.settimeout(2.0)
            return sock.recv(4).startswith(b"SSH-")
    except OSError:
        return False


def cmd_up(args: argparse.Namespace) -> int:
    state_dir = Path(args.state_dir).resolve()
    topology = Path(args.topology).resolve()
    if not topology.is_file():
        print("srxsim up: topology file %s does not exist" % topology, file=sys.stderr)
        return 2
    if _lab_info(state_dir):
        print("srxsim up: a lab is already running in %s (srxsim down --state-dir %s first)"
              % (state_dir, args.state_dir), file=sys.stderr)
        return 1
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / LAB_FILE).unlink(missing_ok=True)
    log = open(state_dir / LOG_FILE, "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "srxsim", "serve", str(topology), "--state-dir", str(state_dir)],
        stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, cwd=str(state_dir))
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = (state_dir / LOG_FILE).read_text(errors="replace").strip().splitlines()[-5:]
            print("srxsim up: the lab process exited (%d): %s" % (process.returncode, "\n".join(tail)),
                  file=sys.stderr)
            return 1
        info = _lab_info(state_dir)
        if info and info["pid"] == process.pid:
            devices = json.loads((state_dir / "devices.json").read_text())
            with ThreadPoolExecutor(max_workers=32) as pool:
                answering = list(pool.map(lambda d: _accepts(d["host"], d["port"]), devices.values()))
            if all(answering):
                print("srxsim: lab %s up (%d devices, pid %d); inventory %s"
                      % (info["name"], len(devices), process.pid, state_dir / "inventory.yml"))
                return 0
        time.sleep(0.1)
    process.terminate()
    print("srxsim up: the lab did not start within %d s (see %s)" % (args.timeout, state_dir / LOG_FILE),
          file=sys.stderr)
    return 1


def cmd_down(args: argparse.Namespace) -> int:
    state_dir = Path(args.state_dir).resolve()
    info = _lab_info(state_dir)
    if info is None:
        print("srxsim down: no lab is running in %s" % state_dir)
        return 0
    try:
        control.request(state_dir, "stop", timeout=10)
    except (control.ControlError, OSError):
        os.kill(info["pid"], signal.SIGTERM)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if not _alive(info["pid"]):
            print("srxsim: lab %s stopped" % info["name"])
            return 0
        time.sleep(0.05)
    os.kill(info["pid"], signal.SIGKILL)
    (state_dir / LAB_FILE).unlink(missing_ok=True)
    print("srxsim down: the lab did not stop in time and was killed", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    state_dir = Path(args.state_dir).resolve()
    if _lab_info(state_dir) is None:
        print(json.dumps({"running": False}) if args.json else "no lab is running in %s" % state_dir)
        return 3
    status = control.request(state_dir, "status")
    if args.json:
        print(json.dumps({"running": True, **status}, indent=2))
        return 0
    print("lab %s (pid %d), clock offset %+.0f s" % (status["name"], status["pid"], status["clock_offset"]))
    print("%-20s %-22s %-20s %8s %8s %s" % ("DEVICE", "ADDRESS", "HOSTNAME", "SESSIONS", "COMMITS", "LOCK"))
    for name, dev in status["devices"].items():
        print("%-20s %-22s %-20s %8d %8d %s" % (
            name, "%s:%d" % (dev["host"], dev["port"]), dev["hostname"], len(dev["sessions"]), dev["commits"],
            dev["lock_holder"] or "-"))
    return 0


def _parse_params(extra: list[str]) -> dict:
    """`--key value` / `--flag` pairs; values are JSON when they parse as JSON (numbers, true)."""
    params: dict = {}
    index = 0
    while index < len(extra):
        item = extra[index]
        if not item.startswith("--") or len(item) < 3:
            raise ValueError("expected --name value, got %r" % item)
        key = item[2:].replace("-", "_")
        if "=" in key:
            key, value = key.split("=", 1)
            index += 1
        elif index + 1 < len(extra) and not extra[index + 1].startswith("--"):
            value = extra[index + 1]
            index += 2
        else:
            params[key] = True
            index += 1
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def cmd_fault(args: argparse.Namespace, extra: list[str]) -> int:
    try:
        params = _parse_params(extra)
    except ValueError as exc:
        print("srxsim fault: %s" % exc, file=sys.stderr)
        return 2
    if args.device:
        params["device"] = args.device
    try:
        result = control.request(Path(args.state_dir).resolve(), args.kind, **params)
    except control.ControlError as exc:
        print("srxsim fault %s: %s" % (args.kind, exc), file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from srxsim.lab import Lab
    from srxsim.topology import TopologyError, load_topology

    state_dir = Path(args.state_dir).resolve()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    try:
        topology = load_topology(args.topology)
    except TopologyError as exc:
        print("srxsim: %s" % exc, file=sys.stderr)
        return 2

    async def run() -> int:
        lab = Lab(topology, state_dir)
        try:
            await lab.start()
        except (ValueError, OSError) as exc:
            print("srxsim: cannot start lab %s: %s" % (topology.name, exc), file=sys.stderr)
            return 1
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, lambda: asyncio.ensure_future(lab.stop()))
        lab.write_lab_file()
        logging.info("lab %s: %d devices listening", topology.name, len(lab.devices))
        await lab.stopped.wait()
        return 0

    return asyncio.run(run())


def build_parser() -> argparse.ArgumentParser:
    # allow_abbrev=False everywhere: a control's --key that is a prefix of --state-dir/--device
    # (e.g. `--state down`) must reach the control, not be taken as an abbreviation.
    parser = argparse.ArgumentParser(prog="srxsim", description="vSRX emulator lab (NETCONF over SSH)",
                                     allow_abbrev=False)
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", allow_abbrev=False, help="start every device of a topology in one background process")
    up.add_argument("topology")
    up.add_argument("--state-dir", required=True)
    up.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for SSH (default 60)")
    down = sub.add_parser("down", allow_abbrev=False, help="stop the lab of a state dir")
    down.add_argument("--state-dir", required=True)
    down.add_argument("--timeout", type=float, default=15.0)
    status = sub.add_parser("status", allow_abbrev=False, help="show the devices of a running lab")
    status.add_argument("--state-dir", required=True)
    status.add_argument("--json", action="store_true")
    fault = sub.add_parser("fault", allow_abbrev=False,
                           help="inject a fault or call a control (extra --key value pairs)")
    fault.add_argument("--state-dir", required=True)
    fault.add_argument("kind", help="drop-session, commit-fail, hold-lock, latency, commit-duration, "
                                    "clear-faults, clock, or a control added by srxsim.network")
    fault.add_argument("--device")
    serve = sub.add_parser("serve", allow_abbrev=False, help="run the lab in the foreground (what `up` starts)")
    serve.add_argument("topology")
    serve.add_argument("--state-dir", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "fault":
        parser.error("unrecognized arguments: %s" % " ".join(extra))
    command = {"up": cmd_up, "down": cmd_down, "status": cmd_status, "serve": cmd_serve}.get(args.command)
    try:
        return cmd_fault(args, extra) if args.command == "fault" else command(args)
    except BrokenPipeError:
        # `srxsim fault ... | head`: the reader left; silence the interpreter's flush at exit too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

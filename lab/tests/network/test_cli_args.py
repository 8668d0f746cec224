"""`srxsim fault` passes every --key it does not define to the control, even one that is a prefix
of its own options (argparse would otherwise expand `--state` to `--state-dir`)."""
from __future__ import annotations

from srxsim.cli import build_parser


def test_fault_control_keys_that_prefix_own_options_reach_the_control():
    args, extra = build_parser().parse_known_args(
        ["fault", "--state-dir", "/tmp/lab", "link", "--state", "down", "--dev", "r1"])
    assert args.state_dir == "/tmp/lab"
    assert args.kind == "link"
    assert args.device is None
    assert extra == ["--state", "down", "--dev", "r1"]


def test_fault_own_options_still_parse_in_full():
    args, extra = build_parser().parse_known_args(
        ["fault", "--state-dir", "/tmp/lab", "ping", "--device", "site-a", "--destination", "192.168.2.10"])
    assert (args.state_dir, args.kind, args.device) == ("/tmp/lab", "ping", "site-a")
    assert extra == ["--destination", "192.168.2.10"]

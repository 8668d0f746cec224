"""The "Simulated network" section of lab/README.md stays true: its controls exist, its failure
table lists exactly the codes the model produces, its replies and commands are registered."""
import re
from pathlib import Path

from srxsim import control, rpc
from srxsim.lab import load_plugins
from srxsim.network import FAILURES

SECTION = (Path(__file__).resolve().parents[2] / "README.md").read_text() \
    .split("## Simulated network (srxsim.network)", 1)[1].split("\n## ", 1)[0]


def _table(title: str) -> list[str]:
    table = SECTION.split(title, 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| `([A-Z0-9_a-z-]+)` \|", table, re.M)


def test_documented_controls_are_registered():
    load_plugins()  # the lab's own controls (clock) besides the network's
    assert set(_table("### Controls")) <= set(control.names())


def test_failure_table_lists_every_code():
    assert set(_table("### Failure classification")) == set(FAILURES)


def test_documented_rpcs_and_commands_are_registered():
    rpcs = re.findall(r"`(get-[a-z-]+)`", SECTION)
    assert rpcs and all(rpc.handler_for(name) for name in rpcs)
    assert rpc.handler_for("ping")
    for command in ("show security ike security-associations", "show security ipsec security-associations",
                    "show security ipsec inactive-tunnels", "show interfaces terse", "show route", "show log kmd",
                    "show security flow session", "show security flow trace"):
        assert f"`{command}`" in SECTION and rpc.command_handler(command) is not None

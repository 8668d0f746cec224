"""Built-in controls: status, stop, clock, and the configuration-plane faults.

Every fault names its device; `srxsim fault --state-dir DIR KIND --device NAME
[--param value]` and ``lab.fault(device, kind, **params)`` reach these handlers.
"""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from srxsim.control import ControlError, register
from srxsim.session import Session

if TYPE_CHECKING:
    from srxsim.lab import Lab


def _number(value, name: str, integer: bool = False) -> float:
    try:
        number = int(value) if integer else float(value)
    except (TypeError, ValueError):
        raise ControlError("--%s must be a %s, got %r" % (name, "whole number" if integer else "number", value)) \
            from None
    if number < 0:
        raise ControlError("--%s must be >= 0, got %s" % (name, value))
    return number


@register("status")
def status(lab: "Lab") -> dict:
    return lab.status()


@register("stop")
def stop(lab: "Lab") -> dict:
    asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(lab.stop()))
    return {"stopping": True}


@register("clock")
def clock(lab: "Lab", advance: float = 0.0) -> dict:
    """Jump the lab clock forward (fires confirmed-commit rollbacks, DPD, lifetimes)."""
    fired = lab.clock.advance(_number(advance, "advance"))
    return {"now": lab.clock.now(), "offset": lab.clock.offset, "timers_fired": fired}


@register("drop-session")
def drop_session(lab: "Lab", device: str, rpc: str | None = None, after: bool = False, count: int = 1) -> dict:
    """The next RPC (optionally only one named rpc) drops its SSH connection without a reply."""
    faults = lab.device(device).faults
    for _ in range(int(_number(count, "count", integer=True))):
        faults.drop_session.append({"rpc": rpc, "after": bool(after)})
    return {"device": device, "drop_session": faults.drop_session}


@register("commit-fail")
def commit_fail(lab: "Lab", device: str, message: str = "commit failed (fault injected)") -> dict:
    """The next commit fails with this error message (commit check is not affected)."""
    faults = lab.device(device).faults
    faults.commit_fail.append(str(message))
    return {"device": device, "commit_fail": faults.commit_fail}


@register("hold-lock")
def hold_lock(lab: "Lab", device: str, user: str = "admin", release: bool = False) -> dict:
    """Another user holds (or, with release, gives up) the exclusive configuration lock."""
    target = lab.device(device)
    holder = target.lock_holder
    if release:
        if holder is None or holder.client != "cli":
            raise ControlError("device %s: no lock is held by the fault injector" % device)
        target.detach(holder)
        return {"device": device, "lock_holder": None}
    if holder is not None:
        raise ControlError("device %s: the lock is already held by session %d" % (device, holder.session_id))
    session = Session(lab, target, user, client="cli", terminal="p0")
    target.attach(session)
    target.lock_holder = session
    return {"device": device, "lock_holder": session.session_id, "user": user}


@register("latency")
def latency(lab: "Lab", device: str, ms: float) -> dict:
    """Delay every RPC of the device by ms milliseconds."""
    lab.device(device).faults.rpc_latency_ms = _number(ms, "ms")
    return {"device": device, "rpc_latency_ms": float(ms)}


@register("commit-duration")
def commit_duration(lab: "Lab", device: str, seconds: float, check_seconds: float = 0.0) -> dict:
    """How long a commit, and a commit check (or NETCONF validate), take on the device."""
    target = lab.device(device)
    target.commit_seconds = _number(seconds, "seconds")
    target.check_seconds = _number(check_seconds, "check_seconds")
    return {"device": device, "commit_seconds": float(seconds), "check_seconds": float(check_seconds)}


@register("clear-faults")
def clear_faults(lab: "Lab", device: str) -> dict:
    target = lab.device(device)
    target.faults.drop_session.clear()
    target.faults.commit_fail.clear()
    target.faults.rpc_latency_ms = target.settings.rpc_latency_ms
    target.commit_seconds = target.settings.commit_seconds
    target.check_seconds = 0.0
    if target.lock_holder is not None and target.lock_holder.client == "cli":
        target.detach(target.lock_holder)
    return {"device": device, "faults": target.faults.as_dict()}

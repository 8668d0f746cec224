"""One emulated vSRX: committed and candidate configurations, locks, commits.

Junos rules modelled here (Junos XML management protocol guide, "Lock, Unlock,
or Commit the Candidate Configuration" and "configure private"):
- the candidate is shared by all sessions; an exclusive lock keeps others from
  loading or committing, and naming the holder in the error;
- locking fails with "configuration database modified" while the shared
  candidate holds uncommitted changes;
- <unlock> keeps uncommitted changes; a session that ends while holding the
  lock (close, kill, dropped SSH) has its uncommitted changes discarded;
- a private candidate belongs to one session and dies with it;
- commit confirmed rolls back by itself unless a commit (or commit check)
  confirms it before the timeout.
"""
from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from lxml import etree

from srxsim import config as cfgmod
from srxsim.clock import Clock, Timer
from srxsim.history import CommitHistory, CommitRecord, format_time
from srxsim.rpc import JUNOS_VERSION, RpcError, errors_from
from srxsim.rpclog import RpcLog

if TYPE_CHECKING:
    from srxsim.session import Session

DEFAULT_COMMIT_SECONDS = 3.0  # a small vSRX takes a few seconds per commit
CHECKOUT_FAILED = "configuration check-out failed"


@dataclasses.dataclass
class Faults:
    commit_fail: list[str] = dataclasses.field(default_factory=list)
    drop_session: list[dict] = dataclasses.field(default_factory=list)
    rpc_latency_ms: float = 0.0

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class DeviceSettings:
    name: str
    username: str
    password: str
    interfaces: dict[str, dict]
    initial_config: str = ""
    commit_seconds: float = DEFAULT_COMMIT_SECONDS
    rpc_latency_ms: float = 0.0
    host: str = "127.0.0.1"
    port: int = 0


class Device:
    def __init__(self, settings: DeviceSettings, state_dir: Path, clock: Clock,
                 on_commit: Callable[["Device"], None] | None = None):
        self.settings = settings
        self.name = settings.name
        self.state_dir = state_dir
        self.clock = clock
        self.on_commit = on_commit
        self.commit_seconds = settings.commit_seconds
        self.check_seconds = 0.0  # commit check / validate: Junos's checkout without activation
        self.faults = Faults(rpc_latency_ms=settings.rpc_latency_ms)
        self.history = CommitHistory(state_dir / "commits.json")
        self.rpclog = RpcLog(state_dir / "rpc-log.jsonl")
        self.sessions: dict[int, "Session"] = {}
        self.lock_holder: "Session | None" = None
        self._confirm_timer: Timer | None = None
        self._confirm_base: str | None = None
        self._commit_lock = asyncio.Lock()
        if self.history.load():
            self.committed = cfgmod.Configuration.from_xml(etree.fromstring(self.history.records[0].config_xml))
        else:  # the lab saves this first history entry (see Lab.start: files are written in parallel)
            self.committed = self._initial_configuration()
            self.history.records.insert(0, self._record(self.committed, "root", "other", None))
        self.candidate = self.committed
        self.changed_at = self.history.records[0].time

    def _initial_configuration(self) -> "cfgmod.Configuration":
        text = self.settings.initial_config.strip()
        if not text:
            return self._stamped(cfgmod.Configuration.empty())
        fmt = "set" if text.lstrip().startswith(("set ", "delete ")) else "text"
        try:
            cfg = cfgmod.load_configuration(cfgmod.Configuration.empty(), text, action="merge"
                                            if fmt == "text" else "set", fmt=fmt)
        except cfgmod.ConfigError as exc:
            raise ValueError("device %s: initial config does not load: %s" % (self.name, _describe(exc.errors))) \
                from None
        errors = [e for e in cfgmod.validate(cfg) if e.severity == "error"]
        if errors:
            raise ValueError("device %s: initial config would not commit: %s" % (self.name, _describe(errors)))
        return self._stamped(cfg)

    # ----- reading -----------------------------------------------------------------------------
    @property
    def hostname(self) -> str:
        node = self.committed.to_xml().find("system/host-name")
        return node.text.strip() if node is not None and node.text else self.name

    def rfc_compliant(self) -> bool:
        """`system services netconf rfc-compliant`: YANG namespaces in configuration replies."""
        return self.committed.to_xml().find("system/services/netconf/rfc-compliant") is not None

    def candidate_for(self, session: "Session") -> "cfgmod.Configuration":
        return session.private if session.private is not None else self.candidate

    def rollback_config(self, index: int) -> "cfgmod.Configuration":
        record = self.history.get(index)
        if record is None:
            raise RpcError("rollback %d does not exist" % index, error_type="application",
                           error_tag="invalid-value", bad_element="rollback")
        return cfgmod.Configuration.from_xml(etree.fromstring(record.config_xml))

    def candidate_modified(self) -> bool:
        return self.candidate is not self.committed and self.candidate != self.committed

    # ----- locks -------------------------------------------------------------------------------
    def lock_message(self, holder: "Session") -> str:
        idle = int(self.clock.now() - holder.last_activity)
        return ("configuration database locked by:\n  %s terminal %s (pid %d) on since %s, idle %02d:%02d:%02d\n"
                "      exclusive" % (holder.user, holder.terminal, holder.session_id,
                                     format_time(holder.started), idle // 3600, idle // 60 % 60, idle % 60))

    def lock_denied(self) -> RpcError:
        holder = self.lock_holder
        return RpcError(self.lock_message(holder), error_tag="lock-denied", session_id=holder.session_id)

    def check_not_locked_by_other(self, session: "Session") -> None:
        if self.lock_holder is not None and self.lock_holder is not session and session.private is None:
            raise self.lock_denied()

    def lock(self, session: "Session") -> None:
        if self.lock_holder is session:
            return
        if self.lock_holder is not None:
            raise self.lock_denied()
        if session.private is not None:
            raise RpcError("configuration database is open in private mode; close it before locking",
                           error_tag="lock-denied")
        if self.candidate_modified():
            raise RpcError("configuration database modified", error_tag="lock-denied")
        self.lock_holder = session

    def unlock(self, session: "Session") -> None:
        if self.lock_holder is not session:
            raise RpcError("configuration database is not locked by this session",
                           error_tag="operation-failed")
        self.lock_holder = None

    def open_private(self, session: "Session") -> None:
        if session.private is not None:
            return
        if self.lock_holder is not None and self.lock_holder is not session:
            raise self.lock_denied()
        if self.candidate_modified():
            raise RpcError("shared configuration database modified", error_tag="operation-failed")
        session.private = self.committed

    def close_private(self, session: "Session") -> None:
        session.private = None

    # ----- editing -----------------------------------------------------------------------------
    def set_candidate(self, session: "Session", new: "cfgmod.Configuration") -> None:
        self.check_not_locked_by_other(session)
        if session.private is not None:
            session.private = new
        else:
            self.candidate = new
            self.changed_at = self.clock.now()

    def load(self, session: "Session", payload: Any, action: str, fmt: str) -> list[RpcError]:
        """Load into the session's candidate; returns Junos's load warnings (e.g. statement not found)."""
        self.check_not_locked_by_other(session)
        try:
            new, warnings = cfgmod.load_configuration_with_warnings(self.candidate_for(session), payload,
                                                                     action=action, fmt=fmt)
        except cfgmod.ConfigError as exc:
            raise _error_list(exc.errors) from None
        self.set_candidate(session, new)
        return errors_from(warnings)

    def discard(self, session: "Session") -> None:
        self.check_not_locked_by_other(session)
        self.set_candidate(session, self.committed)

    def validate_candidate(self, session: "Session") -> list[RpcError]:
        """Warnings of a valid candidate; raises the errors (plus Junos's trailer) otherwise."""
        found = errors_from(cfgmod.validate(self.candidate_for(session)))
        errors = [e for e in found if e.severity == "error"]
        if errors:
            if not any(CHECKOUT_FAILED in e.message for e in errors):
                errors.append(RpcError("\n%s\n" % CHECKOUT_FAILED))
            raise _error_list(errors)
        return found

    # ----- commit ------------------------------------------------------------------------------
    async def commit(self, session: "Session", *, check: bool = False, log: str | None = None,
                     confirmed_minutes: int | None = None) -> list[RpcError]:
        """Commit (or check) the session's candidate; returns warnings."""
        if self.lock_holder is not None and self.lock_holder is not session:
            raise self.lock_denied()  # private sessions too: an exclusive lock blocks every commit
        if self.faults.commit_fail and not check:
            message = self.faults.commit_fail.pop(0)
            raise _error_list([RpcError(message, error_type="application"), RpcError("\n%s\n" % CHECKOUT_FAILED)])
        if check:
            await self.check_delay()
        warnings = self.validate_candidate(session)
        self._cancel_confirm()  # commit and commit check both confirm a pending commit confirmed
        if check:
            self._confirm_base = None
            return warnings
        async with self._commit_lock:
            if self.commit_seconds > 0:
                await asyncio.sleep(self.commit_seconds)
            candidate = self.candidate_for(session)
            new = self._stamped(candidate)
            if confirmed_minutes is not None:
                if self._confirm_base is None:
                    self._confirm_base = self.history.records[0].config_xml
                self._confirm_timer = self.clock.call_later(confirmed_minutes * 60, self._confirm_expired)
            else:
                self._confirm_base = None
            self._activate(new, self._record(new, session.user, session.client, log, confirmed_minutes))
            if session.private is not None:
                session.private = new
            elif self.candidate is candidate:
                self.candidate = new
        return warnings

    async def check_delay(self) -> None:
        if self.check_seconds > 0:
            await asyncio.sleep(self.check_seconds)

    def _stamped(self, cfg: "cfgmod.Configuration") -> "cfgmod.Configuration":
        """Junos writes the running release into `version` at every commit."""
        if cfg.to_xml().findtext("version") == JUNOS_VERSION:
            return cfg
        return cfgmod.load_configuration(cfg, "set version %s" % JUNOS_VERSION, action="set", fmt="set")

    def rollback_pending(self) -> bool:
        return self._confirm_timer is not None

    def _cancel_confirm(self) -> None:
        if self._confirm_timer is not None:
            self._confirm_timer.cancel()
            self._confirm_timer = None

    def _confirm_expired(self) -> None:
        base = cfgmod.Configuration.from_xml(etree.fromstring(self._confirm_base))
        self._confirm_timer = None
        self._confirm_base = None
        self._activate(base, self._record(base, "root", "other", "automatic rollback: commit confirmed timed out"))

    def _record(self, cfg: "cfgmod.Configuration", user: str, client: str, log: str | None,
                confirmed_minutes: int | None = None) -> CommitRecord:
        xml = etree.tostring(cfg.to_xml(), encoding="unicode")
        return CommitRecord(xml, self.clock.now(), user, client, log, confirmed_minutes)

    def _activate(self, new: "cfgmod.Configuration", record: CommitRecord) -> None:
        shared_untouched = self.candidate is self.committed
        self.committed = new
        if shared_untouched:
            self.candidate = new
            self.changed_at = record.time
        self.history.push(record)
        if self.on_commit is not None:
            self.on_commit(self)

    # ----- sessions ----------------------------------------------------------------------------
    def attach(self, session: "Session") -> None:
        self.sessions[session.session_id] = session

    def detach(self, session: "Session") -> None:
        """A session ended (close, kill or dropped): release what it held, as Junos does."""
        self.sessions.pop(session.session_id, None)
        session.private = None
        if self.lock_holder is session:
            self.lock_holder = None
            self.candidate = self.committed

    def close(self) -> None:
        self._cancel_confirm()
        self.rpclog.close()


def _describe(errors: list) -> str:
    return "; ".join(" ".join(p for p in (e.path, e.message.strip()) if p) for e in errors)


def _error_list(errors: list[RpcError]) -> RpcError:
    errors = errors_from(errors)
    first = dataclasses.replace(errors[0], more=errors[1:])
    return first

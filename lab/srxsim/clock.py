"""The lab's clock: real time plus an offset that tests can jump forward.

Every timer in the lab (confirmed-commit rollback, and the network engineer's
DPD/lifetimes) is scheduled on this clock, so advancing it fires them at once.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import time
from typing import Callable

log = logging.getLogger(__name__)


class Timer:
    """Handle returned by :meth:`Clock.call_at`; cancel() is idempotent."""

    def __init__(self, when: float, callback: Callable[[], None]):
        self.when = when
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    """``now()`` in epoch seconds. ``realtime=False`` freezes it between advances."""

    def __init__(self, realtime: bool = True, start: float | None = None):
        self.realtime = realtime
        self._base = time.time() if start is None else start
        self._offset = 0.0
        self._timers: list[tuple[float, int, Timer]] = []
        self._sequence = itertools.count()

    def now(self) -> float:
        if self.realtime:
            return time.time() + self._offset
        return self._base + self._offset

    @property
    def offset(self) -> float:
        return self._offset

    def advance(self, seconds: float) -> int:
        """Jump forward and fire what became due; returns how many timers fired."""
        if seconds < 0:
            raise ValueError("the clock only moves forward (got %s s)" % seconds)
        self._offset += seconds
        return self.run_due()

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        timer = Timer(when, callback)
        heapq.heappush(self._timers, (when, next(self._sequence), timer))
        return timer

    def call_later(self, seconds: float, callback: Callable[[], None]) -> Timer:
        return self.call_at(self.now() + seconds, callback)

    def next_due(self) -> float | None:
        while self._timers and self._timers[0][2].cancelled:
            heapq.heappop(self._timers)
        return self._timers[0][0] if self._timers else None

    def run_due(self) -> int:
        """Run every timer whose time has come, in time order."""
        fired = 0
        while True:
            due = self.next_due()
            if due is None or due > self.now():
                return fired
            _, _, timer = heapq.heappop(self._timers)
            fired += 1
            try:
                timer.callback()
            except Exception:  # one failing timer must not stop the others
                log.exception("timer callback failed")

"""Client-side pacing: never more than ``max_calls`` calls within any ``window`` seconds.

One limiter is shared per host per process (:func:`shared_limiter`), so several clients (threads)
talking to one host together stay under its limit (pxdata.stat.fi: StatFin's 40 calls / 60 s).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Slot:
    """A taken call slot. ``time`` is the call's start until :meth:`~SlidingWindowLimiter.release`
    moves it to the call's end; ``waited`` is how long :meth:`acquire` slept for it."""

    time: float
    waited: float = 0.0


class SlidingWindowLimiter:
    """Paces calls so that at most ``max_calls`` start within any window of ``window_seconds``.

    ``clock`` (monotonic seconds) and ``sleep`` are injectable for tests. Thread-safe: waiting
    happens outside the lock, and a slot is recorded only when taken.

    The server counts *arrivals*, which happen somewhere between our start and the end of the
    answer. A released call (:meth:`release`) therefore keeps its slot until ``window_seconds``
    after it *ended*: a new call then starts (and arrives) at least a full window after the old
    one arrived, whatever the latencies were. Calls never released count from their start.
    """

    def __init__(
        self,
        max_calls: int,
        window_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_calls < 1 or window_seconds <= 0:
            raise ValueError("max_calls must be >= 1 and window_seconds > 0")
        self.max_calls = max_calls
        self.window_seconds = window_seconds
        self.clock = clock
        self.sleep = sleep
        self._slots: list[Slot] = []
        self._lock = threading.Lock()
        self.waited_seconds = 0.0

    def configure(self, max_calls: int, window_seconds: float) -> None:
        """Change the limits (e.g. after reading the server's ``?config``)."""
        with self._lock:
            self.max_calls = max_calls
            self.window_seconds = window_seconds

    def acquire(self) -> Slot:
        """Block until a call may start; record and return its slot."""
        waited = 0.0
        while True:
            with self._lock:
                now = self.clock()
                horizon = now - self.window_seconds
                self._slots = [slot for slot in self._slots if slot.time > horizon]
                if len(self._slots) < self.max_calls:
                    slot = Slot(now, waited)
                    self._slots.append(slot)
                    self.waited_seconds += waited
                    return slot
                delay = min(slot.time for slot in self._slots) - horizon
            self.sleep(delay)
            waited += delay

    def release(self, slot: Slot) -> None:
        """The call of ``slot`` has ended: its slot now counts from this moment."""
        with self._lock:
            slot.time = max(slot.time, self.clock())

    def starts(self) -> list[float]:
        """Slot times still inside the current window (for tests and diagnostics)."""
        with self._lock:
            return sorted(slot.time for slot in self._slots)


_shared: dict[str, SlidingWindowLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(host: str, max_calls: int, window_seconds: float) -> SlidingWindowLimiter:
    """The process-wide limiter for ``host``, created on first use, reconfigured when the limits
    given differ from the ones it has."""
    with _shared_lock:
        limiter = _shared.get(host)
        if limiter is None:
            limiter = _shared[host] = SlidingWindowLimiter(max_calls, window_seconds)
        elif (limiter.max_calls, limiter.window_seconds) != (max_calls, window_seconds):
            limiter.configure(max_calls, window_seconds)
        return limiter


def forget_shared_limiters() -> None:
    """Drop every shared limiter (tests)."""
    with _shared_lock:
        _shared.clear()

"""Role resolution (old and new StatFin codes) and the sliding-window limiter (fake clock)."""

from __future__ import annotations

import threading

import pytest

from seuraamo.official_stats.pxweb import Role, SlidingWindowLimiter, shared_limiter
from seuraamo.official_stats.pxweb.metadata import parse_v1_metadata
from seuraamo.official_stats.pxweb.roles import RoleEvidence, resolve_roles


def v1(variables: list[dict]) -> list[Role]:
    metadata = parse_v1_metadata({"title": "t", "variables": variables}, "x/y")
    return [v.role for v in metadata.variables]


def var(code: str, values: list[str], **extra: object) -> dict:
    return {"code": code, "text": code, "values": values, "valueTexts": values, **extra}


AREAS = ["SSS", "MK08", "KU285"]


def test_new_codes() -> None:
    roles = v1(
        [
            var("Alue", AREAS),
            var("timeperiod_m", ["2026M06"], time=True),
            var("contentscode", ["TYOTOSUUS"]),
        ]
    )
    assert roles == [Role.AREA, Role.TIME, Role.CONTENT]


def test_old_codes() -> None:
    roles = v1(
        [var("Alue", AREAS), var("Kuukausi", ["2026M06"], time=True), var("Tiedot", ["TYOTOSUUS"])]
    )
    assert roles == [Role.AREA, Role.TIME, Role.CONTENT]


def test_time_flag_beats_code_and_renamed_area_codes() -> None:
    roles = v1(
        [
            var("Vuosi", ["2025"]),
            var("alue_23_20260101", AREAS),
            var("periodi", ["2025"], time=True),
            var("contentscode", ["x"]),
        ]
    )
    assert roles == [Role.OTHER, Role.AREA, Role.TIME, Role.CONTENT]


def test_area_found_from_values_and_occupation_is_not_area() -> None:
    roles = v1(
        [
            var("Ammattiryhmä", ["SSS", "0", "01", "X"]),
            var("Paikka", AREAS),
            var("Kuukausi", ["2026M01"], time=True),
            var("Tiedot", ["A"]),
        ]
    )
    assert roles == [Role.OTHER, Role.AREA, Role.TIME, Role.CONTENT]


def test_time_found_from_period_values() -> None:
    assert resolve_roles(
        [RoleEvidence("periodi", ["2025Q1", "2025Q2"]), RoleEvidence("x", ["a"])]
    ) == [Role.TIME, Role.OTHER]


def test_jsonstat_roles_and_single_winner() -> None:
    roles = resolve_roles(
        [
            RoleEvidence("Region", ["00"], jsonstat_role="geo"),
            RoleEvidence("Tid", ["2023"], jsonstat_role="time"),
            RoleEvidence("ContentsCode", ["BE0101N1"], jsonstat_role="metric"),
            RoleEvidence("Kuukausi", ["2023M01"]),
        ]
    )
    assert roles == [Role.AREA, Role.TIME, Role.CONTENT, Role.OTHER]


# -- limiter ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def max_in_window(starts: list[float], window: float) -> int:
    return max(sum(1 for s in starts if first <= s < first + window) for first in starts)


def test_limiter_paces_to_max_calls_per_window() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(40, 60.0, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(130):
        limiter.acquire()
        starts.append(clock.now)
    assert max_in_window(starts, 60.0) == 40
    assert starts[39] == 0.0
    assert starts[40] == 60.0
    assert starts[129] == 180.0


def test_limiter_sliding_not_fixed_window() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(3, 10.0, clock=clock, sleep=clock.sleep)
    starts = []
    for gap in (0, 4, 4, 0, 0, 0):
        clock.now += gap
        limiter.acquire()
        starts.append(clock.now)
    assert starts == [0.0, 4.0, 8.0, 10.0, 14.0, 18.0]
    assert max_in_window(starts, 10.0) == 3


def test_limiter_returns_wait_and_reconfigures() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 5.0, clock=clock, sleep=clock.sleep)
    assert limiter.acquire().waited == 0.0
    assert limiter.acquire().waited == 5.0
    limiter.configure(2, 5.0)
    assert limiter.acquire().waited == 0.0
    assert limiter.waited_seconds == 5.0


def test_released_slot_counts_from_the_end_of_the_call() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(1, 10.0, clock=clock, sleep=clock.sleep)
    slot = limiter.acquire()
    clock.now += 3.0  # the answer took 3 s
    limiter.release(slot)
    assert limiter.acquire().waited == 10.0
    assert clock.now == 13.0


def test_limiter_threads_real_clock() -> None:
    limiter = SlidingWindowLimiter(4, 0.3)
    starts: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(3):
            limiter.acquire()
            with lock:
                starts.append(limiter.clock())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(starts) == 12
    assert max_in_window(sorted(starts), 0.3 - 0.01) <= 4


def test_limiter_rejects_bad_limits() -> None:
    with pytest.raises(ValueError):
        SlidingWindowLimiter(0, 1.0)


def test_shared_limiter_is_per_host() -> None:
    first = shared_limiter("pxdata.stat.fi", 40, 60.0)
    assert shared_limiter("pxdata.stat.fi", 40, 60.0) is first
    assert shared_limiter("api.scb.se", 30, 10.0) is not first
    assert shared_limiter("pxdata.stat.fi", 30, 10.0) is first
    assert (first.max_calls, first.window_seconds) == (30, 10.0)

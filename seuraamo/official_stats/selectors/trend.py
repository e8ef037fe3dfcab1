"""The trend and six-month projection of a stored monthly series (method in projection.py)."""

from __future__ import annotations

from dataclasses import dataclass

from seuraamo.core.memo import once_per_build
from seuraamo.official_stats.derived import Point
from seuraamo.official_stats.projection import (
    HISTORY,
    Projected,
    moving_average,
    projection_with_band,
)
from seuraamo.official_stats.selectors.series import series
from seuraamo.periods import Period

SHOWN_MONTHS = 36


@dataclass(frozen=True)
class TrendProjection:
    """``origin`` is the latest month with 24 unbroken months up to it: the projection starts
    after it. ``latest`` is the latest stored month (later than the origin after a gap)."""

    statistic: str
    area_code: str
    origin: str
    latest: str
    actual: list[Point]  # the months shown before the origin, with values
    trend: list[Point]  # the 12-month moving average of the same months
    projected: list[tuple[str, Projected]]  # (period, projection)


def _unbroken_runs(points: list[Point]) -> list[list[Point]]:
    runs: list[list[Point]] = []
    for point in points:
        if point.value is None or not Period.is_valid(point.period, "M"):
            runs.append([])
            continue
        if runs and runs[-1] and Period.parse(runs[-1][-1].period).shift(1).code == point.period:
            runs[-1].append(point)
        else:
            runs.append([point])
    return [run for run in runs if run]


@once_per_build
def trend_projection(table_id: str, statistic: str, area_code: str) -> TrendProjection | None:
    """The projection from the end of the latest run of at least 24 unbroken months, or None."""
    points = series(table_id, statistic, area_code)
    runs = [run for run in _unbroken_runs(points) if len(run) >= HISTORY]
    if not runs:
        return None
    run = runs[-1]
    values = [point.value for point in run]
    trend = moving_average(values)
    shown = slice(max(0, len(run) - SHOWN_MONTHS), len(run))
    origin = Period.parse(run[-1].period)
    projected = [(origin.shift(p.step).code, p) for p in projection_with_band(values)]  # type: ignore[arg-type]
    return TrendProjection(
        statistic=statistic,
        area_code=area_code,
        origin=origin.code,
        latest=points[-1].period,
        actual=run[shown],
        trend=[
            Point(point.period, value, "" if value is not None else "missing")
            for point, value in zip(run[shown], trend[shown], strict=True)
        ],
        projected=projected,
    )

"""The early warning: whether a municipality's latest month left its trend band.

The band is the one the six-month projection (projection.py) gives one month ahead, with its
80 % prediction interval from the series' own past errors, computed from the months before the
latest: a latest value above it rose more than the series' history makes likely, one below it
fell more. It needs the latest month and the 36 unbroken months before it; otherwise the
warning says it cannot be formed (e.g. after the offline snapshot's gap)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from seuraamo.core.memo import once_per_build
from seuraamo.official_stats.derived import Point, parse_statistic
from seuraamo.official_stats.projection import latest_month_band
from seuraamo.official_stats.selectors.series import SeriesStore
from seuraamo.periods import Period

#: What the warning watches: young and long-term unemployed jobseekers (tyonv/12r5).
WATCHED_STATISTICS = ("TYOTTOMAT25", "PITKAAIKAISTYOTTOMAT")
ABOVE, BELOW, INSIDE, UNKNOWN = "above", "below", "inside", "unknown"


@dataclass(frozen=True)
class TrendCheck:
    area_code: str
    statistic: str
    period: str  # the latest month with a value ("" without any)
    value: float | None
    low: float | None  # the trend band for that month (None when it cannot be formed)
    high: float | None
    position: str  # ABOVE, BELOW, INSIDE or UNKNOWN

    @property
    def warns(self) -> bool:
        return self.position in (ABOVE, BELOW)


def _latest_run(points: Sequence[Point]) -> list[float]:
    """The values of the unbroken run of months that ends in the latest month with a value."""
    known = [point for point in points if point.value is not None]
    if not known:
        return []
    run = [known[-1]]
    for point in reversed(known[:-1]):
        if Period.parse(point.period).shift(1).code != run[-1].period:
            break
        run.append(point)
    return [point.value for point in reversed(run)]  # type: ignore[misc]


def check(points: Sequence[Point], area_code: str, statistic: str) -> TrendCheck:
    known = [point for point in points if point.value is not None]
    if not known:
        return TrendCheck(area_code, statistic, "", None, None, None, UNKNOWN)
    latest = known[-1]
    band = latest_month_band(_latest_run(points))
    if band is None or band.low == band.high:
        return TrendCheck(area_code, statistic, latest.period, latest.value, None, None, UNKNOWN)
    value = latest.value
    position = ABOVE if value > band.high else BELOW if value < band.low else INSIDE  # type: ignore[operator]
    return TrendCheck(area_code, statistic, latest.period, value, band.low, band.high, position)


@once_per_build
def trend_checks(
    table_id: str, area_codes: Sequence[str], statistics: Sequence[str] = WATCHED_STATISTICS
) -> list[TrendCheck]:
    """Each area's check of each statistic, areas in the order given (one query)."""
    specs = [parse_statistic(statistic) for statistic in statistics]
    codes = {code for spec in specs for code in spec.content_codes}
    store = SeriesStore(table_id, codes, area_codes)
    return [
        check(store.statistic(spec, area), area, statistic)
        for area in area_codes
        for spec, statistic in zip(specs, statistics, strict=True)
    ]

"""Derived figures, computed from stored observations: pure functions over points, no database.

Rules (also in docs/data-sources.md):

* A ratio (unemployment share, long-term share, vacancies per unemployed) is recomputed from its
  numerator and denominator; for an area that is a union of municipalities the numerators and the
  denominators are summed first, never the percentages.
* A sum over member areas is *missing* when any member's value is missing or suppressed (``...``):
  a partial sum would understate the total without saying so.
* A missing value stays missing (``None``) through every calculation; it is never taken as zero.
* The change from a year earlier compares a period with the same period a year before
  (2026M06 with 2025M06); the 12-month moving average needs all 12 consecutive months.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from seuraamo.core.formatting import rounded
from seuraamo.official_stats.pxweb.checks import MAX_ABS_VALUE
from seuraamo.periods import Period, PeriodError, period_key

#: Status of a derived value whose inputs were incomplete (a member or a month missing).
MISSING = "missing"
#: Status of a stored value that cannot be shown (not a finite number in range): it is read as
#: missing, so a bad row shows as "not available" instead of failing the page.
INVALID = "invalid"
#: Statistics Finland's symbol of a value not published for confidentiality (too few persons).
SUPPRESSED = "..."
#: Status of a total over member areas that cannot be formed because a member's value is
#: suppressed: not itself a suppressed cell of the source, so it is told apart everywhere.
NO_TOTAL = "no-total"


class Point(NamedTuple):
    """One value of a series: the period (``2021M06``, ``2024Q2``, ``2025``), value and status.

    ``value`` is ``None`` when the figure is missing; ``status`` then says why: Statistics Finland's
    symbol (``...`` = suppressed for confidentiality) or ``missing``.
    """

    period: Period
    value: float | None
    status: str = ""


# -- periods ---------------------------------------------------------------------------------


def readable(value: float | None, status: str) -> tuple[float | None, str]:
    """A stored (value, status) as pages and the API may show it: a value that is not a finite
    number within ±``MAX_ABS_VALUE`` (stored before the import checks existed, or edited in the
    database) becomes missing with the status :data:`INVALID`."""
    if value is None or (math.isfinite(value) and abs(value) <= MAX_ABS_VALUE):
        return value, status
    return None, INVALID


def sortable_period(code: str) -> tuple[int, int]:
    """:func:`period_key`, with codes that are not periods sorted after every period."""
    try:
        return period_key(code)
    except PeriodError:
        return (10**9, 0)


def valid_periods(codes: Iterable[str]) -> list[Period]:
    """The codes that are periods, in chronological order (stored garbage left out)."""
    return sorted((Period.parse(code) for code in codes if Period.is_valid(code)), key=period_key)


def periods_per_year(period: str) -> int:
    """12 for months, 4 for quarters, 2 for half-years, 1 for years."""
    return Period.parse(period).frequency.per_year


def shift_period(period: str, steps: int) -> Period:
    """The period ``steps`` periods later (negative: earlier), in the period's own frequency."""
    return Period.parse(period).shift(steps)


def year_earlier(period: str) -> Period:
    """The same period a year before: 2026M06 -> 2025M06, 2024Q2 -> 2023Q2, 2025 -> 2024."""
    return Period.parse(period).year_earlier()


# -- arithmetic with missing values ----------------------------------------------------------


def ratio(
    numerator: float | None, denominator: float | None, *, scale: float = 1.0
) -> float | None:
    """``scale * numerator / denominator``; missing if either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return scale * numerator / denominator


def change(current: float | None, earlier: float | None) -> tuple[float | None, float | None]:
    """Absolute change and percent change from ``earlier`` to ``current`` (missing if unknown)."""
    if current is None or earlier is None:
        return None, None
    return current - earlier, ratio(current - earlier, earlier, scale=100.0)


def sum_or_missing(values: Iterable[float | None]) -> float | None:
    """The sum, or ``None`` if any value is missing or there are no values."""
    total = 0.0
    count = 0
    for value in values:
        if value is None:
            return None
        total += value
        count += 1
    return total if count else None


# -- series ----------------------------------------------------------------------------------


def _combined_status(points: Iterable[Point | None]) -> str:
    for point in points:
        if point is None:
            return MISSING
        if point.value is None:
            return point.status or MISSING
    return ""


def aggregate(members: Mapping[str, Sequence[Point]], member_codes: Sequence[str]) -> list[Point]:
    """Sum the member areas' series period by period.

    A period's sum is missing (``None``) when any member lacks the period or its value; the
    status then says why: :data:`NO_TOTAL` when a member's value is suppressed (``...``), else
    the member's status or ``missing``.
    """
    by_member = {code: {p.period: p for p in members.get(code, ())} for code in member_codes}
    periods = sorted({period for points in by_member.values() for period in points}, key=period_key)
    result = []
    for period in periods:
        points = [by_member[code].get(period) for code in member_codes]
        status = _combined_status(points)
        if status == SUPPRESSED:
            status = NO_TOTAL
        if status:
            result.append(Point(period, None, status))
        else:
            result.append(Point(period, sum_or_missing(p.value for p in points if p), ""))
    return result


def ratio_series(
    numerator: Sequence[Point], denominator: Sequence[Point], *, scale: float = 1.0
) -> list[Point]:
    """``scale * numerator / denominator`` for each period present in the numerator."""
    denominators = {p.period: p for p in denominator}
    result = []
    for point in numerator:
        below = denominators.get(point.period)
        value = ratio(point.value, below.value if below else None, scale=scale)
        status = "" if value is not None else _combined_status([point, below]) or MISSING
        result.append(Point(point.period, value, status))
    return result


def year_on_year(points: Sequence[Point], *, percent: bool = False) -> list[Point]:
    """Change from the same period a year earlier (absolute, or in percent of the earlier value)."""
    by_period = {p.period: p for p in points}
    result = []
    for point in points:
        earlier = by_period.get(year_earlier(point.period))
        absolute, relative = change(point.value, earlier.value if earlier else None)
        value = relative if percent else absolute
        status = "" if value is not None else _combined_status([point, earlier]) or MISSING
        result.append(Point(point.period, value, status))
    return result


def moving_average(points: Sequence[Point], window: int = 12) -> list[Point]:
    """Mean of the ``window`` periods ending at each period; missing unless all are present.

    The first ``window - 1`` periods of a series have no full window and are left out.
    """
    if not points:
        return []
    by_period = {p.period: p for p in points}
    first = min(period_key(p.period) for p in points)
    result = []
    for point in points:
        if period_key(shift_period(point.period, 1 - window)) < first:
            continue
        needed = [by_period.get(shift_period(point.period, -back)) for back in range(window)]
        status = _combined_status(needed)
        if status:
            result.append(Point(point.period, None, status))
        else:
            total = sum_or_missing(p.value for p in needed if p)
            result.append(Point(point.period, None if total is None else total / window, ""))
    return result


# -- derived statistics ------------------------------------------------------------------------


@dataclass(frozen=True)
class RatioStatistic:
    """A figure recomputed from two content codes: ``scale * numerator / denominator``."""

    numerator: str
    denominator: str
    scale: float
    unit: str
    #: Decimals it is published with (and rounded to, half up, as Statistics Finland rounds).
    decimals: int


#: Derived ratio statistics by name (content codes of tyonv/12r5).
RATIO_STATISTICS: dict[str, RatioStatistic] = {
    "share": RatioStatistic("TYOTTOMATLOPUSSA", "TYOVOIMATK", 100.0, "percent", 1),
    "long_term_share": RatioStatistic(
        "PITKAAIKAISTYOTTOMAT", "TYOTTOMATLOPUSSA", 100.0, "percent", 1
    ),
    "under25_share": RatioStatistic("TYOTTOMAT25", "TYOTTOMATLOPUSSA", 100.0, "percent", 1),
    "foreign_share": RatioStatistic("TYOTTOMATULK", "TYOTTOMATLOPUSSA", 100.0, "percent", 1),
    "vacancies_per_unemployed": RatioStatistic(
        "AVPAIKATLOPUSSA", "TYOTTOMATLOPUSSA", 1.0, "ratio", 2
    ),
}

#: Transformations written as a suffix of a statistic name: ``share_ma12``, ``TYOTTOMATLOPUSSA_yoy``.
TRANSFORMS = ("_ma12", "_yoy_pct", "_yoy")


@dataclass(frozen=True)
class StatisticSpec:
    """A parsed statistic name: the base (content code or ratio name) and an optional transform."""

    base: str
    transform: str = ""

    @property
    def ratio(self) -> RatioStatistic | None:
        return RATIO_STATISTICS.get(self.base)

    @property
    def content_codes(self) -> tuple[str, ...]:
        found = self.ratio
        return (found.numerator, found.denominator) if found else (self.base,)


def parse_statistic(statistic: str) -> StatisticSpec:
    """``"share_ma12"`` -> ``StatisticSpec("share", "_ma12")``; a content code stands for itself."""
    for suffix in TRANSFORMS:
        if statistic.endswith(suffix) and len(statistic) > len(suffix):
            return StatisticSpec(statistic[: -len(suffix)], suffix)
    return StatisticSpec(statistic)


def _rounded(points: Sequence[Point], decimals: int) -> list[Point]:
    """A derived figure as it is published: rounded half up to its decimals, so the API, the pages
    and the downloads show the same number (a share of 12.869 is 12.9 everywhere)."""
    return [
        point
        if point.value is None
        else point._replace(value=float(rounded(point.value, decimals)))
        for point in points
    ]


def compute_statistic(spec: StatisticSpec, contents: Mapping[str, Sequence[Point]]) -> list[Point]:
    """The statistic's series from the series of its content codes (already aggregated if needed)."""
    found = spec.ratio
    if found is not None:
        base = _rounded(
            ratio_series(
                contents.get(found.numerator, ()),
                contents.get(found.denominator, ()),
                scale=found.scale,
            ),
            found.decimals,
        )
    else:
        base = list(contents.get(spec.base, ()))
    if spec.transform == "_ma12":
        return moving_average(base, 12)
    if spec.transform == "_yoy":
        return year_on_year(base)
    if spec.transform == "_yoy_pct":
        return year_on_year(base, percent=True)
    return base
